"""PREPARE / EXECUTE / DEALLOCATE through the Data API (r_PREPARE, r_EXECUTE, r_DEALLOCATE): prepared
statements live in the session (SessionId), EXECUTE answers like the inner statement, and the errors
are worded as PostgreSQL/Redshift word them."""

from conftest import query, run, run_ok, wait


def start_session(client, target, sql):
    r = client.execute_statement(Sql=sql, SessionKeepAliveSeconds=60, **target)
    d = wait(client, r["Id"])
    assert d["Status"] == "FINISHED", d.get("Error")
    return r["SessionId"]


def test_documentation_example_in_a_session(client, target):
    sid = start_session(client, target, "create temp table prep1 (c1 int, c2 char(20))")
    run_ok(client, "prepare prep_insert_plan (int, char) as insert into prep1 values ($1, $2)", SessionId=sid)
    d = run_ok(client, "execute prep_insert_plan (1, 'one')", SessionId=sid)
    assert d["ResultRows"] == 1 and d["HasResultSet"] is False
    run_ok(client, "execute prep_insert_plan (2, 'two')", SessionId=sid)
    run_ok(client, "execute prep_insert_plan (3, 'three')", SessionId=sid)
    run_ok(client, "prepare prep_select_plan (int) as select * from prep1 where c1 = $1", SessionId=sid)
    d = run_ok(client, "execute prep_select_plan (2)", SessionId=sid)
    assert d["HasResultSet"] is True
    r = client.get_statement_result(Id=d["Id"])
    assert [m["name"] for m in r["ColumnMetadata"]] == ["c1", "c2"]
    got = [[rec[0]["longValue"], rec[1]["stringValue"].rstrip(" ")] for rec in r["Records"]]
    assert got == [[2, "two"]]
    run_ok(client, "deallocate prep_insert_plan", SessionId=sid)
    run_ok(client, "deallocate prep_select_plan", SessionId=sid)
    d = run(client, "execute prep_select_plan (3)", SessionId=sid)
    assert d["Status"] == "FAILED"
    assert 'prepared statement "prep_select_plan" does not exist' in d["Error"]


def test_prepared_statement_ends_with_the_statement_without_session(client, target):
    run_ok(client, "prepare p1 as select 1", **target)
    d = run(client, "execute p1", **target)
    assert d["Status"] == "FAILED"
    assert 'prepared statement "p1" does not exist' in d["Error"]


def test_errors(client, target):
    sid = start_session(client, target, "prepare p (int) as select $1 * 2 as twice")
    assert query(client, "execute p (21)", SessionId=sid) == [[42]]
    d = run(client, "prepare p as select 2", SessionId=sid)
    assert d["Status"] == "FAILED" and 'prepared statement "p" already exists' in d["Error"]
    d = run(client, "execute p (1, 2)", SessionId=sid)
    assert d["Status"] == "FAILED" and 'wrong number of parameters for prepared statement "p"' in d["Error"]
    d = run(client, "deallocate nope", SessionId=sid)
    assert d["Status"] == "FAILED" and 'prepared statement "nope" does not exist' in d["Error"]
    # The session still works and still has p.
    assert query(client, "execute p (5)", SessionId=sid) == [[10]]
