"""The PostgreSQL door (cluster endpoint, issue 13, first slice): psql and psycopg2 against the
built server, and a cross-door check with boto3's Data API.

Expected values come from the documentation, not from our output:
- PostgreSQL protocol and tags: https://www.postgresql.org/docs/current/protocol-message-formats.html
  (CommandComplete: `INSERT 0 rows`, `SELECT rows`, `UPDATE rows`, `DELETE rows`).
- SQLSTATEs: https://www.postgresql.org/docs/current/errcodes-appendix.html (42P01 undefined_table,
  25P02 in_failed_sql_transaction).
- Type OIDs: https://www.postgresql.org/docs/current/catalog-pg-type.html (int4 23, int8 20,
  numeric 1700, varchar 1043, bool 16, date 1082, timestamp 1114, float8 701).
- VERSION(): https://docs.aws.amazon.com/redshift/latest/dg/r_VERSION.html (`PostgreSQL 8.0.2 on
  i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.…`).
- Connecting (server_version 8.0.2, port 5439):
  https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-to-cluster.html
"""

import datetime
import decimal
import shutil
import subprocess

import pytest

psycopg2 = pytest.importorskip("psycopg2")

from conftest import make_client, pg_connect, query  # noqa: E402


connect = pg_connect


def test_ready_line_names_the_postgresql_endpoint(pg):
    # DESIGN.md: stdout's second line is `emulatord listening on postgresql://HOST:PGPORT`.
    assert pg.pg_host == "127.0.0.1"
    assert 0 < pg.pg_port < 65536


def test_connect_and_select_1(pg):
    conn = connect(pg)
    try:
        # Redshift reports server_version 8.0.2 (connecting-to-cluster; issue 13).
        assert conn.get_parameter_status("server_version") == "8.0.2"
        assert conn.get_parameter_status("client_encoding") == "UTF8"
        assert conn.get_parameter_status("DateStyle") == "ISO, MDY"
        assert conn.get_parameter_status("integer_datetimes") == "on"
        assert conn.get_parameter_status("standard_conforming_strings") == "on"
        assert conn.get_parameter_status("session_authorization") == "awsuser"
        assert conn.server_version == 80002
        cur = conn.cursor()
        cur.execute("select 1")
        assert cur.fetchall() == [(1,)]
        assert cur.description[0].type_code == 23   # int4
        assert cur.statusmessage == "SELECT 1"
    finally:
        conn.close()


def test_select_version_is_redshift(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute("select version()")
        (text,) = cur.fetchone()
        assert text.startswith("PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 "
                               "20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.")
    finally:
        conn.close()


def test_typed_columns_round_trip(pg, unique_name):
    table = f"pgw_{unique_name}"
    conn = connect(pg)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        cur.execute(f"create table {table} (i int, b bigint, n numeric(10,2), v varchar(20), f boolean, "
                    f"d date, ts timestamp, x float8)")
        assert cur.statusmessage == "CREATE TABLE"
        cur.execute(f"insert into {table} values (1, 9000000000, 12.50, 'héllo', true, '2024-02-29', "
                    f"'2024-02-29 13:14:15', 1.5), (2, null, null, null, false, null, null, null)")
        assert cur.statusmessage == "INSERT 0 2"
        assert cur.rowcount == 2
        cur.execute(f"select i, b, n, v, f, d, ts, x from {table} order by i")
        assert [c.type_code for c in cur.description] == [23, 20, 1700, 1043, 16, 1082, 1114, 701]
        assert cur.fetchall() == [
            (1, 9000000000, decimal.Decimal("12.50"), "héllo", True, datetime.date(2024, 2, 29),
             datetime.datetime(2024, 2, 29, 13, 14, 15), 1.5),
            (2, None, None, None, False, None, None, None),
        ]
        cur.execute(f"update {table} set v = 'x' where i = 2")
        assert cur.statusmessage == "UPDATE 1"
        cur.execute(f"delete from {table}")
        assert cur.statusmessage == "DELETE 2"
    finally:
        conn.close()


def test_undefined_table_is_42P01(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        with pytest.raises(psycopg2.Error) as excinfo:
            cur.execute("select * from pgw_no_such_table")
        assert excinfo.value.pgcode == "42P01"
        assert excinfo.value.diag.severity == "ERROR"
        assert 'relation "pgw_no_such_table" does not exist' in excinfo.value.diag.message_primary
        assert not excinfo.value.diag.message_primary.startswith("ERROR:")
        # psycopg2 opened a transaction (BEGIN) before the statement: it is now failed ('E').
        assert conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_INERROR
        with pytest.raises(psycopg2.Error) as again:
            cur.execute("select 1")
        assert again.value.pgcode == "25P02"
        conn.rollback()
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
    finally:
        conn.close()


def test_begin_rollback_discards_the_insert(pg, unique_name):
    table = f"pgw_tx_{unique_name}"
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute(f"create table {table} (a int)")
        conn.commit()
        cur.execute(f"insert into {table} values (1)")
        assert conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_INTRANS
        conn.rollback()
        assert conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_IDLE
        cur.execute(f"select count(*) from {table}")
        assert cur.fetchone() == (0,)
        conn.commit()
    finally:
        conn.close()


def test_several_statements_in_one_query_string(pg, unique_name):
    table = f"pgw_multi_{unique_name}"
    conn = connect(pg)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        # The simple protocol: every statement runs; the last one's result is what the client reads.
        cur.execute(f"create table {table} (a int); insert into {table} values (1), (2), (3); "
                    f"select sum(a) from {table}")
        assert cur.fetchall() == [(6,)]
    finally:
        conn.close()


def test_client_side_parameters_reach_the_server_intact(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        # psycopg2 interpolates on the client; the value must reach the server intact.
        cur.execute("select %s || 'x', %s + 1", ("it's", 41))
        assert cur.fetchone() == ("it'sx", 42)
    finally:
        conn.close()


def test_written_by_psycopg2_read_by_the_data_api(pg, endpoint, unique_name):
    # One engine, two doors: the PostgreSQL door serves dev-cluster (the default --pg-cluster).
    table = f"pgw_cross_{unique_name}"
    conn = connect(pg)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        cur.execute(f"create table {table} (id int, name varchar(10))")
        cur.execute(f"insert into {table} values (7, 'seven')")
    finally:
        conn.close()
    client = make_client(endpoint)
    got = query(client, f"select id, name from {table}", ClusterIdentifier="dev-cluster", Database="dev",
                DbUser="awsuser")
    assert got == [[7, "seven"]]


@pytest.mark.skipif(shutil.which("psql") is None, reason="psql (postgresql-client) is not installed")
def test_psql(pg):
    env = {"PGPASSWORD": "any", "PGSSLMODE": "prefer", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        ["psql", "-h", pg.pg_host, "-p", str(pg.pg_port), "-U", "awsuser", "-d", "dev", "-X", "-A", "-t",
         "-v", "ON_ERROR_STOP=1", "-c", "select 1 + 1 as two", "-c", "select 'a' || 'b'"],
        env=env, capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["2", "ab"]
    bad = subprocess.run(
        ["psql", "-h", pg.pg_host, "-p", str(pg.pg_port), "-U", "awsuser", "-d", "dev", "-X",
         "-v", "ON_ERROR_STOP=1", "-c", "select * from pgw_missing_for_psql"],
        env=env, capture_output=True, text=True, timeout=30)
    assert bad.returncode == 1
    assert 'relation "pgw_missing_for_psql" does not exist' in bad.stderr


# --- the extended protocol over a raw socket (psycopg2 and psql 15 use only the simple protocol) ---

import socket  # noqa: E402
import struct  # noqa: E402


class RawConnection:
    """A minimal frontend (protocol-message-formats.html) that records every backend message."""

    def __init__(self, host, port, user="awsuser", database="dev"):
        self.sock = socket.create_connection((host, port), timeout=10)
        body = struct.pack("!i", 196608) + b"".join(
            k.encode() + b"\0" + v.encode() + b"\0" for k, v in (("user", user), ("database", database))) + b"\0"
        self.sock.sendall(struct.pack("!i", len(body) + 4) + body)
        kind, payload = self.read()
        assert kind == b"R" and struct.unpack("!i", payload[:4])[0] == 5   # AuthenticationMD5Password
        self.send(b"p", b"md5" + b"0" * 32 + b"\0")
        self.until_ready()

    def send(self, kind, payload=b""):
        self.sock.sendall(kind + struct.pack("!i", len(payload) + 4) + payload)

    def recv_exact(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            assert chunk, "connection closed"
            data += chunk
        return data

    def read(self):
        kind = self.recv_exact(1)
        (length,) = struct.unpack("!i", self.recv_exact(4))
        return kind, self.recv_exact(length - 4)

    def until_ready(self):
        messages = []
        while True:
            kind, payload = self.read()
            messages.append((kind, payload))
            if kind == b"Z":
                return messages

    def close(self):
        self.send(b"X")
        self.sock.close()


def cstr(text):
    return text.encode() + b"\0"


def bind(portal, statement, values):
    payload = cstr(portal) + cstr(statement) + struct.pack("!h", 0) + struct.pack("!h", len(values))
    for value in values:
        payload += struct.pack("!i", len(value)) + value.encode()
    return payload + struct.pack("!h", 0)


def data_rows(messages):
    rows = []
    for kind, payload in messages:
        if kind != b"D":
            continue
        (count,), offset, row = struct.unpack("!h", payload[:2]), 2, []
        for _ in range(count):
            (length,) = struct.unpack("!i", payload[offset:offset + 4])
            offset += 4
            row.append(None if length < 0 else payload[offset:offset + length].decode())
            offset += max(length, 0)
        rows.append(row)
    return rows


def test_extended_query_with_text_parameters(pg):
    conn = RawConnection(pg.pg_host, pg.pg_port)
    try:
        conn.send(b"P", cstr("s1") + cstr("select $1::int + 1 as x, $2 as y") + struct.pack("!h", 0))
        conn.send(b"B", bind("", "s1", ["41", "it's"]))
        conn.send(b"D", b"P" + cstr(""))
        conn.send(b"E", cstr("") + struct.pack("!i", 0))
        conn.send(b"S")
        messages = conn.until_ready()
        kinds = [kind for kind, _ in messages]
        # ParseComplete, BindComplete, RowDescription, DataRow, CommandComplete, ReadyForQuery.
        assert kinds == [b"1", b"2", b"T", b"D", b"C", b"Z"]
        assert data_rows(messages) == [["42", "it's"]]
        assert messages[4][1] == b"SELECT 1\0"
        assert messages[-1][1] == b"I"
    finally:
        conn.close()


def test_extended_query_error_skips_until_sync(pg):
    conn = RawConnection(pg.pg_host, pg.pg_port)
    try:
        conn.send(b"P", cstr("") + cstr("select * from pgw_missing_ext") + struct.pack("!h", 0))
        conn.send(b"B", bind("", "", []))
        conn.send(b"E", cstr("") + struct.pack("!i", 0))
        conn.send(b"P", cstr("") + cstr("select 1") + struct.pack("!h", 0))   # skipped: after the error
        conn.send(b"S")
        messages = conn.until_ready()
        kinds = [kind for kind, _ in messages]
        assert kinds == [b"1", b"2", b"E", b"Z"]
        fields = dict((f[:1], f[1:]) for f in messages[2][1].split(b"\0") if f)
        assert fields[b"C"] == b"42P01"
        conn.send(b"Q", cstr(""))
        assert [kind for kind, _ in conn.until_ready()] == [b"I", b"Z"]   # EmptyQueryResponse
    finally:
        conn.close()


def test_dropped_connection_rolls_back(pg, unique_name):
    table = f"pgw_drop_{unique_name}"
    conn = connect(pg)
    conn.autocommit = True
    conn.cursor().execute(f"create table {table} (a int)")
    conn.close()
    raw = RawConnection(pg.pg_host, pg.pg_port)
    raw.send(b"Q", cstr(f"begin; insert into {table} values (1)"))
    assert raw.until_ready()[-1][1] == b"T"
    raw.sock.close()   # no Terminate, mid-transaction
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute(f"select count(*) from {table}")
        assert cur.fetchone() == (0,)
    finally:
        conn.close()


def test_pg_port_off_prints_one_ready_line(make_server):
    s = make_server(extra_args=["--pg-port", "off"])
    assert s.pg_port is None


def test_cancel_request_cancels_the_running_statement(pg):
    # CancelRequest with BackendKeyData's pid and key (protocol-flow.html, "Canceling Requests in
    # Progress"); the statement fails with 57014 query_canceled (errcodes-appendix).
    import threading
    conn = connect(pg)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        timer = threading.Timer(0.5, conn.cancel)
        timer.start()
        with pytest.raises(psycopg2.Error) as excinfo:
            cur.execute("with recursive r(n) as (select 1 union all select n + 1 from r where n < 500000000) "
                        "select count(*) from r")
        timer.join()
        assert excinfo.value.pgcode == "57014"
        cur.execute("select 1")   # the connection stays usable
        assert cur.fetchone() == (1,)
    finally:
        conn.close()
