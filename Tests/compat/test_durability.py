"""--data-dir durability: a statement reported FINISHED survives `kill -9` (DESIGN.md, issue 2 §1)."""

import uuid

from conftest import make_client, query, run_batch, run_ok, wait


def _target():
    return {"ClusterIdentifier": f"dur-{uuid.uuid4().hex[:8]}", "Database": "dev", "DbUser": "awsuser"}


def test_finished_insert_survives_kill_9(make_server, tmp_path):
    data = str(tmp_path / "data")
    tgt = _target()
    s1 = make_server(data_dir=data, name="emulatord (durable #1)")
    c1 = make_client(s1.url)
    run_ok(c1, "create table kept (i int, s varchar(10))", **tgt)
    run_ok(c1, "insert into kept values (1, 'one'), (2, 'two'), (3, 'three')", **tgt)
    s1.kill9()

    s2 = make_server(data_dir=data, name="emulatord (durable #2)")
    c2 = make_client(s2.url)
    assert query(c2, "select i, s from kept order by i", **tgt) == [[1, "one"], [2, "two"], [3, "three"]]


def test_many_small_commits_survive_kill_9(make_server, tmp_path):
    data = str(tmp_path / "data")
    tgt = _target()
    s1 = make_server(data_dir=data, name="emulatord (durable #1)")
    c1 = make_client(s1.url)
    run_ok(c1, "create table k (i int)", **tgt)
    for i in range(25):
        run_ok(c1, f"insert into k values ({i})", **tgt)
    s1.kill9()  # right after the last FINISHED

    s2 = make_server(data_dir=data, name="emulatord (durable #2)")
    c2 = make_client(s2.url)
    assert query(c2, "select count(*), sum(i) from k", **tgt) == [[25, sum(range(25))]]


def test_committed_batch_survives_and_failed_batch_leaves_nothing(make_server, tmp_path):
    data = str(tmp_path / "data")
    tgt = _target()
    s1 = make_server(data_dir=data, name="emulatord (durable #1)")
    c1 = make_client(s1.url)
    d = run_batch(c1, ["create table kb (i int)", "insert into kb values (1), (2)"], **tgt)
    assert d["Status"] == "FINISHED", d.get("Error")
    d = run_batch(c1, ["insert into kb values (3)", "insert into nope values (4)"], **tgt)
    assert d["Status"] == "FAILED"
    s1.kill9()

    s2 = make_server(data_dir=data, name="emulatord (durable #2)")
    c2 = make_client(s2.url)
    assert query(c2, "select i from kb order by i", **tgt) == [[1], [2]]


def test_other_databases_and_schemas_survive(make_server, tmp_path):
    data = str(tmp_path / "data")
    tgt = _target()
    s1 = make_server(data_dir=data, name="emulatord (durable #1)")
    c1 = make_client(s1.url)
    run_ok(c1, "create schema sales", **tgt)
    run_ok(c1, "create table sales.q (n numeric(10,2))", **tgt)
    run_ok(c1, "insert into sales.q values (12.50)", **tgt)
    s1.kill9()

    s2 = make_server(data_dir=data, name="emulatord (durable #2)")
    c2 = make_client(s2.url)
    assert query(c2, "select n from sales.q", **tgt) == [["12.50"]]
    assert "sales" in c2.list_schemas(**tgt)["Schemas"]


def test_clean_shutdown_exits_zero_and_keeps_data(make_server, tmp_path):
    # DESIGN.md (CI user): clean exit on SIGTERM.
    data = str(tmp_path / "data")
    tgt = _target()
    s1 = make_server(data_dir=data, name="emulatord (durable #1)")
    c1 = make_client(s1.url)
    run_ok(c1, "create table kc (i int)", **tgt)
    run_ok(c1, "insert into kc values (7)", **tgt)
    assert s1.stop() == 0

    s2 = make_server(data_dir=data, name="emulatord (durable #2)")
    assert query(make_client(s2.url), "select i from kc", **tgt) == [[7]]


def test_in_memory_default_forgets_on_restart(make_server):
    # DESIGN.md: the default runs in memory; a restart starts from a clean state.
    tgt = _target()
    s1 = make_server(name="emulatord (memory #1)")
    c1 = make_client(s1.url)
    run_ok(c1, "create table gone (i int)", **tgt)
    s1.stop()
    s2 = make_server(name="emulatord (memory #2)")
    c2 = make_client(s2.url)
    d = c2.execute_statement(Sql="select * from gone", **tgt)
    assert wait(c2, d["Id"])["Status"] == "FAILED"
