"""Crash consistency (issue 19, item 2): clients run committed work against `serve --data-dir` while
the server is killed with SIGKILL at random moments; after each restart a checker proves that
every statement reported FINISHED is there, no statement reported FAILED or ABORTED left a trace,
nothing that was in flight at the kill is half applied, and the catalog matches the data.

Used by `scripts/crash-check` (the long run) and `test_crash_consistency.py` (a short one).

Every operation tags the rows it writes with a key of its own, so the checker can count them:
- `single`: one multi-row INSERT through ExecuteStatement (3 rows);
- `batch`: BatchExecuteStatement (TRANSACTION mode) writing 2 rows to each of two tables;
- `failing` and `failing_batch`: an INSERT that fails on division by zero, alone and as the second
  statement of a batch after a good one (FAILED: nothing may remain);
- `pg_transaction`: psycopg2, BEGIN, 2 rows into each table, COMMIT (the PostgreSQL door);
- `ddl`: CREATE TABLE with a row in it (a batch), then the table must exist with its row;
- `copy`: COPY of a 4-row CSV from the S3 store under the data directory.
An operation whose outcome the client saw is `committed` or `failed`; one cut by the kill is
`doubt` and may be all there or not at all, never partly.
"""

from __future__ import annotations

import os
import queue
import random
import re
import signal
import subprocess
import threading
import time
import uuid
from dataclasses import dataclass, field

import boto3
import botocore.config
import psycopg2

READY = re.compile(r"^emulatord listening on (http://\S+)\s*$")
PG_READY = re.compile(r"^emulatord listening on postgresql://(\S+):(\d+)\s*$")
TARGET = {"ClusterIdentifier": "crash-check", "Database": "dev", "DbUser": "awsuser"}
ROLE = "IAM_ROLE 'arn:aws:iam::123456789012:role/Loader'"
KINDS = ["single", "single", "batch", "batch", "failing", "failing_batch", "ddl", "copy"]


@dataclass
class Operation:
    key: str
    kind: str
    rows: int = 0          # rows in ledger_rows when applied
    pairs: int = 0         # rows in ledger_pairs when applied
    table: str | None = None
    state: str = "doubt"   # committed, failed or doubt


@dataclass
class Report:
    cycles: int = 0
    operations: int = 0
    committed: int = 0
    failed: int = 0
    doubt: int = 0
    anomalies: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.cycles} kill cycles, {self.operations} operations checked "
                f"({self.committed} committed, {self.failed} failed, {self.doubt} cut by the kill): "
                f"{len(self.anomalies)} anomalies")


class Server:
    """`emulatord serve --data-dir DIR` on free ports."""

    def __init__(self, binary: str, data_dir: str, extra_args: tuple[str, ...] = ()):
        self.binary, self.data_dir, self.extra_args = binary, data_dir, tuple(extra_args)
        self.proc: subprocess.Popen | None = None
        self.url = None
        self.pg = None

    def start(self) -> "Server":
        self.proc = subprocess.Popen([self.binary, "serve", "--port", "0", "--pg-port", "0", "--data-dir", self.data_dir,
                                      *self.extra_args],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        lines: "queue.Queue[str | None]" = queue.Queue()

        def pump():
            for raw in iter(self.proc.stdout.readline, b""):
                lines.put(raw.decode("utf-8", "replace"))
            lines.put(None)
        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + 60
        while (self.url is None or self.pg is None) and time.monotonic() < deadline:
            try:
                line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            if m := READY.match(line.strip()):
                self.url = m.group(1)
            elif m := PG_READY.match(line.strip()):
                self.pg = (m.group(1), int(m.group(2)))
        if self.url is None or self.pg is None:
            self.kill()
            raise RuntimeError(f"emulatord did not start on {self.data_dir} (exit {self.proc.poll()})")
        return self

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def client(url: str):
    return boto3.client("redshift-data", endpoint_url=url, region_name="us-east-1",
                        aws_access_key_id="AKIDCRASHCHECK", aws_secret_access_key="secret",
                        config=botocore.config.Config(retries={"total_max_attempts": 1}, connect_timeout=2, read_timeout=30))


def finish(data_api, statement_id: str) -> str:
    """The statement's terminal status; raises when the server is gone."""
    while True:
        status = data_api.describe_statement(Id=statement_id)["Status"]
        if status in ("FINISHED", "FAILED", "ABORTED"):
            return status
        time.sleep(0.005)


def rows_sql(table: str, key: str, count: int, client_id: int) -> str:
    values = ", ".join(f"('{key}', {n}, {client_id})" for n in range(count))
    return f"insert into {table} values {values}"


class Workload:
    """The clients of one cycle: they run until the server stops answering."""

    def __init__(self, server: Server, s3_root: str, rng: random.Random, ledger: list[Operation], clients: int):
        self.server, self.s3_root, self.rng, self.ledger, self.clients = server, s3_root, rng, ledger, clients
        self.lock = threading.Lock()

    def record(self, operation: Operation) -> Operation:
        with self.lock:
            self.ledger.append(operation)
        return operation

    def data_api_client(self, client_id: int, seed: int) -> None:
        rng = random.Random(seed)
        data_api = client(self.server.url)
        while True:
            kind = rng.choice(KINDS)
            key = f"{kind[:4]}-{uuid.uuid4().hex[:12]}"
            try:
                if kind == "single":
                    op = self.record(Operation(key, kind, rows=3))
                    sid = data_api.execute_statement(Sql=rows_sql("ledger_rows", key, 3, client_id), **TARGET)["Id"]
                elif kind == "batch":
                    op = self.record(Operation(key, kind, rows=2, pairs=2))
                    sid = data_api.batch_execute_statement(
                        Sqls=[rows_sql("ledger_rows", key, 2, client_id), rows_sql("ledger_pairs", key, 2, client_id)], **TARGET)["Id"]
                elif kind == "failing":
                    op = self.record(Operation(key, kind, rows=1))
                    sid = data_api.execute_statement(Sql=f"insert into ledger_rows select '{key}', 1 / 0, {client_id}", **TARGET)["Id"]
                elif kind == "failing_batch":
                    op = self.record(Operation(key, kind, rows=2))
                    sid = data_api.batch_execute_statement(
                        Sqls=[rows_sql("ledger_rows", key, 1, client_id),
                              f"insert into ledger_rows select '{key}', 1 / 0, {client_id}"], **TARGET)["Id"]
                elif kind == "ddl":
                    table = "ddl_" + key.split("-")[1]
                    op = self.record(Operation(key, kind, table=table))
                    sid = data_api.batch_execute_statement(
                        Sqls=[f"create table {table} (k varchar(40), n int, c int)", rows_sql(table, key, 1, client_id)], **TARGET)["Id"]
                else:   # copy
                    path = os.path.join(self.s3_root, "bucket", f"{key}.csv")
                    with open(path, "w") as f:
                        f.write("".join(f"{key},{n},{client_id}\n" for n in range(4)))
                    op = self.record(Operation(key, kind, rows=4))
                    sid = data_api.execute_statement(
                        Sql=f"copy ledger_rows from 's3://bucket/{key}.csv' {ROLE} csv", **TARGET)["Id"]
                status = finish(data_api, sid)
                op.state = "committed" if status == "FINISHED" else "failed"
                if kind.startswith("failing") and status == "FINISHED":
                    op.state = "committed"   # the checker flags it: it must not have finished
            except Exception:
                return   # the server is gone: the last operation stays in doubt

    def pg_client(self, client_id: int, seed: int) -> None:
        rng = random.Random(seed)
        try:
            connection = psycopg2.connect(host=self.server.pg[0], port=self.server.pg[1], user="awsuser", password="x",
                                          dbname="dev", sslmode="disable", connect_timeout=5)
        except Exception:
            return
        try:
            while True:
                key = f"pgtx-{uuid.uuid4().hex[:12]}"
                op = self.record(Operation(key, "pg_transaction", rows=2, pairs=2, state="failed"))
                cursor = connection.cursor()
                cursor.execute("begin")
                cursor.execute(rows_sql("ledger_rows", key, 2, client_id))
                cursor.execute(rows_sql("ledger_pairs", key, 2, client_id))
                if rng.random() < 0.2:
                    cursor.execute("rollback")
                    continue
                op.state = "doubt"     # COMMIT sent: in doubt until it answers
                cursor.execute("commit")
                op.state = "committed"
        except Exception:
            return
        finally:
            try:
                connection.close()
            except Exception:
                pass

    def run(self, seconds: float) -> None:
        threads = [threading.Thread(target=self.data_api_client, args=(i, self.rng.randrange(1 << 30)), daemon=True)
                   for i in range(self.clients - 2)]
        threads += [threading.Thread(target=self.pg_client, args=(100 + i, self.rng.randrange(1 << 30)), daemon=True)
                    for i in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(seconds)
        self.server.kill()
        for thread in threads:
            thread.join(timeout=60)


def query(data_api, sql: str) -> list[list]:
    sid = data_api.execute_statement(Sql=sql, **TARGET)["Id"]
    status = finish(data_api, sid)
    if status != "FINISHED":
        raise AssertionError(f"{sql}: {status}: {data_api.describe_statement(Id=sid).get('Error')}")
    if not data_api.describe_statement(Id=sid).get("HasResultSet"):
        return []
    result = data_api.get_statement_result(Id=sid)
    out = [[next(iter(cell.values())) if not cell.get("isNull") else None for cell in record] for record in result["Records"]]
    while result.get("NextToken"):
        result = data_api.get_statement_result(Id=sid, NextToken=result["NextToken"])
        out += [[next(iter(cell.values())) if not cell.get("isNull") else None for cell in record] for record in result["Records"]]
    return out


def check(data_api, ledger: list[Operation], report: Report) -> None:
    """Every operation all there or not at all, as its state allows; every table readable."""
    counts = {k: n for k, n in query(data_api, "select k, count(*) from ledger_rows group by k")}
    pairs = {k: n for k, n in query(data_api, "select k, count(*) from ledger_pairs group by k")}
    tables = {row[0] for row in query(data_api, "select tablename from pg_tables where schemaname = 'public'")}
    for op in ledger:
        if op.kind == "ddl":
            present = op.table in tables
            if present:
                got = query(data_api, f"select count(*) from {op.table}")[0][0]
                if got != 1:
                    report.anomalies.append(f"{op.key} ({op.kind}): table {op.table} exists with {got} rows, not 1")
            applied, partial = present, False
        else:
            got_rows, got_pairs = counts.get(op.key, 0), pairs.get(op.key, 0)
            applied = got_rows == op.rows and got_pairs == op.pairs and (op.rows or op.pairs)
            none = got_rows == 0 and got_pairs == 0
            partial = not applied and not none
            if partial:
                report.anomalies.append(f"{op.key} ({op.kind}, {op.state}): {got_rows}/{op.rows} rows, {got_pairs}/{op.pairs} pairs")
                continue
        if op.kind.startswith("failing"):
            if applied or op.state == "committed":
                report.anomalies.append(f"{op.key} ({op.kind}): a failing statement left rows or reported FINISHED")
        elif op.state == "committed" and not applied:
            report.anomalies.append(f"{op.key} ({op.kind}): reported committed, missing after the restart")
        elif op.state == "failed" and applied:
            report.anomalies.append(f"{op.key} ({op.kind}): reported failed or rolled back, present after the restart")
    # The catalog matches the data: every table of the catalog can be read.
    for table in sorted(tables):
        try:
            query(data_api, f"select count(*) from {table}")
        except AssertionError as error:
            report.anomalies.append(f"catalog lists {table} but it cannot be read: {error}")


def run(binary: str, work_dir: str, cycles: int, seed: int, clients: int = 8, min_seconds: float = 0.3,
        max_seconds: float = 2.5, say=print) -> Report:
    rng = random.Random(seed)
    data_dir = os.path.join(work_dir, "data")
    s3_root = os.path.join(data_dir, "s3")
    os.makedirs(os.path.join(s3_root, "bucket"), exist_ok=True)
    report = Report()
    server = Server(binary, data_dir).start()
    try:
        data_api = client(server.url)
        query(data_api, "create table ledger_rows (k varchar(40), n int, c int)")
        query(data_api, "create table ledger_pairs (k varchar(40), n int, c int)")
        for cycle in range(1, cycles + 1):
            ledger: list[Operation] = []
            Workload(server, s3_root, rng, ledger, clients).run(rng.uniform(min_seconds, max_seconds))
            server = Server(binary, data_dir).start()
            data_api = client(server.url)
            before = len(report.anomalies)
            check(data_api, ledger, report)
            report.cycles = cycle
            report.operations += len(ledger)
            report.committed += sum(op.state == "committed" for op in ledger)
            report.failed += sum(op.state == "failed" for op in ledger)
            report.doubt += sum(op.state == "doubt" for op in ledger)
            say(f"cycle {cycle}/{cycles}: {len(ledger)} operations, {len(report.anomalies) - before} anomalies")
            for anomaly in report.anomalies[before:]:
                say("  " + anomaly)
    finally:
        server.stop()
    return report
