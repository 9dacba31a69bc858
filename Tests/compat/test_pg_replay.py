"""Recording PostgreSQL connections and replaying over the wire (issue 13, items 5 and 8).

`serve --record` records what arrives through the PostgreSQL door as sessions (connect and
disconnect lines with user, database and pid; recording format 1.3), with the transaction
structure kept; `replay --target postgresql://USER[:PASSWORD]@HOST:PORT/DB` replays a recording
(from either door) with one connection per recorded session.

Expected behaviour comes from the documentation, not from our output:
- Transactions: PostgreSQL docs › SQL Commands › BEGIN/COMMIT; Redshift Developer Guide › BEGIN
  (START TRANSACTION is a synonym, END is COMMIT, ABORT is ROLLBACK). psycopg2 opens a transaction
  with BEGIN before the first statement when autocommit is off (psycopg2 docs › Basic module usage
  › Transactions control).
- Extended query and SCRAM-SHA-256: PostgreSQL docs › Frontend/Backend Protocol › Message Flow and
  SASL Authentication; `password authentication failed for user "x"` is SQLSTATE 28P01
  (Appendix A, Error Codes).
- CLI contract (DESIGN.md): `replay` exits 0 when the replay ran (failed statements are data), 2
  when it could not run (bad usage, a target that accepts no connection).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

psycopg2 = pytest.importorskip("psycopg2")

from conftest import Server, emulatord_bin, make_client, run  # noqa: E402

SEED = """
create table accounts (id int, owner varchar(20), balance int);
insert into accounts values (1, 'ann', 100), (2, 'o''brien', 50);
create table ledger (id int, account int, amount int);
"""


def emulatord(*args, timeout=120) -> subprocess.CompletedProcess:
    return subprocess.run([str(emulatord_bin()), *args], capture_output=True, text=True, timeout=timeout)


def lines_of(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text().splitlines() if x.strip()]


def statements_of(path: Path) -> list[dict]:
    return [x for x in lines_of(path)[1:] if x.get("kind") == "statement"]


def pg_url(server: Server, user="awsuser", password="any", database="dev") -> str:
    return f"postgresql://{user}:{password}@{server.pg_host}:{server.pg_port}/{database}"


def connect(server: Server, user="awsuser"):
    return psycopg2.connect(host=server.pg_host, port=server.pg_port, user=user, password="any",
                            dbname="dev", sslmode="disable", connect_timeout=10)


@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory(prefix="emulatord-pg-replay-") as d:
        path = Path(d)
        (path / "seed.sql").write_text(SEED)
        yield path


def seeded_server(workdir: Path, name: str, record: Path | None = None) -> Server:
    args = ["--init-sql", str(workdir / "seed.sql")]
    if record is not None:
        args += ["--record", str(record)]
    return Server(extra_args=args, name=name).start()


@pytest.fixture(scope="module")
def pg_recording(workdir):
    """psycopg2 against `serve --record`: connection A runs one transaction over four round trips
    while connection B (another user's) queries in between; B also fails a statement and rolls back."""
    recording = workdir / "pg.jsonl"
    server = seeded_server(workdir, "emulatord (pg record)", recording)
    try:
        a = connect(server)
        b = connect(server)
        ca, cb = a.cursor(), b.cursor()
        ca.execute("insert into ledger values (1, 1, -10)")          # BEGIN is sent first (autocommit off)
        cb.execute("select owner from accounts where id = 2")
        assert cb.fetchall() == [("o'brien",)]
        ca.execute("update accounts set balance = balance - 10 where id = 1")
        ca.execute("insert into ledger values (2, 2, 10)")
        ca.execute("update accounts set balance = balance + 10 where id = 2")
        a.commit()
        with pytest.raises(psycopg2.Error):
            cb.execute("select * from no_such_table")
        b.rollback()
        cb.execute("select count(*) from accounts")
        assert cb.fetchall() == [(2,)]
        b.commit()
        a.close()
        b.close()
        time.sleep(0.2)   # the disconnects are recorded when the server has seen the sockets close
    finally:
        assert server.stop() == 0
        server.cleanup()
    return recording


def test_recording_has_connections_as_sessions(pg_recording):
    lines = lines_of(pg_recording)
    header = lines[0]
    assert header["version"] == "1.3" and header["source"] == "serve"
    sessions = [x for x in lines[1:] if x.get("kind") == "session"]
    statements = [x for x in lines[1:] if x.get("kind") == "statement"]
    ids = {s["sessionId"] for s in statements}
    assert len(ids) == 2
    for sid in ids:
        events = [s for s in sessions if s["sessionId"] == sid]
        assert [e["event"] for e in events] == ["connect", "disconnect"], events
        connect_line, disconnect_line = events
        assert connect_line["user"] == "awsuser" and connect_line["database"] == "dev"
        assert connect_line["startedAt"] == disconnect_line["startedAt"] <= disconnect_line["endedAt"]
        mine = [s for s in statements if s["sessionId"] == sid]
        # Every statement of the connection carries its pid, the one the session lines name.
        assert {s["redshiftPid"] for s in mine} == {connect_line["redshiftPid"]}
        assert sorted(s["sequence"] for s in mine) == list(range(1, len(mine) + 1))
        assert all(connect_line["startedAt"] <= s["submittedAt"] <= disconnect_line["endedAt"] for s in mine)
    # The writer's transaction: BEGIN, four statements over four round trips, COMMIT, one transactionId.
    writer = [s for s in statements if "insert into ledger values (1" in s["sql"]][0]
    block = sorted((s for s in statements if s.get("transactionId") == writer["transactionId"]),
                   key=lambda s: s["sequence"])
    assert [s["sql"].split()[0].upper() for s in block] == ["BEGIN", "INSERT", "UPDATE", "INSERT", "UPDATE", "COMMIT"]
    # The reader's failed transaction ends with its ROLLBACK; the next BEGIN opens another block.
    failed = [s for s in statements if s["status"] == "FAILED"]
    assert len(failed) == 1 and "no_such_table" in failed[0]["sql"]
    reader = sorted((s for s in statements if s["sessionId"] == failed[0]["sessionId"]), key=lambda s: s["sequence"])
    assert [s["sql"].split()[0].upper() for s in reader] == ["BEGIN", "SELECT", "SELECT", "ROLLBACK", "BEGIN", "SELECT", "COMMIT"]
    assert len({s["transactionId"] for s in reader}) == 2


def replay_to(recording: Path, target: str, out: Path, *extra: str) -> subprocess.CompletedProcess:
    r = emulatord("replay", str(recording), "--target", target, "--speed", "0", "--out", str(out), *extra)
    assert r.returncode == 0, r.stderr
    return r


def compare_json(baseline: Path, replay: Path) -> dict:
    r = emulatord("compare", str(baseline), str(replay), "--format", "json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def test_replay_over_the_pg_door_keeps_sessions_and_transactions(pg_recording, workdir):
    server = seeded_server(workdir, "emulatord (pg replay)")
    out = workdir / "pg-replay.jsonl"
    try:
        replay_to(pg_recording, pg_url(server), out, "--fingerprint")
        # The committed transaction is there, whole.
        conn = connect(server)
        cur = conn.cursor()
        cur.execute("select id, balance from accounts order by id")
        assert cur.fetchall() == [(1, 90), (2, 60)]
        cur.execute("select count(*) from ledger")
        assert cur.fetchall() == [(2,)]
        conn.close()
    finally:
        assert server.stop() == 0
        server.cleanup()
    base = {s["eventId"]: s for s in statements_of(pg_recording)}
    rep = {s["eventId"]: s for s in statements_of(out)}
    assert rep.keys() == base.keys()
    assert {k: s["status"] for k, s in rep.items()} == {k: s["status"] for k, s in base.items()}
    # One connection per recorded session: a session's statements share one pid, sessions differ.
    pids = {}
    for s in rep.values():
        pids.setdefault(s["sessionId"], set()).add(s["redshiftPid"])
    assert all(len(p) == 1 for p in pids.values()) and len(set().union(*pids.values())) == 2
    report = compare_json(pg_recording, out)
    assert report["paired"] == len(base)
    assert report["errorsAppeared"] == [] and report["errorsDisappeared"] == []
    assert report["rowCountMismatches"] == []
    # Results fetched over the wire hash like the engine's rows (same data on both sides).
    assert report["resultsCompared"] == 2 and report["resultMismatches"] == []
    header = lines_of(out)[0]
    assert header["source"] == "replay" and header["replaySpeed"] == 0 and "driftP99Micros" in header


def test_pg_recording_replays_over_the_data_api(pg_recording, workdir):
    server = seeded_server(workdir, "emulatord (data api replay)")
    out = workdir / "pg-to-data-api.jsonl"
    try:
        replay_to(pg_recording, server.url, out)
        conn = connect(server)
        cur = conn.cursor()
        cur.execute("select id, balance from accounts order by id")
        assert cur.fetchall() == [(1, 90), (2, 60)]
        conn.close()
    finally:
        assert server.stop() == 0
        server.cleanup()
    report = compare_json(pg_recording, out)
    assert report["paired"] == len(statements_of(pg_recording))
    assert report["errorsAppeared"] == [] and report["rowCountMismatches"] == []


@pytest.fixture(scope="module")
def data_api_recording(workdir):
    """boto3 against `serve --record`: named parameters (one value holds a quote) and a batch."""
    recording = workdir / "data-api.jsonl"
    server = seeded_server(workdir, "emulatord (data api record)", recording)
    try:
        client = make_client(server.url)
        target = dict(ClusterIdentifier="dev-cluster", Database="dev", DbUser="awsuser")
        d = run(client, "select id, balance from accounts where owner = :owner",
                Parameters=[{"name": "owner", "value": "o'brien"}], **target)
        assert d["Status"] == "FINISHED" and d["ResultRows"] == 1, d
        d = run(client, "select count(*) from accounts where balance >= :low and owner <> :owner",
                Parameters=[{"name": "low", "value": "60"}, {"name": "owner", "value": "x' or '1'='1"}], **target)
        assert d["Status"] == "FINISHED", d
        batch = client.batch_execute_statement(
            Sqls=["insert into ledger values (9, 1, 5)", "update accounts set balance = balance + 5 where id = 1"],
            **target)
        deadline = time.time() + 30
        while client.describe_statement(Id=batch["Id"])["Status"] not in ("FINISHED", "FAILED", "ABORTED"):
            assert time.time() < deadline
            time.sleep(0.05)
        assert client.describe_statement(Id=batch["Id"])["Status"] == "FINISHED"
    finally:
        assert server.stop() == 0
        server.cleanup()
    return recording


def test_data_api_recording_replays_over_the_wire(data_api_recording, workdir):
    server = seeded_server(workdir, "emulatord (wire replay)")
    out = workdir / "data-api-to-pg.jsonl"
    try:
        replay_to(data_api_recording, pg_url(server), out, "--fingerprint")
        conn = connect(server)
        cur = conn.cursor()
        cur.execute("select balance from accounts where id = 1")
        assert cur.fetchall() == [(105,)]   # the batch ran, as one transaction
        conn.close()
    finally:
        assert server.stop() == 0
        server.cleanup()
    rep = statements_of(out)
    assert len(rep) == 4 and all(s["status"] == "FINISHED" for s in rep), rep
    report = compare_json(data_api_recording, out)
    assert report["errorsAppeared"] == [] and report["rowCountMismatches"] == []
    # The parameterized SELECTs return the same rows: the quote in a value was bound, not spliced.
    assert report["resultsCompared"] == 2 and report["resultMismatches"] == []


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("target, needle", [
    ("postgresql://127.0.0.1:5439/dev", "names no user"),
    ("postgresql://u@127.0.0.1:5439/", "names no database"),
    ("postgresql://u@127.0.0.1:5439/dev?sslmode=bogus", "unknown sslmode 'bogus'"),
    ("ftp://u@127.0.0.1/dev", "http://, https:// or postgresql://"),
])
def test_bad_target_url_exits_2(pg_recording, target, needle):
    r = emulatord("replay", str(pg_recording), "--target", target)
    assert r.returncode == 2, r
    assert needle in r.stderr, r.stderr


def test_tls_required_by_the_url_but_not_offered_exits_2(pg_recording, workdir):
    # The emulator answers SSLRequest `N` without --tls-cert (DESIGN.md); libpq's sslmode=require
    # then refuses to go on in the clear (PostgreSQL docs › libpq › SSL Support › sslmode).
    server = seeded_server(workdir, "emulatord (no tls)")
    try:
        r = emulatord("replay", str(pg_recording), "--target", pg_url(server) + "?sslmode=require")
        assert r.returncode == 2, r
        assert "does not accept TLS connections and sslmode=require requires one" in r.stderr, r.stderr
        # sslmode=prefer falls back to a plain connection.
        replay_to(pg_recording, pg_url(server) + "?sslmode=prefer", workdir / "prefer.jsonl")
    finally:
        assert server.stop() == 0
        server.cleanup()


def test_refused_connection_exits_2(pg_recording):
    r = emulatord("replay", str(pg_recording), "--target", f"postgresql://awsuser:pw@127.0.0.1:{free_port()}/dev")
    assert r.returncode == 2, r
    assert "Connection refused" in r.stderr and "cannot connect" in r.stderr, r.stderr


PG_BIN = Path("/usr/lib/postgresql/15/bin")


@pytest.fixture(scope="module")
def postgres15(workdir):
    """A throw-away PostgreSQL 15 with SCRAM-SHA-256 logins (user awsuser, password secret) and TLS
    (a self-signed certificate for 127.0.0.1), as a non-root user when run as root."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip("PostgreSQL 15 server binaries are not installed")
    base = Path(tempfile.mkdtemp(prefix="pg15-"))
    data = base / "data"
    (base / "pw").write_text("secret\n")
    prefix: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(base, "postgres")
        shutil.chown(base / "pw", "postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", str(base / "key.pem"), "-out", str(base / "cert.pem"), "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True, timeout=60)
    os.chmod(base / "key.pem", 0o600)
    if prefix:
        shutil.chown(base / "key.pem", "postgres")
        shutil.chown(base / "cert.pem", "postgres")
    subprocess.run(prefix + [str(PG_BIN / "initdb"), "-D", str(data), "-A", "scram-sha-256", "-U", "awsuser",
                             f"--pwfile={base / 'pw'}", "--no-sync", "-E", "UTF8"],
                   check=True, capture_output=True, timeout=60)
    subprocess.run(prefix + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(base / "log"), "-o",
                             f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c ssl=on "
                             f"-c ssl_cert_file={base / 'cert.pem'} -c ssl_key_file={base / 'key.pem'}", "start"],
                   check=True, capture_output=True, timeout=60)
    try:
        conn = psycopg2.connect(host="127.0.0.1", port=port, user="awsuser", password="secret", dbname="postgres")
        conn.autocommit = True
        conn.cursor().execute(SEED)
        conn.close()
        yield port, base / "cert.pem"
    finally:
        subprocess.run(prefix + [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


def test_replay_against_postgresql_15_with_scram(pg_recording, data_api_recording, postgres15, workdir):
    port, _ = postgres15
    target = f"postgresql://awsuser:secret@127.0.0.1:{port}/postgres"
    out = workdir / "pg15.jsonl"
    replay_to(data_api_recording, target, out, "--database", "postgres")
    rep = statements_of(out)
    assert all(s["status"] == "FINISHED" for s in rep), rep
    assert [s["resultRows"] for s in rep[:2]] == [1, 1]   # named parameters bound as $1, $2
    conn = psycopg2.connect(host="127.0.0.1", port=port, user="awsuser", password="secret", dbname="postgres")
    cur = conn.cursor()
    cur.execute("select balance from accounts where id = 1")
    assert cur.fetchall() == [(105,)]
    conn.close()


def test_wrong_password_exits_2(pg_recording, postgres15):
    port, _ = postgres15
    r = emulatord("replay", str(pg_recording), "--target",
                  f"postgresql://awsuser:wrong@127.0.0.1:{port}/postgres")
    assert r.returncode == 2, r
    assert 'password authentication failed for user "awsuser"' in r.stderr and "28P01" in r.stderr, r.stderr


SSL_PROBE = ("select 1 / (select case when ssl then 1 else 0 end from pg_stat_ssl "
             "where pid = pg_backend_pid())")


@pytest.mark.parametrize("query, encrypted", [
    ("", False),                                   # sslmode=disable, this replayer's default
    ("?sslmode=prefer", True),
    ("?sslmode=require", True),
    ("?sslmode=verify-full&sslrootcert={cert}", True),
])
def test_tls_as_sslmode_asks(postgres15, workdir, query, encrypted):
    # pg_stat_ssl.ssl tells whether the session is encrypted (PostgreSQL docs › pg_stat_ssl): the
    # probe divides by zero over a plain connection.
    port, cert = postgres15
    recording = workdir / "ssl-probe.jsonl"
    recording.write_text(
        json.dumps({"format": "redshift-emulator-recording", "version": "1.0", "source": "serve", "tool": "test"}) + "\n"
        + json.dumps({"kind": "statement", "eventId": "e1", "sessionId": "s1", "sequence": 1, "user": "awsuser",
                      "database": "postgres", "sql": SSL_PROBE, "submittedAt": "2026-01-01T00:00:00.000000Z"}) + "\n")
    out = workdir / "ssl-probe-out.jsonl"
    replay_to(recording, f"postgresql://awsuser:secret@127.0.0.1:{port}/postgres" + query.format(cert=cert), out)
    (line,) = statements_of(out)
    assert line["status"] == ("FINISHED" if encrypted else "FAILED"), line
    if not encrypted:
        assert "division by zero" in line["error"]


def test_tls_refuses_an_untrusted_certificate(postgres15, pg_recording):
    # verify-full against the system's roots: the self-signed certificate is not trusted.
    port, _ = postgres15
    r = emulatord("replay", str(pg_recording), "--target",
                  f"postgresql://awsuser:secret@127.0.0.1:{port}/postgres?sslmode=verify-full")
    assert r.returncode == 2, r
    assert "certificate was refused" in r.stderr, r.stderr
