"""The PostgreSQL door's extended query protocol (issue 13): Bind in text and binary, NULL
parameters, parameter and result types, Describe, Execute with a row limit, notices, driven by
psycopg 3 (which binds through Parse/Bind/Execute, binary with `%b` and `binary=True`).

Expected values come from the documentation, not from our output:
- Formats and messages: https://www.postgresql.org/docs/current/protocol-message-formats.html and
  protocol-overview.html#PROTOCOL-FORMAT-CODES (binary formats are each type's `send` function).
- Bind errors: https://www.postgresql.org/docs/current/errcodes-appendix.html (08P01 protocol_violation,
  22P03 invalid_binary_representation).
- Redshift types: Developer Guide › Data types (c_Supported_data_types): SMALLINT, INTEGER, BIGINT,
  DECIMAL, REAL, DOUBLE PRECISION, BOOLEAN, CHAR, VARCHAR, DATE, TIMESTAMP, TIMESTAMPTZ, TIME.
"""

import datetime
import decimal

import pytest

psycopg = pytest.importorskip("psycopg")


@pytest.fixture(scope="module")
def pg(server):
    assert server.pg_port, "the server did not print the postgresql ready line"
    return server


def connect(server, **kw):
    return psycopg.connect(host=server.pg_host, port=server.pg_port, user="awsuser", password="any",
                           dbname="dev", sslmode="disable", connect_timeout=10, **kw)


VALUES = (
    7, 2**40, 1.5, True, decimal.Decimal("-12.3400"), "héllo",
    datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5, 600000),
    datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc), datetime.time(1, 2, 3, 500000),
)


@pytest.mark.parametrize("placeholder", ["%s", "%t", "%b"])
def test_parameters_of_every_common_type_round_trip(pg, placeholder):
    # %t binds text, %b binary, %s lets psycopg choose (binary for numbers and dates in psycopg 3).
    with connect(pg) as conn:
        cur = conn.execute("select " + ", ".join([placeholder] * len(VALUES)), VALUES)
        assert cur.fetchone() == VALUES


def test_a_typed_parameter_keeps_its_type(pg):
    # Parse gave int8, float8, numeric, date: `SELECT $1` answers that type (PostgreSQL types the
    # parameter from Parse; OIDs from catalog-pg-type).
    with connect(pg) as conn:
        cur = conn.execute("select %b, %b, %b, %b", (2**40, 1.5, decimal.Decimal("1.25"), datetime.date(2024, 1, 1)))
        assert [d.type_code for d in cur.description] == [20, 701, 1700, 1082]


@pytest.mark.parametrize("placeholder", ["%t", "%b"])
def test_null_parameters_bind(pg, placeholder, unique_name):
    table = f"pg_null_{unique_name}"
    with connect(pg, autocommit=True) as conn:
        conn.execute(f"create table {table} (id integer, name varchar(20), born date, amount decimal(10,2))")
        try:
            conn.execute(f"insert into {table} values ({placeholder}, {placeholder}, {placeholder}, {placeholder})",
                         (1, None, None, None))
            conn.execute(f"insert into {table} values ({placeholder}, {placeholder}, {placeholder}, {placeholder})",
                         (2, "bo", datetime.date(2001, 2, 3), decimal.Decimal("4.50")))
            rows = conn.execute(f"select id, name, born, amount from {table} where name is null or id = {placeholder} "
                                f"order by id", (2,)).fetchall()
            assert rows == [(1, None, None, None), (2, "bo", datetime.date(2001, 2, 3), decimal.Decimal("4.50"))]
            assert conn.execute(f"select count(*) from {table} where {placeholder}::int is null", (None,)).fetchone() == (2,)
        finally:
            conn.execute(f"drop table {table}")


def test_parameters_compare_with_columns(pg, unique_name):
    table = f"pg_cmp_{unique_name}"
    with connect(pg, autocommit=True) as conn:
        conn.execute(f"create table {table} (id bigint, at timestamp, ok boolean)")
        try:
            conn.execute(f"insert into {table} values (1, '2024-01-01 10:00:00', true), (2, '2024-06-01', false)")
            rows = conn.execute(f"select id from {table} where at < %b and ok = %b and id >= %b",
                                (datetime.datetime(2024, 3, 1), True, 1)).fetchall()
            assert rows == [(1,)]
        finally:
            conn.execute(f"drop table {table}")


def test_wrong_parameter_count_is_a_protocol_error(pg):
    # PostgreSQL: "bind message supplies 1 parameters, but prepared statement "" requires 2" (08P01).
    with connect(pg) as conn:
        result = conn.pgconn.exec_params(b"select $1, $2", [b"1"])
        assert result.error_field(psycopg.pq.DiagnosticField.SQLSTATE) == b"08P01"
        assert b"bind message supplies 1 parameters" in result.error_field(psycopg.pq.DiagnosticField.MESSAGE_PRIMARY)
        assert conn.execute("select 1").fetchone() == (1,)


def test_bad_binary_data_fails_the_bind_and_the_connection_recovers(pg):
    # A 2-byte int8 is not int8send's format: 22P03 invalid_binary_representation.
    with connect(pg) as conn:
        result = conn.pgconn.exec_params(b"select $1", [b"\x00\x01"], [20], [1])
        assert result.error_field(psycopg.pq.DiagnosticField.SQLSTATE) == b"22P03"
        assert conn.execute("select %s", (3,)).fetchone() == (3,)
