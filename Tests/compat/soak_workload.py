"""Soak (issue 19, item 3): a mixed workload against one `emulatord serve --data-dir` while a sampler
reads the server's resources every interval; used by `scripts/soak` (30 minutes) and `test_soak.py`
(a short run that checks counts, not timing).

Each client repeats operations drawn from `MIX`:
- `read`: an aggregate over the shared table (Data API);
- `write`: a 5-row INSERT, and every 40th write a DELETE of the client's rows, so the data stays bounded;
- `session`: a Data API session (SessionKeepAliveSeconds) with three statements reusing its SessionId;
- `large`: a 50,000-row result (spilled to disk by the server) paged through GetStatementResult;
- `cancel`: a long cross join, cancelled once running, which must end ABORTED;
- `failing`: division by zero and a syntax error, which must end FAILED;
- `pg`: the PostgreSQL door through psycopg2: connect, a transaction with an INSERT and a SELECT, close.
An outcome other than the expected one counts as an `unexpected` error (the run reports them).

The sampler reads from /proc/PID: VmRSS, Threads, the number of open descriptors; the size of the
result spill (`results.sqlite` in the data directory, where ResultSpill writes); the number of
Data API sessions (ListSessions); and the p50/p99 latency of the operations finished in the interval.
"""

from __future__ import annotations

import math
import os
import random
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field

import psycopg2
import psycopg2.errors

import crash_consistency

CLUSTER = "dev-cluster"   # the cluster the PostgreSQL door serves by default
TARGET = {"ClusterIdentifier": CLUSTER, "Database": "dev", "DbUser": "awsuser"}
MIX = ["read", "read", "read", "write", "write", "session", "large", "cancel", "failing", "pg", "pg"]
# The keep-alive is an idle timer (data-api.md §9): a session ends that long after its last statement.
# Under a loaded machine a client may take seconds from one statement's end to its next request: a
# keep-alive of 5 s was too short for that (one session in 1,269 ended between two of its statements).
SESSION_KEEP_ALIVE = 20
LARGE_ROWS = 50_000
LARGE_SQL = ("select a.i * 10000 + b.i * 1000 + c.i * 100 + d.i * 10 + e.i as n, "
             "'padding-padding-padding-padding-padding' as pad "
             "from soak_ten a, soak_ten b, soak_ten c, soak_ten d, soak_ten e where a.i < 5")
LONG_SQL = "select count(*) from soak_big a, soak_big b, soak_big c"
COLUMNS = ["elapsed_s", "rss_mib", "fds", "threads", "spill_mib", "spill_per_large_kib", "sessions", "ops",
           "unexpected", "p50_ms", "p99_ms", "rss_anon_mib", "rss_file_mib"]


class Unexpected(Exception):
    """An operation ended otherwise than the workload expects."""


@dataclass
class Sample:
    elapsed_s: float
    rss_mib: float
    fds: int
    threads: int
    spill_mib: float
    spill_per_large_kib: float   # spill size / large results finished so far (they are all kept 24 h)
    sessions: int
    ops: int
    unexpected: int
    p50_ms: float
    p99_ms: float
    # VmRSS split: anonymous memory (the heap, stacks) and file-backed pages (the binary's code and the
    # database files SQLite maps, `PRAGMA mmap_size`: clean pages the kernel may drop at any time).
    rss_anon_mib: float = 0.0
    rss_file_mib: float = 0.0

    def row(self) -> list:
        return [round(getattr(self, name), 2) if isinstance(getattr(self, name), float) else getattr(self, name)
                for name in COLUMNS]


@dataclass
class Run:
    samples: list[Sample] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)   # the first few unexpected outcomes


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(fraction * len(ordered)) - 1))]


def process_figures(pid: int) -> tuple[float, int, int]:
    """(RSS in MiB, open descriptors, threads) of a live process."""
    memory = process_memory(pid)
    return memory["VmRSS"] / 1024, len(os.listdir(f"/proc/{pid}/fd")), memory["Threads"]


def process_memory(pid: int) -> dict[str, int]:
    """VmRSS, RssAnon, RssFile (KiB) and Threads of a live process, from /proc/PID/status."""
    figures = {"VmRSS": 0, "RssAnon": 0, "RssFile": 0, "Threads": 0}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key = line.split(":", 1)[0]
            if key in figures:
                figures[key] = int(line.split()[1])
    return figures


def spill_bytes(data_dir: str) -> int:
    total = 0
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            total += os.path.getsize(os.path.join(data_dir, "results.sqlite" + suffix))
        except OSError:
            pass
    return total


def finish(data_api, statement_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        described = data_api.describe_statement(Id=statement_id)
        if described["Status"] in ("FINISHED", "FAILED", "ABORTED"):
            return described
        time.sleep(0.01)
    raise Unexpected(f"{statement_id} still running after {timeout} s")


def run_expecting(data_api, sql: str, status: str = "FINISHED", **extra) -> dict:
    response = data_api.execute_statement(Sql=sql, **TARGET, **extra)
    described = finish(data_api, response["Id"])
    if described["Status"] != status:
        raise Unexpected(f"{sql[:60]!r}: {described['Status']} ({described.get('Error', '')}), expected {status}")
    described["SessionId"] = response.get("SessionId")
    return described


class Soak:
    """A server, its clients and the sampler."""

    def __init__(self, binary: str, work: str, clients: int = 8, interval: float = 10.0, seed: int = 1,
                 retention: str | None = None):
        """`retention`: the server's `--statement-retention` (None: the default, 24 hours)."""
        extra = ("--statement-retention", retention) if retention else ()
        self.server = crash_consistency.Server(binary, os.path.join(work, "data"), extra)
        self.retention = retention
        self.clients, self.interval, self.seed = clients, interval, seed
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.run = Run()
        self.stop = threading.Event()

    # ---- operations ---------------------------------------------------------------------------

    def read(self, data_api, client_id: int, state: dict) -> None:
        run_expecting(data_api, f"select count(*), sum(n) from soak_rows where c = {client_id}")

    def write(self, data_api, client_id: int, state: dict) -> None:
        key = uuid.uuid4().hex[:12]
        values = ", ".join(f"('{key}', {n}, {client_id})" for n in range(5))
        run_expecting(data_api, f"insert into soak_rows values {values}")
        state["writes"] = state.get("writes", 0) + 1
        if state["writes"] % 40 == 0:
            run_expecting(data_api, f"delete from soak_rows where c = {client_id}")

    def session(self, data_api, client_id: int, state: dict) -> None:
        first = run_expecting(data_api, "select 1", SessionKeepAliveSeconds=SESSION_KEEP_ALIVE)
        session_id = first["SessionId"]
        if not session_id:
            raise Unexpected("no SessionId")
        ended = time.monotonic()   # when the client last saw a statement of the session end
        for sql in (f"create temp table scratch_{client_id} (n int)",
                    f"insert into scratch_{client_id} values (1), (2)",
                    f"select sum(n) from scratch_{client_id}"):
            try:
                response = data_api.execute_statement(Sql=sql, SessionId=session_id)
            except Exception as error:
                raise Unexpected(f"{error} ({time.monotonic() - ended:.1f} s after the client saw the session's "
                                 f"previous statement end; keep-alive {SESSION_KEEP_ALIVE} s)") from error
            described = finish(data_api, response["Id"])
            ended = time.monotonic()
            if described["Status"] != "FINISHED":
                raise Unexpected(f"session {sql!r}: {described['Status']} ({described.get('Error', '')})")

    def large(self, data_api, client_id: int, state: dict) -> None:
        described = run_expecting(data_api, LARGE_SQL)
        rows, token = 0, None
        while True:
            page = data_api.get_statement_result(Id=described["Id"], **({"NextToken": token} if token else {}))
            rows += len(page["Records"])
            token = page.get("NextToken")
            if not token:
                break
        if rows != LARGE_ROWS:
            raise Unexpected(f"large result: {rows} rows, expected {LARGE_ROWS}")

    def cancel(self, data_api, client_id: int, state: dict) -> None:
        statement_id = data_api.execute_statement(Sql=LONG_SQL, **TARGET)["Id"]
        deadline = time.monotonic() + 30
        while data_api.describe_statement(Id=statement_id)["Status"] in ("SUBMITTED", "PICKED"):
            if time.monotonic() > deadline:
                break
            time.sleep(0.02)
        data_api.cancel_statement(Id=statement_id)
        status = finish(data_api, statement_id)["Status"]
        if status != "ABORTED":
            raise Unexpected(f"cancelled statement ended {status}")

    def failing(self, data_api, client_id: int, state: dict) -> None:
        run_expecting(data_api, "select 1 / 0", status="FAILED")
        run_expecting(data_api, "selec nothing from", status="FAILED")

    def pg(self, data_api, client_id: int, state: dict) -> None:
        try:
            self.pg_transaction(client_id)
        except psycopg2.errors.SerializationFailure:
            # Redshift's answer to concurrent writers (error 1023, r_serializable_isolation_example):
            # expected under 8 clients, counted apart.
            with self.lock:
                self.run.counts["pg_conflict"] = self.run.counts.get("pg_conflict", 0) + 1

    def pg_transaction(self, client_id: int) -> None:
        host, port = self.server.pg
        connection = psycopg2.connect(host=host, port=port, user="awsuser", password="x", dbname="dev",
                                      sslmode="disable", connect_timeout=10)
        try:
            with connection.cursor() as cursor:
                cursor.execute("insert into soak_rows values (%s, %s, %s)", (uuid.uuid4().hex[:12], 1, 100 + client_id))
                cursor.execute("select count(*) from soak_rows where c = %s", (100 + client_id,))
                cursor.fetchone()
            connection.commit()
            with connection.cursor() as cursor:
                try:
                    cursor.execute("select * from no_such_table_for_soak")
                    raise Unexpected("a missing table was found on the PostgreSQL door")
                except psycopg2.Error:
                    connection.rollback()
                cursor.execute(f"delete from soak_rows where c = {100 + client_id}")
            connection.commit()
        finally:
            connection.close()

    # ---- clients and sampler ------------------------------------------------------------------

    def client_loop(self, client_id: int) -> None:
        rng = random.Random(self.seed * 1000 + client_id)
        data_api = crash_consistency.client(self.server.url)
        state: dict = {}
        try:
            self.client_operations(client_id, rng, data_api, state)
        finally:
            data_api.close()   # its keep-alive connections must not count as the server's descriptors

    def client_operations(self, client_id: int, rng: random.Random, data_api, state: dict) -> None:
        while not self.stop.is_set():
            kind = rng.choice(MIX)
            started = time.monotonic()
            try:
                getattr(self, kind)(data_api, client_id, state)
                outcome = kind
            except Exception as error:   # noqa: BLE001 - every failure is counted and reported
                outcome = "unexpected"
                with self.lock:
                    if len(self.run.errors) < 20:
                        self.run.errors.append(f"{kind}: {type(error).__name__}: {error}"[:300])
            elapsed = time.monotonic() - started
            with self.lock:
                self.run.counts[outcome] = self.run.counts.get(outcome, 0) + 1
                self.latencies.append(elapsed)

    def sample(self, started: float) -> Sample:
        rss, fds, threads = process_figures(self.server.proc.pid)
        probe = crash_consistency.client(self.server.url)
        try:
            sessions = len(probe.list_sessions(ClusterIdentifier=CLUSTER)["Sessions"])
        except Exception:   # noqa: BLE001 - a failed probe shows as -1 in the series
            sessions = -1
        finally:
            probe.close()
        with self.lock:
            latencies, self.latencies = self.latencies, []
            ops = sum(self.run.counts.values())
            unexpected = self.run.counts.get("unexpected", 0)
            large = self.run.counts.get("large", 0)
        spill = spill_bytes(self.server.data_dir)
        memory = process_memory(self.server.proc.pid)
        return Sample(time.monotonic() - started, rss, fds, threads, spill / 2**20, spill / 1024 / max(large, 1),
                      sessions, ops, unexpected, percentile(latencies, 0.5) * 1000, percentile(latencies, 0.99) * 1000,
                      memory["RssAnon"] / 1024, memory["RssFile"] / 1024)

    def setup(self) -> None:
        data_api = crash_consistency.client(self.server.url)
        statements = [
            "create table soak_ten (i int)",
            "insert into soak_ten values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)",
            "create table soak_big (i int)",
            "insert into soak_big select a.i * 100 + b.i * 10 + c.i from soak_ten a, soak_ten b, soak_ten c",
            "create table soak_rows (k varchar(40), n int, c int)",
        ]
        for sql in statements:
            run_expecting(data_api, sql)
        data_api.close()

    def start(self) -> None:
        """Starts the server and creates the workload's tables."""
        self.server.start()
        self.setup()

    def workload(self, seconds: float, on_sample=None) -> Run:
        """Runs the clients for `seconds` (again and again if called again); returns the run so far."""
        self.stop.clear()
        started = time.monotonic()
        self.run.samples.append(self.sample(started))
        threads = [threading.Thread(target=self.client_loop, args=(n,), daemon=True) for n in range(self.clients)]
        for thread in threads:
            thread.start()
        try:
            while time.monotonic() - started < seconds:
                self.stop.wait(min(self.interval, max(0.0, seconds - (time.monotonic() - started))))
                sample = self.sample(started)
                self.run.samples.append(sample)
                if on_sample:
                    on_sample(sample)
        finally:
            self.stop.set()
            for thread in threads:
                thread.join(timeout=180)
        return self.run

    def execute(self, seconds: float, on_sample=None) -> Run:
        """Starts the server and runs the workload for `seconds` (`close` stops the server)."""
        self.start()
        return self.workload(seconds, on_sample)

    def quiet_sample(self, settle: float) -> Sample:
        """A sample after the clients stopped and idle sessions had `settle` seconds to expire."""
        time.sleep(settle)
        return self.sample(time.monotonic())

    def descriptors(self) -> list[str]:
        """What the server's open descriptors point at (for a failure message)."""
        base = f"/proc/{self.server.proc.pid}/fd"
        links = []
        for name in os.listdir(base):
            try:
                links.append(os.readlink(os.path.join(base, name)))
            except OSError:
                pass
        return sorted(links)

    def close(self) -> None:
        self.server.stop()


# ---- verdict ------------------------------------------------------------------------------------

# With the default retention statements and their results are kept 24 hours, as the service keeps them
# (data-api.md §13), so the spill grows with every large result by design: the rule then checks the
# spill per large result instead. With a short `--statement-retention` the spill itself must level off.
# (column, allowed ratio of the last third's median to the first third's, absolute slack)
FLAT_RULES = [("rss_mib", 1.25, 16.0), ("rss_anon_mib", 1.25, 16.0), ("fds", 1.25, 16), ("threads", 1.25, 4),
              ("spill_per_large_kib", 1.25, 256.0), ("sessions", 1.5, 8), ("p99_ms", 1.5, 100.0)]
SPILL_RULE = ("spill_mib", 1.25, 64.0)
WARM_UP_S = 60.0


def verdict(samples: list[Sample], retained: bool = False) -> tuple[bool, list[str]]:
    """Flat when, for every series after the warm-up, median(last third) <= ratio * median(first third) + slack.
    `retained`: statements expire during the run (a short retention), so the spill itself must be flat."""
    steady = [s for s in samples if s.elapsed_s >= WARM_UP_S] or samples[1:] or samples
    third = max(1, len(steady) // 3)
    lines, flat = [], True
    rules = [SPILL_RULE if retained and rule[0] == "spill_per_large_kib" else rule for rule in FLAT_RULES]
    for column, ratio, slack in rules:
        first = statistics.median(getattr(s, column) for s in steady[:third])
        last = statistics.median(getattr(s, column) for s in steady[-third:])
        ok = last <= ratio * first + slack
        flat = flat and ok
        lines.append(f"{column}: first third {first:.1f}, last third {last:.1f} "
                     f"(bound {ratio * first + slack:.1f}): {'flat' if ok else 'GROWS'}")
    return flat, lines
