"""Replay and compare (issue 8): record a mixed workload on one emulator, replay it on another
whose fault rule adds 50 ms to one statement shape, and check that `compare` names that shape as
the top regression, the others as unchanged, and gates with exit 3."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from conftest import emulatord_bin, make_client, run

SEED = """
create table orders (id int, amount int);
create table customers (id int, name varchar(20));
create table items (id int, price int);
insert into orders values (1, 10), (2, 20), (3, 30);
insert into customers values (1, 'ann'), (2, 'bob');
insert into items values (1, 5), (2, 7);
"""

SHAPES = [
    "select count(*) from orders where amount > {n}",
    "select name from customers where id = {n}",
    "select sum(price) from items where price < {n}",
]


def emulatord(*args, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([str(emulatord_bin()), *args], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory(prefix="emulatord-replay-") as d:
        path = Path(d)
        (path / "seed.sql").write_text(SEED)
        yield path


@pytest.fixture(scope="module")
def recorded(workdir, request):
    """A recording of 2 sessions x 3 shapes x 6 runs, made against an instant-latency emulator."""
    from conftest import Server
    recording = workdir / "baseline.jsonl"
    server = Server(extra_args=["--record", str(recording), "--init-sql", str(workdir / "seed.sql")],
                    name="emulatord (record)").start()
    try:
        def session(key: str):
            client = make_client(server.url, access_key=key)
            for i in range(6):
                for shape in SHAPES:
                    d = run(client, shape.format(n=i), ClusterIdentifier="replay-c1", Database="dev", DbUser="awsuser")
                    assert d["Status"] == "FINISHED", d
        threads = [threading.Thread(target=session, args=(key,)) for key in ("AKIDSESSIONONE", "AKIDSESSIONTWO")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        assert server.stop() == 0
        server.cleanup()
    lines = [json.loads(line) for line in recording.read_text().splitlines() if line.strip()]
    assert len([line for line in lines[1:] if line.get("kind") == "statement"]) == 36
    return recording


@pytest.fixture(scope="module")
def replayed(workdir, recorded):
    """The recording replayed (--speed 0) against an emulator that slows `from orders` by 50 ms."""
    from conftest import Server
    config = {"faults": [{"name": "slow-orders", "sql_pattern": "from orders", "action": "latency", "latency_ms": 50}]}
    server = Server(config=config, extra_args=["--init-sql", str(workdir / "seed.sql")], name="emulatord (faulty)").start()
    out = workdir / "replay.jsonl"
    try:
        r = emulatord("replay", str(recorded), "--target", server.url, "--speed", "0", "--out", str(out), "--fingerprint")
        assert r.returncode == 0, r.stderr
        assert "start-time drift" in r.stderr
    finally:
        server.stop()
        server.cleanup()
    return out


def test_dry_run_reports_the_plan_without_a_target(recorded):
    r = emulatord("replay", str(recorded), "--dry-run")
    assert r.returncode == 0, r.stderr
    assert "36 statements" in r.stderr and "2 sessions" in r.stderr


def test_replay_keeps_event_ids_and_outcomes(recorded, replayed):
    base = [json.loads(x) for x in recorded.read_text().splitlines()[1:] if x.strip()]
    lines = replayed.read_text().splitlines()
    header = json.loads(lines[0])
    assert header["source"] == "replay" and header["statements"] == 36
    rep = [json.loads(x) for x in lines[1:] if x.strip()]
    assert {s["eventId"] for s in rep} == {s["eventId"] for s in base}
    assert all(s["status"] == "FINISHED" for s in rep), [s for s in rep if s["status"] != "FINISHED"][:2]
    for s in rep:
        latency = (s["endedAt"], s["submittedAt"])
        assert latency[0] >= latency[1]


def test_compare_names_the_slowed_fingerprint(recorded, replayed):
    r = emulatord("compare", str(recorded), str(replayed), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["paired"] == 36
    top = report["topRegressions"]
    assert top and "from orders" in top[0]["text"], top
    assert top[0]["deltaP50Ms"] >= 40
    others = [g for g in report["byFingerprint"] if "from orders" not in g["text"]]
    assert len(others) == 2
    for g in others:
        assert g["verdict"] == "unchanged", g
        assert abs(g["deltaP50Ms"]) < 5, g


def test_fail_on_regression_exits_3(recorded, replayed):
    r = emulatord("compare", str(recorded), str(replayed), "--fail-on-regression", "10")
    assert r.returncode == 3, (r.returncode, r.stderr)
    assert "top regressions" in r.stdout


def test_html_report_has_charts(recorded, replayed, workdir):
    out = workdir / "report.html"
    r = emulatord("compare", str(recorded), str(replayed), "--format", "html", "--out", str(out))
    assert r.returncode == 0, r.stderr
    html = out.read_text()
    assert html.count("<svg") >= 3 and "<script" not in html
    if os.environ.get("REPLAY_REPORT_OUT"):  # keep the report, e.g. for scripts/screenshot-report
        shutil.copy(out, os.environ["REPLAY_REPORT_OUT"])


def test_markdown_and_unreadable_input(recorded, replayed, workdir):
    r = emulatord("compare", str(recorded), str(replayed), "--format", "markdown")
    assert r.returncode == 0 and r.stdout.startswith("## emulatord compare")
    assert emulatord("compare", str(workdir / "missing.jsonl"), str(replayed)).returncode == 2
    assert emulatord("compare", str(recorded), str(replayed), "--format", "pdf").returncode == 2
    assert emulatord("replay", str(workdir / "missing.jsonl"), "--target", "http://127.0.0.1:1").returncode == 2
    assert emulatord("replay", str(recorded), "--target", "http://127.0.0.1:1").returncode == 2  # nothing listens
    assert emulatord("replay", str(recorded), "--speed=-1", "--dry-run").returncode == 2


# Result fingerprints and drift (recording format 1.2, docs/recording-format.md).

CHANGED_SEED = SEED.replace("(2, 'bob')", "(2, 'bea')")


@pytest.fixture(scope="module")
def replayed_on_changed_data(workdir, recorded):
    """The recording replayed with --fingerprint against an emulator where customer 2 is renamed."""
    from conftest import Server
    (workdir / "changed.sql").write_text(CHANGED_SEED)
    server = Server(extra_args=["--init-sql", str(workdir / "changed.sql")], name="emulatord (changed)").start()
    out = workdir / "replay-changed.jsonl"
    try:
        r = emulatord("replay", str(recorded), "--target", server.url, "--speed", "0", "--out", str(out), "--fingerprint")
        assert r.returncode == 0, r.stderr
    finally:
        server.stop()
        server.cleanup()
    return out


def statement_lines(path):
    return [json.loads(x) for x in path.read_text().splitlines()[1:] if x.strip()]


def test_serve_and_replay_record_result_fingerprints(recorded, replayed):
    base = {s["eventId"]: s for s in statement_lines(recorded)}
    rep = {s["eventId"]: s for s in statement_lines(replayed)}
    for s in list(base.values()) + list(rep.values()):
        fp = s.get("resultFingerprint", "")
        assert fp.startswith("sha256:") and len(fp) == 7 + 64, s
    # Same data on both sides: the serve-side hash (engine rows) equals the replay-side hash (GetStatementResult pages).
    assert all(rep[k]["resultFingerprint"] == base[k]["resultFingerprint"] for k in base)
    header = json.loads(replayed.read_text().splitlines()[0])
    assert header["version"] == "1.2" and header["replaySpeed"] == 0
    assert header["driftP99Micros"] >= header["driftP50Micros"] >= 0
    assert all(isinstance(s["driftMicros"], int) and s["driftMicros"] >= 0 for s in rep.values())


def test_compare_reports_no_result_mismatch_on_identical_data_and_shows_drift(recorded, replayed):
    r = emulatord("compare", str(recorded), str(replayed), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["resultsCompared"] == 36 and report["resultMismatches"] == []
    drift = report["replayDrift"]
    assert drift["basis"] == "calls" and drift["speed"] == 0 and drift["statements"] == 36
    assert drift["p99Ms"] >= drift["p50Ms"] >= 0 and drift["maxMs"] >= drift["p99Ms"]
    for fmt, needle in (("text", "replay start-time drift p50"), ("markdown", "Fidelity: replay start-time drift"),
                        ("html", "<strong>Fidelity:</strong> replay start-time drift")):
        out = emulatord("compare", str(recorded), str(replayed), "--format", fmt)
        assert out.returncode == 0 and needle in out.stdout, (fmt, out.stdout[:400])


def test_compare_reports_changed_results_as_result_mismatches(recorded, replayed_on_changed_data):
    r = emulatord("compare", str(recorded), str(replayed_on_changed_data), "--format", "json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    base = {s["eventId"]: s for s in statement_lines(recorded)}
    # Only `select name from customers where id = 2` (once per session) returns other data; row counts are equal.
    expected = {k for k, s in base.items() if s["sql"] == "select name from customers where id = 2"}
    assert len(expected) == 2
    assert {d["eventId"] for d in report["resultMismatches"]} == expected
    assert report["rowCountMismatches"] == [] and report["resultsCompared"] == 36
    text = emulatord("compare", str(recorded), str(replayed_on_changed_data)).stdout
    assert "result mismatches 2 of 36 fingerprinted" in text and "\nresult mismatches\n" in text
