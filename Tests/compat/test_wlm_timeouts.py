"""statement_timeout, short query acceleration and restarted queries (issue 6, third part).

Expected behaviour comes from the Redshift documentation pages cited beside each check (Database
Developer Guide slugs). Slow statements are made slow with a fault rule that adds latency
(docs/workload.md), which is deterministic; the SQA prediction rule is the emulator's
(docs/workload.md, "Short query acceleration"): under `instant` latency a query shape never seen
is predicted short.
"""
import time

from conftest import make_client, run, wait
from test_wlm_system_tables import TARGET, in_session, superuser_session

SLOW = {"name": "slow", "sql_pattern": "slow_marker", "action": "latency", "latency_ms": 1500}
LONG = {"name": "long", "sql_pattern": "long_marker", "action": "latency", "latency_ms": 3000}


def session_with(client, sql):
    d = client.execute_statement(Sql=sql, SessionKeepAliveSeconds=60, **TARGET)
    assert wait(client, d["Id"])["Status"] == "FINISHED"
    return d["SessionId"]


def canceled(d):
    # r_statement_timeout: "ERROR:  Query (150) canceled on user's request".
    return d["Status"] == "FAILED" and d["Error"] == f"ERROR: Query ({d['RedshiftQueryId']}) canceled on user's request"


# --- statement_timeout (r_statement_timeout) ---------------------------------------------------

def test_statement_timeout_stops_a_long_running_statement(make_server):
    # r_statement_timeout: "Stops any statement that takes over the specified number of milliseconds."
    # No WLM, no latency: the statement is slow on SQLite itself (10^9 rows of a cross join).
    server = make_server()
    client = make_client(server.url)
    session = session_with(client, "set statement_timeout to 300")
    d = wait(client, client.execute_statement(Sql="create table n (i int)", SessionId=session)["Id"])
    d = wait(client, client.execute_statement(Sql="insert into n values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)",
                                              SessionId=session)["Id"])
    assert d["Status"] == "FINISHED"
    started = time.monotonic()
    d = wait(client, client.execute_statement(
        Sql="select count(*) from n a, n b, n c, n d, n e, n f, n g, n h, n i", SessionId=session)["Id"])
    assert canceled(d), d
    assert 250_000_000 <= d["Duration"] < 3_000_000_000
    assert time.monotonic() - started < 5
    # A statement that ends in time is not affected; SHOW reports the value.
    d = wait(client, client.execute_statement(Sql="show statement_timeout", SessionId=session)["Id"])
    assert d["Status"] == "FINISHED"


def test_statement_timeout_stops_a_slow_statement_and_zero_turns_it_off(make_server):
    # r_statement_timeout: values "0 (turns off limitation), x milliseconds".
    server = make_server(config={"faults": [SLOW]})
    client = make_client(server.url)
    session = session_with(client, "set statement_timeout to 400")
    d = wait(client, client.execute_statement(Sql="select 'slow_marker'", SessionId=session)["Id"])
    assert canceled(d), d
    assert 350_000_000 <= d["Duration"] < 1_400_000_000
    d = wait(client, client.execute_statement(Sql="set statement_timeout to 0", SessionId=session)["Id"])
    d = wait(client, client.execute_statement(Sql="select 'slow_marker'", SessionId=session)["Id"])
    assert d["Status"] == "FINISHED" and d["Duration"] >= 1_500_000_000


def test_statement_timeout_counts_time_queued_in_wlm(make_server):
    # r_statement_timeout: "This time includes planning, queueing in workload management (WLM), and
    # execution time." A statement stuck behind a slow one in a queue of one slot times out there.
    server = make_server(config={"wlm": [{"query_concurrency": 1}], "faults": [SLOW]})
    client = make_client(server.url)
    session = session_with(client, "set statement_timeout to 500")
    blocker = client.execute_statement(Sql="select 'slow_marker'", **TARGET)["Id"]
    time.sleep(0.1)
    d = wait(client, client.execute_statement(Sql="select 1", SessionId=session)["Id"])
    assert canceled(d), d
    assert 450_000_000 <= d["Duration"] < 1_300_000_000      # before the blocker's 1.5 s are over
    assert wait(client, blocker)["Status"] == "FINISHED"


def test_statement_timeout_set_inside_a_batch(make_server):
    # r_statement_timeout: the SET applies to the statements that follow it in the session.
    server = make_server()
    client = make_client(server.url)
    sqls = ["create table n (i int)", "insert into n values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)",
            "set statement_timeout to 300", "select count(*) from n a, n b, n c, n d, n e, n f, n g, n h, n i"]
    d = wait(client, client.batch_execute_statement(Sqls=sqls, **TARGET)["Id"])
    assert d["Status"] == "FAILED"
    sub = d["SubStatements"][3]
    assert sub["Status"] == "FAILED"
    assert sub["Error"] == f"ERROR: Query ({sub['RedshiftQueryId']}) canceled on user's request"


# --- short query acceleration (wlm-short-query-acceleration) -----------------------------------

def test_short_query_runs_in_service_class_14_instead_of_waiting(make_server):
    # wlm-short-query-acceleration: a read-only query predicted short that would wait in its queue
    # runs in the dedicated SQA space (service class 14) and does not wait behind the long query.
    wlm = [{"query_concurrency": 1}, {"short_query_queue": True}]
    server = make_server(config={"wlm": wlm, "faults": [SLOW, LONG]})
    client = make_client(server.url)
    admin = superuser_session(client)
    # "SQA is enabled" <=> stv_wlm_service_class_config has service class 14.
    assert in_session(client, admin, "select count(*) from stv_wlm_service_class_config where service_class = 14") == [[1]]
    blocker = client.execute_statement(Sql="select 'long_marker'", **TARGET)["Id"]
    time.sleep(0.2)
    short = client.execute_statement(Sql="select 'slow_marker', 2", **TARGET)["Id"]
    time.sleep(0.3)
    q = client.describe_statement(Id=short)["RedshiftQueryId"]
    # r_STV_WLM_QUERY_STATE: it runs now, in service class 14.
    assert in_session(client, admin, f"select service_class, trim(state) from stv_wlm_query_state where query = {q}") \
        == [[14, "Running"]]
    d = wait(client, short)
    assert d["Status"] == "FINISHED"
    assert d["Duration"] < 2_500_000_000                     # did not wait for the 3 s blocker
    # r_STL_WLM_QUERY: the attempt is logged in service class 14, no queue time.
    rows = in_session(client, admin, "select service_class, total_queue_time, trim(final_state) "
                                     f"from stl_wlm_query where query = {q}")
    assert rows == [[14, 0, "Completed"]]
    assert wait(client, blocker)["Status"] == "FINISHED"


def test_query_overrunning_sqa_moves_to_its_queue_and_restarts_with_a_new_query_id(make_server):
    # wlm-short-query-acceleration: "If a query runs longer than the SQA maximum runtime, WLM moves the
    # query to the first matching WLM queue" (STL_WLM_QUERY final_state Evicted for the SQA attempt).
    # wlm-queue-hopping: with no free slot there it is restarted in the new queue; r_STL_WLM_QUERY:
    # "If a query is restarted, the query is assigned a new query ID but not a new task ID."
    wlm = [{"query_concurrency": 1}, {"short_query_queue": True, "max_execution_time": 1000}]
    server = make_server(config={"wlm": wlm, "faults": [SLOW, LONG]})
    client = make_client(server.url)
    admin = superuser_session(client)
    blocker = client.execute_statement(Sql="select 'long_marker'", **TARGET)["Id"]
    time.sleep(0.2)
    short = client.execute_statement(Sql="select 'slow_marker', 3", **TARGET)["Id"]
    time.sleep(0.3)
    first_id = client.describe_statement(Id=short)["RedshiftQueryId"]
    d = wait(client, short)
    assert d["Status"] == "FINISHED"
    last_id = d["RedshiftQueryId"]
    assert last_id > first_id
    rows = in_session(client, admin, "select task, query, service_class, trim(final_state) from stl_wlm_query "
                                     f"where task = {first_id} order by service_class_start_time")
    assert rows == [[first_id, first_id, 14, "Evicted"], [first_id, last_id, 6, "Completed"]]
    assert wait(client, blocker)["Status"] == "FINISHED"


# --- restart after a WLM timeout hop (wlm-queue-hopping) ---------------------------------------

def test_timeout_hop_that_cannot_reassign_restarts_with_a_new_query_id(make_server):
    # wlm-queue-hopping: a query is reassigned only if "the new queue has at least as much memory
    # available as the query currently uses"; otherwise it "is canceled and restarted in the new
    # queue". r_STL_WLM_QUERY: a restarted query gets a new query ID but keeps its task ID.
    wlm = [{"query_group": ["etl"], "query_concurrency": 1, "max_execution_time": 400, "memory_percent_to_use": 60},
           {"query_group": ["etl"], "query_concurrency": 1, "memory_percent_to_use": 20},
           {"query_concurrency": 1}]
    server = make_server(config={"wlm": wlm, "faults": [SLOW]})
    client = make_client(server.url)
    session = session_with(client, "set query_group to 'etl'")
    submitted = client.execute_statement(Sql="select 'slow_marker'", SessionId=session)["Id"]
    time.sleep(0.2)
    first_id = client.describe_statement(Id=submitted)["RedshiftQueryId"]
    d = wait(client, submitted)
    assert d["Status"] == "FINISHED"
    last_id = d["RedshiftQueryId"]
    assert last_id > first_id
    rows = run(client, "select 1", **TARGET)   # anything, so the log below is read by a fresh statement
    assert rows["Status"] == "FINISHED"
    from conftest import query
    attempts = query(client, "select task, query, service_class, trim(final_state) from stl_wlm_query "
                             f"where task = {first_id} order by service_class_start_time", **TARGET)
    assert attempts == [[first_id, first_id, 6, "Evicted"], [first_id, last_id, 7, "Completed"]]
    # STL_QUERY lists the query under the id it finished with.
    assert query(client, f"select count(*) from stl_query where query = {last_id}", **TARGET) == [[1]]
