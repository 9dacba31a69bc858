"""Snapshots and reset for test fixtures (issue 18, item 3): POST /admin/reset, POST/GET/DELETE
/admin/snapshots[/NAME], POST /admin/snapshots/NAME/restore and `serve --snapshot DIR`.

These routes are the emulator's own (Redshift has no such API); what must survive a save -> change ->
restore is Redshift's state: tables and rows, users (r_CREATE_USER, PG_USER), grants (r_GRANT), RLS
policies (r_CREATE_RLS_POLICY), databases (r_CREATE_DATABASE, PG_DATABASE), external schemas
(r_CREATE_EXTERNAL_SCHEMA, r_SVV_EXTERNAL_SCHEMAS).
"""
import re
import shutil
import time

import psycopg2
import pytest
import requests

from conftest import make_client, query, run, run_ok

CLUSTER = "snapshots"
TARGET = {"ClusterIdentifier": CLUSTER, "Database": "dev", "DbUser": "awsuser"}
INIT_SQL = """
CREATE TABLE seed (id INT, tenant VARCHAR(10));
INSERT INTO seed VALUES (1, 'alice'), (2, 'bob'), (3, 'alice');
"""
ROLE = "IAM_ROLE 'arn:aws:iam::123456789012:role/mySpectrumRole'"


def admin(server, method: str, path: str) -> requests.Response:
    return requests.request(method, f"{server.url}/admin/{path}", timeout=120)


def start(make_server, tmp_path, data_dir=None, extra=None, config=None):
    init = tmp_path / "init.sql"
    init.write_text(INIT_SQL)
    config = config or {"clusters": [{"identifier": CLUSTER}]}
    server = make_server(config=config, data_dir=data_dir, extra_args=["--init-sql", str(init)] + (extra or []))
    return server, make_client(server.url)


def pg(server, user="awsuser", dbname="dev"):
    connection = psycopg2.connect(host=server.pg_host, port=server.pg_port, user=user, password="any",
                                  dbname=dbname, sslmode="disable", connect_timeout=10)
    connection.autocommit = True
    return connection


def seed_ids(client):
    return [r[0] for r in query(client, "SELECT id FROM seed ORDER BY id", **TARGET)]


def test_save_change_restore_keeps_data_users_grants_rls_databases_and_external_schemas(make_server, tmp_path):
    server, client = start(make_server, tmp_path)
    for sql in [
        "CREATE USER alice PASSWORD DISABLE",
        "GRANT SELECT ON seed TO alice",
        "CREATE RLS POLICY own WITH (tenant VARCHAR(10)) USING (tenant = current_user)",
        "ATTACH RLS POLICY own ON seed TO PUBLIC",
        "ALTER TABLE seed ROW LEVEL SECURITY ON",
        "CREATE DATABASE kept",
        f"CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'snapdb' {ROLE} CREATE EXTERNAL DATABASE IF NOT EXISTS",
    ]:
        run_ok(client, sql, **TARGET)
    saved = admin(server, "POST", "snapshots/base")
    assert saved.status_code == 201, saved.text
    assert saved.json()["name"] == "base" and f"cluster-{CLUSTER}" in saved.json()["clusters"]

    for sql in ["INSERT INTO seed VALUES (4, 'alice')", "CREATE USER mallory PASSWORD DISABLE",
                "REVOKE SELECT ON seed FROM alice", "DROP DATABASE kept", "CREATE DATABASE added",
                "DROP SCHEMA spectrum", "CREATE TABLE scratch (x INT)"]:
        run_ok(client, sql, **TARGET)

    restored = admin(server, "POST", "snapshots/base/restore")
    assert restored.status_code == 200, restored.text
    assert restored.json()["status"] == "restored"

    # Data (the superuser bypasses RLS), users, grants + RLS (alice sees her rows only).
    assert seed_ids(client) == [1, 2, 3]
    users = [r[0] for r in query(client, "SELECT usename FROM pg_user ORDER BY usename", **TARGET)]
    assert "alice" in users and "mallory" not in users
    assert query(client, "SELECT id FROM seed ORDER BY id", **dict(TARGET, DbUser="alice")) == [[1], [3]]
    databases = [r[0] for r in query(client, "SELECT datname FROM pg_database ORDER BY datname", **TARGET)]
    assert "kept" in databases and "added" not in databases
    assert query(client, "SELECT databasename FROM svv_external_schemas WHERE schemaname = 'spectrum'", **TARGET) == [["snapdb"]]
    failed = run(client, "SELECT * FROM scratch", **TARGET)
    assert failed["Status"] == "FAILED" and "scratch" in failed["Error"]
    # The restored database is usable on the PostgreSQL door too.
    with pg(server, dbname="kept") as connection, connection.cursor() as cursor:
        cursor.execute("SELECT current_database()")
        assert cursor.fetchone() == ("kept",)


def test_reset_returns_to_the_init_sql_state(make_server, tmp_path):
    server, client = start(make_server, tmp_path)
    run_ok(client, "INSERT INTO seed VALUES (9, 'zed')", **TARGET)
    run_ok(client, "CREATE TABLE later (x INT)", **TARGET)
    other = dict(TARGET, ClusterIdentifier="created-later")
    run_ok(client, "CREATE TABLE only_here (x INT)", **other)
    answer = admin(server, "POST", "reset")
    assert answer.status_code == 200 and answer.json()["status"] == "reset"
    assert seed_ids(client) == [1, 2, 3]
    assert run(client, "SELECT * FROM later", **TARGET)["Status"] == "FAILED"
    # A cluster created after start-up is provisioned afresh (with --init-sql) on next use.
    assert run(client, "SELECT * FROM only_here", **other)["Status"] == "FAILED"
    assert query(client, "SELECT count(*) FROM seed", **other) == [[3]]


def test_list_and_delete(make_server, tmp_path):
    server, _ = start(make_server, tmp_path)
    assert admin(server, "GET", "snapshots").json() == {"snapshots": []}
    assert admin(server, "POST", "snapshots/one").status_code == 201
    assert admin(server, "POST", "snapshots/two.v2").status_code == 201
    listed = admin(server, "GET", "snapshots").json()["snapshots"]
    assert [s["name"] for s in listed] == ["one", "two.v2"] and all(s["bytes"] > 0 for s in listed)
    assert admin(server, "DELETE", "snapshots/one").status_code == 200
    assert [s["name"] for s in admin(server, "GET", "snapshots").json()["snapshots"]] == ["two.v2"]


def test_bad_names_and_unknown_snapshots(make_server, tmp_path):
    server, _ = start(make_server, tmp_path)
    for bad in ["%2E%2E", "..%2Fescape", ".hidden", "bad%20name", "-dash", "a" * 101]:
        answer = admin(server, "POST", f"snapshots/{bad}")
        assert answer.status_code == 400, (bad, answer.text)
        assert "Invalid snapshot name" in answer.json()["message"]
    for method, path in [("POST", "snapshots/nope/restore"), ("DELETE", "snapshots/nope")]:
        answer = admin(server, method, path)
        assert answer.status_code == 404
        assert answer.json() == {"message": "Snapshot nope does not exist."}


def test_restore_waits_for_a_running_statement_and_never_half_applies_it(make_server, tmp_path):
    server, client = start(make_server, tmp_path)
    assert admin(server, "POST", "snapshots/before").status_code == 201
    rules = [{"name": "slow", "sql_pattern": "slow_marker", "action": "latency", "latency_ms": 1500}]
    assert requests.put(f"{server.url}/admin/faults", json=rules, timeout=10).status_code == 200
    statement = client.execute_statement(Sql="INSERT INTO seed SELECT 7, 'slow' WHERE 'slow_marker' <> ''", **TARGET)["Id"]
    answer = admin(server, "POST", "snapshots/before/restore")
    assert answer.status_code == 200, answer.text
    # The statement ended before the restore began (its end is in the history), and the restore undid it.
    described = client.describe_statement(Id=statement)
    assert described["Status"] == "FINISHED", described.get("Error")
    assert seed_ids(client) == [1, 2, 3]


def test_open_sessions_end_at_a_restore(make_server, tmp_path):
    server, client = start(make_server, tmp_path)
    assert admin(server, "POST", "snapshots/s").status_code == 201
    connection = pg(server)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    session = client.execute_statement(Sql="SELECT 1", SessionKeepAliveSeconds=300, **TARGET)
    assert admin(server, "POST", "snapshots/s/restore").status_code == 200
    with pytest.raises(psycopg2.Error):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="SELECT 1", SessionId=session["SessionId"])
    with pg(server) as fresh, fresh.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM seed")
        assert cursor.fetchone() == (3,)


def test_another_configuration_is_refused_and_serve_snapshot_starts_from_one(make_server, tmp_path):
    first_dir = tmp_path / "first"
    first, client = start(make_server, tmp_path, data_dir=str(first_dir))
    run_ok(client, "INSERT INTO seed VALUES (5, 'carol')", **TARGET)
    assert admin(first, "POST", "snapshots/shared").status_code == 201
    snapshot = first_dir / "snapshots" / "shared"

    # Another configuration (a configured cluster the snapshot lacks): 409, nothing changed.
    other_dir = tmp_path / "other"
    other, other_client = start(make_server, tmp_path, data_dir=str(other_dir),
                                config={"clusters": [{"identifier": CLUSTER}, {"identifier": "extra"}]})
    shutil.copytree(snapshot, other_dir / "snapshots" / "shared")
    refused = admin(other, "POST", "snapshots/shared/restore")
    assert refused.status_code == 409
    assert "another configuration" in refused.json()["message"] and "cluster-extra" in refused.json()["message"]
    assert seed_ids(other_client) == [1, 2, 3]

    # The same configuration starts from the snapshot: its rows, not the init SQL's.
    third, third_client = start(make_server, tmp_path, extra=["--snapshot", str(snapshot)])
    assert seed_ids(third_client) == [1, 2, 3, 5]
    # ... and a reset returns to the snapshot it started from.
    run_ok(third_client, "DELETE FROM seed", **TARGET)
    assert admin(third, "POST", "reset").status_code == 200
    assert seed_ids(third_client) == [1, 2, 3, 5]


def test_with_signatures_the_routes_need_the_token(make_server):
    config = {"verify_signatures": True, "credentials": {"AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
              "clusters": [{"identifier": CLUSTER}]}
    server = make_server(config=config)
    deadline, token = time.monotonic() + 10, None
    while token is None and time.monotonic() < deadline:
        found = re.search(r"console\?token=(\w+)", server.stderr_tail())
        token = found.group(1) if found else None
        time.sleep(0.05)
    assert token, server.stderr_tail()
    for method, path in [("POST", "reset"), ("GET", "snapshots"), ("POST", "snapshots/x"), ("DELETE", "snapshots/x")]:
        assert admin(server, method, path).status_code == 401
    bearer = {"Authorization": f"Bearer {token}"}
    assert requests.post(f"{server.url}/admin/snapshots/x", headers=bearer, timeout=60).status_code == 201
    assert requests.post(f"{server.url}/admin/reset", headers=bearer, timeout=60).status_code == 200


# ---- The README's fixture ("Snapshots and reset"), used as documented -------------------------

@pytest.fixture(scope="module")
def fixture_server(make_server_module, tmp_path_factory):
    init = tmp_path_factory.mktemp("init") / "init.sql"
    init.write_text(INIT_SQL)
    server = make_server_module(config={"clusters": [{"identifier": CLUSTER}]}, extra_args=["--init-sql", str(init)])
    client = make_client(server.url)
    run_ok(client, "INSERT INTO seed VALUES (10, 'fixture')", **TARGET)
    requests.post(f"{server.url}/admin/snapshots/fixture-base", timeout=60).raise_for_status()
    return server


@pytest.fixture
def warehouse(fixture_server):
    """Every test starts from the snapshot `fixture-base`."""
    requests.post(f"{fixture_server.url}/admin/snapshots/fixture-base/restore", timeout=60).raise_for_status()
    return make_client(fixture_server.url)


@pytest.mark.parametrize("attempt", [1, 2])
def test_fixture_restores_before_each_test(warehouse, attempt):
    assert seed_ids(warehouse) == [1, 2, 3, 10]
    run_ok(warehouse, f"INSERT INTO seed VALUES ({100 + attempt}, 'dirty')", **TARGET)
    assert len(seed_ids(warehouse)) == 5
