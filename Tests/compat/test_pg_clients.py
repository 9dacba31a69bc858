"""redshift_connector (the Python driver dbt-redshift uses) against the PostgreSQL door (issue 13),
with `ssl=False`.

What the driver does is read from its source (redshift_connector/core.py): it sends
`client_protocol_version` (default 2, BINARY) in the StartupMessage and follows the server's
ParameterStatus `server_protocol_version`; at 1 and up it reads the extended RowDescription
(schema, table, column and catalog names and flags after each field); it asks binary results
for most types, and at 2 reads a numeric as its unscaled integer. Parameters are bound with
Parse types (int2/int4/int8, float8, bool, timestamp, timestamptz binary; numeric, date, time,
strings as text; NULL as type 705 with a NULL value).

Expected values come from the documentation:
- Developer Guide › Data types (c_Supported_data_types) for the types and their values.
- https://www.postgresql.org/docs/current/errcodes-appendix.html: 42P01 undefined_table,
  22012 division_by_zero, 25P02 in_failed_sql_transaction.
"""

import datetime
import decimal

import pytest

redshift_connector = pytest.importorskip("redshift_connector")


def connect(server, **kw):
    return redshift_connector.connect(host=server.pg_host, port=server.pg_port, user="awsuser", password="any",
                                      database="dev", ssl=False, timeout=10, **kw)


ROW = (
    1, 2, 2**40, decimal.Decimal("-12.34"), decimal.Decimal("123456789012345678901.12345"), 1.5, 2.25, True,
    "héllo", "ab ", datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5, 600000),
    datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc), datetime.time(1, 2, 3),
)
COLUMNS = ("i integer, s smallint, b bigint, n numeric(10,2), w numeric(30,5), r real, d double precision, "
           "f boolean, v varchar(10), ch char(3), dt date, ts timestamp, tz timestamptz, tm time")


@pytest.mark.parametrize("protocol", [0, 1, 2])
def test_server_protocol_version_follows_the_request(pg, protocol):
    conn = connect(pg, client_protocol_version=protocol)
    try:
        assert (b"server_protocol_version", str(protocol).encode()) in conn.parameter_statuses
        assert conn._client_protocol_version == protocol
    finally:
        conn.close()


@pytest.mark.parametrize("protocol", [0, 1, 2])
def test_parameters_and_results_of_every_common_type(pg, protocol):
    conn = connect(pg, client_protocol_version=protocol)
    try:
        cur = conn.cursor()
        cur.execute(f"create temp table rc_types ({COLUMNS})")
        cur.execute("insert into rc_types values (" + ", ".join(["%s"] * len(ROW)) + ")", ROW)
        cur.execute("insert into rc_types (i) values (%s)", (None,))
        cur.execute("select * from rc_types order by i nulls last")
        rows = cur.fetchall()
        assert tuple(rows[0]) == ROW
        assert tuple(rows[1]) == (None,) * len(ROW)
        # Type OIDs (catalog-pg-type): int4 23, int2 21, int8 20, numeric 1700, float4 700, float8 701,
        # bool 16, varchar 1043, bpchar 1042, date 1082, timestamp 1114, timestamptz 1184, time 1083.
        assert [d[1] for d in cur.description] == [23, 21, 20, 1700, 1700, 700, 701, 16, 1043, 1042, 1082, 1114,
                                                  1184, 1083]
        conn.rollback()
    finally:
        conn.close()


def test_intervals_and_time_zones(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute("select interval '1 day 2 hours', '01:02:03+00'::timetz")
        interval, timetz = cur.fetchone()
        assert interval == datetime.timedelta(days=1, hours=2)
        assert timetz == datetime.time(1, 2, 3, tzinfo=datetime.timezone.utc)
    finally:
        conn.close()


def test_extended_row_description_names_the_source_column(pg, unique_name):
    table = f"rc_meta_{unique_name}"
    conn = connect(pg, client_protocol_version=1)
    try:
        conn.autocommit = True
        cur = conn.cursor()
        cur.execute(f"create table {table} (id integer not null, name varchar(10))")
        cur.execute(f"select id, name, 1 as one from {table}")
        fields = cur.ps["row_desc"]
        assert [f["label"] for f in fields] == [b"id", b"name", b"one"]
        assert fields[0]["schema_name"] == b"public" and fields[0]["table_name"] == table.encode()
        assert fields[0]["column_name"] == b"id" and fields[0]["catalog_name"] == b"dev"
        assert fields[0]["nullable"] == 0 and fields[1]["nullable"] == 1
        cur.execute(f"drop table {table}")
    finally:
        conn.close()


def test_queries_without_parameters_and_with_repeated_ones(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute("select 1 as a, 'x' as b")
        assert cur.fetchall() == ([1, "x"],)
        assert [d[0] for d in cur.description] == ["a", "b"]
        for value in (1, 2, 3):   # the prepared statement is reused for the same types
            cur.execute("select %s + 1", (value,))
            assert cur.fetchone()[0] == value + 1
    finally:
        conn.close()


def test_errors_keep_the_connection_usable(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        with pytest.raises(redshift_connector.ProgrammingError) as raised:
            cur.execute("select * from rc_no_such_table")
        assert raised.value.args[0]["C"] == "42P01"
        conn.rollback()
        with pytest.raises(redshift_connector.ProgrammingError) as raised:
            cur.execute("select 1/%s", (0,))
        assert raised.value.args[0]["C"] == "22012"
        conn.rollback()
        cur.execute("select 2")
        assert cur.fetchone()[0] == 2
    finally:
        conn.close()


def test_transactions_commit_and_roll_back(pg, unique_name):
    table = f"rc_tx_{unique_name}"
    conn = connect(pg)
    other = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute(f"create table {table} (i integer)")
        conn.commit()
        cur.execute(f"insert into {table} values (%s)", (1,))
        conn.rollback()
        cur.execute(f"insert into {table} values (%s)", (2,))
        conn.commit()
        check = other.cursor()
        check.execute(f"select i from {table}")
        assert check.fetchall() == ([2],)
        other.commit()
        # In a failed block every statement fails with 25P02 until ROLLBACK.
        with pytest.raises(redshift_connector.ProgrammingError):
            cur.execute("select * from rc_no_such_table")
        with pytest.raises(redshift_connector.ProgrammingError) as raised:
            cur.execute("select 1")
        assert raised.value.args[0]["C"] == "25P02"
        conn.rollback()
        cur.execute(f"drop table {table}")
        conn.commit()
    finally:
        conn.close()
        other.close()


def test_several_statements_in_one_execute_are_refused_as_redshift_refuses_them(pg):
    # redshift_connector always prepares; Redshift answers Parse of several statements with
    # "cannot insert multiple commands into a prepared statement" (42601;
    # github.com/aws/amazon-redshift-python-driver/issues/21).
    conn = connect(pg)
    try:
        cur = conn.cursor()
        with pytest.raises(redshift_connector.ProgrammingError) as raised:
            cur.execute("select 1; select 2")
        assert raised.value.args[0]["C"] == "42601"
        assert raised.value.args[0]["M"] == "cannot insert multiple commands into a prepared statement"
        conn.rollback()
        cur.execute("select 1;")
        assert cur.fetchone()[0] == 1
    finally:
        conn.close()
