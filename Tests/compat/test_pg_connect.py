"""The PostgreSQL door's connections (issue 13): TLS, authentication, unknown databases and bad input,
driven with real clients (psycopg2, psql, redshift_connector, SQLAlchemy) and raw sockets.

Expected values come from the documentation, not from our output:
- Encryption negotiation, start-up, NegotiateProtocolVersion: PostgreSQL protocol-flow.html ("SSL
  Session Encryption", "GSSAPI Session Encryption", "Start-up") and protocol-message-formats.html.
- SQLSTATEs: PostgreSQL errcodes-appendix.html (28P01 invalid_password, 3D000
  invalid_catalog_name, 08P01 protocol_violation, 0A000 feature_not_supported, 57014
  query_canceled).
- Password forms: Developer Guide › CREATE USER (PASSWORD: clear text; 'md5' || md5(password ||
  user), e.g. user1/ez -> md5153c434b4b77c89e6b94f12c5393af5b; 'sha256|password';
  'sha256|digest|256-bit salt'), Developer Guide › ALTER USER, PASSWORD DISABLE ("the user can log
  on only using temporary IAM credentials").
- `database "x" does not exist` and `password authentication failed for user "x"`: PostgreSQL's
  texts (libpq prints them as `FATAL:  …`), which Redshift keeps.
- authentication_timeout (60 s by default): PostgreSQL runtime-config-connection.html.
"""

import hashlib
import os
import shutil
import socket
import ssl
import struct
import subprocess
import tempfile
import time

import pytest

psycopg2 = pytest.importorskip("psycopg2")

from conftest import Server, emulatord_bin  # noqa: E402

SUPERUSER_PASSWORD = "Admin1234"
MAX_MESSAGE_BYTES = 4096
# A strict configuration (unknown databases are errors), passwords checked, a short startup
# timeout and a small message limit for the bad-input tests, and few sessions to show none leaks.
AUTH_CONFIG = {
    "superuser": "awsuser",
    "strict": True,
    "clusters": [{"identifier": "pgauth", "databases": ["dev", "sales"]}],
    "limits": {"maxConnections": 4},
    "pg": {"verify_passwords": True, "superuser_password": SUPERUSER_PASSWORD,
           "startup_timeout_seconds": 1, "max_message_bytes": MAX_MESSAGE_BYTES},
}


# --- fixtures --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def certificate():
    """A self-signed certificate for localhost and 127.0.0.1, made with openssl."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    directory = tempfile.mkdtemp(prefix="emulatord-tls-")
    cert, key = os.path.join(directory, "server.crt"), os.path.join(directory, "server.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                    "-keyout", key, "-out", cert], check=True, capture_output=True)
    yield cert, key
    shutil.rmtree(directory, ignore_errors=True)


def _module_server(**kw):
    s = Server(**kw).start()
    assert s.pg_port, "the server did not print the postgresql ready line"
    return s


@pytest.fixture(scope="module")
def tls_server(certificate):
    cert, key = certificate
    s = _module_server(extra_args=["--tls-cert", cert, "--tls-key", key], name="emulatord (tls)")
    yield s
    try:
        s.stop()
    finally:
        s.cleanup()


@pytest.fixture(scope="module")
def auth_server():
    s = _module_server(config=AUTH_CONFIG, name="emulatord (verify_passwords)")
    yield s
    try:
        s.stop()
    finally:
        s.cleanup()


@pytest.fixture(scope="module")
def plain_server(server):
    assert server.pg_port
    return server


def connect(server, user="awsuser", password="any", database="dev", sslmode="disable", **kw):
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user=user, password=password,
                            dbname=database, sslmode=sslmode, connect_timeout=10, **kw)
    conn.autocommit = True
    return conn


def superuser(server):
    return connect(server, password=SUPERUSER_PASSWORD)


def login_error(server, **kw) -> str:
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        connect(server, **kw).close()
    return str(excinfo.value)


# --- raw frontend ----------------------------------------------------------------------------

def startup_packet(version=196608, **parameters):
    body = struct.pack("!i", version) + b"".join(
        k.encode() + b"\0" + v.encode() + b"\0" for k, v in parameters.items()) + b"\0"
    return struct.pack("!i", len(body) + 4) + body


def typed(kind: bytes, payload: bytes = b"") -> bytes:
    return kind + struct.pack("!i", len(payload) + 4) + payload


class Raw:
    """A socket that reads backend messages (protocol-message-formats.html) until the server closes."""

    def __init__(self, server):
        self.sock = socket.create_connection((server.pg_host, server.pg_port), timeout=30)
        self.buffer = b""

    def send(self, data: bytes):
        self.sock.sendall(data)

    def _fill(self) -> bool:
        chunk = self.sock.recv(65536)
        self.buffer += chunk
        return bool(chunk)

    def byte(self) -> bytes:
        while not self.buffer:
            assert self._fill(), "connection closed"
        value, self.buffer = self.buffer[:1], self.buffer[1:]
        return value

    def read(self):
        """The next message, or None when the server closed the connection."""
        while len(self.buffer) < 5 or len(self.buffer) < 1 + struct.unpack("!i", self.buffer[1:5])[0]:
            if not self._fill():
                assert not self.buffer, f"connection closed inside a message: {self.buffer!r}"
                return None
        length = struct.unpack("!i", self.buffer[1:5])[0]
        kind, payload, self.buffer = self.buffer[:1], self.buffer[5:1 + length], self.buffer[1 + length:]
        return kind, payload

    def until_closed(self):
        messages = []
        while (message := self.read()) is not None:
            messages.append(message)
        return messages

    def login(self, user="awsuser", password=SUPERUSER_PASSWORD, database="dev"):
        """Start-up and an MD5 answer; the messages up to ReadyForQuery."""
        self.send(startup_packet(user=user, database=database))
        kind, payload = self.read()
        assert kind == b"R" and struct.unpack("!i", payload[:4])[0] == 5
        self.send(typed(b"p", md5_answer(password, user, payload[4:8]) + b"\0"))
        messages = []
        while (message := self.read())[0] != b"Z":
            messages.append(message)
        return messages

    def close(self):
        self.sock.close()


def md5_answer(password: str, user: str, salt: bytes) -> bytes:
    inner = hashlib.md5((password + user).encode()).hexdigest().encode()
    return b"md5" + hashlib.md5(inner + salt).hexdigest().encode()


def fields(payload: bytes) -> dict:
    """An ErrorResponse's fields by code letter."""
    out = {}
    for part in payload.rstrip(b"\0").split(b"\0"):
        if part:
            out[part[:1].decode()] = part[1:].decode()
    return out


def fatal(messages) -> dict:
    errors = [fields(p) for k, p in messages if k == b"E"]
    assert errors, f"no ErrorResponse in {messages!r}"
    assert errors[-1]["S"] == "FATAL"
    return errors[-1]


# --- TLS -------------------------------------------------------------------------------------

def test_ssl_request_is_answered_s_with_a_certificate(tls_server):
    raw = Raw(tls_server)
    raw.send(struct.pack("!ii", 8, 80877103))
    assert raw.byte() == b"S"
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    tls = context.wrap_socket(raw.sock, server_hostname="localhost")
    assert tls.version() in ("TLSv1.2", "TLSv1.3")
    tls.close()


def test_ssl_request_is_answered_n_without_one(plain_server):
    raw = Raw(plain_server)
    raw.send(struct.pack("!ii", 8, 80877103))
    assert raw.byte() == b"N"
    raw.close()


def test_gssenc_request_is_declined_then_startup_goes_on(tls_server):
    # A client may try GSSAPI encryption first; `N` lets it go on (protocol-flow.html).
    raw = Raw(tls_server)
    raw.send(struct.pack("!ii", 8, 80877104))
    assert raw.byte() == b"N"
    messages = raw.login(password="whatever")   # up to ReadyForQuery
    assert [k for k, _ in messages][0] == b"R" and b"K" in [k for k, _ in messages]
    raw.close()


def test_psycopg2_sslmode_require(tls_server):
    conn = connect(tls_server, sslmode="require")
    try:
        assert conn.info.ssl_in_use
        cur = conn.cursor()
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
    finally:
        conn.close()


def test_psycopg3_sslmode_require(tls_server):
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(host=tls_server.pg_host, port=tls_server.pg_port, user="awsuser", password="any",
                         dbname="dev", sslmode="require", connect_timeout=10, autocommit=True) as conn:
        assert conn.pgconn.ssl_in_use
        assert conn.execute("select 1").fetchone() == (1,)


def test_psycopg2_verify_full_with_the_certificate(tls_server, certificate):
    conn = connect(tls_server, sslmode="verify-full", sslrootcert=certificate[0])
    try:
        assert conn.info.ssl_in_use
    finally:
        conn.close()


def test_psycopg2_sslmode_disable_still_works_on_a_tls_server(tls_server):
    conn = connect(tls_server, sslmode="disable")
    try:
        assert not conn.info.ssl_in_use
    finally:
        conn.close()


def test_sslmode_require_fails_without_tls(plain_server):
    assert "server does not support SSL" in login_error(plain_server, sslmode="require")
    conn = connect(plain_server, sslmode="prefer")
    try:
        assert not conn.info.ssl_in_use
    finally:
        conn.close()


def test_psql_sslmode_require(tls_server):
    if shutil.which("psql") is None:
        pytest.skip("psql is not installed")
    dsn = f"host={tls_server.pg_host} port={tls_server.pg_port} user=awsuser dbname=dev sslmode=require"
    out = subprocess.run(["psql", dsn, "-X", "-A", "-t", "-c", "select 41 + 1", "-c", "\\conninfo"],
                         capture_output=True, text=True, timeout=30, env={**os.environ, "PGPASSWORD": "x"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0] == "42"
    assert "SSL connection" in out.stdout


def test_redshift_connector_ssl(tls_server, certificate, monkeypatch):
    # redshift_connector 2.1 knows only verify-ca and verify-full: sslmode='require' falls back to
    # verify-ca, so the emulator's certificate must be trusted (SSL_CERT_FILE is read by
    # load_default_certs), as the cluster's is through the driver's Redshift CA bundle.
    redshift_connector = pytest.importorskip("redshift_connector")
    monkeypatch.setenv("SSL_CERT_FILE", certificate[0])
    for mode, host in (("require", tls_server.pg_host), ("verify-full", "localhost")):
        conn = redshift_connector.connect(host=host, port=tls_server.pg_port, user="awsuser",
                                          password="any", database="dev", ssl=True, sslmode=mode, timeout=10)
        try:
            assert isinstance(conn._usock, ssl.SSLSocket)   # the driver's socket after the handshake
        finally:
            conn.close()


def test_sqlalchemy_redshift_psycopg2_needs_an_sslmode(tls_server, plain_server, certificate):
    # sqlalchemy-redshift's psycopg2 dialect defaults to sslmode=verify-full with Redshift's CA
    # bundle as sslrootcert: against the emulator, name its certificate (or disable TLS).
    sa = pytest.importorskip("sqlalchemy")
    pytest.importorskip("sqlalchemy_redshift")

    def dbapi_connection(url):
        # The dialect's own connect arguments, without the dialect's first-connect SQL.
        engine = sa.create_engine(url)
        cargs, cparams = engine.dialect.create_connect_args(engine.url)
        return engine.dialect.connect(*cargs, **cparams)

    base = f"redshift+psycopg2://awsuser:x@localhost:{tls_server.pg_port}/dev"
    with pytest.raises(psycopg2.OperationalError, match="certificate verify failed"):
        dbapi_connection(base)
    for query in (f"?sslmode=verify-full&sslrootcert={certificate[0]}",
                  f"?sslmode=require&sslrootcert={certificate[0]}"):
        conn = dbapi_connection(base + query)
        assert conn.info.ssl_in_use
        conn.close()
    for url in (base + "?sslmode=disable",
                f"redshift+psycopg2://awsuser:x@127.0.0.1:{plain_server.pg_port}/dev?sslmode=disable"):
        conn = dbapi_connection(url)
        cur = conn.cursor()
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
        assert not conn.info.ssl_in_use
        conn.close()


def test_a_tls_handshake_abandoned_by_the_client_leaves_the_server_serving(tls_server):
    raw = Raw(tls_server)
    raw.send(struct.pack("!ii", 8, 80877103))
    assert raw.byte() == b"S"
    raw.send(b"\x16\x03\x01\x00\x05hello")   # not a ClientHello
    received = b""
    while chunk := raw.sock.recv(4096):   # a TLS alert, then the server closes
        received += chunk
    assert received[:1] == b"\x15"           # TLS record type 21: alert
    conn = connect(tls_server, sslmode="require")
    conn.close()


def test_tls_options_must_be_usable(tmp_path):
    binary = str(emulatord_bin())
    missing = subprocess.run([binary, "serve", "--port", "0", "--pg-port", "0", "--tls-cert",
                              str(tmp_path / "none.crt"), "--tls-key", str(tmp_path / "none.key")],
                             capture_output=True, text=True, timeout=30)
    assert missing.returncode == 2
    assert "none.crt" in missing.stderr
    alone = subprocess.run([binary, "serve", "--port", "0", "--tls-cert", "x.crt"],
                           capture_output=True, text=True, timeout=30)
    assert alone.returncode != 0
    assert "--tls-key" in alone.stderr


# --- authentication --------------------------------------------------------------------------

def test_any_password_by_default(plain_server):
    for user, password in (("awsuser", "wrong"), ("never_created", "")):
        conn = connect(plain_server, user=user, password=password or "x")
        conn.close()


def test_a_cleartext_answer_is_accepted(plain_server):
    raw = Raw(plain_server)
    raw.send(startup_packet(user="awsuser", database="dev"))
    kind, payload = raw.read()
    assert kind == b"R" and struct.unpack("!i", payload[:4])[0] == 5   # AuthenticationMD5Password
    raw.send(typed(b"p", b"plain text\0"))
    assert raw.read() == (b"R", struct.pack("!i", 0))                  # AuthenticationOk
    raw.close()


def test_superuser_password(auth_server):
    superuser(auth_server).close()
    message = login_error(auth_server, password="Wrong1234")
    assert 'password authentication failed for user "awsuser"' in message


def test_wrong_password_is_28P01(auth_server):
    raw = Raw(auth_server)
    raw.send(startup_packet(user="awsuser", database="dev"))
    kind, payload = raw.read()
    raw.send(typed(b"p", md5_answer("Wrong1234", "awsuser", payload[4:8]) + b"\0"))
    error = fatal(raw.until_closed())
    assert error["C"] == "28P01"
    assert error["M"] == 'password authentication failed for user "awsuser"'


@pytest.fixture(scope="module")
def users(auth_server):
    """Users created with each password form of CREATE USER (Developer Guide › CREATE USER)."""
    salt = bytes(range(32))
    digest = hashlib.sha256(b"Dave12345" + salt).hexdigest()
    conn = superuser(auth_server)
    cur = conn.cursor()
    cur.execute("create user alice password 'Alice1234'")
    cur.execute("create user bob password 'md5" + hashlib.md5(b"Bob12345bob").hexdigest() + "'")
    cur.execute("create user carol password 'sha256|Carol1234'")
    cur.execute(f"create user dave password 'sha256|{digest}|{salt.hex()}'")
    cur.execute("create user erin password disable")
    cur.execute("create user user1 password 'md5153c434b4b77c89e6b94f12c5393af5b'")
    conn.close()
    return auth_server


def test_clear_text_password(users):
    connect(users, user="alice", password="Alice1234").close()
    assert 'password authentication failed for user "alice"' in login_error(users, user="alice", password="alice1234")


def test_md5_password_forms(users):
    connect(users, user="bob", password="Bob12345").close()
    connect(users, user="user1", password="ez").close()   # the Developer Guide's example
    assert "password authentication failed" in login_error(users, user="bob", password="Bob123456")


def test_sha256_passwords_with_redshift_connector(users):
    # The sha256 forms are checked with Redshift's SHA-256 digest handshake, which
    # redshift_connector (and the Redshift JDBC driver) speak.
    redshift_connector = pytest.importorskip("redshift_connector")
    for user, password in (("carol", "Carol1234"), ("dave", "Dave12345"), ("alice", "Alice1234")):
        conn = redshift_connector.connect(host=users.pg_host, port=users.pg_port, user=user, password=password,
                                          database="dev", ssl=False, timeout=10)
        conn.close()
    with pytest.raises(redshift_connector.ProgrammingError) as excinfo:
        redshift_connector.connect(host=users.pg_host, port=users.pg_port, user="dave", password="Dave1234",
                                   database="dev", ssl=False, timeout=10)
    error = excinfo.value.args[0]
    assert error["C"] == "28P01" and error["M"] == 'password authentication failed for user "dave"'


def test_sha256_password_over_libpq(users):
    # libpq does not speak the SHA-256 digest handshake (authentication request 13).
    assert "authentication method 13 not supported" in login_error(users, user="carol", password="Carol1234")


def test_no_password_login_without_a_password(users):
    # PASSWORD DISABLE: "the user can log on only using temporary IAM credentials"; a user that
    # was never created has no password either.
    for user in ("erin", "never_created"):
        assert f'password authentication failed for user "{user}"' in login_error(users, user=user, password="Erin12345")


def test_alter_user_password(users):
    conn = superuser(users)
    conn.cursor().execute("create user frank password 'Frank1234'")
    conn.cursor().execute("alter user frank password 'Frank5678'")
    conn.close()
    connect(users, user="frank", password="Frank5678").close()
    assert "password authentication failed" in login_error(users, user="frank", password="Frank1234")


# --- unknown database ------------------------------------------------------------------------

def test_unknown_database_is_3D000(users):
    assert 'database "nope" does not exist' in login_error(users, password=SUPERUSER_PASSWORD, database="nope")
    raw = Raw(users)
    raw.send(startup_packet(user="awsuser", database="nope"))
    kind, payload = raw.read()
    raw.send(typed(b"p", md5_answer(SUPERUSER_PASSWORD, "awsuser", payload[4:8]) + b"\0"))
    error = fatal(raw.until_closed())
    assert (error["C"], error["M"]) == ("3D000", 'database "nope" does not exist')
    connect(users, password=SUPERUSER_PASSWORD, database="sales").close()   # a configured one


# --- bad input -------------------------------------------------------------------------------

def still_serving(server):
    conn = superuser(server) if server.config else connect(server)
    cur = conn.cursor()
    cur.execute("select 1")
    assert cur.fetchone() == (1,)
    conn.close()


def test_garbage_bytes(auth_server):
    raw = Raw(auth_server)
    raw.send(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
    error = fatal(raw.until_closed())
    assert error["C"] == "08P01"
    still_serving(auth_server)


def test_unknown_protocol_version(auth_server):
    raw = Raw(auth_server)
    raw.send(startup_packet(version=2 << 16, user="awsuser"))
    error = fatal(raw.until_closed())
    assert error["C"] == "0A000"
    assert error["M"] == "unsupported frontend protocol 2.0: server supports 3.0 to 3.0"


def test_a_newer_minor_version_is_negotiated(auth_server):
    # NegotiateProtocolVersion: the newest minor version supported (0) and the unrecognised
    # `_pq_.` options, then authentication goes on in protocol 3.0.
    raw = Raw(auth_server)
    raw.send(startup_packet(version=(3 << 16) | 2, user="awsuser", database="dev", **{"_pq_.x": "1"}))
    kind, payload = raw.read()
    assert kind == b"v"
    assert payload == struct.pack("!ii", 0, 1) + b"_pq_.x\0"
    kind, payload = raw.read()
    assert kind == b"R" and struct.unpack("!i", payload[:4])[0] == 5
    raw.close()


def test_a_message_over_the_limit(auth_server):
    raw = Raw(auth_server)
    raw.login()
    raw.send(b"Q" + struct.pack("!i", MAX_MESSAGE_BYTES + 1) + b"select 1")
    error = fatal(raw.until_closed())
    assert error["C"] == "08P01"
    assert error["M"] == f"message of {MAX_MESSAGE_BYTES + 1} bytes exceeds the limit of {MAX_MESSAGE_BYTES} bytes"
    # Up to the limit is fine.
    raw = Raw(auth_server)
    raw.login()
    sql = b"select 1 /*" + b"x" * (MAX_MESSAGE_BYTES - 20) + b"*/\0"
    raw.send(typed(b"Q", sql))
    kinds = []
    while (message := raw.read())[0] != b"Z":
        kinds.append(message[0])
    assert kinds == [b"T", b"D", b"C"]
    raw.close()


def test_unknown_message_type(auth_server):
    raw = Raw(auth_server)
    raw.login()
    raw.send(typed(b"y"))
    error = fatal(raw.until_closed())
    assert error["C"] == "08P01"
    assert "invalid frontend message type" in error["M"]


def test_a_silent_client_is_timed_out(auth_server):
    # The configured startup timeout (1 s here; 60 s by default, PostgreSQL's authentication_timeout).
    raw = Raw(auth_server)
    error = fatal(raw.until_closed())
    assert (error["C"], error["M"]) == ("57014", "canceling authentication due to timeout")


def test_a_client_that_stops_during_authentication_is_timed_out(auth_server):
    raw = Raw(auth_server)
    raw.send(startup_packet(user="awsuser", database="dev"))
    messages = raw.until_closed()
    assert messages[0][0] == b"R"
    assert fatal(messages)["C"] == "57014"


def test_a_half_sent_startup_packet_is_timed_out(auth_server):
    raw = Raw(auth_server)
    raw.send(startup_packet(user="awsuser", database="dev")[:6])
    assert fatal(raw.until_closed())["C"] == "57014"


def test_a_logged_in_client_is_not_timed_out(auth_server):
    raw = Raw(auth_server)
    raw.login()
    time.sleep(1.5)   # longer than the startup timeout: it applies only until ReadyForQuery
    raw.send(typed(b"Q", b"select 1\0"))
    kinds = []
    while (message := raw.read())[0] != b"Z":
        kinds.append(message[0])
    assert kinds == [b"T", b"D", b"C"]
    raw.close()


def query_history_status(server, marker):
    conn = superuser(server)
    try:
        cur = conn.cursor()
        for _ in range(100):
            cur.execute("select trim(status) from sys_query_history where query_text like %s "
                        "and query_text not like '%%sys_query_history%%'", (f"%{marker}%",))
            rows = cur.fetchall()
            if rows and rows[0][0] != "running":
                return rows[0][0]
            time.sleep(0.1)
        return rows[0][0] if rows else None
    finally:
        conn.close()


def test_disconnect_mid_query_cancels_the_statement(auth_server):
    raw = Raw(auth_server)
    raw.login()
    marker = f"mid_query_{os.getpid()}_{time.monotonic_ns()}"
    raw.send(typed(b"Q", (f"with recursive r(n) as (select 1 union all select n + 1 from r where n < 500000000) "
                          f"select count(*) from r /* {marker} */").encode() + b"\0"))
    time.sleep(0.3)
    raw.close()   # gone mid-query: the statement is cancelled, not run to its end
    assert query_history_status(auth_server, marker) == "canceled"
    still_serving(auth_server)


def test_no_session_leaks(auth_server):
    # limits.maxConnections is 4 (the bootstrap superuser's connections do not count: Developer
    # Guide › Quotas and limits, "connection limit … exceeded for non-bootstrap users"): after
    # connections of an ordinary user that ended in every bad way, 4 can still be open at once.
    admin = superuser(auth_server)
    admin.cursor().execute("drop user if exists leakcheck")
    admin.cursor().execute("create user leakcheck password 'Leakcheck1'")
    admin.close()
    for bad in range(3):
        raw = Raw(auth_server)
        raw.login(user="leakcheck", password="Leakcheck1")
        raw.send(typed(b"Q", b"begin; select 1\0"))   # mid-transaction
        while raw.read()[0] != b"Z":
            pass
        raw.close()
        raw = Raw(auth_server)
        raw.login(user="leakcheck", password="Leakcheck1")
        raw.send(b"Q" + struct.pack("!i", MAX_MESSAGE_BYTES * 2))
        raw.until_closed()
        raw = Raw(auth_server)
        raw.login(user="leakcheck", password="Leakcheck1")
        raw.send(typed(b"y"))
        raw.until_closed()
    conns = []
    for _ in range(50):   # sessions of closed sockets close as soon as the server sees them go
        try:
            while len(conns) < 4:
                conns.append(connect(auth_server, user="leakcheck", password="Leakcheck1"))
            break
        except psycopg2.OperationalError:
            time.sleep(0.1)
    try:
        assert len(conns) == 4
        message = login_error(auth_server, user="leakcheck", password="Leakcheck1")
        assert 'connection limit "4" exceeded for non-bootstrap users' in message
    finally:
        for conn in conns:
            conn.close()
