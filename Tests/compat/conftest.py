"""Shared fixtures and helpers for the compatibility suite.

The suite drives the real `emulatord` binary with real clients (boto3, the AWS CLI, raw HTTP).
Expected values come from ../../../shared/reference/data-api.md (cited as "data-api.md §N").

Binary: $EMULATORD_BIN, default <repo>/.build/debug/emulatord (build it with `swift build`).
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_BIN = REPO_ROOT / ".build" / "debug" / "emulatord"
READY_RE = re.compile(r"^emulatord listening on (http://\S+)\s*$")
# The second ready line: the PostgreSQL door (cluster endpoint), unless `--pg-port off`.
PG_READY_RE = re.compile(r"^emulatord listening on postgresql://(\S+):(\d+)\s*$")
READY_TIMEOUT = 30.0

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "secret"
REGION = "us-east-1"

TERMINAL = {"FINISHED", "FAILED", "ABORTED"}
RUNNING = {"SUBMITTED", "PICKED", "STARTED"}
ALL_STATUSES = TERMINAL | RUNNING

# Lower-case UUID version 4 (data-api.md §2.1: ids are `UUID().uuidString.lowercased()`).
UUID4_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def emulatord_bin() -> Path:
    return Path(os.environ.get("EMULATORD_BIN", str(DEFAULT_BIN)))


# --------------------------------------------------------------------------------------------
# Server process management
# --------------------------------------------------------------------------------------------

def wait_for_ready_line(lines: "queue.Queue[str | None]", timeout: float) -> str | None:
    """The URL of the first `emulatord listening on URL` line (DESIGN.md's ready line) among the
    process's stdout `lines` (None marks their end), or None if it does not come in time."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            return None
        if line is None:
            return None
        m = READY_RE.match(line.strip())
        if m:
            return m.group(1)
    return None


_SERVERS: list["Server"] = []


class Server:
    """One `emulatord serve --port 0` process."""

    def __init__(self, data_dir: str | None = None, config: dict | None = None,
                 extra_args: list[str] | None = None, name: str = "emulatord",
                 env: dict[str, str | None] | None = None):
        self.data_dir = data_dir
        # Environment variables set (a value of None removes one) for the server process only.
        self.env = dict(env or {})
        self.config = config
        self.extra_args = list(extra_args or [])
        self.name = name
        self.proc: subprocess.Popen | None = None
        self.url: str | None = None
        self.pg_host: str | None = None
        self.pg_port: int | None = None
        self.expected_exit = False
        self._tmp = tempfile.mkdtemp(prefix="emulatord-compat-")
        self._stderr_path = os.path.join(self._tmp, "stderr.log")
        self._stdout_lines: list[str] = []

    # -- lifecycle ------------------------------------------------------------------------
    def start(self) -> "Server":
        binary = emulatord_bin()
        if not binary.exists():
            pytest.fail(f"emulatord binary not found at {binary}; build it with `swift build` "
                        f"or set EMULATORD_BIN", pytrace=False)
        args = [str(binary), "serve", "--port", "0"]
        if self.data_dir:
            args += ["--data-dir", self.data_dir]
        if self.config is not None:
            cfg_path = os.path.join(self._tmp, "config.json")
            with open(cfg_path, "w") as f:
                json.dump(self.config, f)
            args += ["--config", cfg_path]
        args += self.extra_args
        if "--pg-port" not in args:
            # A free port for the PostgreSQL door, so that servers started in parallel never race for 5439.
            args += ["--pg-port", "0"]
        self.expected_exit = False
        self.url = None
        stderr = open(self._stderr_path, "ab")
        environment = dict(os.environ)
        for key, value in self.env.items():
            if value is None:
                environment.pop(key, None)
            else:
                environment[key] = value
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=stderr,
                                     stdin=subprocess.DEVNULL, env=environment)
        stderr.close()
        lines: "queue.Queue[str | None]" = queue.Queue()

        def pump(stream):
            # Keep draining stdout for the whole life of the process so it never blocks on a full pipe.
            for raw in iter(stream.readline, b""):
                line = raw.decode("utf-8", "replace")
                self._stdout_lines.append(line)
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, args=(self.proc.stdout,), daemon=True).start()
        self.url = wait_for_ready_line(lines, READY_TIMEOUT)
        if self.url is None:
            rc = self.proc.poll()
            self._force_stop()
            pytest.fail(f"{self.name} did not print the ready line within {READY_TIMEOUT}s "
                        f"(rc={rc}); stdout={''.join(self._stdout_lines)[-2000:]!r} "
                        f"stderr tail:\n{self.stderr_tail()}", pytrace=False)
        if "off" not in args[args.index("--pg-port") + 1:args.index("--pg-port") + 2]:
            try:
                line = lines.get(timeout=READY_TIMEOUT)
            except queue.Empty:
                line = None
            m = PG_READY_RE.match((line or "").strip())
            if m:
                self.pg_host, self.pg_port = m.group(1), int(m.group(2))
        _SERVERS.append(self)
        return self

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stderr_tail(self, n: int = 4000) -> str:
        try:
            with open(self._stderr_path, "rb") as f:
                return f.read().decode("utf-8", "replace")[-n:]
        except OSError:
            return ""

    def check_alive(self, when: str) -> None:
        if self.proc is not None and not self.expected_exit and self.proc.poll() is not None:
            rc = self.proc.returncode
            self.expected_exit = True  # report once
            pytest.fail(f"{self.name} exited unexpectedly (returncode {rc}) {when}; "
                        f"stderr tail:\n{self.stderr_tail()}", pytrace=False)

    def kill9(self) -> None:
        """SIGKILL, as `kill -9` would (durability tests)."""
        self.expected_exit = True
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> int | None:
        """SIGTERM and wait; returns the exit code. Fails if the process had already died."""
        self.check_alive("before shutdown")
        self.expected_exit = True
        return self._force_stop()

    def _force_stop(self) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.proc.returncode

    def cleanup(self) -> None:
        self._force_stop()
        shutil.rmtree(self._tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def server():
    """The shared in-memory server (default configuration)."""
    s = Server(name="emulatord (default)").start()
    yield s
    try:
        s.stop()
    finally:
        s.cleanup()


@pytest.fixture(scope="session")
def endpoint(server) -> str:
    return server.url


@pytest.fixture(scope="module")
def pg(server):
    """The shared server, for tests of its PostgreSQL door (the cluster endpoint)."""
    assert server.pg_port, "the server did not print the postgresql ready line"
    return server


@pytest.fixture(scope="module")
def s3_root(request) -> str:
    """A directory of the module's own to serve as `s3://` (`serve --s3-root`), with a bucket `bucket`."""
    root = tempfile.mkdtemp(prefix=f"{request.module.__name__}-s3-")
    os.makedirs(os.path.join(root, "bucket"))
    return root


@pytest.fixture(scope="module")
def s3_server(make_server_module, s3_root):
    """A server of the module's own on `s3_root`."""
    return make_server_module(extra_args=["--s3-root", s3_root])


@pytest.fixture(scope="module")
def data_api(s3_server):
    """A boto3 Data API client of `s3_server`."""
    return make_client(s3_server.url)


def put_object(root: str, key: str, data: bytes | str) -> None:
    """Writes s3://bucket/<key> as the file ROOT/bucket/<key> (serve --s3-root)."""
    path = os.path.join(root, "bucket", key)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def pg_connect(server, user: str = "awsuser", password: str = "any", database: str = "dev",
               autocommit: bool = False, **kw):
    """A psycopg2 connection to `server`'s PostgreSQL door (no TLS, a 10 s connect timeout)."""
    import psycopg2
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user=user, password=password,
                            dbname=database, sslmode="disable", connect_timeout=10, **kw)
    conn.autocommit = autocommit
    return conn


@pytest.fixture(autouse=True)
def _servers_stay_alive():
    """Fail the test during which any server we started crashed (data-api.md: no input may crash it)."""
    yield
    for s in list(_SERVERS):
        s.check_alive("during this test")


def _server_factory():
    """Yields a factory of extra servers, then stops every server it started."""
    started: list[Server] = []

    def make(**kw) -> Server:
        s = Server(**kw).start()
        started.append(s)
        return s

    yield make
    for s in started:
        try:
            if not s.expected_exit:
                s.stop()
        finally:
            s.cleanup()


@pytest.fixture
def make_server():
    """Factory for extra servers (config files, data dirs); all are stopped after the test."""
    yield from _server_factory()


@pytest.fixture(scope="module")
def make_server_module():
    """The same factory for servers a whole test module shares; stopped after the module."""
    yield from _server_factory()


# --------------------------------------------------------------------------------------------
# An S3 endpoint: moto's server (`moto_server`, in requirements.txt)
# --------------------------------------------------------------------------------------------

def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoS3(str):
    """The endpoint URL of a running moto S3 server (a `str`: pass it to `--s3-endpoint`), with
    `endpoint`, a boto3 S3 client `s3`, a bucket made at start `bucket`, and `new_bucket()`."""

    endpoint: str
    bucket: str

    def __new__(cls, endpoint: str, bucket: str):
        self = super().__new__(cls, endpoint)
        self.endpoint = endpoint
        self.bucket = bucket
        self.s3 = boto3.client("s3", endpoint_url=endpoint, region_name=REGION,
                               aws_access_key_id="testing", aws_secret_access_key="testing")
        return self

    def new_bucket(self, prefix: str = "bucket") -> str:
        """Creates and returns a bucket with a unique name (S3 rules: lower case, digits, hyphens)."""
        name = f"{prefix}-{uuid.uuid4().hex[:12]}"
        self.s3.create_bucket(Bucket=name)
        return name

    def put(self, bucket: str, key: str, body: bytes | str) -> None:
        self.s3.put_object(Bucket=bucket, Key=key, Body=body.encode() if isinstance(body, str) else body)

    def get(self, bucket: str, key: str) -> bytes:
        return self.s3.get_object(Bucket=bucket, Key=key)["Body"].read()

    def keys(self, bucket: str, prefix: str = "") -> list[str]:
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
        return [o["Key"] for page in pages for o in page.get("Contents", [])]


@pytest.fixture(scope="session")
def moto_s3():
    """A moto S3 server on a free port of 127.0.0.1 for the whole session, with one bucket made.

    Start emulatord against it with `make_server(extra_args=["--s3-endpoint", moto_s3])`; give each
    test its own bucket with `moto_s3.new_bucket()`."""
    binary = shutil.which("moto_server")
    if binary is None:
        pytest.fail("moto_server is not installed: pip install -r Tests/compat/requirements.txt", pytrace=False)
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="moto-", suffix=".log", delete=False)
    proc = subprocess.Popen([binary, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log,
                            stdin=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(endpoint + "/", timeout=2)
            break
        except requests.RequestException:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                with open(log.name, "rb") as f:
                    tail = f.read().decode("utf-8", "replace")[-2000:]
                pytest.fail(f"moto_server did not start on port {port}:\n{tail}", pytrace=False)
            time.sleep(0.1)
    store = MotoS3(endpoint, "emulatord-data")
    store.s3.create_bucket(Bucket=store.bucket)
    yield store
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
    os.unlink(log.name)


# A configured server shared by the tests that need a config file. Tables created there need
# unique names (use `unique_name`), since all tests share cluster `c1`.
SECRET_ALICE = "arn:aws:secretsmanager:us-east-1:123456789012:secret:tenant-a"
STRICT_CONFIG = {
    "superuser": "awsuser",
    "strict": True,
    "clusters": [{"identifier": "c1", "databases": ["dev", "analytics"]}],
    "workgroups": [{"name": "wg1", "databases": ["dev"]}],
    "users": ["alice", "bob"],
    "secrets": {SECRET_ALICE: "alice"},
    "limits": {"maxActiveStatements": 500, "maxSessions": 500, "maxSqlBytes": 102400,
               "resultPageBytes": 2048},
    "verify_signatures": False,
}


@pytest.fixture(scope="session")
def strict_server():
    s = Server(config=STRICT_CONFIG, name="emulatord (strict config)").start()
    yield s
    try:
        s.stop()
    finally:
        s.cleanup()


# --------------------------------------------------------------------------------------------
# Clients
# --------------------------------------------------------------------------------------------

def make_client(url: str, access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY):
    return boto3.client(
        "redshift-data", endpoint_url=url, region_name=REGION,
        aws_access_key_id=access_key, aws_secret_access_key=secret_key,
        # No client-side retries: a 5xx or throttle must show up as a failure, not be hidden.
        config=botocore.config.Config(retries={"total_max_attempts": 1},
                                      connect_timeout=5, read_timeout=60),
    )


# --------------------------------------------------------------------------------------------
# Both places s3:// can live, for COPY and UNLOAD tests: `s3_backend` runs a test once against
# a directory (`--s3-root`) and once against moto (`--s3-endpoint`).
# --------------------------------------------------------------------------------------------

class S3Backend:
    """A fresh bucket in one kind of store, the emulatord server that uses that store, a Data API
    client for it, and helpers to put, get and list objects behind the server's back."""

    def __init__(self, kind: str, server: "Server", bucket: str, root: Path | None = None,
                 moto: MotoS3 | None = None):
        self.kind = kind            # "directory" or "moto"
        self.server = server
        self.client = make_client(server.url)
        self.bucket = bucket
        self.root = root            # the --s3-root directory (directory kind)
        self.moto = moto            # the moto endpoint (moto kind)

    def url(self, key: str = "") -> str:
        return f"s3://{self.bucket}/{key}"

    def put(self, key: str, body: bytes | str) -> None:
        data = body.encode() if isinstance(body, str) else body
        if self.moto is not None:
            self.moto.put(self.bucket, key, data)
        else:
            path = self.root / self.bucket / key
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def get(self, key: str) -> bytes:
        if self.moto is not None:
            return self.moto.get(self.bucket, key)
        return (self.root / self.bucket / key).read_bytes()

    def keys(self, prefix: str = "") -> list[str]:
        """The bucket's keys under `prefix`, in S3 key order (UTF-8 bytes)."""
        if self.moto is not None:
            return self.moto.keys(self.bucket, prefix)
        base = self.root / self.bucket
        found = [p.relative_to(base).as_posix() for p in base.rglob("*") if p.is_file()]
        return sorted((k for k in found if k.startswith(prefix)), key=lambda k: k.encode())


@pytest.fixture(scope="session")
def s3_directory_server(tmp_path_factory):
    """A server whose s3:// is a directory (`--s3-root`), shared by the session."""
    root = tmp_path_factory.mktemp("s3-root")
    s = Server(extra_args=["--s3-root", str(root)], name="emulatord (--s3-root)",
               env={"AWS_ENDPOINT_URL_S3": None}).start()
    s.s3_root = root
    yield s
    try:
        s.stop()
    finally:
        s.cleanup()


@pytest.fixture(scope="session")
def s3_moto_server(moto_s3):
    """A server whose s3:// is moto (`--s3-endpoint`, signed with test credentials), shared by the session."""
    s = Server(extra_args=["--s3-endpoint", moto_s3.endpoint], name="emulatord (--s3-endpoint moto)",
               env={"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                    "AWS_SESSION_TOKEN": None, "AWS_REGION": REGION}).start()
    yield s
    try:
        s.stop()
    finally:
        s.cleanup()


@pytest.fixture(params=["directory", "moto"])
def s3_backend(request) -> S3Backend:
    """A test runs once per store kind, each time with a new, empty bucket."""
    if request.param == "directory":
        server = request.getfixturevalue("s3_directory_server")
        bucket = f"bucket-{uuid.uuid4().hex[:12]}"
        (server.s3_root / bucket).mkdir()
        return S3Backend("directory", server, bucket, root=server.s3_root)
    moto = request.getfixturevalue("moto_s3")
    server = request.getfixturevalue("s3_moto_server")
    return S3Backend("moto", server, moto.new_bucket(), moto=moto)


@pytest.fixture(scope="session")
def client(endpoint):
    return make_client(endpoint)


@pytest.fixture(scope="session")
def strict_client(strict_server):
    return make_client(strict_server.url)


def _slug(text: str, limit: int = 40) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    s = s[:limit].strip("-")
    if not s or not s[0].isalpha():
        s = "t" + s
    return s


@pytest.fixture
def cluster_id(request) -> str:
    """A ClusterIdentifier unique to this test (auto-provisioned on first use), matching P_CLUSTER."""
    return f"{_slug(request.node.name)}-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def target(cluster_id) -> dict:
    """Connection members for a fresh cluster of this test."""
    return {"ClusterIdentifier": cluster_id, "Database": "dev", "DbUser": "awsuser"}


@pytest.fixture
def unique_name(request) -> str:
    return f"t_{uuid.uuid4().hex[:10]}"


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------

def wait(client, statement_id: str, timeout: float = 30.0) -> dict:
    """Poll DescribeStatement until a terminal status; returns the last describe response."""
    deadline = time.monotonic() + timeout
    delay = 0.01
    while True:
        d = client.describe_statement(Id=statement_id)
        assert d["Status"] in ALL_STATUSES, f"status outside the enum: {d['Status']}"  # §2.2
        if d["Status"] in TERMINAL:
            return d
        if time.monotonic() > deadline:
            raise AssertionError(f"statement {statement_id} still {d['Status']} after {timeout}s")
        time.sleep(delay)
        delay = min(delay * 1.5, 0.05)


def wait_until_running(client, statement_id: str, timeout: float = 10.0) -> dict:
    """Poll until the statement is STARTED (or already terminal)."""
    deadline = time.monotonic() + timeout
    while True:
        d = client.describe_statement(Id=statement_id)
        if d["Status"] == "STARTED" or d["Status"] in TERMINAL:
            return d
        if time.monotonic() > deadline:
            return d
        time.sleep(0.01)


def run(client, sql: str, timeout: float = 30.0, **kw) -> dict:
    """ExecuteStatement + poll DescribeStatement to a terminal status; returns the describe response."""
    r = client.execute_statement(Sql=sql, **kw)
    return wait(client, r["Id"], timeout=timeout)


def run_ok(client, sql: str, **kw) -> dict:
    d = run(client, sql, **kw)
    assert d["Status"] == "FINISHED", f"{sql!r} ended {d['Status']}: {d.get('Error')}"
    return d


def run_batch(client, sqls: list[str], timeout: float = 30.0, **kw) -> dict:
    r = client.batch_execute_statement(Sqls=sqls, **kw)
    return wait(client, r["Id"], timeout=timeout)


def fetch_pages(client, statement_id: str, v2: bool = False, max_pages: int = 10000) -> list[dict]:
    """All pages of GetStatementResult(V2), following NextToken; asserts tokens never repeat."""
    op = client.get_statement_result_v2 if v2 else client.get_statement_result
    pages, seen = [], set()
    kw: dict = {}
    for _ in range(max_pages):
        page = op(Id=statement_id, **kw)
        pages.append(page)
        token = page.get("NextToken")
        if not token:
            return pages
        assert token not in seen, "NextToken repeated"  # §6.3
        seen.add(token)
        kw = {"NextToken": token}
    raise AssertionError(f"more than {max_pages} pages")


def fetch_all(client, statement_id: str) -> list[list[dict]]:
    """All Records of a JSON result, across pages."""
    out: list = []
    for p in fetch_pages(client, statement_id):
        out.extend(p["Records"])
    return out


def cell(field: dict):
    """Python value of one Field (exactly one member, data-api.md §1.3)."""
    assert len(field) == 1, f"Field must have exactly one member: {field}"
    (k, v), = field.items()
    if k == "isNull":
        assert v is True
        return None
    return v


def rows(records) -> list[list]:
    return [[cell(f) for f in rec] for rec in records]


def query(client, sql: str, **kw) -> list[list]:
    """Run a SELECT that must finish and return its rows as Python values."""
    d = run_ok(client, sql, **kw)
    return rows(fetch_all(client, d["Id"]))


def error_of(excinfo) -> tuple[str, str]:
    err = excinfo.value.response["Error"]
    return err.get("Code"), err.get("Message")


# ---- raw HTTP (signed with SigV4 like boto3, but nothing validated client side) -------------

def raw(url: str, op: str | None, body=None, *, target: str | None = None,
        content_type: str = "application/x-amz-json-1.1", sign: bool = True,
        headers: dict | None = None, access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY,
        session: requests.Session | None = None, timeout: float = 30) -> requests.Response:
    """POST / with X-Amz-Target RedshiftData.<op> (or `target` verbatim; op None and target None
    means no target header). `body` may be a dict (JSON-encoded), str or bytes."""
    if isinstance(body, (dict, list)):
        data = json.dumps(body).encode()
    elif isinstance(body, str):
        data = body.encode("utf-8", "surrogatepass")
    elif body is None:
        data = b"{}"
    else:
        data = body
    h = {}
    if content_type is not None:
        h["Content-Type"] = content_type
    if target is not None:
        h["X-Amz-Target"] = target
    elif op is not None:
        h["X-Amz-Target"] = f"RedshiftData.{op}"
    h.update(headers or {})
    if sign:
        req = botocore.awsrequest.AWSRequest(method="POST", url=url.rstrip("/") + "/", data=data,
                                             headers=h)
        botocore.auth.SigV4Auth(botocore.credentials.Credentials(access_key, secret_key),
                                "redshift-data", REGION).add_auth(req)
        h = dict(req.headers.items())
    sender = session or requests
    return sender.post(url.rstrip("/") + "/", data=data, headers=h, timeout=timeout)


def raw_json(url: str, op: str, body=None, **kw) -> tuple[int, dict, requests.Response]:
    r = raw(url, op, body, **kw)
    try:
        payload = r.json()
    except ValueError:
        payload = None
    return r.status_code, payload, r


def error_code(payload: dict) -> str:
    """Error code as botocore reads it: after the last '#', before the first ':' (§1.4)."""
    code = payload.get("__type", "")
    code = code.rsplit("#", 1)[-1]
    return code.split(":", 1)[0]


def health(url: str) -> requests.Response:
    return requests.get(url.rstrip("/") + "/health", timeout=10)


# ---- a long-running statement (for cancel / busy-session / at-once tests) -------------------

def make_big_table(client, **target) -> str:
    """Creates `t` with 1000 rows in the target; returns a SQL text that runs for a long time."""
    run_ok(client, "create table ten (i int)", **target)
    run_ok(client, "insert into ten values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)", **target)
    run_ok(client, "create table t (i int)", **target)
    d = run_ok(client, "insert into t select a.i * 100 + b.i * 10 + c.i from ten a, ten b, ten c",
               **target)
    assert d["ResultRows"] == 1000
    # 10^9 combinations: runs for many seconds unless cancelled.
    return "select count(*) from t a, t b, t c"


@pytest.fixture
def cancel_later(client):
    """Statement ids to cancel at teardown (so a long statement never outlives its test)."""
    ids: list[str] = []
    yield ids
    for sid in ids:
        try:
            client.cancel_statement(Id=sid)
        except Exception:
            pass
