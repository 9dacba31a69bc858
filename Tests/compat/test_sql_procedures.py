"""Stored procedures in Redshift's PL/pgSQL (issue 16, item 2), through the Data API and the
PostgreSQL door, with the Developer Guide's own examples and their printed results:

- r_CREATE_PROCEDURE: test_sp2 (IN, INOUT and OUT arguments; FOR over a range; SELECT INTO).
- r_CALL_procedure: outer_proc calling inner_proc with INOUT variables (15 | 20).
- c_PLpgSQL-statements: assignment, SELECT INTO and FOUND, IF/ELSIF, CASE, LOOP/EXIT with a label,
  WHILE, FOR over a query, EXECUTE (dynamic SQL), GET DIAGNOSTICS, RETURN, RAISE levels.
- stored-procedure-result-set: an INOUT refcursor FETCHed in the caller's transaction.
- stored-procedure-transaction-management: one transaction per CALL, COMMIT inside, NONATOMIC.
- stored-procedure-trapping-errors: EXCEPTION WHEN OTHERS (atomic: the handler's work commits and
  the error is re-thrown; NONATOMIC: handled).
- stored-procedure-security-and-privileges: SECURITY INVOKER/DEFINER, GRANT/REVOKE EXECUTE.
- r_SHOW_PROCEDURE, r_ALTER_PROCEDURE, r_DROP_PROCEDURE, r_PG_PROC_INFO.
- stored-procedure-constraints: 16 levels of nested calls.
Bad input: a body that does not parse names the line inside the body; an infinite loop stops at
statement_timeout, at CancelStatement and at a PostgreSQL cancel.
"""

import threading
import time
import uuid

import pytest

from conftest import pg_connect, query, run, run_ok, wait, wait_until_running

psycopg2 = pytest.importorskip("psycopg2")

TEST_SP2 = """CREATE OR REPLACE PROCEDURE test_sp2(f1 IN int, f2 INOUT varchar(256), out_var OUT varchar(256))
AS $$
DECLARE
  loop_var int;
BEGIN
  IF f1 is null OR f2 is null THEN
    RAISE EXCEPTION 'input cannot be null';
  END IF;
  DROP TABLE if exists my_etl;
  CREATE TEMP TABLE my_etl(a int, b varchar);
    FOR loop_var IN 1..f1 LOOP
        insert into my_etl values (loop_var, f2);
        f2 := f2 || '+' || f2;
    END LOOP;
  SELECT INTO out_var count(*) from my_etl;
END;
$$ LANGUAGE plpgsql;"""


def connect(server, user="awsuser"):
    return pg_connect(server, user=user, autocommit=True)


def failed(client, sql, **target):
    d = run(client, sql, **target)
    assert d["Status"] == "FAILED", f"{sql!r} ended {d['Status']}"
    return d["Error"]


# ---- r_CREATE_PROCEDURE / r_CALL_procedure -------------------------------------------------

def test_create_procedure_example_test_sp2_returns_inout_and_out(client, target):
    # r_CREATE_PROCEDURE: CALL test_sp2(2,'2019') prints f2 = 2019+2019+2019+2019, out_var = 2.
    run_ok(client, TEST_SP2, **target)
    d = run_ok(client, "call test_sp2(2,'2019')", **target)
    assert d["HasResultSet"] is True
    assert query(client, "call test_sp2(2,'2019')", **target) == [["2019+2019+2019+2019", "2"]]
    meta = client.get_statement_result(Id=d["Id"])["ColumnMetadata"]
    assert [c["name"] for c in meta] == ["f2", "out_var"]


def test_raise_exception_is_the_statements_error(client, target):
    run_ok(client, TEST_SP2, **target)
    assert "input cannot be null" in failed(client, "call test_sp2(NULL,'2019')", **target)


def test_call_example_inout_variables_of_outer_proc(pg):
    # r_CALL_procedure: after CALL outer_proc(5), test_tbl holds (15, '20').
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute("""CREATE OR REPLACE PROCEDURE inner_proc(INOUT a int, b int, INOUT c int) LANGUAGE plpgsql
AS $$
BEGIN
  a := b * a;
  c := b * c;
END;
$$;""")
    cur.execute("""CREATE OR REPLACE PROCEDURE outer_proc(multiplier int) LANGUAGE plpgsql
AS $$
DECLARE
  x int := 3;
  y int := 4;
BEGIN
  DROP TABLE IF EXISTS test_tbl;
  CREATE TEMP TABLE test_tbl(a int, b varchar(256));
  CALL inner_proc(x, multiplier, y);
  insert into test_tbl values (x, y::varchar);
END;
$$;""")
    cur.execute("CALL outer_proc(5)")
    cur.execute("SELECT * from test_tbl")
    assert cur.fetchall() == [(15, "20")]
    conn.close()


# ---- c_PLpgSQL-statements ---------------------------------------------------------------------

def test_raise_info_reaches_postgresql_clients_as_notices(pg):
    # c_PLpgSQL-statements (RAISE): the level INFO message with % replaced by the arguments.
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute("""CREATE OR REPLACE PROCEDURE test_sp_raise(f1 int, f2 int)
AS $$
BEGIN
IF f1>f2 THEN
RAISE INFO '% is greater than %', f1, f2;
ELSE
RAISE EXCEPTION 'Error : % is smaller than %', f1, f2;
END IF;
END;
$$ LANGUAGE plpgsql;""")
    cur.execute("call test_sp_raise(2,1)")
    assert [n.strip() for n in conn.notices] == ["INFO:  2 is greater than 1"]
    with pytest.raises(psycopg2.Error) as error:
        cur.execute("call test_sp_raise(1,2)")
    assert "Error : 1 is smaller than 2" in str(error.value)
    conn.close()


def test_return_leaves_the_procedure(pg):
    # c_PLpgSQL-statements (RETURN): return_example(3) raises b = 1 and b = 2, then returns.
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute("""CREATE OR REPLACE PROCEDURE return_example(a int)
AS $$
BEGIN
FOR b in 1..10 LOOP
IF b < a THEN
RAISE INFO 'b = %', b;
ELSE
RETURN;
END IF;
END LOOP;
END;
$$ LANGUAGE plpgsql;""")
    cur.execute("call return_example(3)")
    assert [n.strip() for n in conn.notices] == ["INFO:  b = 1", "INFO:  b = 2"]
    conn.close()


def test_labelled_loop_exit(pg):
    # c_PLpgSQL-statements (Loops): EXIT simple_while leaves the loop before the second RAISE.
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute("""CREATE OR REPLACE PROCEDURE simple_loop()
LANGUAGE plpgsql
AS $$
BEGIN
  <<simple_while>>
  LOOP
    RAISE INFO 'I am raised once';
    EXIT simple_while;
    RAISE INFO 'I am not raised';
  END LOOP;
  RAISE INFO 'I am raised once as well';
END;
$$;""")
    cur.execute("call simple_loop()")
    assert [n.strip() for n in conn.notices] == ["INFO:  I am raised once", "INFO:  I am raised once as well"]
    conn.close()


def test_control_flow_variables_and_dynamic_sql(client, target):
    name = f"t_{uuid.uuid4().hex[:8]}"
    run_ok(client, f"create table {name} (id int, grp varchar(10))", **target)
    run_ok(client, f"""CREATE PROCEDURE flow_{name}(n int, INOUT total int, OUT label varchar(20), OUT changed int, OUT dyn int)
AS $$
DECLARE
  i int := 0;
  r RECORD;
  g {name}.grp%TYPE;
BEGIN
  total := 0;
  WHILE i < n LOOP
    i := i + 1;
    CONTINUE WHEN i = 2;
    insert into {name} values (i, CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END);
  END LOOP;
  FOR r IN SELECT id, grp FROM {name} ORDER BY id LOOP
    total := total + r.id;
    g := r.grp;
  END LOOP;
  CASE g
    WHEN 'odd' THEN label := 'last odd';
    WHEN 'even' THEN label := 'last even';
  END CASE;
  IF total > 100 THEN label := label || ' big';
  ELSIF total > 5 THEN label := label || ' medium';
  ELSE label := label || ' small';
  END IF;
  UPDATE {name} SET grp = 'x' WHERE id > 1;
  GET DIAGNOSTICS changed := ROW_COUNT;
  EXECUTE 'SELECT count(*) FROM {name} WHERE grp = ' || quote_literal('x') INTO dyn;
  SELECT INTO i id FROM {name} WHERE id = -1;
  IF NOT FOUND THEN
    total := -total;
  END IF;
END;
$$ LANGUAGE plpgsql""", **target)
    # n = 5: ids 1, 3, 4, 5 inserted (2 skipped by CONTINUE), total 13, the last row is odd,
    # 3 rows updated, 3 rows read by the dynamic query, no row with id -1 (FOUND false).
    assert query(client, f"call flow_{name}(5, 0)", **target) == [[-13, "last odd medium", 3, 3]]


def test_refcursor_result_set_is_fetched_in_the_callers_transaction(pg):
    # stored-procedure-result-set: CALL get_result_set(1, 'mycursor'); FETCH ALL FROM mycursor.
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS fact_tbl")
    cur.execute("CREATE TABLE fact_tbl (id int, v varchar(10))")
    cur.execute("INSERT INTO fact_tbl VALUES (0, 'zero'), (1, 'one'), (2, 'two')")
    cur.execute("""CREATE OR REPLACE PROCEDURE get_result_set (param IN integer, rs_out INOUT refcursor)
AS $$
BEGIN
  OPEN rs_out FOR SELECT * FROM fact_tbl where id >= param;
END;
$$ LANGUAGE plpgsql;""")
    cur.execute("BEGIN")
    cur.execute("CALL get_result_set(1, 'mycursor')")
    assert cur.fetchall() == [("mycursor",)]
    cur.execute("FETCH ALL FROM mycursor")
    assert sorted(cur.fetchall()) == [(1, "one"), (2, "two")]
    cur.execute("COMMIT")
    conn.close()


# ---- transactions and errors ----------------------------------------------------------------

def test_a_failing_call_rolls_back_and_commit_inside_keeps_earlier_work(client, target):
    # stored-procedure-transaction-management: the CALL is one transaction unless the body COMMITs.
    name = f"t_{uuid.uuid4().hex[:8]}"
    run_ok(client, f"create table {name} (id int)", **target)
    run_ok(client, f"""CREATE PROCEDURE tx_{name}(fail_after_commit boolean) AS $$
BEGIN
  INSERT INTO {name} VALUES (1);
  IF fail_after_commit THEN
    COMMIT;
  END IF;
  INSERT INTO {name} VALUES (2);
  RAISE EXCEPTION 'stop';
END;
$$ LANGUAGE plpgsql""", **target)
    assert "stop" in failed(client, f"call tx_{name}(false)", **target)
    assert query(client, f"select count(*) from {name}", **target) == [[0]]
    assert "stop" in failed(client, f"call tx_{name}(true)", **target)
    assert query(client, f"select id from {name}", **target) == [[1]]


def test_exception_handler_atomic_rethrows_nonatomic_handles(client, target):
    # stored-procedure-trapping-errors: atomic: the handler's statements commit and the error is
    # re-thrown; NONATOMIC: an error handled by the block is not re-thrown.
    name = f"t_{uuid.uuid4().hex[:8]}"
    run_ok(client, f"create table {name} (msg varchar(200))", **target)
    for mode in ("", "NONATOMIC"):
        run_ok(client, f"""CREATE OR REPLACE PROCEDURE exc_{name}_{mode or 'atomic'}() {mode} AS $$
BEGIN
  INSERT INTO {name} VALUES ('before');
  SELECT * FROM no_such_table_{name};
EXCEPTION WHEN OTHERS THEN
  INSERT INTO {name} VALUES ('handled: ' || SQLERRM);
END;
$$ LANGUAGE plpgsql""", **target)
    assert "does not exist" in failed(client, f"call exc_{name}_atomic()", **target)
    assert query(client, f"select msg from {name}", **target) == [[f'handled: relation "no_such_table_{name}" does not exist']]
    run_ok(client, f"delete from {name}", **target)
    run_ok(client, f"call exc_{name}_NONATOMIC()", **target)
    assert sorted(query(client, f"select msg from {name}", **target)) == [
        ["before"], [f'handled: relation "no_such_table_{name}" does not exist']]


# ---- DDL, catalog, privileges ---------------------------------------------------------------

def test_show_alter_drop_and_catalog(client, target):
    run_ok(client, TEST_SP2, **target)
    shown = query(client, "SHOW PROCEDURE test_sp2", **target)[0][0]
    assert shown.startswith("CREATE OR REPLACE PROCEDURE public.test_sp2(f1 integer, INOUT f2 character varying(256), OUT out_var character varying(256))")
    assert "RAISE EXCEPTION 'input cannot be null';" in shown
    rows = query(client, "select proname, prokind, proargnames from pg_proc_info where proname = 'test_sp2'", **target)
    assert rows == [["test_sp2", "p", "{f1,f2,out_var}"]]
    assert query(client, "select routine_name, routine_type from information_schema.routines where routine_name = 'test_sp2'", **target) == [["test_sp2", "PROCEDURE"]]
    assert query(client, "select parameter_name, parameter_mode from information_schema.parameters where specific_name like 'test_sp2%' order by ordinal_position", **target) == [
        ["f1", "IN"], ["f2", "INOUT"], ["out_var", "OUT"]]
    run_ok(client, "ALTER PROCEDURE test_sp2(int, varchar) RENAME TO test_sp2_renamed", **target)
    assert query(client, "select count(*) from pg_proc where proname = 'test_sp2_renamed'", **target) == [[1]]
    assert "already exists" in failed(client, TEST_SP2.replace("OR REPLACE ", "").replace("test_sp2(", "test_sp2_renamed("), **target)
    run_ok(client, "DROP PROCEDURE test_sp2_renamed(int, varchar)", **target)
    assert "does not exist" in failed(client, "DROP PROCEDURE test_sp2_renamed(int, varchar)", **target)
    run_ok(client, "DROP PROCEDURE IF EXISTS test_sp2_renamed(int, varchar)", **target)
    assert "does not exist" in failed(client, "call test_sp2_renamed(1, 'x')", **target)


def test_security_definer_and_grant_execute(client, target):
    name = f"t_{uuid.uuid4().hex[:8]}"
    user = f"u_{uuid.uuid4().hex[:8]}"
    run_ok(client, f"create table {name} (id int)", **target)
    run_ok(client, f"insert into {name} values (1), (2)", **target)
    run_ok(client, f"create user {user} password disable", **target)
    for kind in ("INVOKER", "DEFINER"):
        run_ok(client, f"""CREATE PROCEDURE count_{kind}_{name}(OUT n int) AS $$
BEGIN
  SELECT INTO n count(*) FROM {name};
END;
$$ LANGUAGE plpgsql SECURITY {kind}""", **target)
    as_user = dict(target, DbUser=user)
    # stored-procedure-security-and-privileges: an invoker's procedure runs with the caller's
    # privileges; a definer's with its owner's.
    assert "permission denied" in failed(client, f"call count_INVOKER_{name}()", **as_user)
    assert query(client, f"call count_DEFINER_{name}()", **as_user) == [[2]]
    run_ok(client, f"REVOKE EXECUTE ON PROCEDURE count_DEFINER_{name}() FROM PUBLIC", **target)
    assert "permission denied" in failed(client, f"call count_DEFINER_{name}()", **as_user)
    run_ok(client, f"GRANT EXECUTE ON PROCEDURE count_DEFINER_{name}() TO {user}", **target)
    assert query(client, f"call count_DEFINER_{name}()", **as_user) == [[2]]


# ---- bad input ------------------------------------------------------------------------------

def test_body_that_does_not_parse_names_its_line(client, target):
    error = failed(client, """CREATE PROCEDURE bad_body() AS $$
BEGIN
  INSERT INTO t VALUES (1);
  IF x THEN
    y := ;
  END IF;
END;
$$ LANGUAGE plpgsql""", **target)
    assert 'syntax error at or near ";"' in error
    assert "near line 5" in error
    assert "does not exist" in failed(client, "call bad_body()", **target)


def test_infinite_loop_stops_at_statement_timeout(pg):
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute("CREATE OR REPLACE PROCEDURE spin_forever() AS $$ BEGIN LOOP END LOOP; END; $$ LANGUAGE plpgsql")
    cur.execute("SET statement_timeout TO 500")
    with pytest.raises(psycopg2.Error) as error:
        cur.execute("CALL spin_forever()")
    assert error.value.pgcode == "57014"
    cur.execute("SET statement_timeout TO 0")
    cur.execute("SELECT 1")
    assert cur.fetchall() == [(1,)]
    conn.close()


def test_infinite_loop_stops_at_postgresql_cancel(pg):
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute("CREATE OR REPLACE PROCEDURE spin_pg() AS $$ DECLARE i int := 0; BEGIN WHILE true LOOP i := i + 1; END LOOP; END; $$ LANGUAGE plpgsql")
    timer = threading.Timer(0.5, conn.cancel)
    timer.start()
    with pytest.raises(psycopg2.Error) as error:
        cur.execute("CALL spin_pg()")
    timer.join()
    assert error.value.pgcode == "57014"
    cur.execute("SELECT 2")
    assert cur.fetchall() == [(2,)]
    conn.close()


def test_infinite_loop_stops_at_cancel_statement(client, target):
    run_ok(client, "CREATE PROCEDURE spin_api() AS $$ BEGIN LOOP END LOOP; END; $$ LANGUAGE plpgsql", **target)
    statement = client.execute_statement(Sql="CALL spin_api()", **target)
    wait_until_running(client, statement["Id"])
    time.sleep(0.2)
    assert client.cancel_statement(Id=statement["Id"])["Status"] is True
    assert wait(client, statement["Id"])["Status"] == "ABORTED"
    assert query(client, "select 3", **target) == [[3]]


def test_nesting_deeper_than_16_calls_fails(client, target):
    # stored-procedure-constraints: the maximum number of levels for nested calls is 16.
    run_ok(client, """CREATE PROCEDURE nest(n int, INOUT depth int) AS $$
BEGIN
  depth := n;
  IF n > 1 THEN
    CALL nest(n - 1, depth);
    depth := depth + 1;
  END IF;
END;
$$ LANGUAGE plpgsql""", **target)
    assert query(client, "call nest(16, 0)", **target) == [[16]]
    assert "nesting" in failed(client, "call nest(17, 0)", **target)


def test_set_search_path_on_a_procedure_and_truncate_inside(client, target):
    # r_CREATE_PROCEDURE: SET search_path applies while the procedure runs; the caller's stays.
    # stored-procedure-transaction-management: TRUNCATE inside a procedure commits what came before.
    run_ok(client, "create schema proc_s", **target)
    run_ok(client, "create table proc_s.items (id int)", **target)
    run_ok(client, "insert into proc_s.items values (1), (2)", **target)
    run_ok(client, """CREATE PROCEDURE count_items(OUT n int) AS $$
BEGIN
  SELECT INTO n count(*) FROM items;
END;
$$ LANGUAGE plpgsql SET search_path TO proc_s""", **target)
    assert query(client, "call count_items()", **target) == [[2]]
    assert "does not exist" in failed(client, "select count(*) from items", **target)
    run_ok(client, """CREATE PROCEDURE reload_items() AS $$
BEGIN
  TRUNCATE proc_s.items;
  INSERT INTO proc_s.items VALUES (7);
END;
$$ LANGUAGE plpgsql""", **target)
    run_ok(client, "call reload_items()", **target)
    assert query(client, "select id from proc_s.items", **target) == [[7]]
