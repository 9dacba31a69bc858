"""Recording: `emulatord import`, the recording proxy `emulatord record --upstream`, and
`serve --record` (issue 7). The recording format is docs/recording-format.md."""

from __future__ import annotations

import json
import os
import queue
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from conftest import (wait_for_ready_line, REPO_ROOT, emulatord_bin, make_client, raw, raw_json, run, run_batch, wait,
                      fetch_all)

SAMPLES = REPO_ROOT / "recordings"
UPSTREAM_KEY = "AKIDUPSTREAM"
UPSTREAM_SECRET = "upstream-secret-key"


def read_recording(path) -> tuple[dict, list[dict]]:
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(line) for line in f if line.strip()]
    return lines[0], [line for line in lines[1:] if line.get("kind") == "statement"]


def emulatord(*args, env=None, timeout=60) -> subprocess.CompletedProcess:
    return subprocess.run([str(emulatord_bin()), *args], capture_output=True, text=True, env=env, timeout=timeout)


class Proxy:
    """`emulatord record --upstream URL --port 0 --out FILE`, started and stopped like the servers."""

    def __init__(self, upstream: str, out: str, env: dict):
        self.proc = subprocess.Popen([str(emulatord_bin()), "record", "--upstream", upstream, "--port", "0", "--out", out],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
        lines: "queue.Queue[str | None]" = queue.Queue()

        def pump():
            for raw_line in iter(self.proc.stdout.readline, b""):
                lines.put(raw_line.decode())
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        self.url = wait_for_ready_line(lines, 30)
        if self.url is None:
            self.proc.kill()
            pytest.fail(f"record did not print the ready line: {self.proc.stderr.read().decode()[-2000:]}")

    def stop(self) -> int:
        self.proc.terminate()
        return self.proc.wait(timeout=20)


@pytest.fixture
def tmp_dir():
    with tempfile.TemporaryDirectory(prefix="emulatord-recording-") as d:
        yield Path(d)


# ---- (a) import ------------------------------------------------------------------------------

# recordings/sample-useractivitylog.txt: 13 records, of which 1 is malformed (line 17) and 2 are
# internal (user rdsdb; DEALLOCATE pdo_stmt_), so N = 10 statements. Expected values by hand.
EXPECTED_UAL = [
    ("pid-1073815778", "alice", "2024-03-05T14:02:07.000000Z", "select count(*) from sales where region = 'EU';"),
    ("pid-1073877001", "etl_svc", "2024-03-05T14:02:08.000000Z", "BEGIN;"),
    ("pid-1073877001", "etl_svc", "2024-03-05T14:02:08.000000Z",
     "insert into stage.orders\nselect o.*\nfrom   raw.orders o\nwhere  o.loaded_at > '2024-03-05 13:00';"),
    ("pid-1073877001", "etl_svc", "2024-03-05T14:02:09.000000Z", "COMMIT;"),
    ("pid-1073900120", "IAM:bob", "2024-03-05T14:02:10.000000Z", "/* dash:revenue */ SELECT sum(amount) FROM sales;"),
    ("pid-1073815778", "alice", "2024-03-05T14:02:10.000000Z",
     "select region,\n       sum(amount) as total\nfrom sales\ngroup by 1\norder by 2 desc\nlimit 10;"),
    ("pid-1073877001", "etl_svc", "2024-03-05T14:02:11.000000Z",
     "copy stage.orders from 's3://bkt/orders/2024-03-05/' iam_role '' format as parquet;"),
    ("pid-1073801000", "admin", "2024-03-05T14:02:12.000000Z", "create user carol password '***';"),
    ("pid-1073900120", "IAM:bob", "2024-03-05T14:02:13.000000Z",
     "select * from sales where sale_id in (1, 2, 3) and note = 'it''s late';"),
    ("pid-1073815778.2", "alice", "2024-03-05T14:02:14.000000Z", "select 1;"),
]


@pytest.mark.parametrize("name", ["sample-useractivitylog.txt", "sample-useractivitylog.txt.gz"])
def test_import_user_activity_log(tmp_dir, name):
    out = tmp_dir / "ual.jsonl"
    p = emulatord("import", "--format", "useractivitylog", str(SAMPLES / name), "--out", str(out))
    assert p.returncode == 0, p.stderr
    header, events = read_recording(out)
    assert header["format"] == "redshift-emulator-recording" and header["version"] == "1.0"
    assert header["source"] == "useractivitylog"
    assert header["malformedLines"] == 1 and header["statements"] == len(EXPECTED_UAL)
    assert ":17: malformed line skipped" in p.stderr
    assert [(e["sessionId"], e["user"], e["submittedAt"], e["sql"]) for e in events] == EXPECTED_UAL
    per_session: dict[str, list[int]] = {}
    for e in events:
        per_session.setdefault(e["sessionId"], []).append(e["sequence"])
    assert all(seqs == list(range(1, len(seqs) + 1)) for seqs in per_session.values())
    assert {e["transactionId"] for e in events[1:4]} == {"2612690"}
    assert len({e["eventId"] for e in events}) == len(events)


def test_import_is_not_fatal_on_garbage_and_fails_on_unreadable_input(tmp_dir):
    garbage = tmp_dir / "garbage.log"
    garbage.write_bytes(b"\x00\x01 not a log\n'2024-13-99T99:99:99Z UTC [ broken\n")
    p = emulatord("import", "--format", "useractivitylog", str(garbage), "--out", str(tmp_dir / "g.jsonl"))
    assert p.returncode == 0, p.stderr
    header, events = read_recording(tmp_dir / "g.jsonl")
    assert header["malformedLines"] == 2 and events == []
    p = emulatord("import", "--format", "useractivitylog", str(tmp_dir / "missing.log"), "--out", str(tmp_dir / "m.jsonl"))
    assert p.returncode == 2 and "missing.log" in p.stderr


# ---- (b) the recording proxy -----------------------------------------------------------------

def test_record_proxy_forwards_unchanged_and_records_the_workload(make_server, tmp_dir, cluster_id):
    upstream = make_server(config={"verify_signatures": True, "credentials": {UPSTREAM_KEY: UPSTREAM_SECRET}},
                           name="emulatord (upstream)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_ACCESS_KEY_ID": UPSTREAM_KEY, "AWS_SECRET_ACCESS_KEY": UPSTREAM_SECRET, "AWS_REGION": "us-east-1"})
    out = tmp_dir / "proxy.jsonl"
    proxy = Proxy(upstream.url, str(out), env)
    try:
        # The client's own credentials are unknown upstream: only the proxy's re-signing gets it in.
        client = make_client(proxy.url, access_key="AKIDCLIENT", secret_key="client-secret")
        direct = make_client(upstream.url, access_key=UPSTREAM_KEY, secret_key=UPSTREAM_SECRET)
        tgt = {"ClusterIdentifier": cluster_id, "Database": "dev", "DbUser": "awsuser"}
        code, payload, _ = raw_json(upstream.url, "ListDatabases", {"ClusterIdentifier": cluster_id, "Database": "dev"},
                                    access_key="AKIDCLIENT", secret_key="client-secret")
        assert code >= 400, "the upstream must verify signatures"

        did = []  # (sql, status) in the order the client submitted them
        for sql in ["create table t (i int, s varchar(10))", "insert into t values (1, 'a'), (2, 'b')",
                    "select * from missing_table", "select i, s from t order by i"]:
            d = run(client, sql, **tgt)
            did.append((sql, d["Status"]))
        r = client.execute_statement(Sql="select :n::int + 1 as v", Parameters=[{"name": "n", "value": "41"}], **tgt)
        d = wait(client, r["Id"])
        did.append(("select :n::int + 1 as v", d["Status"]))
        assert fetch_all(client, d["Id"]) == [[{"longValue": 42}]]
        b = run_batch(client, ["insert into t values (3, 'c')", "select count(*) from t"], **tgt)
        did += [("insert into t values (3, 'c')", "FINISHED"), ("select count(*) from t", "FINISHED")]
        assert b["Status"] == "FINISHED"
        # A session: statements that share SessionId.
        s = client.execute_statement(Sql="create temp table tmp (x int)", SessionKeepAliveSeconds=60, **tgt)
        wait(client, s["Id"])
        did.append(("create temp table tmp (x int)", "FINISHED"))
        d2 = run(client, "insert into tmp values (7)", SessionId=s["SessionId"])
        did.append(("insert into tmp values (7)", d2["Status"]))
        # Not described by the client: the proxy polls it itself.
        r_quiet = client.execute_statement(Sql="select 2", **tgt)
        did.append(("select 2", "FINISHED"))
        # An upstream error is returned unchanged and recorded.
        via_proxy = raw(proxy.url, "ExecuteStatement", {**tgt, "Sql": ""}, access_key="AKIDCLIENT", secret_key="x")
        direct_answer = raw(upstream.url, "ExecuteStatement", {**tgt, "Sql": ""}, access_key=UPSTREAM_KEY,
                            secret_key=UPSTREAM_SECRET)
        assert via_proxy.status_code == direct_answer.status_code == 400
        assert via_proxy.content == direct_answer.content
        assert via_proxy.headers["Content-Type"] == direct_answer.headers["Content-Type"]
        assert via_proxy.headers["x-amzn-ErrorType"] == direct_answer.headers["x-amzn-ErrorType"]
        assert via_proxy.headers.get("x-amzn-RequestId")
        did.append(("", "FAILED"))

        # The client saw exactly the upstream's answers: the same content for the same reads (the
        # emulator's member order varies from answer to answer, so compare parsed JSON here).
        for sid in [d["Id"], b["Id"], r_quiet["Id"]]:
            wait(direct, sid)
            a = raw(proxy.url, "DescribeStatement", {"Id": sid}, access_key="AKIDCLIENT", secret_key="x")
            z = raw(upstream.url, "DescribeStatement", {"Id": sid}, access_key=UPSTREAM_KEY, secret_key=UPSTREAM_SECRET)
            assert (a.status_code, a.json(), a.headers["Content-Type"]) == (z.status_code, z.json(), z.headers["Content-Type"])
        a = raw(proxy.url, "GetStatementResult", {"Id": d["Id"]}, access_key="AKIDCLIENT", secret_key="x")
        z = raw(upstream.url, "GetStatementResult", {"Id": d["Id"]}, access_key=UPSTREAM_KEY, secret_key=UPSTREAM_SECRET)
        assert (a.status_code, a.json()) == (z.status_code, z.json())
        described = {sql: st for sql, st in did}
    finally:
        assert proxy.stop() == 0

    header, events = read_recording(out)
    assert header["source"] == "proxy" and header["statements"] == len(did)
    assert [(e["sql"], e["status"]) for e in events] == did
    by_sql = {e["sql"]: e for e in events}
    assert by_sql["select * from missing_table"]["error"].startswith("ERROR:")
    assert by_sql["insert into t values (1, 'a'), (2, 'b')"]["resultRows"] == 2
    assert by_sql["select :n::int + 1 as v"]["parameters"] == [{"name": "n", "value": "41"}]
    assert by_sql["select count(*) from t"]["batchIndex"] == 2
    assert by_sql["select count(*) from t"]["transactionId"] == by_sql["insert into t values (3, 'c')"]["batchId"]
    assert by_sql["insert into tmp values (7)"]["sessionId"] == by_sql["create temp table tmp (x int)"]["sessionId"]
    assert by_sql[""]["errorCode"] == "ValidationException"
    assert all(e["user"] == "awsuser" and e["accessKeyId"] == "AKIDCLIENT" for e in events)
    for e in events:
        if e["status"] == "FINISHED":
            assert e["durationMicros"] >= 0 and e["endedAt"] >= e["submittedAt"]
    assert [e["submittedAt"] for e in events] == sorted(e["submittedAt"] for e in events)
    assert described[""] == "FAILED"


def test_record_without_credentials_forwards_the_clients_signature(make_server, tmp_dir, cluster_id):
    upstream = make_server(name="emulatord (upstream, unsigned)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    proxy = Proxy(upstream.url, str(tmp_dir / "p.jsonl"), env)
    try:
        client = make_client(proxy.url)
        d = run(client, "select 1", ClusterIdentifier=cluster_id, Database="dev", DbUser="awsuser")
        assert d["Status"] == "FINISHED"
    finally:
        assert proxy.stop() == 0
    _, events = read_recording(tmp_dir / "p.jsonl")
    assert [e["sql"] for e in events] == ["select 1"]


# ---- (c) serve --record ----------------------------------------------------------------------

def test_serve_record_writes_one_event_per_statement(make_server, tmp_dir, cluster_id):
    seed = tmp_dir / "seed.sql"
    seed.write_text("create table seeded (i int);\ninsert into seeded values (1);\n")
    out = tmp_dir / "serve.jsonl"
    server = make_server(extra_args=["--record", str(out), "--init-sql", str(seed)], name="emulatord (--record)")
    client = make_client(server.url)
    tgt = {"ClusterIdentifier": cluster_id, "Database": "dev", "DbUser": "awsuser"}
    sqls = [f"select {i} as n" for i in range(20)] + ["select * from nowhere"]
    for sql in sqls:
        run(client, sql, **tgt)
    run_batch(client, ["insert into seeded values (2)", "select count(*) from seeded"], **tgt)
    assert server.stop() == 0
    header, events = read_recording(out)
    assert header["source"] == "serve"
    assert len(events) == len(sqls) + 2 == header["statements"]
    assert [e["sql"] for e in events] == sqls + ["insert into seeded values (2)", "select count(*) from seeded"]
    assert "seeded (i int)" not in " ".join(e["sql"] for e in events)     # --init-sql is not recorded
    assert events[-3]["status"] == "FAILED" and events[-3]["error"].startswith("ERROR:")
    assert events[-1]["batchIndex"] == 2 and events[-1]["resultRows"] == 1
    for e in events:
        assert e["submittedAt"].endswith("Z") and len(e["submittedAt"]) == 27
        assert e["endedAt"] >= e["submittedAt"]
    assert len({e["eventId"] for e in events}) == len(events)


def test_record_signs_with_a_session_token(make_server, tmp_dir, cluster_id):
    # Temporary credentials: X-Amz-Security-Token is sent and signed; the upstream verifies it.
    upstream = make_server(config={"verify_signatures": True, "credentials": {UPSTREAM_KEY: UPSTREAM_SECRET}},
                           name="emulatord (upstream, token)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_ACCESS_KEY_ID": UPSTREAM_KEY, "AWS_SECRET_ACCESS_KEY": UPSTREAM_SECRET,
                "AWS_SESSION_TOKEN": "FQoGZXIvYXdzEXAMPLETOKEN//+=", "AWS_DEFAULT_REGION": "eu-west-1"})
    proxy = Proxy(upstream.url, str(tmp_dir / "t.jsonl"), env)
    try:
        d = run(make_client(proxy.url), "select 1", ClusterIdentifier=cluster_id, Database="dev", DbUser="awsuser")
        assert d["Status"] == "FINISHED"
    finally:
        assert proxy.stop() == 0
    _, events = read_recording(tmp_dir / "t.jsonl")
    assert [(e["sql"], e["status"]) for e in events] == [("select 1", "FINISHED")]
