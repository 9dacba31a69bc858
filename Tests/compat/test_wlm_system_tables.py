"""WLM at run time and the system tables fed by emulator activity (issue 6, second part).

Expected behaviour comes from the Redshift documentation pages cited beside each check
(Database Developer Guide slugs); numbering of service classes: wlm.md §4 (superuser queue 5,
manual user queues from 6). Slow statements are made slow with a fault rule that adds latency
(docs/workload.md), which is deterministic.
"""
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import make_client, query, run, wait

TARGET = {"ClusterIdentifier": "wlm", "Database": "dev", "DbUser": "awsuser"}
SLOW = {"name": "slow", "sql_pattern": "slow_marker", "action": "latency", "latency_ms": 1500}


def superuser_session(client):
    """A session routed to the superuser queue (service class 5), so system-table reads never
    wait behind the statements they look at (cm-c-wlm-queue-assignment-rules)."""
    d = client.execute_statement(Sql="set query_group to 'superuser'", SessionKeepAliveSeconds=120, **TARGET)
    assert wait(client, d["Id"])["Status"] == "FINISHED"
    return d["SessionId"]


def in_session(client, session, sql):
    d = client.execute_statement(Sql=sql, SessionId=session)
    done = wait(client, d["Id"])
    assert done["Status"] == "FINISHED", done.get("Error")
    from conftest import fetch_all, rows
    return rows(fetch_all(client, d["Id"])) if done.get("HasResultSet") else []


def test_second_statement_waits_and_the_tables_show_it(make_server):
    server = make_server(config={"wlm": [{"query_concurrency": 1}], "faults": [SLOW]})
    client = make_client(server.url)
    admin = superuser_session(client)
    first = client.execute_statement(Sql="select 'slow_marker', 1", **TARGET)["Id"]
    time.sleep(0.1)
    second = client.execute_statement(Sql="select 'slow_marker', 2", **TARGET)["Id"]
    time.sleep(0.2)
    q1 = client.describe_statement(Id=first)["RedshiftQueryId"]
    q2 = client.describe_statement(Id=second)["RedshiftQueryId"]
    # r_STV_WLM_QUERY_STATE: the first runs in the default queue (6), the second waits there.
    state = in_session(client, admin, "select query, service_class, trim(state), slot_count from stv_wlm_query_state "
                                      f"where query in ({q1}, {q2}) order by query")
    assert state == [[q1, 6, "Running", 1], [q2, 6, "Queued", 1]]
    # r_STV_WLM_QUERY_QUEUE_STATE: position 1 runs next.
    assert in_session(client, admin, f"select service_class, position from stv_wlm_query_queue_state where query = {q2}") == [[6, 1]]
    # r_STV_INFLIGHT lists running queries only.
    assert in_session(client, admin, f"select count(*) from stv_inflight where query in ({q1}, {q2})") == [[1]]
    d1, d2 = wait(client, first), wait(client, second)
    assert d1["Status"] == d2["Status"] == "FINISHED"
    # r_STL_WLM_QUERY: total_queue_time / total_exec_time in microseconds; the second waited for the first.
    wlm = in_session(client, admin, "select query, service_class, total_queue_time, total_exec_time, trim(final_state) "
                                    f"from stl_wlm_query where query in ({q1}, {q2}) order by query")
    assert [r[0] for r in wlm] == [q1, q2] and all(r[1] == 6 and r[4] == "Completed" for r in wlm)
    assert wlm[1][2] >= 1_000_000            # queued ~1.4 s behind the first
    assert wlm[0][3] >= 1_500_000 and wlm[1][3] >= 1_500_000
    # SYS_QUERY_HISTORY: elapsed_time = queue + planning + execution, and it is the statement's Duration.
    hist = in_session(client, admin, "select query_id, elapsed_time, queue_time, planning_time, execution_time, "
                                     f"trim(status), service_class_id from sys_query_history where query_id = {q2}")
    assert len(hist) == 1
    _, elapsed, queue, planning, execution, status, service_class = hist[0]
    assert elapsed == d2["Duration"] // 1000
    assert queue + planning + execution == elapsed
    assert status == "success" and service_class == 6
    assert queue == wlm[1][2]


def test_query_group_routes_and_labels(make_server):
    wlm = [{"query_concurrency": 1, "query_group": ["fast"]}, {"query_concurrency": 1}]
    server = make_server(config={"wlm": wlm})
    client = make_client(server.url)
    s = client.execute_statement(Sql="set query_group to 'fast'", SessionKeepAliveSeconds=60, **TARGET)
    wait(client, s["Id"])
    routed = wait(client, client.execute_statement(Sql="select 'routed'", SessionId=s["SessionId"])["Id"])
    plain = run(client, "select 'plain'", **TARGET)
    rows = query(client, "select query, service_class from stl_wlm_query where query in "
                         f"({routed['RedshiftQueryId']}, {plain['RedshiftQueryId']}) order by query", **TARGET)
    assert rows == [[routed["RedshiftQueryId"], 6], [plain["RedshiftQueryId"], 7]]   # cm-c-wlm-queue-assignment-rules
    # r_STL_QUERY: label is the query group, or 'default' when none is set.
    labels = query(client, "select query, trim(label) from stl_query where query in "
                           f"({routed['RedshiftQueryId']}, {plain['RedshiftQueryId']}) order by query", **TARGET)
    assert labels == [[routed["RedshiftQueryId"], "fast"], [plain["RedshiftQueryId"], "default"]]


def test_user_group_routes_members_of_a_group(make_server):
    # cm-c-wlm-queue-assignment-rules: a user in a queue's user_group runs in that queue; others
    # fall to the default queue. Groups come from CREATE GROUP (r_CREATE_GROUP).
    wlm = [{"query_concurrency": 1, "user_group": ["etl*"], "user_group_wild_card": 1}, {"query_concurrency": 1}]
    server = make_server(config={"wlm": wlm})
    client = make_client(server.url)
    for sql in ["create user loader password disable", "create user viewer password disable",
                "create group etl_users with user loader"]:
        assert run(client, sql, **TARGET)["Status"] == "FINISHED"
    member = run(client, "select 'member'", **dict(TARGET, DbUser="loader"))
    other = run(client, "select 'other'", **dict(TARGET, DbUser="viewer"))
    assert member["Status"] == other["Status"] == "FINISHED"
    rows = query(client, "select query, service_class from stl_wlm_query where query in "
                         f"({member['RedshiftQueryId']}, {other['RedshiftQueryId']}) order by query", **TARGET)
    assert rows == [[member["RedshiftQueryId"], 6], [other["RedshiftQueryId"], 7]]


def test_max_execution_time_cancels_when_no_queue_to_hop_to(make_server):
    # cm-c-defining-query-queues / wlm-queue-hopping: a timed-out read-only query with no next
    # matching queue is cancelled.
    server = make_server(config={"wlm": [{"query_concurrency": 2, "max_execution_time": 500}], "faults": [SLOW]})
    client = make_client(server.url)
    d = run(client, "select 'slow_marker'", **TARGET)
    assert d["Status"] == "FAILED"
    assert d["Error"] == (f"ERROR: Query ({d['RedshiftQueryId']}) cancelled on user's request "
                          "and ran out of wlm queues for restart.")
    assert 450_000_000 <= d["Duration"] < 1_400_000_000


def test_max_execution_time_hops_a_read_only_query_to_the_next_matching_queue(make_server):
    # wlm-queue-hopping: a timed-out SELECT moves to the next queue whose groups match; the
    # abandoned attempt is logged Evicted and the query finishes there.
    wlm = [{"query_group": ["etl"], "query_concurrency": 1, "max_execution_time": 400},
           {"query_group": ["etl"], "query_concurrency": 1},
           {"query_concurrency": 1}]
    server = make_server(config={"wlm": wlm, "faults": [SLOW]})
    client = make_client(server.url)
    s = client.execute_statement(Sql="set query_group to 'etl'", SessionKeepAliveSeconds=60, **TARGET)
    wait(client, s["Id"])
    d = wait(client, client.execute_statement(Sql="select 'slow_marker'", SessionId=s["SessionId"])["Id"])
    assert d["Status"] == "FINISHED"
    attempts = query(client, "select service_class, trim(final_state) from stl_wlm_query "
                             f"where query = {d['RedshiftQueryId']} order by exec_start_time", **TARGET)
    assert attempts == [[6, "Evicted"], [7, "Completed"]]
    state = query(client, "select num_evicted_queries from stv_wlm_service_class_state where service_class = 6", **TARGET)
    assert state == [[1]]


def test_qmr_abort_rule_fires_and_is_logged(make_server):
    rules = [{"rule_name": "too_long", "predicate": [{"metric_name": "query_execution_time", "operator": ">", "value": 1}],
              "action": "abort"},
             {"rule_name": "just_log", "predicate": [{"metric_name": "query_execution_time", "operator": ">", "value": 0}],
              "action": "log"}]
    slow = dict(SLOW, latency_ms=4000)
    server = make_server(config={"wlm": [{"query_concurrency": 2, "rules": rules}], "faults": [slow]})
    client = make_client(server.url)
    d = run(client, "select 'slow_marker'", **TARGET)
    q = d["RedshiftQueryId"]
    assert d["Status"] == "FAILED"
    assert d["Error"] == f'ERROR: Query ({q}) cancelled by WLM abort action of Query Monitoring Rule "too_long".'
    assert d["Duration"] < 3_000_000_000
    # r_STL_WLM_RULE_ACTION: one row per rule that fired; the log rule fired first and continued.
    actions = query(client, f"select trim(rule), trim(action), service_class from stl_wlm_rule_action where query = {q} "
                            "order by recordtime, rule", **TARGET)
    assert actions == [["just_log", "log", 6], ["too_long", "abort", 6]]
    # r_STL_QUERY: aborted = 1 for a query the system stopped.
    assert query(client, f"select aborted from stl_query where query = {q}", **TARGET) == [[1]]


def test_querytext_in_200_character_pieces(make_server):
    server = make_server()
    client = make_client(server.url)
    sql = "select '" + "x" * 450 + "' as long_text"
    d = run(client, sql, **TARGET)
    # r_STL_QUERYTEXT: the text in 200-character rows ordered by sequence.
    pieces = query(client, f"select sequence, len(text) from stl_querytext where query = {d['RedshiftQueryId']} "
                           "order by sequence", **TARGET)
    assert pieces == [[0, 200], [1, 200], [2, len(sql) - 400]]
    # r_SVL_QLOG: substring holds the leading part of the text; elapsed in microseconds.
    qlog = query(client, f"select len(substring), elapsed from svl_qlog where query = {d['RedshiftQueryId']}", **TARGET)
    assert qlog == [[60, d["Duration"] // 1000]]


def test_regular_users_see_only_their_own_rows(make_server):
    server = make_server()
    client = make_client(server.url)
    mine = run(client, "select 'from alice'", ClusterIdentifier="wlm", Database="dev", DbUser="alice")
    theirs = run(client, "select 'from bob'", ClusterIdentifier="wlm", Database="dev", DbUser="bob")
    ids = f"({mine['RedshiftQueryId']}, {theirs['RedshiftQueryId']})"
    # c_visibility-of-data: regular users see only their own rows; superusers see all.
    seen = query(client, f"select query from stl_query where query in {ids}", ClusterIdentifier="wlm", Database="dev",
                 DbUser="alice")
    assert seen == [[mine["RedshiftQueryId"]]]
    everything = query(client, f"select query from stl_query where query in {ids} order by query", **TARGET)
    assert everything == [[mine["RedshiftQueryId"]], [theirs["RedshiftQueryId"]]]
    # r_STV_WLM_SERVICE_CLASS_CONFIG is visible to superusers only.
    assert query(client, "select count(*) from stv_wlm_service_class_config", ClusterIdentifier="wlm", Database="dev",
                 DbUser="alice") == [[0]]


def test_service_class_config_numbers_queues_like_redshift(make_server):
    wlm = [{"query_concurrency": 3, "query_group": ["report"], "max_execution_time": 20000, "name": "reports"},
           {"query_concurrency": 5}, {"short_query_queue": True}]
    server = make_server(config={"wlm": wlm})
    client = make_client(server.url)
    rows = query(client, "select service_class, num_query_tasks, trim(name), max_execution_time "
                         "from stv_wlm_service_class_config order by service_class", **TARGET)
    # r_STV_WLM_SERVICE_CLASS_CONFIG, wlm-short-query-acceleration: 5 superuser, 6.. user queues, 14 SQA.
    assert [r[0] for r in rows] == [5, 6, 7, 14]
    assert rows[0][2] == "Service class for super user"
    assert rows[1][1:] == [3, "reports", 20000]
    assert rows[2][1:3] == [5, "Default queue"]


def test_same_seed_gives_the_same_timings(make_server):
    # The latency model is deterministic under --seed (docs/workload.md): planning and compile
    # times are equal exactly; Durations add the real execution time and sleep overshoot on a
    # shared machine, so they agree within 150 ms (documented tolerance).
    sqls = ["select 1", "select 2", "select 'a' || 'b'", "select 1", "create table t (i int)", "insert into t values (1)",
            "select count(*) from t", "select count(*) from t"]
    results = []
    for _ in range(2):
        server = make_server(extra_args=["--latency", "realistic", "--seed", "42"])
        client = make_client(server.url)
        durations = [run(client, sql, **TARGET)["Duration"] for sql in sqls]
        model = query(client, "select planning_time, compile_time, result_cache_hit from sys_query_history "
                              "where query_type <> 'UTILITY' order by query_id limit 8", **TARGET)
        results.append((durations, model))
    (d1, m1), (d2, m2) = results
    assert m1 == m2
    assert all(abs(a - b) < 150_000_000 for a, b in zip(d1, d2)), (d1, d2)
    # realistic profile: the first run of a shape compiles, the repeat does not.
    assert m1[0][1] > 0 and m1[1][1] == 0


def test_200_concurrent_statements_across_queues_all_finish(make_server):
    wlm = [{"query_concurrency": 2, "query_group": ["a"]}, {"query_concurrency": 3, "query_group": ["b"]},
           {"query_concurrency": 2}]
    server = make_server(config={"wlm": wlm, "limits": {"maxActiveStatements": 500, "maxSessions": 500}})
    client = make_client(server.url)
    sessions = []
    for group in ["a"] * 10 + ["b"] * 10:
        s = client.execute_statement(Sql=f"set query_group to '{group}'", SessionKeepAliveSeconds=120, **TARGET)
        sessions.append(s)
    for s in sessions:
        wait(client, s["Id"])

    def session_worker(session_id):
        ids = []
        for i in range(5):
            ids.append(wait(client, client.execute_statement(Sql=f"select {i}", SessionId=session_id)["Id"], timeout=60))
        return ids

    started = time.monotonic()
    pooled = [client.execute_statement(Sql=f"select {i}", **TARGET)["Id"] for i in range(100)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        session_results = list(pool.map(session_worker, [s["SessionId"] for s in sessions]))
    done = [wait(client, i, timeout=60) for i in pooled] + [d for ds in session_results for d in ds]
    assert len(done) == 200
    assert all(d["Status"] == "FINISHED" for d in done)
    assert time.monotonic() - started < 60
    # cm-c-wlm-queue-assignment-rules: query groups a and b run in 6 and 7, the rest in the default queue 8.
    classes = query(client, "select service_class, count(*) from stl_wlm_query group by 1 order by 1", **TARGET)
    assert classes == [[6, 50], [7, 50], [8, 100]]
