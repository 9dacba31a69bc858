"""`emulatord serve` flags: --init-sql, --host, --in-memory, configured limits
(DESIGN.md interface contract and "Seeding"; issue 2 §1; data-api.md §13)."""

import time
import uuid

import pytest
import requests

from conftest import (health, make_big_table, make_client, query, run_ok, wait,
                      wait_until_running)


def _seed_dir(tmp_path):
    d = tmp_path / "seed"
    d.mkdir()
    # Lexical order matters: 02 depends on 01.
    (d / "02_rows.sql").write_text("insert into seeded values (1, 'one');\ninsert into seeded values (2, 'two');\n")
    # The workgroup caller is the IAM-derived user "IAM:<key id>", an ordinary user (security.md §5),
    # so the seed grants it read access as a real schema script would.
    (d / "01_schema.sql").write_text("create table seeded (id int, label varchar(10));\n"
                                     "grant select on seeded to public;\n")
    (d / "notes.txt").write_text("not sql, ignored")
    return d


def test_init_sql_seeds_auto_provisioned_workgroups(make_server, tmp_path):
    # DESIGN.md Seeding: "in database `dev` of every cluster or workgroup when it is provisioned".
    # (Clusters, YAML config and bad files: see test_startup_options.py.)
    s = make_server(extra_args=["--init-sql", str(_seed_dir(tmp_path))], name="emulatord (init-sql)")
    c = make_client(s.url)
    for _ in range(2):
        wg = f"wg-seed-{uuid.uuid4().hex[:6]}"
        assert query(c, "select id, label from seeded order by id", WorkgroupName=wg, Database="dev") == \
            [[1, "one"], [2, "two"]]


def test_init_sql_file_seeds_configured_clusters(make_server, tmp_path):
    # DESIGN.md Seeding: configured clusters are seeded at start-up, before the ready line.
    f = tmp_path / "seed.sql"
    f.write_text("create table seeded (id int);\ninsert into seeded values (42);\n")
    s = make_server(extra_args=["--init-sql", str(f)],
                    config={"strict": True, "clusters": [{"identifier": "c1", "databases": ["dev"]}]},
                    name="emulatord (init-sql, strict)")
    c = make_client(s.url)
    assert query(c, "select id from seeded", ClusterIdentifier="c1", Database="dev", DbUser="awsuser") == [[42]]


def test_init_sql_seeds_are_independent_per_cluster(make_server, tmp_path):
    # DESIGN.md Seeding: "every cluster a test names starts from the same seed".
    s = make_server(extra_args=["--init-sql", str(_seed_dir(tmp_path))], name="emulatord (init-sql)")
    c = make_client(s.url)
    a = {"ClusterIdentifier": f"ind-a-{uuid.uuid4().hex[:6]}", "Database": "dev", "DbUser": "awsuser"}
    b = {"ClusterIdentifier": f"ind-b-{uuid.uuid4().hex[:6]}", "Database": "dev", "DbUser": "awsuser"}
    run_ok(c, "delete from seeded", **a)
    assert query(c, "select count(*) from seeded", **a) == [[0]]
    assert query(c, "select count(*) from seeded", **b) == [[2]]


def test_host_flag_and_ready_line(make_server):
    # DESIGN.md: `serve --host H --port 0` prints `emulatord listening on http://HOST:PORT`.
    s = make_server(extra_args=["--host", "127.0.0.1", "--in-memory"], name="emulatord (--host)")
    assert s.url.startswith("http://127.0.0.1:")
    port = int(s.url.rsplit(":", 1)[1].rstrip("/"))
    assert 0 < port < 65536
    assert health(s.url).status_code == 200


def test_starts_quickly(make_server):
    # Issue 2 (CI user): starts in well under a second in memory (the 300 ms goal is a benchmark;
    # this only guards against gross regressions).
    t0 = time.monotonic()
    make_server(name="emulatord (startup)")
    assert time.monotonic() - t0 < 5


def test_sigterm_exits_zero(make_server):
    # DESIGN.md (CI user): clean exit.
    s = make_server(name="emulatord (sigterm)")
    assert s.stop() == 0
    with pytest.raises(requests.ConnectionError):
        requests.get(s.url + "/health", timeout=2)


# ---- configured limits ---------------------------------------------------------------------------

def test_max_active_statements(make_server, cancel_later_on):
    # data-api.md §1.4 / §13: too many active statements -> ActiveStatementsExceededException (HTTP 400);
    # the limit is configurable (limits.maxActiveStatements). Message text unverified.
    s = make_server(config={"limits": {"maxActiveStatements": 1}}, name="emulatord (maxActiveStatements 1)")
    c = make_client(s.url)
    tgt = {"ClusterIdentifier": "lim", "Database": "dev", "DbUser": "awsuser"}
    long_sql = make_big_table(c, **tgt)
    r = c.execute_statement(Sql=long_sql, **tgt)
    cancel_later_on(c, r["Id"])
    wait_until_running(c, r["Id"])
    with pytest.raises(c.exceptions.ActiveStatementsExceededException) as ei:
        c.execute_statement(Sql="select 1", **tgt)
    assert ei.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    with pytest.raises(c.exceptions.ActiveStatementsExceededException):
        c.batch_execute_statement(Sqls=["select 1"], **tgt)
    c.cancel_statement(Id=r["Id"])
    assert wait(c, r["Id"])["Status"] == "ABORTED"
    assert wait(c, c.execute_statement(Sql="select 1", **tgt)["Id"])["Status"] == "FINISHED"


def test_max_sessions(make_server):
    # data-api.md §9 / §13: too many sessions -> ActiveSessionsExceededException (HTTP 400);
    # configurable (limits.maxSessions). Message text unverified.
    s = make_server(config={"limits": {"maxSessions": 1}}, name="emulatord (maxSessions 1)")
    c = make_client(s.url)
    tgt = {"ClusterIdentifier": "lim", "Database": "dev", "DbUser": "awsuser"}
    r = c.execute_statement(Sql="select 1", SessionKeepAliveSeconds=60, **tgt)
    wait(c, r["Id"])
    with pytest.raises(c.exceptions.ActiveSessionsExceededException) as ei:
        c.execute_statement(Sql="select 1", SessionKeepAliveSeconds=60, **tgt)
    assert ei.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    # the existing session and sessionless statements still work
    assert wait(c, c.execute_statement(Sql="select 1", SessionId=r["SessionId"])["Id"])["Status"] == "FINISHED"
    assert wait(c, c.execute_statement(Sql="select 1", **tgt)["Id"])["Status"] == "FINISHED"


def test_max_sql_bytes(make_server):
    # data-api.md §13: the SQL size limit is configurable (limits.maxSqlBytes) -> ValidationException.
    s = make_server(config={"limits": {"maxSqlBytes": 1000}}, name="emulatord (maxSqlBytes 1000)")
    c = make_client(s.url)
    tgt = {"ClusterIdentifier": "lim", "Database": "dev", "DbUser": "awsuser"}
    with pytest.raises(c.exceptions.ValidationException):
        c.execute_statement(Sql="select '" + "x" * 1000 + "'", **tgt)
    assert wait(c, c.execute_statement(Sql="select '" + "x" * 900 + "'", **tgt)["Id"])["Status"] == "FINISHED"


@pytest.fixture
def cancel_later_on():
    pending = []
    yield lambda client, sid: pending.append((client, sid))
    for client, sid in pending:
        try:
            client.cancel_statement(Id=sid)
        except Exception:
            pass
