"""Data API answers that real applications tripped on (issue 17): each test cites the evidence of the
real service's behaviour that the emulator now follows.

Evidence named below:
* [MODEL] botocore's redshift-data service model (service-2.json), the members' documentation.
* [SFN] AWS's Step Functions sample for the Data API (aws-samples/getting-started-with-amazon-redshift-data-api,
  use-cases/etl-orchestration-with-step-functions), which asks for the first page with `NextToken: ""`.
* [MG] Management Guide › data-api-calling: the `select * from stl_query` example (bpchar columns, values
  such as "dev" without blank padding).
* [SAMPLE] a describe-table answer captured in aws-samples/getting-started-with-amazon-redshift-data-api
  (`id int identity(1,1)`: typeName "serial", nullable 1).
* [RSS] a GetStatementResult answer captured from real Redshift Serverless (issue 17): `'abc'::varbyte`
  as {"stringValue": "YWJj"}, isCaseSensitive true; NULL literal varchar precision 65535;
  CAST(x AS REAL) scale 8; timestamptz precision 35.
"""

import base64
import os
import tempfile
import uuid

import psycopg2
import pytest

from conftest import SECRET_ALICE, cell, error_of, make_client, query, run, run_ok, wait


def _without_metadata(response):
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


# ---- 1. An empty NextToken means "no token" ------------------------------------------------------

@pytest.fixture
def paged(client, target):
    """A fresh cluster with a table, a JSON and a CSV result, and a session, for every paged call."""
    run_ok(client, "create table fidelity_t (id int, label varchar(10))", **target)
    run_ok(client, "insert into fidelity_t values (1, 'one'), (2, 'two')", **target)
    json_id = run_ok(client, "select id, label from fidelity_t order by id", **target)["Id"]
    csv_id = run_ok(client, "select id, label from fidelity_t order by id", ResultFormat="CSV", **target)["Id"]
    session = client.execute_statement(Sql="select 1", SessionKeepAliveSeconds=60, **target)
    # A session runs one statement at a time: the next one waits for the first to end.
    wait(client, session["Id"])
    run_ok(client, "select 2", SessionId=session["SessionId"])
    return {"target": target, "json": json_id, "csv": csv_id}


PAGED_CALLS = {
    "GetStatementResult": lambda c, p: c.get_statement_result(Id=p["json"], **p["kw"]),
    "GetStatementResultV2": lambda c, p: c.get_statement_result_v2(Id=p["csv"], **p["kw"]),
    "ListStatements": lambda c, p: c.list_statements(
        ClusterIdentifier=p["target"]["ClusterIdentifier"], Status="ALL", **p["kw"]),
    "ListDatabases": lambda c, p: c.list_databases(**p["target"], **p["kw"]),
    "ListSchemas": lambda c, p: c.list_schemas(**p["target"], **p["kw"]),
    "ListTables": lambda c, p: c.list_tables(**p["target"], SchemaPattern="public", **p["kw"]),
    "DescribeTable": lambda c, p: c.describe_table(**p["target"], Table="fidelity_t", **p["kw"]),
    "ListSessions": lambda c, p: c.list_sessions(ClusterIdentifier=p["target"]["ClusterIdentifier"], **p["kw"]),
}


@pytest.mark.parametrize("operation", sorted(PAGED_CALLS))
def test_empty_next_token_asks_for_the_first_page(client, paged, operation):
    # [SFN] calls GetStatementResult(Id=…, NextToken="") for the first page; [MODEL] NextToken: "If the
    # NextToken field is empty, all response records have been retrieved". An empty token is no token,
    # for every paginated operation (issue 17, item 1).
    call = PAGED_CALLS[operation]
    first = _without_metadata(call(client, dict(paged, kw={})))
    empty = _without_metadata(call(client, dict(paged, kw={"NextToken": ""})))
    assert empty == first
    items = next(v for k, v in first.items() if isinstance(v, list) and k != "ColumnMetadata")
    assert items, f"{operation} answered no items: the comparison would prove nothing"


def test_garbage_next_token_is_still_refused(client, paged):
    # An empty token is no token, but a token the service never issued stays a ValidationException.
    with pytest.raises(client.exceptions.ValidationException):
        client.get_statement_result(Id=paged["json"], NextToken="not-a-token")


# ---- 2. CHAR values on the wire ------------------------------------------------------------------

def test_current_user_is_not_blank_padded(client, target):
    # [MG] bpchar columns carry values such as "dev", not blank-padded to the column's length;
    # current_user is bpchar(63) (data-api.md §6.2).
    d = run_ok(client, "select current_user", **target)
    page = client.get_statement_result(Id=d["Id"])
    assert page["ColumnMetadata"][0]["typeName"] == "bpchar"
    assert page["ColumnMetadata"][0]["precision"] == 63
    assert page["Records"] == [[{"stringValue": "awsuser"}]]


def test_char_column_values_are_not_blank_padded(client, target):
    # [MG]: a char(10) value 'ab' is "ab" on the wire, in JSON and in CSV (the CSV rendering follows
    # the JSON one: emulator decision, unverified).
    run_ok(client, "create table fidelity_char (c char(10), v varchar(10))", **target)
    run_ok(client, "insert into fidelity_char values ('ab', 'ab  ')", **target)
    d = run_ok(client, "select c, v from fidelity_char", **target)
    assert client.get_statement_result(Id=d["Id"])["Records"] == [[{"stringValue": "ab"}, {"stringValue": "ab  "}]]
    d = run_ok(client, "select c, v from fidelity_char", ResultFormat="CSV", **target)
    csv = client.get_statement_result_v2(Id=d["Id"])["Records"][0]["CSVRecords"]
    assert csv == "c,v\r\nab,ab  \r\n"


def test_char_semantics_inside_the_engine_are_unchanged(client, server, target):
    # Only the Data API's wire drops the padding. PostgreSQL's bpchar text output is blank-padded to
    # the declared length (PostgreSQL docs › Character Types), which the PostgreSQL door keeps; inside
    # SQL, LENGTH ignores CHAR's trailing blanks (Redshift r_LEN) and comparisons ignore them too.
    run_ok(client, "create table fidelity_sem (c char(10))", **target)
    run_ok(client, "insert into fidelity_sem values ('ab')", **target)
    assert query(client, "select length(c), c = 'ab' from fidelity_sem", **target) == [[2, True]]
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user="awsuser", password="any",
                            dbname="dev", sslmode="disable", connect_timeout=10)
    try:
        cur = conn.cursor()
        table = f"fidelity_pg_char_{uuid.uuid4().hex[:8]}"
        cur.execute(f"create table {table} (c char(10))")
        cur.execute(f"insert into {table} values ('ab')")
        cur.execute(f"select c from {table}")
        assert cur.fetchall() == [("ab        ",)]
        cur.execute(f"drop table {table}")
        conn.commit()
    finally:
        conn.close()


# ---- 3. IDENTITY columns in DescribeTable --------------------------------------------------------

def test_describe_table_reports_identity_as_serial(client, target):
    # [SAMPLE]: for `id int identity(1,1)` describe-table reports typeName "serial" and nullable 1.
    run_ok(client, "create table fidelity_ident (id int identity(1,1), name varchar(20) not null)", **target)
    columns = {c["name"]: c for c in client.describe_table(**target, Table="fidelity_ident")["ColumnList"]}
    assert columns["id"]["typeName"] == "serial"
    assert columns["id"]["nullable"] == 1
    assert columns["id"]["precision"] == 10
    # Other columns are unchanged: a NOT NULL varchar stays varchar with nullable 0.
    assert columns["name"]["typeName"] == "varchar"
    assert columns["name"]["nullable"] == 0


# ---- 4. VARBYTE values ---------------------------------------------------------------------------

def test_varbyte_value_is_base64_in_string_value(client, target):
    # [RSS]: `'abc'::varbyte` comes back as {"stringValue": "YWJj"}, not as blobValue.
    d = run_ok(client, "select 'abc'::varbyte as b", **target)
    assert client.get_statement_result(Id=d["Id"])["Records"] == [[{"stringValue": "YWJj"}]]


def test_varbyte_column_is_base64_in_string_value(client, target):
    # [RSS], for a stored column: the bytes, base64-encoded, in stringValue.
    run_ok(client, "create table fidelity_vb (b varbyte)", **target)
    run_ok(client, "insert into fidelity_vb values ('hello'::varbyte)", **target)
    d = run_ok(client, "select b from fidelity_vb", **target)
    (record,) = client.get_statement_result(Id=d["Id"])["Records"]
    assert record == [{"stringValue": base64.b64encode(b"hello").decode()}]


# ---- 5. ColumnMetadata details -------------------------------------------------------------------

def test_column_metadata_matches_the_captured_answer(client, target):
    # [RSS]: a NULL literal is varchar with precision 65535; CAST(x AS REAL) has scale 8; varbyte is
    # case-sensitive; timestamptz has precision 35.
    d = run_ok(client, "select null as n, cast(1.5 as real) as r, 'abc'::varbyte as b, "
                       "'2020-01-01 00:00:00+00'::timestamptz as tz", **target)
    meta = {c["name"]: c for c in client.get_statement_result(Id=d["Id"])["ColumnMetadata"]}
    assert (meta["n"]["typeName"], meta["n"]["precision"]) == ("varchar", 65535)
    assert (meta["r"]["typeName"], meta["r"]["precision"], meta["r"]["scale"]) == ("float4", 8, 8)
    assert (meta["b"]["typeName"], meta["b"]["isCaseSensitive"]) == ("varbyte", True)
    assert (meta["tz"]["typeName"], meta["tz"]["precision"], meta["tz"]["scale"]) == ("timestamptz", 35, 6)


@pytest.mark.parametrize("sql,type_name,precision,scale,case_sensitive", [
    # emulator decision (unverified on AWS): the JDBC rules the captured values follow, applied to the
    # neighbouring types — float8 scale = precision 17, timetz = time's 15 plus 6 for the zone,
    # numbers/booleans/dates not case-sensitive, SUPER case-sensitive.
    ("cast(1.5 as double precision)", "float8", 17, 17, False),
    ("'10:11:12+00'::timetz", "timetz", 21, 6, False),
    ("'10:11:12'::time", "time", 15, 6, False),
    ("true", "bool", 1, 0, False),
    ("json_parse('{\"a\":1}')", "super", 65535, 0, True),
])
def test_column_metadata_of_neighbouring_types(client, target, sql, type_name, precision, scale, case_sensitive):
    d = run_ok(client, f"select {sql} as x", **target)
    (m,) = client.get_statement_result(Id=d["Id"])["ColumnMetadata"]
    assert (m["typeName"], m["precision"], m["scale"], m["isCaseSensitive"]) == \
        (type_name, precision, scale, case_sensitive)


# ---- 6. ListStatements shows FINISHED statements by default --------------------------------------

def test_list_statements_without_status_lists_only_finished(client, target):
    # [MODEL] ListStatements.Status: "By default, only finished statements are shown."
    ok = run_ok(client, "select 1", **target)["Id"]
    bad = run(client, "select * from no_such_table", **target)
    assert bad["Status"] == "FAILED"
    listed = [s for s in client.list_statements(ClusterIdentifier=target["ClusterIdentifier"])["Statements"]]
    assert [s["Id"] for s in listed] == [ok]
    assert {s["Status"] for s in listed} == {"FINISHED"}
    every = client.list_statements(ClusterIdentifier=target["ClusterIdentifier"], Status="ALL")["Statements"]
    assert sorted(s["Id"] for s in every) == sorted([ok, bad["Id"]])


# ---- 7. ListDatabases needs Database -------------------------------------------------------------

@pytest.mark.parametrize("auth", ["DbUser", "SecretArn", "IAM identity"])
def test_list_databases_requires_database(strict_client, auth):
    # [MODEL] ListDatabases.Database: "This parameter is required when authenticating using either
    # Secrets Manager or temporary credentials" — DbUser and the IAM identity are temporary
    # credentials, SecretArn is Secrets Manager. The message is the one the other metadata calls give
    # (unverified on AWS).
    members = {"DbUser": {"DbUser": "awsuser"}, "SecretArn": {"SecretArn": SECRET_ALICE}, "IAM identity": {}}[auth]
    with pytest.raises(strict_client.exceptions.ValidationException) as e:
        strict_client.list_databases(ClusterIdentifier="c1", **members)
    assert error_of(e)[1] == "database must not be null"
    assert "dev" in strict_client.list_databases(ClusterIdentifier="c1", Database="dev", **members)["Databases"]


# ---- 8. The configuration's users: --------------------------------------------------------------

def test_configured_users_exist_for_seed_scripts_and_every_database(make_server):
    # README › Configuration: `users: [tenant_a, tenant_b]` declares database users. A seed script's
    # GRANT … TO tenant_a must then find the user (before, it failed with `user "tenant_a" does not
    # exist`), and the user can run statements with the privileges granted, in every database.
    seed = os.path.join(tempfile.mkdtemp(), "seed.sql")
    with open(seed, "w") as f:
        f.write("create table tenant_data (id int);\ninsert into tenant_data values (7);\n"
                "grant select on tenant_data to tenant_a;\n")
    config = {"clusters": [{"identifier": "cfg-users", "databases": ["dev", "sales"]}],
              "users": ["tenant_a", "tenant_b"]}
    server = make_server(config=config, extra_args=["--init-sql", seed])
    client = make_client(server.url)
    dev = {"ClusterIdentifier": "cfg-users", "Database": "dev"}
    assert query(client, "select id from tenant_data", DbUser="tenant_a", **dev) == [[7]]
    # tenant_b exists but holds no privilege: Redshift's permission error, not "does not exist".
    denied = run(client, "select id from tenant_data", DbUser="tenant_b", **dev)
    assert denied["Status"] == "FAILED"
    assert "permission denied" in denied["Error"]
    users = query(client, "select usename from pg_user where usename like 'tenant_%' order by 1",
                  DbUser="awsuser", **dev)
    assert users == [["tenant_a"], ["tenant_b"]]
    # Another configured database, and one auto-created on first use, know the users too.
    for database in ("sales", f"db_{uuid.uuid4().hex[:6]}"):
        target = {"ClusterIdentifier": "cfg-users", "Database": database, "DbUser": "awsuser"}
        run_ok(client, "create table t (i int)", **target)
        run_ok(client, "grant select on t to tenant_b", **target)
        assert query(client, "select count(*) from t", **dict(target, DbUser="tenant_b")) == [[0]]
