"""Engine sessions seen through the cluster endpoint (issue 13 items 3, 4, 5 and the connection
limit): cursors, PG_CANCEL_BACKEND / PG_TERMINATE_BACKEND, the session system tables and
connection limits, driven with psycopg2 (sslmode=disable) and, where the feature exists there
too, boto3's Data API.

Expected values come from the documentation, not from our output:
- Developer Guide › DECLARE (declare.html): "You must declare a cursor within a transaction
  block. Only one cursor at a time can be open per session."; › FETCH (fetch.html): positions,
  `FORWARD 0`, `ALL`; › CLOSE (close.html).
- PostgreSQL 8.0 (Redshift's base) errors: `DECLARE CURSOR may only be used in transaction blocks`
  (25P01), `cursor "c" does not exist` (34000), `cursor "c" already exists` (42P03)
  (errcodes-appendix.html).
- Developer Guide › PG_CANCEL_BACKEND, › PG_TERMINATE_BACKEND: own sessions, superusers any;
  PostgreSQL's FATAL 57P01 `terminating connection due to administrator command`.
- Developer Guide › STV_SESSIONS, › STL_CONNECTION_LOG (superusers only; `initiating session`,
  `authenticated`, `disconnecting session`), › SYS_SESSION_HISTORY (`active`, `closed`),
  › STL_QUERY / SYS_QUERY_HISTORY / STV_RECENTS (`pid`, `session_id`, `label` = query_group).
- Limits: "connection limit "500" exceeded for non-bootstrap users" (AWS knowledge center,
  manage-connection-limits-redshift); CREATE USER … CONNECTION LIMIT (r_CREATE_USER), SQLSTATE
  53300 too_many_connections.
"""

import threading
import time

import pytest

psycopg2 = pytest.importorskip("psycopg2")

from conftest import fetch_all, pg_connect, query, rows, wait  # noqa: E402

LONG_QUERY = ("with recursive r(n) as (select 1 union all select n + 1 from r where n < 500000000) "
              "select count(*) from r")


connect = pg_connect


def make_numbers(conn, table, count):
    cur = conn.cursor()
    cur.execute(f"create table {table} (n int, label varchar(20))")
    cur.execute(f"insert into {table} select n, 'row ' || n from "
                f"(with recursive r(n) as (select 1 union all select n + 1 from r where n < {count}) "
                f"select n from r) s")
    conn.commit()


def wait_for(predicate, what, timeout=20.0):
    """Polls `predicate` until it returns a truthy value (a deadline, not a timed assertion)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    pytest.fail(f"timed out waiting for {what}")


# ---- cursors ------------------------------------------------------------------------------------

def test_psycopg2_named_cursor_with_itersize(pg, unique_name):
    # psycopg2 sends DECLARE "c" CURSOR WITHOUT HOLD FOR …, FETCH FORWARD itersize FROM "c", CLOSE "c".
    table = f"cur_{unique_name}"
    conn = connect(pg)
    try:
        make_numbers(conn, table, 2500)
        cur = conn.cursor(name="big_cursor")
        cur.itersize = 700
        cur.execute(f"select n, label from {table} order by n")
        seen = [row for row in cur]
        assert len(seen) == 2500
        assert seen[0] == (1, "row 1") and seen[-1] == (2500, "row 2500")
        assert [n for n, _ in seen] == list(range(1, 2501))
        cur.close()
        conn.commit()
    finally:
        conn.close()


def test_named_cursor_fetchmany_and_fetchall(pg, unique_name):
    table = f"cur_{unique_name}"
    conn = connect(pg)
    try:
        make_numbers(conn, table, 10)
        cur = conn.cursor(name="c2")
        cur.execute(f"select n from {table} order by n")
        assert cur.fetchone() == (1,)
        assert cur.fetchmany(3) == [(2,), (3,), (4,)]
        assert cur.fetchall() == [(n,) for n in range(5, 11)]
        assert cur.fetchall() == []
        cur.close()
        conn.rollback()
    finally:
        conn.close()


def test_fetch_positions_as_the_fetch_page_defines_them(pg, unique_name):
    # FETCH: after a FETCH the cursor is on the last row retrieved; FORWARD 0 re-reads it; past the
    # end nothing more comes, and FORWARD 0 then returns no row.
    table = f"cur_{unique_name}"
    conn = connect(pg)
    try:
        make_numbers(conn, table, 5)
        cur = conn.cursor()
        cur.execute(f"declare c cursor for select n from {table} order by n")
        cur.execute("fetch forward 0 from c")
        assert cur.fetchall() == []          # before the first row
        cur.execute("fetch next from c")
        assert cur.fetchall() == [(1,)]
        cur.execute("fetch forward 0 from c")
        assert cur.fetchall() == [(1,)]      # the current row, without moving
        cur.execute("fetch forward 2 from c")
        assert cur.fetchall() == [(2,), (3,)]
        cur.execute("fetch all from c")
        assert cur.fetchall() == [(4,), (5,)]
        cur.execute("fetch forward 0 from c")
        assert cur.fetchall() == []          # after the last row
        cur.execute("fetch from c")
        assert cur.fetchall() == []
        cur.execute("fetch forward 9223372036854775807 from c")   # bad input: no overflow, no crash
        assert cur.fetchall() == []
        cur.execute("close c")
        conn.commit()
    finally:
        conn.close()


def test_fetch_command_tag_counts_rows(pg, unique_name):
    table = f"cur_{unique_name}"
    conn = connect(pg)
    try:
        make_numbers(conn, table, 3)
        cur = conn.cursor()
        cur.execute(f"declare c cursor for select n from {table}")
        assert cur.statusmessage == "DECLARE CURSOR"
        cur.execute("fetch forward 2 from c")
        assert cur.statusmessage == "FETCH 2"
        cur.execute("close c")
        assert cur.statusmessage == "CLOSE CURSOR"
        conn.rollback()
    finally:
        conn.close()


def test_declare_outside_a_transaction_block_fails(pg):
    conn = connect(pg)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        with pytest.raises(psycopg2.Error) as excinfo:
            cur.execute("declare c cursor for select 1")
        assert excinfo.value.pgcode == "25P01"
        assert "DECLARE CURSOR may only be used in transaction blocks" in str(excinfo.value)
    finally:
        conn.close()


def test_cursor_closes_at_the_end_of_the_transaction(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute("declare c cursor for select 1")
        conn.commit()
        with pytest.raises(psycopg2.Error) as excinfo:
            cur.execute("fetch next from c")
        assert excinfo.value.pgcode == "34000"
        assert 'cursor "c" does not exist' in str(excinfo.value)
    finally:
        conn.close()


def test_unknown_and_duplicate_cursors(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        with pytest.raises(psycopg2.Error) as excinfo:
            cur.execute("close nope")
        assert excinfo.value.pgcode == "34000"
        conn.rollback()
        cur.execute("declare c cursor for select 1")
        with pytest.raises(psycopg2.Error) as excinfo:
            cur.execute("declare c cursor for select 2")
        assert excinfo.value.pgcode == "42P03"
        assert 'cursor "c" already exists' in str(excinfo.value)
        conn.rollback()
    finally:
        conn.close()


def test_one_cursor_per_session(pg):
    # DECLARE: "Only one cursor at a time can be open per session": the emulator closes the
    # earlier cursor when another is declared (an unverified choice; README).
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute("declare a cursor for select 1")
        cur.execute("declare b cursor for select 2")
        cur.execute("fetch next from b")
        assert cur.fetchall() == [(2,)]
        with pytest.raises(psycopg2.Error) as excinfo:
            cur.execute("fetch next from a")
        assert excinfo.value.pgcode == "34000"
        conn.rollback()
    finally:
        conn.close()


def test_with_hold_and_scroll_are_not_supported(pg):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        for sql in ("declare c cursor with hold for select 1", "declare c scroll cursor for select 1"):
            with pytest.raises(psycopg2.Error) as excinfo:
                cur.execute(sql)
            assert excinfo.value.pgcode == "0A000"
            conn.rollback()
    finally:
        conn.close()


def test_large_cursor_streams_in_pages(pg, unique_name):
    # 200,000 rows through FETCH FORWARD 10000: every page is a window of the rows materialized once.
    table = f"cur_{unique_name}"
    conn = connect(pg)
    try:
        make_numbers(conn, table, 200000)
        cur = conn.cursor(name="large")
        cur.itersize = 10000
        cur.execute(f"select n from {table} order by n")
        total = 0
        last = 0
        for (n,) in cur:
            total += 1
            assert n == last + 1
            last = n
        assert total == 200000
        conn.rollback()
    finally:
        conn.close()


def test_data_api_session_cursor(client, cluster_id):
    # One engine: a Data API session reaches the same cursors with BEGIN.
    first = client.execute_statement(ClusterIdentifier=cluster_id, Database="dev", DbUser="awsuser",
                                      Sql="begin", SessionKeepAliveSeconds=60)
    session = first["SessionId"]

    def in_session(sql):   # a session is free again once its statement reported FINISHED
        return wait(client, client.execute_statement(Sql=sql, SessionId=session)["Id"])

    assert wait(client, first["Id"])["Status"] == "FINISHED"
    assert in_session("declare c cursor for select 1 as a union all select 2 union all select 3")["Status"] == "FINISHED"
    fetched = in_session("fetch forward 2 from c")
    assert fetched["Status"] == "FINISHED" and fetched["HasResultSet"]
    records = client.get_statement_result(Id=fetched["Id"])["Records"]
    assert [[f["longValue"] for f in r] for r in records] == [[1], [2]]
    assert in_session("commit")["Status"] == "FINISHED"
    gone = in_session("fetch next from c")
    assert gone["Status"] == "FAILED" and 'cursor "c" does not exist' in gone["Error"]


# ---- PG_CANCEL_BACKEND / PG_TERMINATE_BACKEND ------------------------------------------------------

def running_pid(admin, pid):
    cur = admin.cursor()
    cur.execute("select pid from stv_recents where status = 'Running' and pid = %s", (pid,))
    return cur.fetchone()


def test_pg_cancel_backend_cancels_another_sessions_query(pg):
    victim = connect(pg)
    victim.autocommit = True
    admin = connect(pg)
    admin.autocommit = True
    try:
        vcur = victim.cursor()
        vcur.execute("select pg_backend_pid()")
        pid = vcur.fetchone()[0]
        outcome = {}

        def long_query():
            try:
                vcur.execute(LONG_QUERY)
                outcome["rows"] = vcur.fetchall()
            except psycopg2.Error as error:
                outcome["error"] = error

        worker = threading.Thread(target=long_query)
        worker.start()
        wait_for(lambda: running_pid(admin, pid), "the long query to run")
        acur = admin.cursor()
        acur.execute("select pg_cancel_backend(%s)", (pid,))
        assert acur.fetchone() == (1,)
        worker.join(60)
        assert "error" in outcome and outcome["error"].pgcode == "57014"
        vcur.execute("select 1")            # the session survives a cancel
        assert vcur.fetchone() == (1,)
    finally:
        victim.close()
        admin.close()


def test_pg_terminate_backend_closes_the_connection(pg, unique_name):
    table = f"term_{unique_name}"
    victim = connect(pg)
    admin = connect(pg)
    admin.autocommit = True
    try:
        acur = admin.cursor()
        acur.execute(f"create table {table} (id int)")
        vcur = victim.cursor()
        vcur.execute(f"insert into {table} values (1)")   # an open transaction
        vcur.execute("select pg_backend_pid()")
        pid = vcur.fetchone()[0]
        acur.execute("select pg_terminate_backend(%s)", (pid,))
        assert acur.fetchone() == (1,)
        # The session is gone: its transaction rolled back, it left STV_SESSIONS.
        acur.execute(f"select count(*) from {table}")
        assert acur.fetchone() == (0,)
        wait_for(lambda: (acur.execute("select count(*) from stv_sessions where process = %s", (pid,)),
                          acur.fetchone() == (0,))[1], "the session to leave STV_SESSIONS")
        with pytest.raises(psycopg2.Error) as excinfo:
            vcur.execute("select 1")
        assert (excinfo.value.pgcode == "57P01"
                or isinstance(excinfo.value, (psycopg2.OperationalError, psycopg2.InterfaceError)))
        assert victim.closed or "terminating connection" in str(excinfo.value) or "closed" in str(excinfo.value)
        acur.execute("select timed_out from stl_sessions where process = %s", (pid,))
        assert acur.fetchone() == (0,)
    finally:
        victim.close()
        admin.close()


class RawConnection:
    """A startup over a raw socket (MD5 answered with any password), to read what libpq hides."""

    def __init__(self, server, user="awsuser"):
        import socket
        import struct
        self.struct = struct
        self.sock = socket.create_connection((server.pg_host, server.pg_port), timeout=10)
        body = struct.pack("!I", 196608) + f"user\x00{user}\x00database\x00dev\x00\x00".encode()
        self.sock.sendall(struct.pack("!I", len(body) + 4) + body)
        self.pid = None

    def read(self):
        kind = self.sock.recv(1)
        if not kind:
            return None, b""
        header = b""
        while len(header) < 4:
            header += self.sock.recv(4 - len(header))
        length = self.struct.unpack("!I", header)[0]
        payload = b""
        while len(payload) < length - 4:
            payload += self.sock.recv(length - 4 - len(payload))
        return kind, payload

    def startup(self):
        """Until ReadyForQuery (returns None) or an ErrorResponse (returns its fields)."""
        while True:
            kind, payload = self.read()
            assert kind, "the server closed the connection during startup"
            if kind == b"R" and payload[:4] == self.struct.pack("!I", 5):
                md5 = b"md5" + b"0" * 32 + b"\x00"
                self.sock.sendall(b"p" + self.struct.pack("!I", len(md5) + 4) + md5)
            elif kind == b"K":
                self.pid = self.struct.unpack("!I", payload[:4])[0]
            elif kind == b"Z":
                return None
            elif kind == b"E":
                return error_fields(payload)

    def close(self):
        self.sock.close()


def error_fields(payload):
    return {part[:1].decode(): part[1:].decode() for part in payload.split(b"\x00") if part}


def test_terminated_connection_gets_fatal_57P01(pg):
    raw = RawConnection(pg)
    admin = connect(pg)
    admin.autocommit = True
    try:
        assert raw.startup() is None
        cur = admin.cursor()
        cur.execute("select pg_terminate_backend(%s)", (raw.pid,))
        assert cur.fetchone() == (1,)
        kind, payload = raw.read()
        assert kind == b"E"
        fields = error_fields(payload)
        assert (fields["S"], fields["C"], fields["M"]) == (
            "FATAL", "57P01", "terminating connection due to administrator command")
        assert raw.read() == (None, b"")   # then the server closes the connection
    finally:
        raw.close()
        admin.close()


def test_unknown_pid_returns_0(pg):
    conn = connect(pg)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        cur.execute("select pg_cancel_backend(12345), pg_terminate_backend(12345)")
        assert cur.fetchone() == (0, 0)
    finally:
        conn.close()


def test_regular_user_may_not_signal_another_users_session(pg, unique_name):
    user = f"u_{unique_name}"
    admin = connect(pg)
    admin.autocommit = True
    try:
        acur = admin.cursor()
        acur.execute(f"create user {user} password 'Abcdefgh1'")
        acur.execute("select pg_backend_pid()")
        admin_pid = acur.fetchone()[0]
        regular = connect(pg, user=user)
        regular.autocommit = True
        try:
            rcur = regular.cursor()
            with pytest.raises(psycopg2.Error) as excinfo:
                rcur.execute("select pg_terminate_backend(%s)", (admin_pid,))
            assert excinfo.value.pgcode == "42501"
            second = connect(pg, user=user)   # the user's own other session may be signalled
            try:
                scur = second.cursor()
                scur.execute("select pg_backend_pid()")
                rcur.execute("select pg_cancel_backend(%s)", (scur.fetchone()[0],))
                assert rcur.fetchone() == (1,)
            finally:
                second.close()
        finally:
            regular.close()
        acur.execute("select 1")   # the superuser's session is untouched
        assert acur.fetchone() == (1,)
    finally:
        admin.close()


# ---- system tables -------------------------------------------------------------------------------

def test_connection_in_stv_sessions_and_connection_log(pg):
    conn = connect(pg, application_name="compat-sessions")
    conn.autocommit = True
    try:
        cur = conn.cursor()
        cur.execute("select pg_backend_pid()")
        pid = cur.fetchone()[0]
        cur.execute("select trim(user_name), trim(db_name), timeout_sec from stv_sessions where process = %s", (pid,))
        assert cur.fetchall() == [("awsuser", "dev", 0)]
        cur.execute("select trim(event), trim(remotehost), trim(username), trim(dbname), trim(application_name) "
                    "from stl_connection_log where pid = %s order by recordtime, event desc", (pid,))
        events = cur.fetchall()
        assert [e[0] for e in events] == ["initiating session", "authenticated"]
        assert all(e[1] == "127.0.0.1" and e[2] == "awsuser" and e[3] == "dev" for e in events)
        assert events[1][4] == "compat-sessions"
        cur.execute("select trim(status) from sys_session_history where session_id = %s", (pid,))
        assert cur.fetchall() == [("active",)]
    finally:
        conn.close()


def test_disconnect_is_logged(pg):
    first = connect(pg)
    first.autocommit = True
    cur = first.cursor()
    cur.execute("select pg_backend_pid()")
    pid = cur.fetchone()[0]
    first.close()
    admin = connect(pg)
    admin.autocommit = True
    try:
        acur = admin.cursor()

        def logged():
            acur.execute("select trim(event) from stl_connection_log where pid = %s "
                         "and event = 'disconnecting session'", (pid,))
            return acur.fetchall()
        assert wait_for(logged, "the disconnecting session event") == [("disconnecting session",)]
        acur.execute("select trim(status), end_time is not null from sys_session_history where session_id = %s", (pid,))
        assert acur.fetchall() == [("closed", True)]
        acur.execute("select count(*) from stv_sessions where process = %s", (pid,))
        assert acur.fetchone() == (0,)
        acur.execute("select timed_out from stl_sessions where process = %s", (pid,))
        assert acur.fetchone() == (2,)
    finally:
        admin.close()


def test_connection_log_is_for_superusers(pg, unique_name):
    user = f"u_{unique_name}"
    admin = connect(pg)
    admin.autocommit = True
    try:
        admin.cursor().execute(f"create user {user} password 'Abcdefgh1'")
        regular = connect(pg, user=user)
        regular.autocommit = True
        try:
            cur = regular.cursor()
            cur.execute("select count(*) from stl_connection_log")
            assert cur.fetchone() == (0,)
            cur.execute("select distinct trim(user_name) from stv_sessions")
            assert cur.fetchall() == [(user,)]   # regular users see their own sessions
        finally:
            regular.close()
    finally:
        admin.close()


def test_statements_carry_the_connection_pid_and_query_group(pg, unique_name):
    conn = connect(pg)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        cur.execute("select pg_backend_pid()")
        pid = cur.fetchone()[0]
        cur.execute("set query_group to 'reports'")
        marker = f"marker_{unique_name}"
        cur.execute(f"select '{marker}' as m")
        cur.execute("select pid, trim(label) from stl_query where querytxt like %s", (f"select '{marker}'%",))
        assert cur.fetchall() == [(pid, "reports")]
        cur.execute("select session_id, trim(query_label) from sys_query_history where query_text like %s",
                    (f"select '{marker}'%",))
        assert cur.fetchall() == [(pid, "reports")]
        cur.execute("select pid from stv_recents where status = 'Running' and query like '%stv_recents%'")
        assert cur.fetchall() == [(pid,)]
    finally:
        conn.close()


def test_data_api_session_in_session_history(client, cluster_id):
    first = client.execute_statement(ClusterIdentifier=cluster_id, Database="dev", DbUser="awsuser",
                                      Sql="select pg_backend_pid()", SessionKeepAliveSeconds=120)
    assert wait(client, first["Id"])["Status"] == "FINISHED"
    pid = rows(fetch_all(client, first["Id"]))[0][0]
    got = query(client, f"select timeout_sec from stv_sessions where process = {pid}",
                ClusterIdentifier=cluster_id, Database="dev", DbUser="awsuser")
    assert got == [[120]]


# ---- connection limits ----------------------------------------------------------------------------

def test_cluster_connection_limit(make_server):
    server = make_server(config={"limits": {"maxConnections": 2}})
    opened = [connect(server, user="u1"), connect(server, user="u2")]
    try:
        with pytest.raises(psycopg2.OperationalError) as excinfo:
            connect(server, user="u3")
        assert 'connection limit "2" exceeded for non-bootstrap users' in str(excinfo.value)
        su = connect(server)   # the bootstrap superuser still gets in
        su.close()
        opened.pop().close()
        deadline = time.monotonic() + 20
        while True:   # the slot frees once the server has seen the disconnect
            try:
                connect(server, user="u3").close()
                break
            except psycopg2.OperationalError:
                assert time.monotonic() < deadline, "the freed connection slot never came back"
                time.sleep(0.05)
    finally:
        for conn in opened:
            conn.close()


def test_user_connection_limit_is_53300(pg, unique_name):
    user = f"u_{unique_name}"
    admin = connect(pg)
    admin.autocommit = True
    try:
        admin.cursor().execute(f"create user {user} password 'Abcdefgh1' connection limit 1")
        first = connect(pg, user=user)
        try:
            with pytest.raises(psycopg2.OperationalError) as excinfo:
                connect(pg, user=user)
            assert f'too many connections for user "{user}"' in str(excinfo.value)
            admin.cursor().execute(f"alter user {user} connection limit unlimited")   # r_ALTER_USER
            connect(pg, user=user).close()
        finally:
            first.close()
    finally:
        admin.close()


def test_too_many_connections_sqlstate_over_the_wire(make_server):
    # psycopg2 reports no SQLSTATE for a refused connection: read the ErrorResponse ourselves.
    server = make_server(config={"limits": {"maxConnections": 0}})
    raw = RawConnection(server, user="someone")
    try:
        fields = raw.startup()
        assert fields is not None, "the connection was accepted"
        assert (fields["S"], fields["C"]) == ("FATAL", "53300")
        assert fields["M"] == 'connection limit "0" exceeded for non-bootstrap users'
    finally:
        raw.close()


def test_set_query_group_routes_cluster_endpoint_statements_in_wlm(make_server, unique_name):
    # Developer Guide › Assigning queries to queues (query_group): the first queue that lists the
    # group takes the query; manual WLM's user queues are service classes 6, 7, …
    server = make_server(config={"wlm": [{"query_concurrency": 1, "query_group": ["reports"]},
                                         {"query_concurrency": 5}]})
    conn = connect(server)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        cur.execute(f"select 'plain_{unique_name}' as m")
        cur.execute("set query_group to 'reports'")
        cur.execute(f"select 'grouped_{unique_name}' as m")
        cur.execute("reset query_group")
        cur.execute("select trim(q.label), w.service_class from stl_wlm_query w join stl_query q on q.query = w.query "
                    "where q.querytxt like %s or q.querytxt like %s order by q.query",
                    (f"select 'plain_{unique_name}'%", f"select 'grouped_{unique_name}'%"))
        assert cur.fetchall() == [("default", 7), ("reports", 6)]
    finally:
        conn.close()
