"""Transactions across round trips and between connections on the PostgreSQL door (issue 13,
item 3), driven with psycopg2.

Expected behaviour from the documentation:
- Developer Guide › Serializable isolation: concurrent transactions are serializable; when two
  transactions cannot be serialized, one fails with `ERROR: 1023 DETAIL: Serializable isolation
  violation on table …`, and its transaction must be rolled back.
  https://docs.aws.amazon.com/redshift/latest/dg/c_serial_isolation.html
- Developer Guide › BEGIN / COMMIT / ROLLBACK: changes of an open transaction are visible only to
  it until COMMIT; ROLLBACK discards them.
- PostgreSQL errcodes appendix: 25P02 in_failed_sql_transaction.
"""

import pytest

psycopg2 = pytest.importorskip("psycopg2")

from conftest import make_client, pg_connect, run_ok  # noqa: E402


connect = pg_connect


def test_uncommitted_rows_are_invisible_to_other_connections_until_commit(pg, endpoint):
    writer, reader = connect(pg), connect(pg)
    try:
        cur = writer.cursor()
        cur.execute("drop table if exists tx_visibility")
        cur.execute("create table tx_visibility (id int)")
        writer.commit()
        cur.execute("insert into tx_visibility values (1), (2)")   # psycopg2 opened a transaction
        rcur = reader.cursor()
        rcur.execute("select count(*) from tx_visibility")
        assert rcur.fetchone()[0] == 0
        reader.rollback()
        writer.commit()
        rcur.execute("select count(*) from tx_visibility")
        assert rcur.fetchone()[0] == 2
        reader.rollback()
        # The other door sees the committed rows too.
        client = make_client(endpoint)
        result = run_ok(client, "select count(*) from tx_visibility", ClusterIdentifier="dev-cluster",
                        Database="dev", DbUser="awsuser")
        rows = client.get_statement_result(Id=result["Id"])["Records"]
        assert rows == [[{"longValue": 2}]]
    finally:
        writer.close()
        reader.close()


def test_rollback_discards_and_a_failed_statement_aborts_the_block(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute("drop table if exists tx_rollback")
        cur.execute("create table tx_rollback (id int)")
        conn.commit()
        cur.execute("insert into tx_rollback values (1)")
        conn.rollback()
        cur.execute("select count(*) from tx_rollback")
        assert cur.fetchone()[0] == 0
        with pytest.raises(psycopg2.Error):
            cur.execute("select * from tx_no_such_table")
        with pytest.raises(psycopg2.Error) as aborted:
            cur.execute("select 1")
        assert aborted.value.pgcode == "25P02"
        conn.rollback()
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
    finally:
        conn.close()


def test_a_write_cycle_between_two_connections_fails_one_with_serializable_isolation_violation(pg):
    first, second = connect(pg), connect(pg)
    try:
        cur = first.cursor()
        cur.execute("drop table if exists tx_cycle")
        cur.execute("create table tx_cycle (id int)")
        first.commit()
        # Both read the table, then both write it: they cannot be serialized.
        c1, c2 = first.cursor(), second.cursor()
        c1.execute("select count(*) from tx_cycle")
        c2.execute("select count(*) from tx_cycle")
        c1.execute("insert into tx_cycle values (1)")
        with pytest.raises(psycopg2.Error) as violation:
            c2.execute("insert into tx_cycle values (2)")
        assert "Serializable isolation violation" in str(violation.value)
        second.rollback()
        first.commit()
        c2.execute("select id from tx_cycle")
        assert c2.fetchall() == [(1,)]
        second.rollback()
    finally:
        first.close()
        second.close()
