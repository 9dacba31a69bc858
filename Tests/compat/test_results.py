"""GetStatementResult / GetStatementResultV2: metadata, Field variants, paging, CSV, errors
(data-api.md §6, §12)."""

import uuid

import pytest

from conftest import error_code, error_of, fetch_all, fetch_pages, make_big_table, raw_json, rows, run, run_ok

TYPED_DDL = """create table typed (
  c_int2 smallint not null,
  c_int4 integer,
  c_int8 bigint,
  c_num numeric(10,2),
  c_f4 real,
  c_f8 double precision,
  c_bool boolean,
  c_char char(5),
  c_vc varchar(20),
  c_date date,
  c_ts timestamp
)"""

TYPED_COLUMNS = ["c_int2", "c_int4", "c_int8", "c_num", "c_f4", "c_f8", "c_bool", "c_char", "c_vc",
                 "c_date", "c_ts"]


@pytest.fixture
def typed(client, target):
    run_ok(client, TYPED_DDL, **target)
    run_ok(client, "insert into typed values (1, 2, 3, 12.34, 1.5, 2.25, true, 'ab', 'hello', "
                   "'2022-02-22', '2022-02-22 10:11:12')", **target)
    run_ok(client, "insert into typed values (2, null, null, null, null, null, null, null, null, null, null)",
           **target)
    d = run_ok(client, "select * from typed order by c_int2", **target)
    return client.get_statement_result(Id=d["Id"]), d


def _meta(page):
    return {c["name"]: c for c in page["ColumnMetadata"]}


def test_column_metadata_names_and_source(typed):
    # data-api.md §6.2: name == label == column name, schemaName "public", tableName the source table,
    # length 0, isCurrency false.
    page, _ = typed
    assert [c["name"] for c in page["ColumnMetadata"]] == TYPED_COLUMNS
    for c in page["ColumnMetadata"]:
        assert c["label"] == c["name"]
        assert c["schemaName"] == "public"
        assert c["tableName"] == "typed"
        assert c["length"] == 0
        assert c["isCurrency"] is False


@pytest.mark.parametrize("col,type_name,precision,scale,signed,case_sensitive", [
    # data-api.md §6.2 (real examples)
    ("c_int2", "int2", 5, 0, True, False),
    ("c_int4", "int4", 10, 0, True, False),
    ("c_int8", "int8", 19, 0, True, False),
    ("c_char", "bpchar", 5, 0, False, True),
    ("c_vc", "varchar", 20, 0, False, True),
    ("c_ts", "timestamp", 29, 6, False, False),
])
def test_column_metadata_documented_types(typed, col, type_name, precision, scale, signed, case_sensitive):
    m = _meta(typed[0])[col]
    assert m["typeName"] == type_name
    assert m["precision"] == precision
    assert m["scale"] == scale
    assert m["isSigned"] is signed
    assert m["isCaseSensitive"] is case_sensitive


@pytest.mark.parametrize("col,type_name,precision,scale,signed", [
    # emulator decision (unverified on AWS): data-api.md §6.2 "follow JDBC" for these types —
    # numeric(p,s) p/s, float4 8, float8 17, bool 1, date 13.
    ("c_num", "numeric", 10, 2, True),
    ("c_f4", "float4", 8, None, True),
    ("c_f8", "float8", 17, None, True),
    ("c_bool", "bool", 1, 0, False),
    ("c_date", "date", 13, 0, False),
])
def test_column_metadata_jdbc_types(typed, col, type_name, precision, scale, signed):
    m = _meta(typed[0])[col]
    assert m["typeName"] == type_name
    assert m["precision"] == precision
    if scale is not None:
        assert m["scale"] == scale
    assert m["isSigned"] is signed
    assert m["isCaseSensitive"] is False


def test_column_metadata_nullable(typed):
    # data-api.md §6.2: nullable 0 = NOT NULL, 1 = nullable.
    m = _meta(typed[0])
    assert m["c_int2"]["nullable"] == 0
    for col in TYPED_COLUMNS[1:]:
        assert m[col]["nullable"] == 1, col


def test_field_variant_per_type(typed):
    # data-api.md §6.1: int -> longValue, float -> doubleValue, numeric/char/varchar/date/timestamp ->
    # stringValue, bool -> booleanValue.
    page, _ = typed
    rec = page["Records"][0]
    assert rec[0] == {"longValue": 1}
    assert rec[1] == {"longValue": 2}
    assert rec[2] == {"longValue": 3}
    assert rec[3] == {"stringValue": "12.34"}
    assert rec[4] == {"doubleValue": 1.5}
    assert rec[5] == {"doubleValue": 2.25}
    assert rec[6] == {"booleanValue": True}
    assert list(rec[7]) == ["stringValue"]
    assert rec[7]["stringValue"].rstrip() == "ab"  # bpchar padding is unverified (§6.1)
    assert rec[8] == {"stringValue": "hello"}
    assert rec[9] == {"stringValue": "2022-02-22"}
    # §6.1: Timestamp.toString() style, always a fraction, at least ".0".
    assert rec[10] == {"stringValue": "2022-02-22 10:11:12.0"}


def test_null_cells_are_is_null_only(typed):
    # data-api.md §1.3 / §6.1: a NULL cell is exactly {"isNull": true}.
    page, _ = typed
    rec = page["Records"][1]
    assert rec[0] == {"longValue": 2}
    for f in rec[1:]:
        assert f == {"isNull": True}


def test_raw_fields_have_exactly_one_member(endpoint, client, typed):
    # data-api.md §1.3: union shapes carry exactly one key (checked on the raw JSON, not via botocore).
    _, d = typed
    status, body, _ = raw_json(endpoint, "GetStatementResult", {"Id": d["Id"]})
    assert status == 200
    assert len(body["Records"]) == 2
    for rec in body["Records"]:
        assert len(rec) == len(TYPED_COLUMNS)
        for f in rec:
            assert isinstance(f, dict) and len(f) == 1, f
            (k, v), = f.items()
            assert k in {"isNull", "booleanValue", "longValue", "doubleValue", "stringValue", "blobValue"}
            if k == "isNull":
                assert v is True
    assert body["TotalNumRows"] == 2
    assert "NextToken" not in body or not body["NextToken"]
    for c in body["ColumnMetadata"]:
        assert all(v is not None for v in c.values())


def test_timestamp_fraction_is_kept(client, target):
    # data-api.md §6.1: `2020-08-21 17:33:51.88712` (trailing zeros dropped).
    run_ok(client, "create table ts (t timestamp)", **target)
    run_ok(client, "insert into ts values ('2020-08-21 17:33:51.887120')", **target)
    d = run_ok(client, "select t from ts", **target)
    assert rows(fetch_all(client, d["Id"])) == [["2020-08-21 17:33:51.88712"]]


def test_select_constant_column_name(client, target):
    # data-api.md §6.2 / §16.2: `SELECT 1` -> column `?column?`; computed columns have empty
    # schemaName/tableName; int literal is int4 -> longValue.
    d = run_ok(client, "select 1", **target)
    page = client.get_statement_result(Id=d["Id"])
    (c,) = page["ColumnMetadata"]
    assert c["name"] == "?column?"
    assert c["label"] == "?column?"
    assert c["typeName"] == "int4"
    assert c["schemaName"] == ""
    assert c["tableName"] == ""
    assert page["Records"] == [[{"longValue": 1}]]
    assert page["TotalNumRows"] == 1


def test_result_column_names_are_lower_case(client, target):
    # redshift-sql.md §2.4: unquoted and quoted identifiers fold to lower case; result column names are
    # returned lower case.
    d = run_ok(client, 'select 1 as MixedCase, 2 as "Quoted"', **target)
    page = client.get_statement_result(Id=d["Id"])
    assert [c["name"] for c in page["ColumnMetadata"]] == ["mixedcase", "quoted"]
    assert [c["label"] for c in page["ColumnMetadata"]] == ["mixedcase", "quoted"]


def test_aggregate_types(client, typed, target):
    # redshift-sql.md §1.10: COUNT -> BIGINT, SUM of an integer -> BIGINT (int8, longValue); default
    # column names are the function names.
    d = run_ok(client, "select count(*), sum(c_int4) from typed", **target)
    page = client.get_statement_result(Id=d["Id"])
    assert [(c["name"], c["typeName"]) for c in page["ColumnMetadata"]] == [("count", "int8"), ("sum", "int8")]
    assert page["Records"] == [[{"longValue": 2}, {"longValue": 2}]]


def test_current_user_is_bpchar(client, target):
    # data-api.md §6.2: `SELECT current_user` -> bpchar, precision 63, nullable 1.
    d = run_ok(client, "select current_user", **target)
    page = client.get_statement_result(Id=d["Id"])
    (c,) = page["ColumnMetadata"]
    assert c["typeName"] == "bpchar"
    assert c["precision"] == 63
    assert c["nullable"] == 1
    assert page["Records"][0][0]["stringValue"].rstrip() == "awsuser"


def test_empty_result_has_metadata_and_no_records(client, typed, target):
    # data-api.md §6.3: Records present (empty), ColumnMetadata present, TotalNumRows 0.
    d = run_ok(client, "select * from typed where c_int2 < 0", **target)
    assert d["HasResultSet"] is True
    page = client.get_statement_result(Id=d["Id"])
    assert page["Records"] == []
    assert [c["name"] for c in page["ColumnMetadata"]] == TYPED_COLUMNS
    assert page["TotalNumRows"] == 0
    assert "NextToken" not in page


def test_result_can_be_fetched_repeatedly(client, target):
    # data-api.md §6.3: GetStatementResult can be called repeatedly.
    d = run_ok(client, "select 7 as n", **target)
    a = client.get_statement_result(Id=d["Id"])
    b = client.get_statement_result(Id=d["Id"])
    assert a["Records"] == b["Records"] == [[{"longValue": 7}]]


# ---- paging ------------------------------------------------------------------------------------

def _ten(client, target):
    run_ok(client, "create table ten (i int)", **target)
    run_ok(client, "insert into ten values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)", **target)


def test_large_result_pages_with_default_config(client, target):
    # data-api.md §6.3: NextToken only when more pages exist, tokens never repeat, TotalNumRows and
    # ColumnMetadata on every page, all rows exactly once. 50,000 rows of ~75 bytes of JSON each
    # (several MB) cannot fit one page under the default 1 MB budget.
    _ten(client, target)
    sql = ("select a.i * 10000 + b.i * 1000 + c.i * 100 + d.i * 10 + e.i as n, "
           "'padding-padding-padding-padding-padding' as pad "
           "from ten a, ten b, ten c, ten d, ten e where a.i < 5 order by n")
    d = run_ok(client, sql, **target)
    assert d["ResultRows"] == 50000
    pages = fetch_pages(client, d["Id"])
    assert len(pages) >= 2
    seen = []
    for p in pages:
        assert p["TotalNumRows"] == 50000
        assert [c["name"] for c in p["ColumnMetadata"]] == ["n", "pad"]
        seen.extend(r[0]["longValue"] for r in p["Records"])
    assert seen == list(range(50000))
    assert "NextToken" not in pages[-1] or not pages[-1]["NextToken"]


def test_small_page_budget_pages_exactly_once(strict_client, unique_name):
    # data-api.md §6.3 with `limits.resultPageBytes` 2048 (strict_server config): many pages, each
    # row once, tokens opaque and never repeated, metadata and TotalNumRows on every page.
    tgt = {"ClusterIdentifier": "c1", "Database": "dev", "DbUser": "awsuser"}
    tbl = unique_name
    run_ok(strict_client, f"create table {tbl} (i int, s varchar(30))", **tgt)
    values = ", ".join(f"({i}, 'value-{i:05d}')" for i in range(600))
    run_ok(strict_client, f"insert into {tbl} values {values}", **tgt)
    d = run_ok(strict_client, f"select i, s from {tbl} order by i", **tgt)
    pages = fetch_pages(strict_client, d["Id"])
    assert len(pages) >= 5
    got = []
    for p in pages:
        assert p["TotalNumRows"] == 600
        assert [c["name"] for c in p["ColumnMetadata"]] == ["i", "s"]
        got.extend(rows(p["Records"]))
    assert got == [[i, f"value-{i:05d}"] for i in range(600)]


def test_boto3_paginator_collects_all_rows(strict_client, unique_name):
    # data-api.md §16.1: the boto3 paginator (NextToken in/out, result key Records) sees every row.
    tgt = {"ClusterIdentifier": "c1", "Database": "dev", "DbUser": "awsuser"}
    run_ok(strict_client, f"create table {unique_name} (i int)", **tgt)
    run_ok(strict_client, f"insert into {unique_name} values " + ", ".join(f"({i})" for i in range(700)),
           **tgt)
    d = run_ok(strict_client, f"select i from {unique_name} order by i", **tgt)
    result = strict_client.get_paginator("get_statement_result").paginate(Id=d["Id"]).build_full_result()
    assert [r[0]["longValue"] for r in result["Records"]] == list(range(700))
    assert result["TotalNumRows"] == 700


def test_invalid_next_token_is_validation_error(client, target):
    # emulator decision (unverified on AWS): a NextToken the server never issued -> ValidationException.
    d = run_ok(client, "select 1", **target)
    with pytest.raises(client.exceptions.ValidationException):
        client.get_statement_result(Id=d["Id"], NextToken="not-a-token")


# ---- CSV (GetStatementResultV2) ------------------------------------------------------------------

def test_csv_documented_example(client, target):
    # data-api.md §6.5 / §18 [MG-CSV]: header row first, \r\n line ends, TotalNumRows without header.
    run_ok(client, "create table testingtable (col1 int, col2 int, col3 int)", **target)
    run_ok(client, "insert into testingtable values (1,2,3),(4,5,6),(7,8,9)", **target)
    d = run_ok(client, "select * from testingtable order by col1", ResultFormat="CSV", **target)
    assert d["ResultFormat"] == "CSV"
    page = client.get_statement_result_v2(Id=d["Id"])
    assert "".join(r["CSVRecords"] for r in page["Records"]) == "col1,col2,col3\r\n1,2,3\r\n4,5,6\r\n7,8,9\r\n"
    assert page["TotalNumRows"] == 3
    assert page["ResultFormat"].upper() == "CSV"  # case unverified (§6.5)
    assert [c["name"] for c in page["ColumnMetadata"]] == ["col1", "col2", "col3"]
    assert all(c["typeName"] == "int4" and c["precision"] == 10 for c in page["ColumnMetadata"])


def test_csv_rfc4180_quoting(client, target):
    # emulator decision (unverified on AWS): data-api.md §6.5 — RFC 4180 quoting: fields with , " CR LF
    # are quoted, embedded quotes doubled.
    run_ok(client, "create table q (id int, txt varchar(40))", **target)
    run_ok(client, "insert into q values (1, 'plain'), (2, 'a,b'), (3, 'say \"hi\"'), (4, 'line1\nline2')",
           **target)
    d = run_ok(client, "select id, txt from q order by id", ResultFormat="CSV", **target)
    csv_text = "".join(r["CSVRecords"] for p in fetch_pages(client, d["Id"], v2=True) for r in p["Records"])
    assert csv_text == ('id,txt\r\n1,plain\r\n2,"a,b"\r\n3,"say ""hi"""\r\n4,"line1\nline2"\r\n')


def test_csv_null_and_bool_rendering(client, target):
    # emulator decision (unverified on AWS): data-api.md §6.5 — NULL is an empty field, booleans t/f.
    run_ok(client, "create table nb (id int, b boolean, s varchar(5))", **target)
    run_ok(client, "insert into nb values (1, true, null), (2, false, 'x')", **target)
    d = run_ok(client, "select id, b, s from nb order by id", ResultFormat="CSV", **target)
    page = client.get_statement_result_v2(Id=d["Id"])
    assert "".join(r["CSVRecords"] for r in page["Records"]) == "id,b,s\r\n1,t,\r\n2,f,x\r\n"


def test_csv_paging_header_once_rows_once(strict_client, unique_name):
    # data-api.md §6.5: chunks hold whole rows; emulator decision (unverified on AWS): header only in the
    # first chunk of the first page. Small page budget (strict_server) forces several pages.
    tgt = {"ClusterIdentifier": "c1", "Database": "dev", "DbUser": "awsuser"}
    run_ok(strict_client, f"create table {unique_name} (i int, s varchar(30))", **tgt)
    run_ok(strict_client, f"insert into {unique_name} values "
           + ", ".join(f"({i}, 'csv-row-{i:05d}')" for i in range(500)), **tgt)
    d = run_ok(strict_client, f"select i, s from {unique_name} order by i", ResultFormat="CSV", **tgt)
    pages = fetch_pages(strict_client, d["Id"], v2=True)
    assert len(pages) >= 2
    chunks = []
    for p in pages:
        assert p["TotalNumRows"] == 500
        assert [c["name"] for c in p["ColumnMetadata"]] == ["i", "s"]
        for r in p["Records"]:
            assert r["CSVRecords"].endswith("\r\n")  # whole rows per chunk
            chunks.append(r["CSVRecords"])
    lines = "".join(chunks).split("\r\n")
    assert lines[-1] == ""
    assert lines[:-1] == ["i,s"] + [f"{i},csv-row-{i:05d}" for i in range(500)]


def test_raw_csv_records_are_objects(endpoint, client, target):
    # data-api.md §1.3: every Records element in V2 is an object with exactly the CSVRecords key.
    d = run_ok(client, "select 1 as a", ResultFormat="CSV", **target)
    status, body, _ = raw_json(endpoint, "GetStatementResultV2", {"Id": d["Id"]})
    assert status == 200
    assert body["Records"] and all(list(r) == ["CSVRecords"] for r in body["Records"])
    assert "".join(r["CSVRecords"] for r in body["Records"]) == "a\r\n1\r\n"


def test_v1_on_csv_statement_is_validation_error(client, target):
    # emulator decision (unverified on AWS): data-api.md §6.4 — V1 on a CSV statement -> ValidationException.
    d = run_ok(client, "select 1", ResultFormat="CSV", **target)
    with pytest.raises(client.exceptions.ValidationException):
        client.get_statement_result(Id=d["Id"])


def test_v2_on_json_statement_is_validation_error(client, target):
    # emulator decision (unverified on AWS): data-api.md §6.4 — V2 on a JSON statement -> ValidationException.
    d = run_ok(client, "select 1", **target)
    with pytest.raises(client.exceptions.ValidationException):
        client.get_statement_result_v2(Id=d["Id"])


# ---- fetch errors ----------------------------------------------------------------------------------

NO_RESULT = "Query does not have result. Please check query status with DescribeStatement."


def test_result_of_ddl_is_error(endpoint, client, target):
    # data-api.md §6.4 / §12 [BAL]: 400, "Query does not have result. ..." (ValidationException assumed).
    d = run_ok(client, "create table nores (i int)", **target)
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.get_statement_result(Id=d["Id"])
    assert error_of(ei)[1] == NO_RESULT
    status, body, _ = raw_json(endpoint, "GetStatementResult", {"Id": d["Id"]})
    assert status == 400
    assert body["message"] == NO_RESULT


def test_result_of_failed_statement_is_error(client, target):
    # emulator decision (unverified on AWS): data-api.md §6.4 — FAILED gives the "does not have result" text.
    d = run(client, "select * from nope", **target)
    assert d["Status"] == "FAILED"
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.get_statement_result(Id=d["Id"])
    assert error_of(ei)[1] == NO_RESULT


def test_result_of_running_statement_is_error(client, target, cancel_later):
    # emulator decision (unverified on AWS): data-api.md §6.4 — a statement still running gives the
    # "does not have result" text (without WaitTimeSeconds).
    long_sql = make_big_table(client, **target)
    r = client.execute_statement(Sql=long_sql, **target)
    cancel_later.append(r["Id"])
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.get_statement_result(Id=r["Id"])
    assert error_of(ei)[1] == NO_RESULT


def test_unknown_id_is_resource_not_found(client):
    # data-api.md §6.4 / §12: well-formed unknown id -> ResourceNotFoundException "Query does not exist."
    sid = str(uuid.uuid4())
    with pytest.raises(client.exceptions.ResourceNotFoundException) as ei:
        client.get_statement_result(Id=sid)
    assert error_of(ei)[1] == "Query does not exist."
    with pytest.raises(client.exceptions.ResourceNotFoundException) as ei:
        client.describe_statement(Id=sid)
    assert error_of(ei)[1] == "Query does not exist."


def test_unknown_id_http_status_is_400(endpoint):
    # data-api.md §1.4 / §12: "Query does not exist." was observed with HTTP 400 [BAL] (Smithy says 404);
    # the ResourceId member is required on ResourceNotFoundException.
    sid = str(uuid.uuid4())
    status, body, _ = raw_json(endpoint, "DescribeStatement", {"Id": sid})
    assert status == 400
    assert error_code(body) == "ResourceNotFoundException"
    assert body["message"] == "Query does not exist."
    assert body.get("ResourceId") == sid


def test_malformed_id_is_validation_error(client):
    # data-api.md §6.4 / §12: "id must satisfy regex pattern: ..."
    for op in (client.get_statement_result, client.describe_statement, client.get_statement_result_v2):
        with pytest.raises(client.exceptions.ValidationException) as ei:
            op(Id="not-a-uuid")
        assert error_of(ei)[1].startswith("id must satisfy regex pattern: ")
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.describe_statement(Id=str(uuid.uuid4()).upper())  # ids are lower-case only
    assert error_of(ei)[1].startswith("id must satisfy regex pattern: ")


def test_get_result_v2_with_wait_time_seconds(client, target):
    # data-api.md §15: WaitTimeSeconds also on GetStatementResultV2.
    r = client.execute_statement(Sql="select 6 as six", ResultFormat="CSV", **target)
    page = client.get_statement_result_v2(Id=r["Id"], WaitTimeSeconds=10)
    assert "".join(x["CSVRecords"] for x in page["Records"]) == "six\r\n6\r\n"


def test_get_result_with_wait_time_seconds(client, target):
    # data-api.md §15: WaitTimeSeconds long-polls until the statement finishes.
    r = client.execute_statement(Sql="select 5 as five", **target)
    page = client.get_statement_result(Id=r["Id"], WaitTimeSeconds=10)
    assert page["Records"] == [[{"longValue": 5}]]
