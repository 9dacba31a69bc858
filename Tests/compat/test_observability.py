"""What a running emulator tells an operator (issue 18, items 2 and 4): Prometheus metrics at
`GET /metrics` and `--log-format json` on stderr.

Expected values come from what the clients did, counted by the test, and from the formats' own
definitions, never from our output:
- The metrics text must parse with the Prometheus text-format parser of `prometheus-client`
  (prometheus.io "Exposition formats": text format 0.0.4; a counter's samples end in `_total`, a
  histogram's in `_bucket`/`_sum`/`_count` with a `+Inf` bucket equal to `_count`).
- Data API request ids: the `x-amzn-RequestId` header boto3 reports as
  `ResponseMetadata.RequestId`; statement ids and statuses as ExecuteStatement/DescribeStatement
  return them (Redshift Data API Reference). A failed statement's error is Redshift's text
  (`relation "…" does not exist`, as DescribeStatement reports it).
- COPY's loaded row count and UNLOAD's unloaded row count: Developer Guide r_COPY / r_UNLOAD
  (pg_last_copy_count(), pg_last_unload_count()).
"""

import json
import os
import time
import uuid

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from conftest import make_client, pg_connect, run, run_ok


def scrape(server) -> dict:
    """The parsed /metrics: {metric family name: family}."""
    response = requests.get(server.url + "/metrics", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain")
    return {family.name: family for family in text_string_to_metric_families(response.text)}


def sample(families: dict, family: str, suffix: str = "", **labels) -> float:
    """The value of the one sample of `family` whose labels include `labels` (0 when absent)."""
    if family not in families:
        return 0.0
    values = [s.value for s in families[family].samples
              if s.name == family + suffix and all(s.labels.get(k) == v for k, v in labels.items())]
    assert len(values) <= 1, f"{family}{suffix} {labels}: several samples {values}"
    return values[0] if values else 0.0


def summed(families: dict, family: str, suffix: str = "", **labels) -> float:
    if family not in families:
        return 0.0
    return sum(s.value for s in families[family].samples
               if s.name == family + suffix and all(s.labels.get(k) == v for k, v in labels.items()))


@pytest.fixture(scope="module")
def observed(make_server_module, s3_root):
    """A server of its own, so that every count in it is this module's."""
    return make_server_module(extra_args=["--s3-root", s3_root])


def target():
    return {"ClusterIdentifier": f"obs-{uuid.uuid4().hex[:8]}", "Database": "dev", "DbUser": "awsuser"}


def connect(server):
    return pg_connect(server, autocommit=True)


# --- Prometheus metrics ------------------------------------------------------------------------

def test_statements_are_counted_by_door_and_status(observed):
    client, where = make_client(observed.url), target()
    before = scrape(observed)
    for _ in range(3):
        run_ok(client, "select 1", **where)
    failed = run(client, "select * from no_such_table_here", **where)
    assert failed["Status"] == "FAILED"
    connection = connect(observed)
    try:
        with connection.cursor() as cursor:
            for _ in range(2):
                cursor.execute("select 1")
                assert cursor.fetchone() == (1,)
    finally:
        connection.close()
    after = scrape(observed)

    def delta(**labels):
        return (summed(after, "emulatord_statements", "_total", **labels)
                - summed(before, "emulatord_statements", "_total", **labels))
    assert delta(door="data-api", status="finished") == 3
    assert delta(door="data-api", status="failed") == 1
    # psycopg2 sends its own statements too (none with autocommit on a bare cursor), so at least 2.
    assert delta(door="postgresql", status="finished") >= 2


def test_histograms_hold_every_statement(observed):
    client, where = make_client(observed.url), target()
    for _ in range(4):
        run_ok(client, "select 1", **where)
    families = scrape(observed)
    histogram = families["emulatord_statement_duration_seconds"]
    assert histogram.type == "histogram"
    count = summed(families, "emulatord_statement_duration_seconds", "_count")
    infinite = summed(families, "emulatord_statement_duration_seconds", "_bucket", le="+Inf")
    assert count >= 4 and infinite == count
    assert count == summed(families, "emulatord_statements", "_total")
    assert summed(families, "emulatord_statement_queue_wait_seconds", "_count") == count
    # Buckets are cumulative.
    for service_class in {s.labels["service_class"] for s in histogram.samples}:
        buckets = [(float(s.labels["le"]), s.value) for s in histogram.samples
                   if s.name.endswith("_bucket") and s.labels["service_class"] == service_class]
        values = [value for _, value in sorted(buckets)]
        assert values == sorted(values)


def test_rows_returned_loaded_and_unloaded(observed, s3_root):
    client, where = make_client(observed.url), target()
    name = f"t_{uuid.uuid4().hex[:8]}"
    prefix = f"in-{uuid.uuid4().hex[:6]}"
    with open(os.path.join(s3_root, "bucket", prefix + ".csv"), "w") as f:
        f.write("".join(f"{i},name{i}\n" for i in range(25)))
    role = "IAM_ROLE 'arn:aws:iam::123456789012:role/Loader'"
    before = scrape(observed)
    run_ok(client, f"create table {name} (id int, label varchar(20))", **where)
    copy = run_ok(client, f"copy {name} from 's3://bucket/{prefix}.csv' {role} csv", **where)
    assert copy["ResultRows"] == 25
    run_ok(client, f"unload ('select * from {name} where id < 10') to 's3://bucket/out-{prefix}/' {role} parallel off",
           **where)
    query = run_ok(client, f"select * from {name} order by id", **where)
    assert query["ResultRows"] == 25
    after = scrape(observed)
    assert sample(after, "emulatord_rows_loaded", "_total") - sample(before, "emulatord_rows_loaded", "_total") == 25
    assert sample(after, "emulatord_rows_unloaded", "_total") - sample(before, "emulatord_rows_unloaded", "_total") == 10
    returned = (sample(after, "emulatord_result_rows", "_total", door="data-api")
                - sample(before, "emulatord_result_rows", "_total", door="data-api"))
    assert returned == 25
    assert (sample(after, "emulatord_result_bytes", "_total", door="data-api")
            > sample(before, "emulatord_result_bytes", "_total", door="data-api"))


def test_http_requests_by_operation(observed):
    client, where = make_client(observed.url), target()
    before = scrape(observed)
    statement = client.execute_statement(Sql="select 1", **where)
    for _ in range(2):
        client.describe_statement(Id=statement["Id"])
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_statement(Id=str(uuid.uuid4()))
    after = scrape(observed)

    def delta(**labels):
        return (sample(after, "emulatord_http_requests", "_total", **labels)
                - sample(before, "emulatord_http_requests", "_total", **labels))
    assert delta(operation="ExecuteStatement", code="200") == 1
    assert delta(operation="DescribeStatement", code="200") == 2
    assert delta(operation="DescribeStatement", code="400") == 1
    assert summed(after, "emulatord_http_request_duration_seconds", "_count", operation="DescribeStatement") >= 3


def test_connections_sessions_and_process_gauges(observed):
    baseline = sample(scrape(observed), "emulatord_postgresql_connections")
    connections = [connect(observed) for _ in range(3)]
    try:
        during = scrape(observed)
        assert sample(during, "emulatord_postgresql_connections") == baseline + 3
        assert sample(during, "emulatord_open_sessions") >= 3
    finally:
        for connection in connections:
            connection.close()
    deadline = time.monotonic() + 10
    while sample(scrape(observed), "emulatord_postgresql_connections") != baseline and time.monotonic() < deadline:
        time.sleep(0.05)
    families = scrape(observed)
    assert sample(families, "emulatord_postgresql_connections") == baseline
    assert sample(families, "process_resident_memory_bytes") > 1_000_000
    assert sample(families, "process_open_fds") > 0
    assert sample(families, "process_os_threads") > 0


def test_metrics_off(make_server):
    server = make_server(extra_args=["--metrics", "off"])
    assert requests.get(server.url + "/metrics", timeout=10).status_code == 404


# --- --log-format json ---------------------------------------------------------------------------

def log_events(server) -> list[dict]:
    with open(server._stderr_path, encoding="utf-8") as f:
        lines = [line for line in f.read().splitlines() if line.strip()]
    return [json.loads(line) for line in lines]   # every line must be one JSON object


def test_json_log_has_requests_and_statements(make_server):
    server = make_server(extra_args=["--log-format", "json"])
    client, where = make_client(server.url), target()
    ok = client.execute_statement(Sql="select 42", **where)
    request_id = ok["ResponseMetadata"]["RequestId"]
    run_ok(client, "select 1", **where)
    failed = run(client, "select * from no_such_table_here", **where)
    connection = connect(server)
    connection.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        events = log_events(server)
        if sum(1 for e in events if e.get("event") == "disconnect") == 1:
            break
        time.sleep(0.05)
    events = log_events(server)
    assert all({"time", "level", "message"} <= set(e) for e in events)

    requests_logged = [e for e in events if e.get("event") == "request" and e.get("request_id") == request_id]
    assert len(requests_logged) == 1
    assert requests_logged[0]["operation"] == "ExecuteStatement" and requests_logged[0]["status"] == 200
    assert isinstance(requests_logged[0]["duration_ms"], (int, float))

    statements = {e["statement_id"]: e for e in events if e.get("event") == "statement"}
    assert statements[ok["Id"]]["status"] == "FINISHED"
    assert statements[ok["Id"]]["user"] == "awsuser"
    assert statements[ok["Id"]]["door"] == "data-api"
    assert statements[ok["Id"]]["cluster"] == where["ClusterIdentifier"]
    assert isinstance(statements[ok["Id"]]["duration_ms"], (int, float))
    bad = statements[failed["Id"]]
    assert bad["status"] == "FAILED" and bad["error"] == failed["Error"]
    assert "does not exist" in bad["error"]

    kinds = [e["event"] for e in events if e.get("event") in ("connect", "disconnect")]
    assert kinds == ["connect", "disconnect"]
    error_requests = [e for e in events if e.get("event") == "request" and e.get("status") == 400]
    assert error_requests == [] or all("error_type" in e for e in error_requests)


def test_bad_log_options_are_refused(tmp_path):
    import subprocess
    from conftest import emulatord_bin
    for args in (["--log-format", "xml"], ["--log-level", "loud"], ["--metrics", "maybe"]):
        proc = subprocess.run([str(emulatord_bin()), "serve", "--port", "0", "--pg-port", "off", *args],
                              capture_output=True, text=True, timeout=30)
        assert proc.returncode != 0, args
        assert args[0] in proc.stderr, proc.stderr
