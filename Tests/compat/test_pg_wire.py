"""The PostgreSQL door (cluster endpoint, issue 13, first slice): psql and psycopg2 against the
built server, and a cross-door check with boto3's Data API.

Expected values come from the documentation, not from our output:
- PostgreSQL protocol and tags: https://www.postgresql.org/docs/current/protocol-message-formats.html
  (CommandComplete: `INSERT 0 rows`, `SELECT rows`, `UPDATE rows`, `DELETE rows`).
- SQLSTATEs: https://www.postgresql.org/docs/current/errcodes-appendix.html (42P01 undefined_table,
  25P02 in_failed_sql_transaction).
- Type OIDs: https://www.postgresql.org/docs/current/catalog-pg-type.html (int4 23, int8 20,
  numeric 1700, varchar 1043, bool 16, date 1082, timestamp 1114, float8 701).
- VERSION(): https://docs.aws.amazon.com/redshift/latest/dg/r_VERSION.html (`PostgreSQL 8.0.2 on
  i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.…`).
- Connecting (server_version 8.0.2, port 5439):
  https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-to-cluster.html
"""

import datetime
import decimal
import shutil
import subprocess

import pytest

psycopg2 = pytest.importorskip("psycopg2")

from conftest import query, make_client  # noqa: E402


@pytest.fixture(scope="module")
def pg(server):
    assert server.pg_port, "the server did not print the postgresql ready line"
    return server


def connect(server, user="awsuser", database="dev", **kw):
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user=user, password="any",
                            dbname=database, sslmode="disable", connect_timeout=10, **kw)
    return conn


def test_ready_line_names_the_postgresql_endpoint(pg):
    # DESIGN.md: stdout's second line is `emulatord listening on postgresql://HOST:PGPORT`.
    assert pg.pg_host == "127.0.0.1"
    assert 0 < pg.pg_port < 65536


def test_connect_and_select_1(pg):
    conn = connect(pg)
    try:
        # Redshift reports server_version 8.0.2 (connecting-to-cluster; issue 13).
        assert conn.get_parameter_status("server_version") == "8.0.2"
        assert conn.get_parameter_status("client_encoding") == "UTF8"
        assert conn.get_parameter_status("DateStyle") == "ISO, MDY"
        assert conn.get_parameter_status("integer_datetimes") == "on"
        assert conn.get_parameter_status("standard_conforming_strings") == "on"
        assert conn.get_parameter_status("session_authorization") == "awsuser"
        assert conn.server_version == 80002
        cur = conn.cursor()
        cur.execute("select 1")
        assert cur.fetchall() == [(1,)]
        assert cur.description[0].type_code == 23   # int4
        assert cur.statusmessage == "SELECT 1"
    finally:
        conn.close()


def test_select_version_is_redshift(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute("select version()")
        (text,) = cur.fetchone()
        assert text.startswith("PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 "
                               "20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.")
    finally:
        conn.close()


def test_typed_columns_round_trip(pg, unique_name):
    table = f"pgw_{unique_name}"
    conn = connect(pg)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        cur.execute(f"create table {table} (i int, b bigint, n numeric(10,2), v varchar(20), f boolean, "
                    f"d date, ts timestamp, x float8)")
        assert cur.statusmessage == "CREATE TABLE"
        cur.execute(f"insert into {table} values (1, 9000000000, 12.50, 'héllo', true, '2024-02-29', "
                    f"'2024-02-29 13:14:15', 1.5), (2, null, null, null, false, null, null, null)")
        assert cur.statusmessage == "INSERT 0 2"
        assert cur.rowcount == 2
        cur.execute(f"select i, b, n, v, f, d, ts, x from {table} order by i")
        assert [c.type_code for c in cur.description] == [23, 20, 1700, 1043, 16, 1082, 1114, 701]
        assert cur.fetchall() == [
            (1, 9000000000, decimal.Decimal("12.50"), "héllo", True, datetime.date(2024, 2, 29),
             datetime.datetime(2024, 2, 29, 13, 14, 15), 1.5),
            (2, None, None, None, False, None, None, None),
        ]
        cur.execute(f"update {table} set v = 'x' where i = 2")
        assert cur.statusmessage == "UPDATE 1"
        cur.execute(f"delete from {table}")
        assert cur.statusmessage == "DELETE 2"
    finally:
        conn.close()


def test_undefined_table_is_42P01(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        with pytest.raises(psycopg2.Error) as excinfo:
            cur.execute("select * from pgw_no_such_table")
        assert excinfo.value.pgcode == "42P01"
        assert excinfo.value.diag.severity == "ERROR"
        assert 'relation "pgw_no_such_table" does not exist' in excinfo.value.diag.message_primary
        assert not excinfo.value.diag.message_primary.startswith("ERROR:")
        # psycopg2 opened a transaction (BEGIN) before the statement: it is now failed ('E').
        assert conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_INERROR
        with pytest.raises(psycopg2.Error) as again:
            cur.execute("select 1")
        assert again.value.pgcode == "25P02"
        conn.rollback()
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
    finally:
        conn.close()


def test_begin_rollback_discards_the_insert(pg, unique_name):
    table = f"pgw_tx_{unique_name}"
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute(f"create table {table} (a int)")
        conn.commit()
        cur.execute(f"insert into {table} values (1)")
        assert conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_INTRANS
        conn.rollback()
        assert conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_IDLE
        cur.execute(f"select count(*) from {table}")
        assert cur.fetchone() == (0,)
        conn.commit()
    finally:
        conn.close()


def test_several_statements_in_one_query_string(pg, unique_name):
    table = f"pgw_multi_{unique_name}"
    conn = connect(pg)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        # The simple protocol: every statement runs; the last one's result is what the client reads.
        cur.execute(f"create table {table} (a int); insert into {table} values (1), (2), (3); "
                    f"select sum(a) from {table}")
        assert cur.fetchall() == [(6,)]
    finally:
        conn.close()


def test_text_parameters_are_bound(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        # psycopg2 interpolates on the client; the value must reach the server intact.
        cur.execute("select %s || 'x', %s + 1", ("it's", 41))
        assert cur.fetchone() == ("it'sx", 42)
    finally:
        conn.close()


def test_written_by_psycopg2_read_by_the_data_api(pg, endpoint, unique_name):
    # One engine, two doors: the PostgreSQL door serves dev-cluster (the default --pg-cluster).
    table = f"pgw_cross_{unique_name}"
    conn = connect(pg)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        cur.execute(f"create table {table} (id int, name varchar(10))")
        cur.execute(f"insert into {table} values (7, 'seven')")
    finally:
        conn.close()
    client = make_client(endpoint)
    got = query(client, f"select id, name from {table}", ClusterIdentifier="dev-cluster", Database="dev",
                DbUser="awsuser")
    assert got == [[7, "seven"]]


@pytest.mark.skipif(shutil.which("psql") is None, reason="psql (postgresql-client) is not installed")
def test_psql(pg):
    env = {"PGPASSWORD": "any", "PGSSLMODE": "prefer", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        ["psql", "-h", pg.pg_host, "-p", str(pg.pg_port), "-U", "awsuser", "-d", "dev", "-X", "-A", "-t",
         "-v", "ON_ERROR_STOP=1", "-c", "select 1 + 1 as two", "-c", "select 'a' || 'b'"],
        env=env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["2", "ab"]
    bad = subprocess.run(
        ["psql", "-h", pg.pg_host, "-p", str(pg.pg_port), "-U", "awsuser", "-d", "dev", "-X",
         "-v", "ON_ERROR_STOP=1", "-c", "select * from pgw_missing_for_psql"],
        env=env, capture_output=True, text=True, timeout=30)
    assert bad.returncode == 1
    assert 'relation "pgw_missing_for_psql" does not exist' in bad.stderr
