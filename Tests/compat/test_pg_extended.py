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


@pytest.mark.parametrize("placeholder", ["%t", "%b"])
def test_byte_parameters_load_a_varbyte_column(pg, placeholder, unique_name):
    # Drivers send Python bytes / Java byte[] as bytea (OID 17): text as PostgreSQL's `\x` hex
    # format, binary as the bytes themselves (byteasend). r_VARBYTE_type: VARBYTE holds any bytes;
    # TO_HEX prints them back (r_TO_HEX).
    table = f"pg_bytes_{unique_name}"
    with connect(pg, autocommit=True) as conn:
        conn.execute(f"create table {table} (id integer, payload varbyte(16))")
        try:
            conn.execute(f"insert into {table} values (1, {placeholder})", (b"\x00\x01\xab\xff",))
            conn.execute(f"insert into {table} values (2, {placeholder})", (b"",))
            rows = conn.execute(f"select id, to_hex(payload) from {table} order by id").fetchall()
            assert rows == [(1, "0001abff"), (2, "")]
        finally:
            conn.execute(f"drop table {table}")


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


def test_binary_results_of_every_common_type(pg, unique_name):
    # psycopg 3 `binary=True` asks every result column in binary (format code 1).
    table = f"pg_bin_{unique_name}"
    with connect(pg, autocommit=True) as conn:
        conn.execute(f"create table {table} (i int, s smallint, b bigint, n numeric(30,5), r real, d double precision, "
                     f"f boolean, v varchar(10), c char(3), dt date, ts timestamp, tz timestamptz, tm time)")
        try:
            row = (1, 2, 2**40, decimal.Decimal("-123456789012345678901.12345"), 1.5, 2.25, True, "héllo", "ab ",
                   datetime.date(1999, 12, 31), datetime.datetime(2024, 1, 2, 3, 4, 5, 600000),
                   datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc), datetime.time(1, 2, 3, 500000))
            conn.execute(f"insert into {table} values ({', '.join(['%s'] * len(row))})", row)
            conn.execute(f"insert into {table} (i) values (2)")
            cur = conn.cursor(binary=True)
            rows = cur.execute(f"select * from {table} order by i").fetchall()
            assert rows == [row, (2,) + (None,) * (len(row) - 1)]
            assert cur.execute("select interval '1 day 2 hours'").fetchone() == (datetime.timedelta(days=1, hours=2),)
        finally:
            conn.execute(f"drop table {table}")


def test_binary_result_of_a_type_without_one_fails_cleanly(pg):
    # PostgreSQL: "no binary output function available for type …" (42883) when a type has no send function.
    with connect(pg) as conn:
        with pytest.raises(psycopg.errors.UndefinedFunction):
            conn.cursor(binary=True).execute("select json_parse('[1]')")
        conn.rollback()
        assert conn.execute("select 1").fetchone() == (1,)


# --- Describe and Execute with a row limit, over a raw socket (libpq never sends Execute with a limit) ---

import struct  # noqa: E402

from test_pg_wire import RawConnection, bind, cstr, data_rows  # noqa: E402


def test_describe_does_not_run_the_statement(pg, unique_name):
    table = f"pg_desc_{unique_name}"
    conn = RawConnection(pg.pg_host, pg.pg_port)
    try:
        conn.send(b"Q", cstr(f"create table {table} (id integer, name varchar(5))"))
        conn.until_ready()
        conn.send(b"P", cstr("ins") + cstr(f"insert into {table} values (1, 'a')") + struct.pack("!h", 0))
        conn.send(b"P", cstr("sel") + cstr(f"select id, name from {table} where id = $1") +
                  struct.pack("!hi", 1, 23))
        conn.send(b"D", b"S" + cstr("ins"))
        conn.send(b"D", b"S" + cstr("sel"))
        conn.send(b"S")
        messages = conn.until_ready()
        # ParseComplete ×2; Describe ins: ParameterDescription (none), NoData; Describe sel:
        # ParameterDescription (int4), RowDescription (id, name).
        assert [kind for kind, _ in messages] == [b"1", b"1", b"t", b"n", b"t", b"T", b"Z"]
        assert messages[4][1] == struct.pack("!hi", 1, 23)
        assert b"id\0" in messages[5][1] and b"name\0" in messages[5][1]
        conn.send(b"Q", cstr(f"select count(*) from {table}"))
        assert data_rows(conn.until_ready()) == [["0"]]
        conn.send(b"Q", cstr(f"drop table {table}"))
        conn.until_ready()
    finally:
        conn.close()


def test_a_statement_described_again_after_a_change_shows_the_change(pg, unique_name):
    # The same SELECT * described before and after ALTER TABLE ADD COLUMN (r_ALTER_TABLE) from
    # another connection, and around a rolled-back one of its own: RowDescription (protocol-flow,
    # "Extended Query") always lists the table's columns as they stand.
    # A parameter makes psycopg 3 use Parse/Bind/Describe/Execute (without one it sends a Query).
    table = f"pg_redescribe_{unique_name}"
    with connect(pg, autocommit=True) as other, connect(pg, autocommit=True) as conn:
        other.execute(f"create table {table} (id integer)")
        for _ in range(2):
            assert [c.name for c in conn.execute(f"select * from {table} where 1 = %s", (1,)).description] == ["id"]
        other.execute(f"alter table {table} add column note varchar(10)")
        assert [c.name for c in conn.execute(f"select * from {table} where 1 = %s", (1,)).description] == ["id", "note"]
        conn.autocommit = False
        conn.execute(f"alter table {table} add column extra integer")
        assert [c.name for c in conn.execute(f"select * from {table} where 1 = %s", (1,)).description] == ["id", "note", "extra"]
        conn.rollback()
        assert [c.name for c in conn.execute(f"select * from {table} where 1 = %s", (1,)).description] == ["id", "note"]
        conn.rollback()
        other.execute(f"drop table {table}")


def test_execute_with_a_row_limit_suspends_the_portal(pg):
    # protocol-flow.html: Execute with a row limit sends PortalSuspended when rows remain; the next
    # Execute of the portal continues. Inside a transaction block a named portal outlives Sync.
    conn = RawConnection(pg.pg_host, pg.pg_port)
    try:
        conn.send(b"Q", cstr("begin"))
        conn.until_ready()
        conn.send(b"P", cstr("") + cstr("select n from (select 1 as n union all select 2 union all select 3 "
                                        "union all select 4 union all select 5) as t order by n") + struct.pack("!h", 0))
        conn.send(b"B", bind("C_1", "", []))
        conn.send(b"E", cstr("C_1") + struct.pack("!i", 2))
        conn.send(b"S")
        first = conn.until_ready()
        assert [kind for kind, _ in first] == [b"1", b"2", b"D", b"D", b"s", b"Z"]
        assert data_rows(first) == [["1"], ["2"]]
        assert first[-1][1] == b"T"
        conn.send(b"E", cstr("C_1") + struct.pack("!i", 2))
        conn.send(b"E", cstr("C_1") + struct.pack("!i", 2))
        conn.send(b"S")
        rest = conn.until_ready()
        assert [kind for kind, _ in rest] == [b"D", b"D", b"s", b"D", b"C", b"Z"]
        assert data_rows(rest) == [["3"], ["4"], ["5"]]
        assert rest[4][1] == b"SELECT 1\0"
        # COMMIT ends the transaction and its portals (34000 invalid_cursor_name afterwards).
        conn.send(b"Q", cstr("commit"))
        conn.until_ready()
        conn.send(b"E", cstr("C_1") + struct.pack("!i", 2))
        conn.send(b"S")
        closed = conn.until_ready()
        assert closed[0][0] == b"E" and b"C34000\0" in closed[0][1]
    finally:
        conn.close()


def test_unnamed_portal_ends_at_sync_outside_a_transaction(pg):
    conn = RawConnection(pg.pg_host, pg.pg_port)
    try:
        conn.send(b"P", cstr("") + cstr("select 1 union all select 2") + struct.pack("!h", 0))
        conn.send(b"B", bind("", "", []))
        conn.send(b"E", cstr("") + struct.pack("!i", 1))
        conn.send(b"S")
        assert [kind for kind, _ in conn.until_ready()] == [b"1", b"2", b"D", b"s", b"Z"]
        conn.send(b"E", cstr("") + struct.pack("!i", 1))
        conn.send(b"S")
        messages = conn.until_ready()
        assert messages[0][0] == b"E" and b"C34000\0" in messages[0][1]
    finally:
        conn.close()


def test_drop_if_exists_of_a_missing_table_sends_a_notice(pg, unique_name):
    # Developer Guide › DROP TABLE: with IF EXISTS a missing table makes "no changes and return[s] a
    # message that the table doesn't exist"; the message is a NoticeResponse (severity NOTICE).
    notices = []
    with connect(pg, autocommit=True) as conn:
        conn.add_notice_handler(lambda diag: notices.append((diag.severity, diag.sqlstate, diag.message_primary)))
        conn.execute(f"create table pg_kept_{unique_name} (a int)")
        conn.execute(f"drop table if exists pg_gone_{unique_name}, pg_kept_{unique_name}")
        conn.execute(f"drop view if exists pg_gone_view_{unique_name}")
        assert notices == [("NOTICE", "00000", f'table "pg_gone_{unique_name}" does not exist, skipping'),
                           ("NOTICE", "00000", f'view "pg_gone_view_{unique_name}" does not exist, skipping')]
        # The existing table was dropped.
        with pytest.raises(psycopg.errors.UndefinedTable):
            conn.execute(f"select * from pg_kept_{unique_name}")


def test_parameter_types_are_inferred_from_their_context(pg, unique_name):
    # ParameterDescription: Parse's types, else inferred as PostgreSQL infers them (a cast, a
    # comparison with a column, an IN list, an INSERT's target column, LIMIT); int8 20, timestamp 1114, numeric 1700,
    # varchar 1043, date 1082, int4 23 (catalog-pg-type).
    table = f"pg_infer_{unique_name}"
    with connect(pg, autocommit=True) as conn:
        conn.execute(f"create table {table} (id bigint, at timestamp, amount numeric(10,2), name varchar(5))")
        try:
            cases = {
                f"insert into {table} values ($1, $2, $3, $4)": [20, 1114, 1700, 1043],
                f"select * from {table} where id = $1 and $2 < at": [20, 1114],
                "select $1::date, cast($2 as int)": [1082, 23],
                f"select name from {table} where amount in ($1, $2) limit $3": [1700, 1700, 20],
            }
            for sql, expected in cases.items():
                assert conn.pgconn.prepare(b"", sql.encode()).error_message == b""
                described = conn.pgconn.describe_prepared(b"")
                assert [described.param_type(i) for i in range(described.nparams)] == expected, sql
            # Parse's own types win over the context.
            assert conn.pgconn.prepare(b"", f"select * from {table} where id = $1".encode(), [23]).error_message == b""
            assert conn.pgconn.describe_prepared(b"").param_type(0) == 23
        finally:
            conn.execute(f"drop table {table}")


def test_an_empty_query_is_described_as_no_data(pg):
    # protocol-flow.html: an empty query string gets EmptyQueryResponse at Execute; Describe gives NoData.
    conn = RawConnection(pg.pg_host, pg.pg_port)
    try:
        conn.send(b"P", cstr("") + cstr("-- nothing") + struct.pack("!h", 0))
        conn.send(b"D", b"S" + cstr(""))
        conn.send(b"B", bind("", "", []))
        conn.send(b"E", cstr("") + struct.pack("!i", 0))
        conn.send(b"S")
        assert [kind for kind, _ in conn.until_ready()] == [b"1", b"t", b"n", b"2", b"I", b"Z"]
    finally:
        conn.close()


def test_error_positions_point_into_the_sql_the_client_sent(pg):
    # ErrorResponse `P` is a 1-based character position in the original query string
    # (protocol-error-fields.html), whatever the server did with `$n`.
    with connect(pg) as conn:
        sql = "select %s::int + nosuchcol"
        with pytest.raises(psycopg.errors.UndefinedColumn) as raised:
            conn.execute(sql, (1,))
        sent = sql.replace("%s", "$1")
        assert int(raised.value.diag.statement_position) == sent.index("nosuchcol") + 1


def test_transaction_control_with_nothing_to_do_warns(pg):
    # PostgreSQL's WARNINGs (errcodes-appendix: 25001 active_sql_transaction, 25P01
    # no_active_sql_transaction); Redshift keeps a second BEGIN a warning, not an error.
    notices = []
    with connect(pg, autocommit=True) as conn:
        conn.add_notice_handler(lambda diag: notices.append((diag.severity, diag.sqlstate, diag.message_primary)))
        conn.execute("commit")
        conn.execute("begin")
        conn.execute("begin")
        conn.execute("rollback")
    assert notices == [("WARNING", "25P01", "there is no transaction in progress"),
                       ("WARNING", "25001", "there is already a transaction in progress")]


@pytest.mark.parametrize("binary", [False, True])
def test_psycopg3_named_cursor_fetches_in_batches(pg, unique_name, binary):
    # psycopg 3's server-side cursors: DECLARE, then Describe of the cursor as a portal (SQL
    # cursors are portals, protocol-flow.html › Extended Query), then FETCH FORWARD n in turns.
    # Developer Guide › DECLARE / FETCH: a cursor lives inside a transaction block.
    table = f"cur_{unique_name}"
    with connect(pg) as conn:
        conn.execute(f"create table {table} (id int, name varchar(10))")
        conn.execute(f"insert into {table} values " + ",".join(f"({i}, 'n{i}')" for i in range(5)))
        conn.commit()
        with conn.transaction():
            cur = conn.cursor(name="batches", binary=binary)
            cur.itersize = 2
            cur.execute(f"select id, name from {table} order by id")
            assert [c.name for c in cur.description] == ["id", "name"]
            assert [c.type_code for c in cur.description] == [23, 1043]
            assert cur.fetchmany(2) == [(0, "n0"), (1, "n1")]
            assert list(cur) == [(2, "n2"), (3, "n3"), (4, "n4")]
            cur.close()


def test_describe_of_an_unknown_portal_is_34000(pg):
    with connect(pg) as conn:
        with pytest.raises(psycopg.errors.InvalidCursorName):
            conn.cursor(name="never_declared").fetchone()
