"""ClientToken, CancelStatement, ListStatements, WaitTimeSeconds (data-api.md §3.6, §3.7, §11, §15)."""

import datetime
import time
import uuid

import pytest

from conftest import TERMINAL, error_of, make_big_table, query, run, run_ok, wait, wait_until_running


# ---- ClientToken -------------------------------------------------------------------------------

def test_client_token_is_idempotent(client, target):
    # data-api.md §11: a repeat with the same token returns the original Id without running the SQL again.
    run_ok(client, "create table ct (i int)", **target)
    token = f"tok-{uuid.uuid4()}"
    r1 = client.execute_statement(Sql="insert into ct values (1)", ClientToken=token, **target)
    wait(client, r1["Id"])
    r2 = client.execute_statement(Sql="insert into ct values (1)", ClientToken=token, **target)
    assert r2["Id"] == r1["Id"]
    assert query(client, "select count(*) from ct", **target) == [[1]]


def test_client_token_repeat_while_running(client, target, cancel_later):
    # data-api.md §11: a retry of an accepted request (even before it ends) gets the same Id.
    long_sql = make_big_table(client, **target)
    token = f"tok-{uuid.uuid4()}"
    r1 = client.execute_statement(Sql=long_sql, ClientToken=token, **target)
    cancel_later.append(r1["Id"])
    r2 = client.execute_statement(Sql=long_sql, ClientToken=token, **target)
    assert r2["Id"] == r1["Id"]


def test_client_token_on_batch(client, target):
    # data-api.md §11: ClientToken also on BatchExecuteStatement.
    run_ok(client, "create table cb (i int)", **target)
    token = f"tok-{uuid.uuid4()}"
    r1 = client.batch_execute_statement(Sqls=["insert into cb values (1)", "insert into cb values (2)"],
                                        ClientToken=token, **target)
    wait(client, r1["Id"])
    r2 = client.batch_execute_statement(Sqls=["insert into cb values (1)", "insert into cb values (2)"],
                                        ClientToken=token, **target)
    assert r2["Id"] == r1["Id"]
    assert query(client, "select count(*) from cb", **target) == [[2]]


def test_different_tokens_run_twice(client, target):
    # data-api.md §1.1: botocore generates a fresh ClientToken per call, so two calls are two statements.
    run_ok(client, "create table ct2 (i int)", **target)
    a = run_ok(client, "insert into ct2 values (1)", **target)
    b = run_ok(client, "insert into ct2 values (1)", **target)
    assert a["Id"] != b["Id"]
    assert query(client, "select count(*) from ct2", **target) == [[2]]


def test_client_token_too_long_is_validation_error(client, target):
    # data-api.md §11: 1–64 characters (botocore does not check max).
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", ClientToken="x" * 65, **target)


# ---- CancelStatement ---------------------------------------------------------------------------

def test_cancel_running_statement(client, target, cancel_later):
    # data-api.md §3.6 / §18: {"Status": true}; then the statement is ABORTED.
    long_sql = make_big_table(client, **target)
    r = client.execute_statement(Sql=long_sql, **target)
    cancel_later.append(r["Id"])
    wait_until_running(client, r["Id"])
    t0 = time.monotonic()
    assert client.cancel_statement(Id=r["Id"])["Status"] is True
    d = wait(client, r["Id"], timeout=10)
    assert d["Status"] == "ABORTED"
    assert time.monotonic() - t0 < 5


def test_aborted_statement_has_error(client, target, cancel_later):
    # emulator decision (unverified on AWS): data-api.md §16.2 — Error is set for ABORTED too
    # (awswrangler reads response["Error"]).
    long_sql = make_big_table(client, **target)
    r = client.execute_statement(Sql=long_sql, **target)
    cancel_later.append(r["Id"])
    wait_until_running(client, r["Id"])
    client.cancel_statement(Id=r["Id"])
    d = wait(client, r["Id"], timeout=10)
    assert d["Status"] == "ABORTED"
    assert d["Error"]


def test_cancel_finished_statement_is_validation_error(client, target):
    # data-api.md §3.6 / §12: exact text with the state and the id.
    d = run_ok(client, "select 1", **target)
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.cancel_statement(Id=d["Id"])
    assert error_of(ei)[1] == f"Could not cancel a query that is already in FINISHED state with ID: {d['Id']}"


def test_cancel_failed_statement_names_failed_state(client, target):
    # data-api.md §3.6: "any state name".
    d = run(client, "select * from nope", **target)
    assert d["Status"] == "FAILED"
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.cancel_statement(Id=d["Id"])
    assert error_of(ei)[1] == f"Could not cancel a query that is already in FAILED state with ID: {d['Id']}"


def test_cancel_aborted_statement_names_aborted_state(client, target, cancel_later):
    # data-api.md §3.6: real text seen for ABORTED (aws-sdk-js-v3#3056).
    long_sql = make_big_table(client, **target)
    r = client.execute_statement(Sql=long_sql, **target)
    cancel_later.append(r["Id"])
    wait_until_running(client, r["Id"])
    client.cancel_statement(Id=r["Id"])
    assert wait(client, r["Id"], timeout=10)["Status"] == "ABORTED"
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.cancel_statement(Id=r["Id"])
    assert error_of(ei)[1] == f"Could not cancel a query that is already in ABORTED state with ID: {r['Id']}"


def test_cancel_unknown_id_is_resource_not_found(client):
    # data-api.md §12: Describe/GetResult/Cancel of an unknown id -> "Query does not exist."
    with pytest.raises(client.exceptions.ResourceNotFoundException) as ei:
        client.cancel_statement(Id=str(uuid.uuid4()))
    assert error_of(ei)[1] == "Query does not exist."


# ---- ListStatements ----------------------------------------------------------------------------

def _names(prefix, n):
    return [f"{prefix}-{i}" for i in range(n)]


def test_list_statements_newest_first(client, target):
    # emulator decision (unverified on AWS): data-api.md §3.7 — newest CreatedAt first.
    ids = [run_ok(client, f"select {i}", **target)["Id"] for i in range(3)]
    listed = client.list_statements(ClusterIdentifier=target["ClusterIdentifier"], Status="ALL")["Statements"]
    assert [s["Id"] for s in listed] == list(reversed(ids))
    created = [s["CreatedAt"] for s in listed]
    assert created == sorted(created, reverse=True)


def test_list_statements_item_fields(client, target):
    # data-api.md §2.3 / §3.7: StatementData items carry Id, QueryString, Status, CreatedAt, UpdatedAt,
    # StatementName, QueryParameters; IsBatchStatement false for a single statement.
    name = f"fields-{uuid.uuid4().hex[:8]}"
    sql = "select :v::int as v"
    params = [{"name": "v", "value": "1"}]
    d = run_ok(client, sql, StatementName=name, Parameters=params, **target)
    (item,) = client.list_statements(StatementName=name, Status="ALL")["Statements"]
    assert item["Id"] == d["Id"]
    assert item["QueryString"] == sql
    assert item["Status"] == "FINISHED"
    assert item["StatementName"] == name
    assert item["QueryParameters"] == params
    assert isinstance(item["CreatedAt"], datetime.datetime)
    assert isinstance(item["UpdatedAt"], datetime.datetime)
    assert item.get("IsBatchStatement", False) is False
    assert "QueryStrings" not in item


def test_list_statements_status_filter(client, target):
    # data-api.md §3.7: Status filters; ALL = any status.
    ok = run_ok(client, "select 1", **target)
    bad = run(client, "select * from nope", **target)
    assert bad["Status"] == "FAILED"
    cid = target["ClusterIdentifier"]
    failed = [s["Id"] for s in client.list_statements(ClusterIdentifier=cid, Status="FAILED")["Statements"]]
    finished = [s["Id"] for s in client.list_statements(ClusterIdentifier=cid, Status="FINISHED")["Statements"]]
    every = [s["Id"] for s in client.list_statements(ClusterIdentifier=cid, Status="ALL")["Statements"]]
    assert failed == [bad["Id"]]
    assert finished == [ok["Id"]]
    assert sorted(every) == sorted([ok["Id"], bad["Id"]])


def test_list_statements_name_prefix_filter(client, target):
    # data-api.md §3.7: StatementName is a case-sensitive prefix match.
    base = f"pfx{uuid.uuid4().hex[:8]}"
    a1 = run_ok(client, "select 1", StatementName=f"{base}-a1", **target)["Id"]
    a2 = run_ok(client, "select 2", StatementName=f"{base}-a2", **target)["Id"]
    b1 = run_ok(client, "select 3", StatementName=f"{base}-b1", **target)["Id"]
    got = [s["Id"] for s in client.list_statements(StatementName=f"{base}-a", Status="ALL")["Statements"]]
    assert sorted(got) == sorted([a1, a2])
    assert b1 not in got
    assert client.list_statements(StatementName=f"{base.upper()}-A", Status="ALL")["Statements"] == []


def test_list_statements_paging(client, target):
    # data-api.md §3.7: MaxResults + NextToken; every statement once; tokens never repeat.
    ids = {run_ok(client, f"select {i}", **target)["Id"] for i in range(5)}
    seen, tokens, token = [], set(), None
    for _ in range(10):
        kw = {"NextToken": token} if token else {}
        page = client.list_statements(ClusterIdentifier=target["ClusterIdentifier"], Status="ALL",
                                      MaxResults=2, **kw)
        assert len(page["Statements"]) <= 2
        seen += [s["Id"] for s in page["Statements"]]
        token = page.get("NextToken")
        if not token:
            break
        assert token not in tokens
        tokens.add(token)
    assert sorted(seen) == sorted(ids)
    assert len(tokens) >= 2


def test_list_statements_cluster_filter(client, target):
    # data-api.md §3.7: ClusterIdentifier lists only statements run on that cluster.
    mine = run_ok(client, "select 1", **target)["Id"]
    other = dict(target, ClusterIdentifier=f"other-{uuid.uuid4().hex[:10]}")
    theirs = run_ok(client, "select 1", **other)["Id"]
    got = [s["Id"] for s in client.list_statements(ClusterIdentifier=target["ClusterIdentifier"],
                                                   Status="ALL")["Statements"]]
    assert mine in got
    assert theirs not in got


def test_list_statements_cluster_and_workgroup_is_validation_error(client):
    # data-api.md §3.7: ClusterIdentifier cannot be combined with WorkgroupName.
    with pytest.raises(client.exceptions.ValidationException):
        client.list_statements(ClusterIdentifier="abc", WorkgroupName="wg-abc")


def test_list_statements_max_results_range(client):
    # data-api.md §3.7: MaxResults 0–100 (botocore does not check max).
    with pytest.raises(client.exceptions.ValidationException):
        client.list_statements(MaxResults=101)


def test_list_statements_session_id(client, target):
    # data-api.md §9: ListStatements shows SessionId for statements that ran in a session.
    r = client.execute_statement(Sql="select 1", SessionKeepAliveSeconds=30, StatementName="in-session",
                                 **target)
    wait(client, r["Id"])
    listed = client.list_statements(ClusterIdentifier=target["ClusterIdentifier"], Status="ALL")["Statements"]
    (item,) = [s for s in listed if s["Id"] == r["Id"]]
    assert item["SessionId"] == r["SessionId"]


# ---- WaitTimeSeconds -----------------------------------------------------------------------------

def test_wait_time_seconds_on_execute(client, target):
    # data-api.md §15: a statement that finished within the wait returns Status and HasResultSet.
    r = client.execute_statement(Sql="select 1", WaitTimeSeconds=10, **target)
    assert r["Status"] == "FINISHED"
    assert r["HasResultSet"] is True
    assert r["RedshiftPid"] > 0


def test_wait_time_seconds_on_execute_ddl(client, target):
    # data-api.md §15: HasResultSet false for DDL when it finished within the wait.
    r = client.execute_statement(Sql="create table w (i int)", WaitTimeSeconds=10, **target)
    assert r["Status"] == "FINISHED"
    assert r["HasResultSet"] is False


def test_wait_time_seconds_on_batch(client, target):
    # data-api.md §15: BatchExecuteStatement also long-polls.
    r = client.batch_execute_statement(Sqls=["select 1", "select 2"], WaitTimeSeconds=10, **target)
    assert r["Status"] == "FINISHED"
    assert r["HasResultSet"] is True


def test_wait_time_seconds_on_describe_returns_after_wait(client, target, cancel_later):
    # data-api.md §15: the call waits up to WaitTimeSeconds for the statement to finish, then answers
    # with the current (running) status.
    long_sql = make_big_table(client, **target)
    r = client.execute_statement(Sql=long_sql, **target)
    cancel_later.append(r["Id"])
    t0 = time.monotonic()
    d = client.describe_statement(Id=r["Id"], WaitTimeSeconds=1)
    elapsed = time.monotonic() - t0
    assert d["Status"] not in TERMINAL
    assert 0.8 <= elapsed < 5


def test_wait_time_seconds_on_describe_quick_statement(client, target):
    # data-api.md §15: a quick statement is terminal in the response of a long-polled describe.
    r = client.execute_statement(Sql="select 1", **target)
    t0 = time.monotonic()
    d = client.describe_statement(Id=r["Id"], WaitTimeSeconds=10)
    assert d["Status"] == "FINISHED"
    assert time.monotonic() - t0 < 2  # answers as soon as the statement is done


# ---- more ListStatements filters ----------------------------------------------------------------

def test_list_statements_database_filter(strict_client):
    # data-api.md §3.7: Database filters when a cluster is given.
    name = f"dbf-{uuid.uuid4().hex[:8]}"
    in_dev = run_ok(strict_client, "select 1", StatementName=name, ClusterIdentifier="c1", Database="dev",
                    DbUser="awsuser")
    in_analytics = run_ok(strict_client, "select 1", StatementName=name, ClusterIdentifier="c1",
                          Database="analytics", DbUser="awsuser")
    assert in_analytics["Database"] == "analytics"
    got = [s["Id"] for s in strict_client.list_statements(ClusterIdentifier="c1", Database="analytics",
                                                          StatementName=name, Status="ALL")["Statements"]]
    assert got == [in_analytics["Id"]]
    got = [s["Id"] for s in strict_client.list_statements(ClusterIdentifier="c1", Database="dev",
                                                          StatementName=name, Status="ALL")["Statements"]]
    assert got == [in_dev["Id"]]


def test_list_statements_workgroup_filter(client, target):
    # data-api.md §3.7: WorkgroupName lists only statements run on that workgroup.
    wg = f"wg-{uuid.uuid4().hex[:8]}"
    on_wg = wait(client, client.execute_statement(Sql="select 1", WorkgroupName=wg, Database="dev")["Id"])
    on_cluster = run_ok(client, "select 1", **target)
    got = [s["Id"] for s in client.list_statements(WorkgroupName=wg, Status="ALL")["Statements"]]
    assert got == [on_wg["Id"]]
    assert on_cluster["Id"] not in got


def test_list_statements_role_level_is_accepted(client, target):
    # data-api.md §3.7: RoleLevel false = only the current IAM session; the caller's own statement is listed.
    d = run_ok(client, "select 1", **target)
    got = [s["Id"] for s in client.list_statements(ClusterIdentifier=target["ClusterIdentifier"], Status="ALL",
                                                   RoleLevel=False)["Statements"]]
    assert d["Id"] in got


def test_list_statements_result_format(client, target):
    # data-api.md §2.3: StatementData carries ResultFormat.
    d = run_ok(client, "select 1", ResultFormat="CSV", **target)
    (item,) = client.list_statements(ClusterIdentifier=target["ClusterIdentifier"], Status="ALL")["Statements"]
    assert item["Id"] == d["Id"]
    assert item["ResultFormat"] == "CSV"


# ---- concurrency -----------------------------------------------------------------------------------

def test_concurrent_clients(endpoint, target):
    # DESIGN.md: CI pipelines and apps run many statements at once; every committed write is kept and
    # every statement gets its own id.
    import threading
    from conftest import make_client
    setup = make_client(endpoint)
    run_ok(setup, "create table conc (worker int, n int)", **target)
    ids, errors = [], []

    def worker(w):
        c = make_client(endpoint)
        try:
            for n in range(10):
                d = run_ok(c, f"insert into conc values ({w}, {n})", **target)
                ids.append(d["Id"])
        except Exception as e:  # reported below
            errors.append(repr(e))

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors[:3]
    assert len(set(ids)) == 80
    assert query(setup, "select count(*), count(distinct worker) from conc", **target) == [[80, 8]]
