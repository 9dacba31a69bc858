"""Sessions: SessionKeepAliveSeconds, SessionId, expiry, busy sessions, ListSessions
(data-api.md §3.1, §9, §15)."""

import datetime
import re
import time
import uuid

import pytest

from conftest import UUID4_RE, error_of, fetch_all, make_big_table, query, rows, run, run_ok, wait, \
    wait_until_running


def start_session(client, target, keep_alive=60, sql="select 1"):
    r = client.execute_statement(Sql=sql, SessionKeepAliveSeconds=keep_alive, **target)
    d = wait(client, r["Id"])
    assert d["Status"] == "FINISHED", d.get("Error")
    return r["SessionId"], d


def test_keep_alive_returns_session_id(client, target):
    # data-api.md §3.1 / §9: the response carries SessionId (a lower-case UUID v4, §2.1 / §16.3).
    r = client.execute_statement(Sql="select 1", SessionKeepAliveSeconds=60, **target)
    assert UUID4_RE.match(r["SessionId"])
    d = wait(client, r["Id"])
    assert d["SessionId"] == r["SessionId"]  # §5.2: DescribeStatement shows SessionId


def test_session_call_echoes_session_id(client, target):
    # data-api.md §9 [BAL]: the same SessionId is echoed back when reusing it.
    sid, _ = start_session(client, target)
    r = client.execute_statement(Sql="select 2", SessionId=sid)
    assert r["SessionId"] == sid
    d = wait(client, r["Id"])
    assert d["Status"] == "FINISHED"
    assert d["SessionId"] == sid


def test_temp_table_persists_in_session(client, target):
    # data-api.md §9: later calls with SessionId run in the same session; temp tables persist.
    sid, _ = start_session(client, target, sql="create temp table tt (i int)")
    run_ok(client, "insert into tt values (1), (2)", SessionId=sid)
    assert query(client, "select count(*) from tt", SessionId=sid) == [[2]]


def test_temp_table_does_not_carry_over_without_session(client, target):
    # data-api.md §3.1: every statement without SessionId runs in its own database session.
    run_ok(client, "create temp table tt2 (i int)", **target)
    d = run(client, "select * from tt2", **target)
    assert d["Status"] == "FAILED"
    assert 'relation "tt2" does not exist' in d["Error"]


def test_set_search_path_persists_in_session(client, target):
    # data-api.md §9: SET state persists in the session (SHOW prints the list as set).
    run_ok(client, "create schema s1", **target)
    run_ok(client, "create table s1.only_here (i int)", **target)
    run_ok(client, "insert into s1.only_here values (5)", **target)
    sid, _ = start_session(client, target, sql="set search_path to s1, public")
    assert query(client, "show search_path", SessionId=sid) == [["s1, public"]]
    assert query(client, "select i from only_here", SessionId=sid) == [[5]]
    d = run(client, "select i from only_here", **target)  # no session: default search_path
    assert d["Status"] == "FAILED"


def test_batch_can_open_and_use_a_session(client, target):
    # data-api.md §3.2 / §9: BatchExecuteStatement takes SessionKeepAliveSeconds and SessionId too.
    r = client.batch_execute_statement(Sqls=["create temp table bs (i int)", "insert into bs values (9)"],
                                       SessionKeepAliveSeconds=60, **target)
    sid = r["SessionId"]
    assert wait(client, r["Id"])["Status"] == "FINISHED"
    r2 = client.batch_execute_statement(Sqls=["insert into bs values (10)", "select sum(i) from bs"],
                                        SessionId=sid)
    assert wait(client, r2["Id"])["Status"] == "FINISHED"
    assert rows(fetch_all(client, r2["Id"] + ":2")) == [[19]]


def test_session_runs_as_its_user_and_database(client, target):
    # data-api.md §4.1: with SessionId, target, database and credentials are those of the session.
    sid, _ = start_session(client, target)
    r = client.execute_statement(Sql="select current_user", SessionId=sid)
    d = wait(client, r["Id"])
    assert d["Status"] == "FINISHED"
    assert rows(fetch_all(client, r["Id"]))[0][0].rstrip() == "awsuser"
    assert d.get("Database", "dev") == "dev"


def test_unknown_session_id_is_validation_error(client):
    # data-api.md §9 / §12: an id that never existed -> ValidationException `Session with Id: <id> is invalid`
    # (punctuation unverified).
    sid = str(uuid.uuid4())
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.execute_statement(Sql="select 1", SessionId=sid)
    msg = error_of(ei)[1]
    assert re.search(r"Session with Id:? ?" + re.escape(sid) + r" is invalid", msg), msg


def test_malformed_session_id_is_validation_error(client):
    # data-api.md §3.1: SessionId must match P_UUID.
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", SessionId="not-a-session")


def test_session_expires_after_keep_alive(client, target):
    # data-api.md §9 / §12: a closed/expired session -> ValidationException "Session is not available".
    sid, _ = start_session(client, target, keep_alive=1)
    time.sleep(2.5)
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.execute_statement(Sql="select 1", SessionId=sid)
    assert "Session is not available" in error_of(ei)[1]


def test_keep_alive_is_an_idle_timer(client, target):
    # data-api.md §9: the keep-alive is refreshed by each use (awslabs/mcp#4587).
    sid, _ = start_session(client, target, keep_alive=2)
    for _ in range(3):  # 3 x 1.2 s > 2 s since creation, but never 2 s idle
        time.sleep(1.2)
        run_ok(client, "select 1", SessionId=sid)


def test_busy_session_rejects_a_second_statement(client, target, cancel_later):
    # data-api.md §9: one statement at a time per session, no queueing.
    # emulator decision (unverified on AWS): ValidationException mentioning that the session is busy.
    long_sql = make_big_table(client, **target)
    sid, _ = start_session(client, target)
    r = client.execute_statement(Sql=long_sql, SessionId=sid)
    cancel_later.append(r["Id"])
    assert wait_until_running(client, r["Id"])["Status"] not in {"FINISHED", "FAILED", "ABORTED"}
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.execute_statement(Sql="select 1", SessionId=sid)
    assert "busy" in error_of(ei)[1].lower()


def test_list_sessions_available_and_fields(client, target):
    # data-api.md §15 (ListSessions; CLI example item) and the botocore 1.44.5 model
    # (SessionAliveSeconds = "seconds that the session is kept alive after a query finishes").
    sid, _ = start_session(client, target, keep_alive=60)
    sessions = client.list_sessions(ClusterIdentifier=target["ClusterIdentifier"])["Sessions"]
    (s,) = [x for x in sessions if x["SessionId"] == sid]
    assert s["Status"] == "AVAILABLE"
    assert isinstance(s["CreatedAt"], datetime.datetime)
    assert s["Database"] == "dev"
    assert s["DbUser"] == "awsuser"
    assert s["ClusterIdentifier"] == target["ClusterIdentifier"]
    assert s["SessionAliveSeconds"] == 60
    assert isinstance(s["SessionTtl"], datetime.datetime)
    assert s["SessionTtl"] > s["CreatedAt"]
    assert "CurrentStatementId" not in s  # only when BUSY
    assert "WorkgroupName" not in s


def test_list_sessions_by_session_id(client, target):
    # data-api.md §15: SessionId retrieves a single session.
    sid, _ = start_session(client, target)
    start_session(client, target)  # another one on the same cluster
    sessions = client.list_sessions(SessionId=sid)["Sessions"]
    assert [s["SessionId"] for s in sessions] == [sid]


def test_list_sessions_shows_busy(client, target, cancel_later):
    # data-api.md §15: BUSY while a statement runs, with CurrentStatementId; AVAILABLE again after.
    long_sql = make_big_table(client, **target)
    sid, _ = start_session(client, target)
    r = client.execute_statement(Sql=long_sql, SessionId=sid)
    cancel_later.append(r["Id"])
    wait_until_running(client, r["Id"])
    (s,) = client.list_sessions(SessionId=sid)["Sessions"]
    assert s["Status"] == "BUSY"
    assert s["CurrentStatementId"] == r["Id"]
    assert client.cancel_statement(Id=r["Id"])["Status"] is True
    assert wait(client, r["Id"])["Status"] == "ABORTED"
    deadline = time.monotonic() + 5
    while True:
        (s,) = client.list_sessions(SessionId=sid)["Sessions"]
        if s["Status"] == "AVAILABLE" or time.monotonic() > deadline:
            break
        time.sleep(0.02)
    assert s["Status"] == "AVAILABLE"
    run_ok(client, "select 1", SessionId=sid)  # the session survives a cancelled statement


def test_list_sessions_shows_closed(client, target):
    # data-api.md §15: an expired session shows CLOSED; the default listing is AVAILABLE + BUSY only.
    sid, _ = start_session(client, target, keep_alive=1)
    time.sleep(2.5)
    closed = client.list_sessions(Status="CLOSED", ClusterIdentifier=target["ClusterIdentifier"])["Sessions"]
    assert sid in [s["SessionId"] for s in closed]
    assert all(s["Status"] == "CLOSED" for s in closed)
    default = client.list_sessions(ClusterIdentifier=target["ClusterIdentifier"])["Sessions"]
    assert sid not in [s["SessionId"] for s in default]


def test_list_sessions_unknown_id_is_resource_not_found(client):
    # data-api.md §15: ResourceNotFoundException for a SessionId that never existed.
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.list_sessions(SessionId=str(uuid.uuid4()))


def test_list_sessions_session_id_with_filters_is_validation_error(client, target):
    # data-api.md §15: with SessionId, the filters Status, ClusterIdentifier, WorkgroupName, Database
    # may not be used.
    sid, _ = start_session(client, target)
    with pytest.raises(client.exceptions.ValidationException):
        client.list_sessions(SessionId=sid, Status="AVAILABLE")


def test_list_sessions_paging(client, target):
    # data-api.md §15: MaxResults + NextToken page through the sessions.
    ids = {start_session(client, target)[0] for _ in range(3)}
    seen, token, pages = [], None, 0
    while True:
        kw = {"NextToken": token} if token else {}
        page = client.list_sessions(ClusterIdentifier=target["ClusterIdentifier"], MaxResults=2, **kw)
        pages += 1
        assert len(page["Sessions"]) <= 2
        seen += [s["SessionId"] for s in page["Sessions"]]
        token = page.get("NextToken")
        if not token or pages > 10:
            break
    assert pages >= 2
    assert sorted(seen) == sorted(ids)


def test_session_id_with_target_is_validation_error(client, target):
    # emulator decision (unverified on AWS): data-api.md §4.2 — SessionId together with a target is rejected.
    sid, _ = start_session(client, target)
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", SessionId=sid, ClusterIdentifier=target["ClusterIdentifier"],
                                 Database="dev")
