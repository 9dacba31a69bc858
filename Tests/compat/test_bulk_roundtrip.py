"""UNLOAD then COPY back, for every Redshift type, in each format where Redshift documents the round
trip; and a cancel or a statement timeout stopping a long COPY with nothing loaded.

Facts: r_UNLOAD (ESCAPE: "If you loaded your data using a COPY with the ESCAPE option, you must also
specify the ESCAPE option with your UNLOAD command to generate the reciprocal output file"; NULL AS:
without it, nulls are unloaded as zero-length strings in delimited output; FORMAT PARQUET, JSON, CSV,
GZIP, ZSTD), r_COPY and copy-parameters-data-format / copy-parameters-data-conversion (ESCAPE, NULL
AS, an empty CHAR/VARCHAR field loads as an empty string without EMPTYASNULL), copy-usage-varbyte
(VARBYTE loads from CSV (hexadecimal), Parquet and ORC), t_Unloading_tables and
t_Reloading_unload_files ("unload ... with ESCAPE ... to reload" the same rows), PG_CANCEL_BACKEND,
r_statement_timeout, and the Data API's CancelStatement.
"""

from __future__ import annotations

import threading
import time
import uuid

import psycopg2
import pytest

from conftest import run, wait, wait_until_running

ROLE = "iam_role 'arn:aws:iam::123456789012:role/RoundTrip'"
LOAD_FAILED = "Load into table '{}' failed.  Check 'stl_load_errors' system table for details."

COLUMNS = [
    ("id", "integer"), ("c_small", "smallint"), ("c_int", "integer"), ("c_big", "bigint"),
    ("c_dec", "decimal(38,10)"), ("c_money", "decimal(12,2)"), ("c_real", "real"), ("c_double", "double precision"),
    ("c_bool", "boolean"), ("c_char", "char(12)"), ("c_varchar", "varchar(200)"), ("c_date", "date"),
    ("c_ts", "timestamp"), ("c_tstz", "timestamptz"), ("c_time", "time"), ("c_timetz", "timetz"),
    ("c_varbyte", "varbyte(16)"),
]

# Floating-point values have at most 15 significant digits: text output shows DBL_DIG (15) digits
# unless extra_float_digits is raised (r_extra_float_digits: "useful for ... float data that needs to
# be restored exactly"), so a 17-digit double is not restored exactly by a text round trip there either.
# Every row uses each column's edge: minimums and maximums, negative decimals at full scale, tiny and
# huge floating-point values, every character delimited formats must escape, multibyte text, and a
# row of NULLs in every column but the key.
ROWS = [
    "(1, -32768, -2147483648, -9223372036854775808, -1234567890123456789012345678.0123456789, -9999999999.99,"
    " -3.5, -1.79769313486231e308, false, 'a', 'pipe|comma,quote\"tab\tback\\\\slash', '0001-01-01',"
    " '1900-01-01 00:00:00', '1970-01-01 00:00:00+00', '00:00:00', '00:00:00+00', 'ab'::varbyte)",
    "(2, 32767, 2147483647, 9223372036854775807, 1234567890123456789012345678.0123456789, 9999999999.99,"
    " 0.15625, 2.2250738585072e-308, true, 'Zurich  ', 'line\nfeed and \r return | ''single''', '9999-12-31',"
    " '2024-02-29 23:59:59.999999', '2024-06-30 12:34:56.5+00', '23:59:59.999999', '12:30:00+05:30',"
    " 'Zz|9'::varbyte)",
    "(3, 0, 0, 0, 0.0000000001, -0.01, 1e-30, 1.5e300, true, '', 'Ünïcödé – 日本語 🚀 кириллица', '2000-02-29',"
    " '1999-12-31 23:59:59', '2038-01-19 03:14:07+00', '12:00:00.5', '23:59:59-08', '\x01'::varbyte)",
    "(4, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null)",
]


def connect(backend):
    conn = psycopg2.connect(host=backend.server.pg_host, port=backend.server.pg_port, user="awsuser",
                            password="any", dbname="dev", sslmode="disable", connect_timeout=10)
    conn.autocommit = True
    return conn


def execute(conn, sql: str):
    with conn.cursor() as cur:
        cur.execute(sql)
        return cur.fetchall() if cur.description else None


def create(conn, name: str, columns=COLUMNS) -> None:
    execute(conn, f"create table {name} ({', '.join(f'{c} {t}' for c, t in columns)})")


def source_table(conn, columns=COLUMNS, rows=ROWS) -> str:
    name = f"src_{uuid.uuid4().hex[:10]}"
    create(conn, name, columns)
    keep = len(columns)
    # A row literal's values, cut to the columns in use (VARBYTE is the last one).
    values = rows if keep == len(COLUMNS) else [cut(r, keep) for r in rows]
    execute(conn, f"insert into {name} values {', '.join(values)}")
    return name


def cut(row: str, keep: int) -> str:
    """The row literal without its last value (the VARBYTE column): formats that cannot load it."""
    assert keep == len(COLUMNS) - 1
    return row[: row.rindex(",")] + ")"


def assert_identical(conn, source: str, copy: str, columns=COLUMNS) -> None:
    """Row by row, and EXCEPT both ways (every row has a distinct id, so EXCEPT is EXCEPT ALL)."""
    names = ", ".join(c for c, _ in columns)
    original = execute(conn, f"select {names} from {source} order by id")
    loaded = execute(conn, f"select {names} from {copy} order by id")
    assert len(loaded) == len(original)
    for want, got in zip(original, loaded):
        assert got == want, f"row {want[0]}: {got} != {want}"
    for a, b in ((source, copy), (copy, source)):
        assert execute(conn, f"select count(*) from (select {names} from {a} except select {names} from {b}) d") == [(0,)]


def round_trip(backend, conn, unload_options: str, copy_options: str, columns=COLUMNS) -> tuple[str, str]:
    source = source_table(conn, columns)
    prefix = f"rt/{uuid.uuid4().hex[:10]}/"
    execute(conn, f"unload ('select * from {source}') to '{backend.url(prefix)}' {ROLE} {unload_options}")
    assert backend.keys(prefix), "UNLOAD wrote no file"
    target = f"dst_{uuid.uuid4().hex[:10]}"
    create(conn, target, columns)
    execute(conn, f"copy {target} from '{backend.url(prefix)}' {ROLE} {copy_options}")
    return source, target


TEXT_COLUMNS = COLUMNS[:-1]   # copy-usage-varbyte: VARBYTE loads from CSV, Parquet and ORC only


@pytest.mark.parametrize("unload_options, copy_options, columns", [
    # t_Reloading_unload_files / r_UNLOAD ESCAPE: pipe-delimited text with ESCAPE on both sides.
    ("escape null as 'NULL'", "escape null as 'NULL'", TEXT_COLUMNS),
    ("delimiter ',' escape null as 'NULL' parallel off", "delimiter ',' escape null as 'NULL'", TEXT_COLUMNS),
    ("escape null as 'NULL' zstd", "escape null as 'NULL' zstd", TEXT_COLUMNS),
    ("escape null as 'NULL' bzip2", "escape null as 'NULL' bzip2", TEXT_COLUMNS),
    # r_UNLOAD ADDQUOTES: "you must specify REMOVEQUOTES in the COPY" to reload (with ESCAPE for quotes).
    ("addquotes escape null as 'NULL'", "removequotes escape null as 'NULL'", TEXT_COLUMNS),
    # r_UNLOAD HEADER with COPY IGNOREHEADER 1 (one header line in each file).
    ("csv header null as 'NULL'", "csv ignoreheader 1 null as 'NULL'", COLUMNS),
    # CSV: quoting carries delimiters, quotes and line breaks; VARBYTE as hexadecimal (copy-usage-varbyte).
    ("csv null as 'NULL'", "csv null as 'NULL'", COLUMNS),
    ("csv null as 'NULL' gzip", "csv null as 'NULL' gzip", COLUMNS),
    ("csv null as 'NULL' zstd parallel off", "csv null as 'NULL' zstd", COLUMNS),
    # Parquet: typed columns, NULLs as definition levels (r_UNLOAD FORMAT PARQUET, COPY FORMAT PARQUET).
    ("format parquet", "format parquet", COLUMNS),
    # JSON: one object per line; COPY 'auto' matches keys to column names (r_UNLOAD FORMAT JSON).
    ("format json", "format json 'auto'", TEXT_COLUMNS),
], ids=["text-escape", "comma-escape", "text-zstd", "text-bzip2", "addquotes", "csv-header", "csv", "csv-gzip", "csv-zstd", "parquet", "json"])
def test_unload_then_copy_gives_an_identical_table(s3_backend, unload_options, copy_options, columns):
    conn = connect(s3_backend)
    try:
        source, target = round_trip(s3_backend, conn, unload_options, copy_options, columns)
        assert_identical(conn, source, target, columns)
        assert execute(conn, "select pg_last_copy_count()") == [(len(ROWS),)]
    finally:
        conn.close()


def test_parquet_round_trip_through_the_data_api(s3_backend):
    """The same Parquet round trip sent through boto3's Data API (ExecuteStatement, one session)."""
    client = s3_backend.client
    first = run(client, "select 1", ClusterIdentifier="roundtrip", Database="dev", DbUser="awsuser",
                SessionKeepAliveSeconds=60)
    session = {"SessionId": first["SessionId"]}
    source, target, prefix = (f"src_{uuid.uuid4().hex[:8]}", f"dst_{uuid.uuid4().hex[:8]}",
                              f"api/{uuid.uuid4().hex[:8]}/")
    columns = ", ".join(f"{c} {t}" for c, t in COLUMNS)
    for sql in (f"create table {source} ({columns})", f"insert into {source} values {', '.join(ROWS)}",
                f"unload ('select * from {source}') to '{s3_backend.url(prefix)}' {ROLE} format parquet",
                f"create table {target} ({columns})",
                f"copy {target} from '{s3_backend.url(prefix)}' {ROLE} format parquet"):
        d = run(client, sql, **session)
        assert d["Status"] == "FINISHED", f"{sql[:60]!r}: {d.get('Error')}"
    names = ", ".join(c for c, _ in COLUMNS)
    for a, b in ((source, target), (target, source)):
        d = run(client, f"select count(*) from (select {names} from {a} except select {names} from {b}) d", **session)
        assert d["Status"] == "FINISHED", d.get("Error")
        assert client.get_statement_result(Id=d["Id"])["Records"] == [[{"longValue": 0}]]


SUPER_ROWS = """(1, json_parse('{"a":[1,2.5,"x|y"],"b":null,"c":"a,b"}')), (2, null), (3, json_parse('"str"')),
    (4, json_parse('12')), (5, json_parse('[true,false,null]'))"""


@pytest.mark.parametrize("unload_options, copy_options", [
    # unload-super-parquet: SUPER is written to Parquet as JSON text, which COPY ingests back.
    ("format parquet", "format parquet"),
    # r_UNLOAD FORMAT JSON: a SUPER value is written as the JSON value itself; COPY JSON 'auto' loads it.
    ("format json", "format json 'auto'"),
    ("csv", "csv"),
], ids=["parquet", "json", "csv"])
def test_super_round_trip(s3_backend, unload_options, copy_options):
    conn = connect(s3_backend)
    try:
        columns = [("id", "integer"), ("j", "super")]
        source = f"src_{uuid.uuid4().hex[:10]}"
        create(conn, source, columns)
        execute(conn, f"insert into {source} values {SUPER_ROWS}")
        prefix = f"super/{uuid.uuid4().hex[:10]}/"
        execute(conn, f"unload ('select * from {source}') to '{s3_backend.url(prefix)}' {ROLE} {unload_options}")
        target = f"dst_{uuid.uuid4().hex[:10]}"
        create(conn, target, columns)
        execute(conn, f"copy {target} from '{s3_backend.url(prefix)}' {ROLE} {copy_options}")
        query = "select id, json_serialize(j), json_typeof(j) from {} order by id"
        original = execute(conn, query.format(source))
        assert [r[2] for r in original] == ["object", None, "string", "number", "array"]
        assert execute(conn, query.format(target)) == original
    finally:
        conn.close()


def test_parquet_keeps_an_empty_varbyte_and_a_17_digit_double(s3_backend):
    """Parquet stores binary and double values as they are (r_UNLOAD FORMAT PARQUET): zero bytes stay
    zero bytes (not NULL) and every bit of a double survives."""
    conn = connect(s3_backend)
    try:
        columns = [("id", "integer"), ("v", "varbyte(4)"), ("d", "double precision")]
        source = f"src_{uuid.uuid4().hex[:10]}"
        create(conn, source, columns)
        execute(conn, f"insert into {source} values (1, ''::varbyte, 2.2250738585072014e-308), (2, null, 0.1)")
        prefix = f"pq/{uuid.uuid4().hex[:10]}/"
        execute(conn, f"unload ('select * from {source}') to '{s3_backend.url(prefix)}' {ROLE} format parquet")
        target = f"dst_{uuid.uuid4().hex[:10]}"
        create(conn, target, columns)
        execute(conn, f"copy {target} from '{s3_backend.url(prefix)}' {ROLE} format parquet")
        assert execute(conn, f"select id, v is null, d = 2.2250738585072014e-308 from {target} order by id") == [
            (1, False, True), (2, True, False)]
        assert_identical(conn, source, target, columns)
    finally:
        conn.close()


def test_text_without_escape_and_a_delimiter_in_the_data_does_not_reload(s3_backend):
    """r_UNLOAD ESCAPE: without it the delimiter inside a value is written bare, so COPY finds an
    extra column (r_Load_Error_Reference 1202) and the load fails, loading nothing."""
    conn = connect(s3_backend)
    try:
        columns = [("id", "integer"), ("note", "varchar(20)")]
        source = f"src_{uuid.uuid4().hex[:10]}"
        create(conn, source, columns)
        execute(conn, f"insert into {source} values (1, 'a|b')")
        prefix = f"lossy/{uuid.uuid4().hex[:10]}/"
        execute(conn, f"unload ('select * from {source}') to '{s3_backend.url(prefix)}' {ROLE} parallel off")
        target = f"dst_{uuid.uuid4().hex[:10]}"
        create(conn, target, columns)
        with pytest.raises(psycopg2.Error) as failure:
            execute(conn, f"copy {target} from '{s3_backend.url(prefix)}' {ROLE}")
        assert LOAD_FAILED.format(target) in str(failure.value)
        assert execute(conn, "select err_code from stl_load_errors where query = pg_last_copy_id()") == [(1202,)]
        assert execute(conn, f"select count(*) from {target}") == [(0,)]
    finally:
        conn.close()


def test_text_without_null_as_reloads_a_null_string_as_empty(s3_backend):
    """r_UNLOAD NULL AS: without it nulls are unloaded as zero-length strings in delimited output;
    COPY loads an empty CHAR/VARCHAR field as an empty string and an empty field of any other type
    as NULL (copy-parameters-data-conversion, EMPTYASNULL)."""
    conn = connect(s3_backend)
    try:
        columns = [("id", "integer"), ("note", "varchar(20)"), ("n", "integer")]
        source = f"src_{uuid.uuid4().hex[:10]}"
        create(conn, source, columns)
        execute(conn, f"insert into {source} values (1, null, null)")
        prefix = f"nulls/{uuid.uuid4().hex[:10]}/"
        execute(conn, f"unload ('select * from {source}') to '{s3_backend.url(prefix)}' {ROLE} parallel off")
        assert s3_backend.get(prefix + "000") == b"1||\n"
        target = f"dst_{uuid.uuid4().hex[:10]}"
        create(conn, target, columns)
        execute(conn, f"copy {target} from '{s3_backend.url(prefix)}' {ROLE}")
        assert execute(conn, f"select id, note, n from {target}") == [(1, "", None)]
    finally:
        conn.close()


# ---- cancel and statement timeout --------------------------------------------------------------

ROW_COUNT = 2_000_000


def big_file(backend, bad: bool = False) -> str:
    """A generated ROW_COUNT-row pipe-delimited file (every row rejected when `bad`); its URL."""
    key = f"big/{uuid.uuid4().hex[:10]}.txt"
    line = "not a number|x\n" if bad else None
    body = (line * ROW_COUNT) if bad else "".join(f"{i}|row {i}\n" for i in range(ROW_COUNT))
    backend.put(key, body)
    return backend.url(key)


def assert_empty_and_answering(conn, table: str) -> None:
    assert execute(conn, f"select count(*) from {table}") == [(0,)]
    assert execute(conn, "select 1") == [(1,)]


def test_statement_timeout_stops_a_long_copy_and_loads_nothing(s3_backend):
    """r_statement_timeout: a statement running longer than the timeout is cancelled (57014)."""
    url = big_file(s3_backend)
    conn = connect(s3_backend)
    try:
        table = f"big_{uuid.uuid4().hex[:10]}"
        execute(conn, f"create table {table} (n bigint, note varchar(20))")
        execute(conn, "set statement_timeout to 100")
        with pytest.raises(psycopg2.errors.QueryCanceled):
            execute(conn, f"copy {table} from '{url}' {ROLE}")
        execute(conn, "set statement_timeout to 0")
        assert_empty_and_answering(conn, table)
    finally:
        conn.close()


@pytest.mark.parametrize("bad", [False, True], ids=["loading", "every-row-rejected"])
def test_cancel_request_stops_a_long_copy_and_loads_nothing(s3_backend, bad):
    """psycopg2's connection.cancel() sends a CancelRequest (PostgreSQL protocol, as PG_CANCEL_BACKEND
    does from SQL): the running COPY stops with 57014 and its rows are rolled back (r_COPY). With
    IGNOREALLERRORS and every row rejected no INSERT ever runs, and the cancel must still be seen."""
    url = big_file(s3_backend, bad=bad)
    conn = connect(s3_backend)
    try:
        table = f"big_{uuid.uuid4().hex[:10]}"
        execute(conn, f"create table {table} (n bigint, note varchar(20))")
        outcome: dict = {}

        def load():
            try:
                execute(conn, f"copy {table} from '{url}' {ROLE} ignoreallerrors")
                outcome["finished"] = True
            except psycopg2.Error as error:
                outcome["error"] = error

        worker = threading.Thread(target=load)
        worker.start()
        # A CancelRequest that lands before the COPY starts is dropped: repeat until the COPY ends.
        while worker.is_alive():
            time.sleep(0.1)
            conn.cancel()
        worker.join()
        assert isinstance(outcome.get("error"), psycopg2.errors.QueryCanceled), outcome
        assert_empty_and_answering(conn, table)
    finally:
        conn.close()


def test_pg_cancel_backend_stops_a_copy_that_rejects_every_row(s3_backend):
    """PG_CANCEL_BACKEND(pid) from another session cancels the COPY running in that backend."""
    url = big_file(s3_backend, bad=True)
    conn, other = connect(s3_backend), connect(s3_backend)
    try:
        table = f"big_{uuid.uuid4().hex[:10]}"
        execute(conn, f"create table {table} (n bigint, note varchar(20))")
        (pid,), = execute(conn, "select pg_backend_pid()")
        outcome: dict = {}

        def load():
            try:
                execute(conn, f"copy {table} from '{url}' {ROLE} ignoreallerrors")
                outcome["finished"] = True
            except psycopg2.Error as error:
                outcome["error"] = error

        worker = threading.Thread(target=load)
        worker.start()
        while worker.is_alive():
            time.sleep(0.1)
            execute(other, f"select pg_cancel_backend({pid})")
        worker.join()
        assert isinstance(outcome.get("error"), psycopg2.errors.QueryCanceled), outcome
        assert_empty_and_answering(conn, table)
    finally:
        conn.close()
        other.close()


def test_cancel_statement_stops_a_copy_through_the_data_api(s3_backend):
    """CancelStatement on a running COPY: the statement ends ABORTED and nothing is loaded."""
    url = big_file(s3_backend, bad=True)
    client = s3_backend.client
    target = {"ClusterIdentifier": f"cancel-{uuid.uuid4().hex[:8]}", "Database": "dev", "DbUser": "awsuser"}
    table = f"big_{uuid.uuid4().hex[:10]}"
    assert run(client, f"create table {table} (n bigint, note varchar(20))", **target)["Status"] == "FINISHED"
    started = client.execute_statement(Sql=f"copy {table} from '{url}' {ROLE} ignoreallerrors", **target)["Id"]
    assert wait_until_running(client, started)["Status"] == "STARTED"
    assert client.cancel_statement(Id=started)["Status"] is True
    assert wait(client, started, timeout=60)["Status"] == "ABORTED"
    d = run(client, f"select count(*) from {table}", **target)
    assert client.get_statement_result(Id=d["Id"])["Records"] == [[{"longValue": 0}]]
