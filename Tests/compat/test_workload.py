"""WLM queues, simulated latency and fault rules through the Data API (issue 6, first part).

Queue semantics follow shared/reference/wlm.md (a queue of concurrency N runs N statements at
once; the others wait in the queue, SUBMITTED as the Data API reports it); fault rules and latency
profiles are the emulator's own features (docs/workload.md).
"""
import json
import os
import subprocess
import tempfile
import time

import boto3
import botocore.config
import botocore.exceptions
import pytest

from conftest import emulatord_bin, make_client, run, wait


def _file(text, suffix):
    fd, path = tempfile.mkstemp(suffix=suffix)
    with os.fdopen(fd, "w") as f:
        f.write(text)
    return path


TARGET = {"ClusterIdentifier": "wlm", "Database": "dev", "DbUser": "awsuser"}


def test_queue_of_concurrency_one_makes_the_second_statement_wait(make_server):
    wlm = _file(json.dumps([{"query_concurrency": 1}]), ".json")
    profile = _file(json.dumps({"base": "instant", "execution_ms": 400}), ".json")
    server = make_server(extra_args=["--wlm", wlm, "--latency", profile])
    client = make_client(server.url)
    first = client.execute_statement(Sql="select 1", **TARGET)["Id"]
    second = client.execute_statement(Sql="select 2", **TARGET)["Id"]
    time.sleep(0.15)
    assert client.describe_statement(Id=second)["Status"] == "SUBMITTED"   # queued behind the first
    d1, d2 = wait(client, first), wait(client, second)
    assert d1["Status"] == d2["Status"] == "FINISHED"
    assert d1["Duration"] >= 400_000_000
    assert d2["Duration"] >= 750_000_000      # ~400 ms in the queue + ~400 ms running


def test_query_group_routes_to_its_own_queue(make_server):
    # wlm.md §3.1: a statement whose query_group matches a queue runs there, not in the default queue.
    wlm = _file(json.dumps([{"query_concurrency": 1, "query_group": ["fast"]}, {"query_concurrency": 1}]), ".json")
    profile = _file(json.dumps({"base": "instant", "execution_ms": 400}), ".json")
    server = make_server(extra_args=["--wlm", wlm, "--latency", profile])
    client = make_client(server.url)
    blocker = client.execute_statement(Sql="select 1", **TARGET)["Id"]           # occupies the default queue
    session = client.execute_statement(Sql="set query_group to 'fast'", SessionKeepAliveSeconds=60, **TARGET)
    wait(client, session["Id"])
    routed = client.execute_statement(Sql="select 2", SessionId=session["SessionId"])["Id"]
    d = wait(client, routed)
    assert d["Status"] == "FINISHED"
    assert d["Duration"] < 750_000_000         # did not wait behind the blocker in the default queue
    wait(client, blocker)


def test_invalid_wlm_configuration_exits_2_naming_the_key():
    wlm = _file(json.dumps([{"query_concurency": 1}]), ".json")
    proc = subprocess.run([str(emulatord_bin()), "serve", "--port", "0", "--wlm", wlm],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "query_concurency" in proc.stderr


def test_realistic_latency_compiles_a_query_shape_once(make_server):
    server = make_server(extra_args=["--latency", "realistic", "--seed", "7"])
    client = make_client(server.url)
    first = run(client, "select 41 + 1", **TARGET)
    second = run(client, "select 42 + 1", **TARGET)              # same shape, literals differ
    assert first["Status"] == second["Status"] == "FINISHED"
    assert first["Duration"] > second["Duration"]


FAULTS = [
    {"name": "throttled", "sql_pattern": "throttle_me", "action": "throttle"},
    {"name": "broken", "sql_pattern": "fail_me", "action": "fail", "error_code": "XX000", "message": "injected failure"},
    {"name": "slow", "sql_pattern": "slow_me", "action": "latency", "latency_ms": 300},
    {"name": "killer", "sql_pattern": "abort_me", "action": "abort", "after_ms": 150},
]


@pytest.fixture
def faulty(make_server):
    server = make_server(config={"faults": FAULTS})
    return make_client(server.url)


def test_fault_rule_throttles(faulty):
    # A throttling fault is the front end's ThrottlingException (HTTP 400), before any statement exists.
    client = boto3.client("redshift-data", endpoint_url=faulty.meta.endpoint_url, region_name="us-east-1",
                          aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
                          config=botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"}))
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.execute_statement(Sql="select 'throttle_me'", **TARGET)
    assert e.value.response["Error"]["Code"] == "ThrottlingException"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


def test_fault_rule_fails_the_statement(faulty):
    d = run(faulty, "select 'fail_me'", **TARGET)
    assert d["Status"] == "FAILED"
    assert d["Error"] == "ERROR: injected failure"


def test_fault_rule_adds_latency(faulty):
    slow = run(faulty, "select 'slow_me'", **TARGET)
    assert slow["Status"] == "FINISHED"
    assert slow["Duration"] >= 300_000_000


def test_fault_rule_aborts_a_running_statement(faulty):
    run(faulty, "create table n (i int)", **TARGET)
    run(faulty, "insert into n values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)", **TARGET)
    d = run(faulty, "select count(*) from n a, n b, n c, n d, n e, n f, n g, n h, n i where 'abort_me' <> ''", **TARGET)
    assert d["Status"] == "ABORTED"
    assert '"killer"' in d["Error"]


def test_cancelling_a_queued_statement_removes_it_from_the_queue(make_server):
    wlm = _file(json.dumps([{"query_concurrency": 1}]), ".json")
    profile = _file(json.dumps({"base": "instant", "execution_ms": 500}), ".json")
    server = make_server(extra_args=["--wlm", wlm, "--latency", profile])
    client = make_client(server.url)
    first = client.execute_statement(Sql="select 1", **TARGET)["Id"]
    queued = client.execute_statement(Sql="select 2", **TARGET)["Id"]
    third = client.execute_statement(Sql="select 3", **TARGET)["Id"]
    time.sleep(0.1)
    assert client.cancel_statement(Id=queued)["Status"] is True
    d = wait(client, queued)
    assert d["Status"] == "ABORTED"
    assert d["Error"] == "ERROR: Query cancelled on user's request"
    assert d["Duration"] < 400_000_000          # left the queue when cancelled, not when the first ended
    d3 = wait(client, third)
    assert d3["Status"] == "FINISHED"
    assert d3["Duration"] < 1_400_000_000       # ran right after the first, not after the cancelled one
    wait(client, first)


def test_fault_rules_reload_without_restart(make_server):
    import requests
    server = make_server()
    client = make_client(server.url)
    assert run(client, "select 'reload_me'", **TARGET)["Duration"] < 300_000_000
    rules = [{"name": "slow-now", "sql_pattern": "reload_me", "action": "latency", "latency_ms": 300}]
    answer = requests.put(f"{server.url}/admin/faults", json=rules, timeout=10)
    assert answer.status_code == 200 and answer.json() == {"rules": 1}
    assert run(client, "select 'reload_me'", **TARGET)["Duration"] >= 300_000_000
    bad = requests.put(f"{server.url}/admin/faults", json=[{"name": "x", "action": "latency", "latency_mss": 1}], timeout=10)
    assert bad.status_code == 400 and "latency_mss" in bad.json()["message"]
    assert requests.put(f"{server.url}/admin/faults", json=[], timeout=10).json() == {"rules": 0}
    assert run(client, "select 'reload_me'", **TARGET)["Duration"] < 300_000_000
