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
        r = emulatord("replay", str(recorded), "--target", server.url, "--speed", "0", "--out", str(out))
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
