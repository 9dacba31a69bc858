"""Statement lifecycle: ExecuteStatement / DescribeStatement and the wire format (data-api.md §1, §3.1, §5)."""

import datetime
import time

from conftest import (ALL_STATUSES, RUNNING, TERMINAL, UUID4_RE, error_code, fetch_all, health,
                      make_big_table, raw, raw_json, rows, run, run_ok, wait)


def test_execute_returns_lowercase_uuid4_id(client, target):
    # data-api.md §2.1: ids are lower-case v4 UUIDs.
    r = client.execute_statement(Sql="select 1", **target)
    assert UUID4_RE.match(r["Id"]), r["Id"]


def test_execute_response_echoes_connection(client, target):
    # data-api.md §3.1: output carries Id, CreatedAt, ClusterIdentifier, Database, DbUser; no SessionId
    # without a session; no WorkgroupName for a cluster target.
    r = client.execute_statement(Sql="select 1", **target)
    assert r["ClusterIdentifier"] == target["ClusterIdentifier"]
    assert r["Database"] == "dev"
    assert r["DbUser"] == "awsuser"
    assert isinstance(r["CreatedAt"], datetime.datetime)
    assert "SessionId" not in r
    assert "WorkgroupName" not in r


def test_execute_answers_at_once_while_statement_runs(client, target, cancel_later):
    # data-api.md §3.1 / §5.1: asynchronous; the call returns as soon as the statement is accepted.
    long_sql = make_big_table(client, **target)
    t0 = time.monotonic()
    r = client.execute_statement(Sql=long_sql, **target)
    elapsed = time.monotonic() - t0
    cancel_later.append(r["Id"])
    assert elapsed < 2.0, f"ExecuteStatement blocked for {elapsed:.2f}s"
    d = client.describe_statement(Id=r["Id"])
    assert d["Status"] in RUNNING


def test_running_statement_has_placeholder_counters(client, target, cancel_later):
    # data-api.md §5.2 / §18: before finishing, Duration, ResultRows and ResultSize are -1.
    long_sql = make_big_table(client, **target)
    r = client.execute_statement(Sql=long_sql, **target)
    cancel_later.append(r["Id"])
    d = client.describe_statement(Id=r["Id"])
    assert d["Status"] in RUNNING
    assert d["Duration"] == -1
    assert d["ResultRows"] == -1
    assert d["ResultSize"] == -1
    assert "Error" not in d


def test_describe_finished_select(client, target):
    # data-api.md §5.2 and the §18 example.
    sql = "Select 1 as One, 'x' as Two ;"
    d = run(client, sql, **target)
    assert d["Status"] == "FINISHED"
    assert UUID4_RE.match(d["Id"])
    assert d["HasResultSet"] is True
    assert d["ResultRows"] == 1
    assert d["ResultSize"] >= 0
    assert d["Duration"] > 0  # nanoseconds
    assert d["RedshiftPid"] > 0
    assert d["RedshiftQueryId"] > 0
    assert d["QueryString"] == sql  # exactly as submitted, trailing ';' included
    assert isinstance(d["CreatedAt"], datetime.datetime)
    assert isinstance(d["UpdatedAt"], datetime.datetime)
    assert d["UpdatedAt"] >= d["CreatedAt"]
    assert "Error" not in d
    assert d["ClusterIdentifier"] == target["ClusterIdentifier"]
    assert d["Database"] == "dev"
    assert d["DbUser"] == "awsuser"
    assert d["ResultFormat"] == "JSON"
    assert "SubStatements" not in d  # only for batches
    assert "SessionId" not in d  # only in a session
    assert "QueryParameters" not in d


def test_describe_duration_is_nanoseconds(client, target):
    # data-api.md §5.2: Duration is in nanoseconds. A 10^6-row cross join takes well over a
    # millisecond (> 10^6 ns) and less than the wall-clock time we observed around it.
    make_big_table(client, **target)
    t0 = time.monotonic()
    d = run_ok(client, "select count(*) from t a, t b", **target)
    wall_ns = (time.monotonic() - t0) * 1e9
    assert 1_000_000 < d["Duration"] <= wall_ns + 1e8


def test_empty_select_has_result_set(client, target):
    # data-api.md §5.2: HasResultSet is true also for an empty result.
    run_ok(client, "create table e (i int)", **target)
    d = run_ok(client, "select * from e", **target)
    assert d["HasResultSet"] is True
    assert d["ResultRows"] == 0


def test_ddl_has_no_result_set(client, target):
    # data-api.md §5.2: HasResultSet false for DDL.
    d = run_ok(client, "create table ddl_t (i int)", **target)
    assert d["HasResultSet"] is False
    assert "Error" not in d


def test_ddl_result_rows_is_zero(client, target):
    # emulator decision (unverified on AWS): data-api.md §5.2 says "for DDL use 0".
    d = run_ok(client, "create table ddl_z (i int)", **target)
    assert d["ResultRows"] == 0


def test_dml_result_rows_is_rows_affected(client, target):
    # data-api.md §5.2: ResultRows = rows affected for INSERT/UPDATE/DELETE; HasResultSet false.
    run_ok(client, "create table dml (i int, s varchar(10))", **target)
    d = run_ok(client, "insert into dml values (1, 'a'), (2, 'b'), (3, 'c')", **target)
    assert d["ResultRows"] == 3
    assert d["HasResultSet"] is False
    d = run_ok(client, "update dml set s = 'z' where i >= 2", **target)
    assert d["ResultRows"] == 2
    d = run_ok(client, "delete from dml where i = 1", **target)
    assert d["ResultRows"] == 1
    d = run_ok(client, "update dml set s = 'q' where i > 100", **target)
    assert d["ResultRows"] == 0


def test_missing_relation_fails_with_redshift_error(client, target):
    # data-api.md §5.3: FAILED with Error `ERROR: relation "<name>" does not exist`.
    d = run(client, "select * from nope", **target)
    assert d["Status"] == "FAILED"
    assert d["Error"].startswith("ERROR: ")
    assert 'relation "nope" does not exist' in d["Error"]


def test_syntax_error_fails_with_redshift_error(client, target):
    # data-api.md §5.3: `ERROR: syntax error at or near "..."`.
    d = run(client, "selec 1", **target)
    assert d["Status"] == "FAILED"
    assert d["Error"].startswith("ERROR: syntax error at or near")
    assert '"selec"' in d["Error"]


def test_failed_statement_keeps_query_string(client, target):
    # data-api.md §5.2: QueryString exactly as submitted, also when the statement failed.
    sql = "select * from nope_either"
    d = run(client, sql, **target)
    assert d["Status"] == "FAILED"
    assert d["QueryString"] == sql
    assert isinstance(d["UpdatedAt"], datetime.datetime)


def test_more_than_one_statement_fails(client, target):
    # emulator decision (unverified on AWS): data-api.md §3.1 — one SQL statement only; more -> FAILED
    # with an `ERROR:` message; nothing of it runs.
    run_ok(client, "create table one_only (i int)", **target)
    d = run(client, "insert into one_only values (1); insert into one_only values (2)", **target)
    assert d["Status"] == "FAILED"
    assert d["Error"].startswith("ERROR: ")
    assert rows(fetch_all(client, run_ok(client, "select count(*) from one_only", **target)["Id"])) == [[0]]


def test_trailing_semicolon_is_one_statement(client, target):
    # data-api.md §5.2: a trailing `;` is part of a normal single statement.
    d = run_ok(client, "select 1;", **target)
    assert d["QueryString"] == "select 1;"


def test_with_event_is_accepted(client, target):
    # data-api.md §14: WithEvent is accepted and stored.
    r = client.execute_statement(Sql="select 1", WithEvent=True, **target)
    assert wait(client, r["Id"])["Status"] == "FINISHED"
    r = client.batch_execute_statement(Sqls=["select 1"], WithEvent=True, **target)
    assert wait(client, r["Id"])["Status"] == "FINISHED"


def test_statuses_are_always_in_the_enum(client, target):
    # data-api.md §2.2: never emit statuses outside the enum (e.g. UNKNOWN).
    r = client.execute_statement(Sql="select 1", **target)
    seen = set()
    for _ in range(2000):
        s = client.describe_statement(Id=r["Id"])["Status"]
        seen.add(s)
        if s in TERMINAL:
            break
        time.sleep(0.005)
    assert seen <= ALL_STATUSES
    assert "FINISHED" in seen


def test_workgroup_target(client):
    # data-api.md §3.1 / §5.2: only the target used is present (WorkgroupName, no ClusterIdentifier).
    import uuid
    wg = f"wg-{uuid.uuid4().hex[:8]}"
    r = client.execute_statement(Sql="select 1", WorkgroupName=wg, Database="dev")
    assert r["WorkgroupName"] == wg
    assert "ClusterIdentifier" not in r
    d = wait(client, r["Id"])
    assert d["Status"] == "FINISHED"
    assert d["WorkgroupName"] == wg
    assert "ClusterIdentifier" not in d


def test_describe_same_statement_twice_is_stable(client, target):
    # data-api.md §6.3: results and statements stay available; describe is a pure read.
    d1 = run_ok(client, "select 42", **target)
    d2 = client.describe_statement(Id=d1["Id"])
    for k in ("Id", "Status", "ResultRows", "ResultSize", "Duration", "RedshiftQueryId", "QueryString",
              "HasResultSet", "CreatedAt", "UpdatedAt"):
        assert d1[k] == d2[k], k


def test_query_ids_increase(client, target):
    # data-api.md §5.2: RedshiftQueryId is a per-statement id (emulator: a counter > 0).
    a = run_ok(client, "select 1", **target)
    b = run_ok(client, "select 2", **target)
    assert b["RedshiftQueryId"] != a["RedshiftQueryId"]
    assert b["RedshiftQueryId"] > 0


# ---- the raw wire ----------------------------------------------------------------------------

def test_raw_success_headers_and_number_timestamps(endpoint, cluster_id):
    # data-api.md §1.2: Content-Type application/x-amz-json-1.1, x-amzn-RequestId, timestamps as
    # JSON numbers (epoch seconds), Long fields as JSON integers.
    status, body, r = raw_json(endpoint, "ExecuteStatement",
                               {"Sql": "select 1", "ClusterIdentifier": cluster_id, "Database": "dev",
                                "DbUser": "awsuser"})
    assert status == 200
    assert r.headers["Content-Type"].split(";")[0].strip() == "application/x-amz-json-1.1"
    assert r.headers.get("x-amzn-RequestId")
    assert isinstance(body["CreatedAt"], (int, float)) and not isinstance(body["CreatedAt"], bool)
    assert abs(body["CreatedAt"] - time.time()) < 300  # epoch seconds, not milliseconds
    sid = body["Id"]
    deadline = time.monotonic() + 30
    while True:
        status, d, r = raw_json(endpoint, "DescribeStatement", {"Id": sid})
        assert status == 200
        if d["Status"] in TERMINAL or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert d["Status"] == "FINISHED"
    assert r.headers["Content-Type"].split(";")[0].strip() == "application/x-amz-json-1.1"
    for k in ("CreatedAt", "UpdatedAt"):
        assert isinstance(d[k], (int, float)) and not isinstance(d[k], bool), k
    for k in ("Duration", "ResultRows", "ResultSize", "RedshiftPid", "RedshiftQueryId"):
        assert isinstance(d[k], int) and not isinstance(d[k], bool), k
    assert d["HasResultSet"] is True
    # §1.2: members with no value are omitted, never sent as null.
    assert all(v is not None for v in d.values())


def test_raw_request_ids_are_unique(endpoint):
    # data-api.md §1.2: every response carries its own x-amzn-RequestId.
    ids = {raw(endpoint, "ListDatabases", {"ClusterIdentifier": "rid-check", "Database": "dev"})
           .headers.get("x-amzn-RequestId") for _ in range(3)}
    assert None not in ids and len(ids) == 3


def test_raw_error_shape(endpoint):
    # data-api.md §1.4 / §18: 400, {"__type": ..., "message": ...}, x-amzn-RequestId.
    status, body, r = raw_json(endpoint, "ExecuteStatement", {"Sql": "select 1", "Database": "dev"})
    assert status == 400
    assert error_code(body) == "ValidationException"
    assert body["message"] == "Either ClusterIdentifier or WorkgroupName needs to be specified."
    assert r.headers["Content-Type"].split(";")[0].strip() == "application/x-amz-json-1.1"
    assert r.headers.get("x-amzn-RequestId")


def test_raw_error_type_header(endpoint):
    # emulator decision (unverified on AWS): data-api.md §1.4 — the short code also in x-amzn-ErrorType.
    status, body, r = raw_json(endpoint, "ExecuteStatement", {"Sql": "select 1", "Database": "dev"})
    assert status == 400
    assert r.headers.get("x-amzn-ErrorType", "").split(":")[0] == "ValidationException"


def test_unknown_target_is_400_with_type(endpoint):
    # data-api.md §1.4: unknown operations get a client error with __type; never a 5xx.
    status, body, _ = raw_json(endpoint, None, {}, target="RedshiftData.NoSuchOperation")
    assert status == 400
    assert body.get("__type")
    assert health(endpoint).status_code == 200


def test_malformed_json_is_serialization_error(endpoint):
    # data-api.md §1.4: SerializationException for an unparsable body (general AWS behaviour,
    # unverified for this service); the server stays up.
    status, body, _ = raw_json(endpoint, "ExecuteStatement", '{"Sql": "select 1", "ClusterIdentifier": ')
    assert status == 400
    assert error_code(body) == "SerializationException"
    assert health(endpoint).status_code == 200


def test_empty_body_means_empty_object(endpoint):
    # data-api.md §1.1: an empty body means {} -> here ListStatements with no input succeeds.
    r = raw(endpoint, "ListStatements", b"")
    assert r.status_code == 200, r.text
    assert isinstance(r.json()["Statements"], list)


def test_health(endpoint):
    # DESIGN.md interface contract: GET /health answers 200 with JSON.
    r = health(endpoint)
    assert r.status_code == 200
    assert isinstance(r.json(), dict)
