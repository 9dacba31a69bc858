"""Stored procedures, second part (issue 16): messages of a CALL that fails, transaction control
in nested calls, overloads told apart by argument types, and what Redshift's PL/pgSQL does not
have (EXECUTE … USING, COMMIT through dynamic SQL). Expected values are the Developer Guide's:

- stored-procedure-transaction-management: nested calls share the caller's transaction; COMMIT,
  ROLLBACK and TRUNCATE are refused when the chain began inside a transaction block or a procedure
  up the chain has SET options ("This restriction applies within the stored procedure's own body
  and within any nested procedure call"); the TRUNCATE error text; sp_outer/sp_inner; NONATOMIC
  sp_nonatomic_cursor (INFO 1 then the error) and its START TRANSACTION form (INFO 1, 2, 3).
- c_PLpgSQL-statements: `EXECUTE command-string [ INTO target ]` (no USING clause); "You can't use
  COMMIT and ROLLBACK statements from within dynamic SQL"; RAISE's syntax has no USING either.
- stored-procedure-naming: "the query engine determines which procedure to call based on the
  number of arguments that you provide and the data types of the arguments".
"""

import uuid

import pytest

from conftest import pg_connect

psycopg2 = pytest.importorskip("psycopg2")


def connect(server):
    return pg_connect(server, autocommit=True)


def messages(conn):
    return [n.strip() for n in conn.notices]


def rows(cur, sql):
    cur.execute(sql)
    return cur.fetchall()


def suffix():
    return uuid.uuid4().hex[:8]


# ---- messages of a failing CALL ----------------------------------------------------------------

def test_info_raised_before_an_error_reaches_the_client_first(pg):
    # stored-procedure-transaction-management, sp_nonatomic_cursor: psql prints "INFO:  1" and then
    # `ERROR: cursor "cur1" does not exist` (the INSERT's autocommit closed the cursor).
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"CREATE TABLE ta_{s}(v int)")
    cur.execute(f"CREATE TABLE tb_{s}(v int)")
    cur.execute(f"insert into ta_{s} values (1), (2), (3)")
    cur.execute(f"""CREATE OR REPLACE PROCEDURE sp_nonatomic_cursor_{s}() NONATOMIC
LANGUAGE plpgsql
AS $$
DECLARE
  rec RECORD;
  cur1 cursor for select * from ta_{s} order by 1;
BEGIN
  open cur1;
  Loop
    fetch cur1 into rec;
    exit when not found;
    raise info '%', rec.v;
    insert into tb_{s} values (rec.v);
  End Loop;
END
$$;""")
    del conn.notices[:]
    with pytest.raises(psycopg2.Error) as error:
        cur.execute(f"CALL sp_nonatomic_cursor_{s}()")
    assert 'cursor "cur1" does not exist' in str(error.value)
    assert messages(conn) == ["INFO:  1"]
    # The same loop between START TRANSACTION … COMMIT: INFO 1, 2, 3 and CALL.
    cur.execute(f"""CREATE OR REPLACE PROCEDURE sp_nonatomic_cursor_{s}() NONATOMIC
LANGUAGE plpgsql
AS $$
DECLARE
  rec RECORD;
  cur1 cursor for select * from ta_{s} order by 1;
BEGIN
  START TRANSACTION;
  open cur1;
  Loop
    fetch cur1 into rec;
    exit when not found;
    raise info '%', rec.v;
    insert into tb_{s} values (rec.v);
  End Loop;
  COMMIT;
END
$$;""")
    del conn.notices[:]
    cur.execute(f"CALL sp_nonatomic_cursor_{s}()")
    assert messages(conn) == ["INFO:  1", "INFO:  2", "INFO:  3"]
    conn.close()


def test_messages_of_a_failed_nested_call_come_in_order_before_the_error(pg):
    # c_PLpgSQL-statements (RAISE): INFO and NOTICE are messages; EXCEPTION is the statement's error.
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"""CREATE PROCEDURE sp_in_{s}() AS $$
BEGIN
  RAISE NOTICE 'inner %', 2;
  RAISE EXCEPTION 'inner failed';
END;
$$ LANGUAGE plpgsql""")
    cur.execute(f"""CREATE PROCEDURE sp_out_{s}() AS $$
BEGIN
  RAISE INFO 'outer %', 1;
  CALL sp_in_{s}();
  RAISE INFO 'never';
END;
$$ LANGUAGE plpgsql""")
    del conn.notices[:]
    with pytest.raises(psycopg2.Error) as error:
        cur.execute(f"CALL sp_out_{s}()")
    assert "inner failed" in str(error.value)
    assert messages(conn) == ["INFO:  outer 1", "NOTICE:  inner 2"]
    # The session goes on: the next statement runs and carries no stale messages.
    del conn.notices[:]
    assert rows(cur, "select 1") == [(1,)]
    assert messages(conn) == []
    conn.close()


# ---- COMMIT / ROLLBACK / TRUNCATE in nested calls ------------------------------------------------

def test_truncate_in_a_nested_call_commits_the_outer_work(pg):
    # stored-procedure-transaction-management: sp_outer(1, 2, 3, 4) calls sp_inner(3, 4), whose
    # TRUNCATE outer_table commits the work so far and starts a new transaction.
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"create table outer_{s}(v int)")
    cur.execute(f"create table inner_{s}(v int)")
    cur.execute(f"""CREATE OR REPLACE PROCEDURE sp_inner_{s}(c int, d int) LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO inner_{s} values (c);
  TRUNCATE outer_{s};
  INSERT INTO inner_{s} values (d);
END;
$$;""")
    cur.execute(f"""CREATE OR REPLACE PROCEDURE sp_outer_{s}(a int, b int, c int, d int) LANGUAGE plpgsql
AS $$
BEGIN
  INSERT INTO outer_{s} values (a);
  Call sp_inner_{s}(c, d);
  INSERT INTO outer_{s} values (b);
END;
$$;""")
    cur.execute(f"Call sp_outer_{s}(1, 2, 3, 4)")
    assert rows(cur, f"select v from outer_{s} order by 1") == [(2,)]
    assert rows(cur, f"select v from inner_{s} order by 1") == [(3,), (4,)]
    conn.close()


def test_commit_in_a_nested_call_commits_the_shared_transaction(pg):
    # stored-procedure-transaction-management: "A nested call to another procedure … operates
    # within the context of the same transaction as the caller"; COMMIT "commits all work done in
    # the current transaction and implicitly begins a new transaction"; on an error "all changes
    # made in the current transaction are rolled back".
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"create table t_{s}(v int)")
    cur.execute(f"""CREATE PROCEDURE sp_commit_inner_{s}() AS $$
BEGIN
  INSERT INTO t_{s} VALUES (2);
  COMMIT;
END;
$$ LANGUAGE plpgsql""")
    cur.execute(f"""CREATE PROCEDURE sp_rollback_inner_{s}() AS $$
BEGIN
  INSERT INTO t_{s} VALUES (20);
  ROLLBACK;
END;
$$ LANGUAGE plpgsql""")
    cur.execute(f"""CREATE PROCEDURE sp_commit_outer_{s}() AS $$
BEGIN
  INSERT INTO t_{s} VALUES (1);
  CALL sp_commit_inner_{s}();
  INSERT INTO t_{s} VALUES (3);
  RAISE EXCEPTION 'after the commit';
END;
$$ LANGUAGE plpgsql""")
    with pytest.raises(psycopg2.Error) as error:
        cur.execute(f"CALL sp_commit_outer_{s}()")
    assert "after the commit" in str(error.value)
    assert rows(cur, f"select v from t_{s} order by 1") == [(1,), (2,)]
    # ROLLBACK in the nested call undoes the caller's work too, and the caller goes on.
    cur.execute(f"truncate t_{s}")
    cur.execute(f"""CREATE PROCEDURE sp_rollback_outer_{s}() AS $$
BEGIN
  INSERT INTO t_{s} VALUES (10);
  CALL sp_rollback_inner_{s}();
  INSERT INTO t_{s} VALUES (30);
END;
$$ LANGUAGE plpgsql""")
    cur.execute(f"CALL sp_rollback_outer_{s}()")
    assert rows(cur, f"select v from t_{s} order by 1") == [(30,)]
    conn.close()


def test_commit_in_a_nested_call_is_refused_inside_a_transaction_block(pg):
    # stored-procedure-transaction-management: called from within a transaction block, a procedure
    # "can't issue a COMMIT, ROLLBACK, or TRUNCATE statement. This restriction applies within the
    # stored procedure's own body and within any nested procedure call."
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"create table t_{s}(v int)")
    cur.execute(f"""CREATE PROCEDURE sp_c_inner_{s}() AS $$
BEGIN
  INSERT INTO t_{s} VALUES (2);
  COMMIT;
END;
$$ LANGUAGE plpgsql""")
    cur.execute(f"""CREATE PROCEDURE sp_c_outer_{s}() AS $$
BEGIN
  CALL sp_c_inner_{s}();
END;
$$ LANGUAGE plpgsql""")
    cur.execute("BEGIN")
    cur.execute(f"INSERT INTO t_{s} VALUES (1)")
    with pytest.raises(psycopg2.Error) as error:
        cur.execute(f"CALL sp_c_outer_{s}()")
    assert "COMMIT cannot be invoked from a procedure that is executing in an atomic context" in str(error.value)
    cur.execute("ROLLBACK")
    assert rows(cur, f"select count(*) from t_{s}") == [(0,)]
    conn.close()


def test_truncate_example_inside_a_transaction_block_gives_the_documented_error(pg):
    # stored-procedure-transaction-management: sp_truncate_atomic called after Begin; prints
    # "ERROR: TRUNCATE cannot be invoked from a procedure that is executing in an atomic context."
    # with the HINT "Try calling the procedure as a top-level call …".
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"create table tb_{s}(v int)")
    cur.execute(f"""CREATE OR REPLACE PROCEDURE sp_truncate_atomic_{s}() LANGUAGE plpgsql
AS $$
BEGIN
  TRUNCATE tb_{s};
END;
$$;""")
    cur.execute("Begin")
    with pytest.raises(psycopg2.Error) as error:
        cur.execute(f"Call sp_truncate_atomic_{s}()")
    assert "TRUNCATE cannot be invoked from a procedure that is executing in an atomic context." in str(error.value)
    assert error.value.diag.message_hint.startswith("Try calling the procedure as a top-level call")
    cur.execute("ROLLBACK")
    # As a top-level call it runs.
    cur.execute(f"insert into tb_{s} values (1)")
    cur.execute(f"Call sp_truncate_atomic_{s}()")
    assert rows(cur, f"select count(*) from tb_{s}") == [(0,)]
    conn.close()


def test_commit_is_refused_below_a_procedure_with_set_options(pg):
    # stored-procedure-transaction-management: a procedure created with SET config options "can't
    # issue a COMMIT, ROLLBACK, or TRUNCATE statement … within any nested procedure call".
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"create table t_{s}(v int)")
    cur.execute(f"""CREATE PROCEDURE sp_set_inner_{s}() AS $$
BEGIN
  INSERT INTO t_{s} VALUES (1);
  COMMIT;
END;
$$ LANGUAGE plpgsql""")
    cur.execute(f"""CREATE PROCEDURE sp_set_outer_{s}() AS $$
BEGIN
  CALL sp_set_inner_{s}();
END;
$$ LANGUAGE plpgsql SET search_path TO public""")
    with pytest.raises(psycopg2.Error) as error:
        cur.execute(f"CALL sp_set_outer_{s}()")
    assert "COMMIT cannot be invoked from a procedure that is executing in an atomic context" in str(error.value)
    assert rows(cur, f"select count(*) from t_{s}") == [(0,)]
    # Called on its own, the inner procedure commits.
    cur.execute(f"CALL sp_set_inner_{s}()")
    assert rows(cur, f"select count(*) from t_{s}") == [(1,)]
    conn.close()


# ---- overloads ------------------------------------------------------------------------------------

def test_call_picks_the_overload_by_argument_types(pg):
    # stored-procedure-naming: the procedure called is chosen by the number and the data types of
    # the arguments.
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"""CREATE PROCEDURE sp_ov_{s}(a int, OUT picked varchar(20)) AS $$
BEGIN
  picked := 'int ' || a;
END;
$$ LANGUAGE plpgsql""")
    cur.execute(f"""CREATE PROCEDURE sp_ov_{s}(a varchar, OUT picked varchar(20)) AS $$
BEGIN
  picked := 'varchar ' || a;
END;
$$ LANGUAGE plpgsql""")
    cur.execute(f"""CREATE PROCEDURE sp_ov_{s}(a date, OUT picked varchar(20)) AS $$
BEGIN
  picked := 'date ' || a;
END;
$$ LANGUAGE plpgsql""")
    assert rows(cur, f"call sp_ov_{s}(7)") == [("int 7",)]
    assert rows(cur, f"call sp_ov_{s}('seven')") == [("varchar seven",)]
    assert rows(cur, f"call sp_ov_{s}(DATE '2008-01-05')") == [("date 2008-01-05",)]
    assert rows(cur, f"call sp_ov_{s}(2 + 3)") == [("int 5",)]
    # No overload takes a boolean (the text of this error is the emulator's: unverified).
    with pytest.raises(psycopg2.Error) as error:
        cur.execute(f"call sp_ov_{s}(true)")
    assert f"procedure sp_ov_{s}(boolean) does not exist" in str(error.value)
    conn.close()


# ---- what Redshift's PL/pgSQL does not have ---------------------------------------------------------

def test_execute_using_and_raise_using_are_syntax_errors(pg):
    # c_PLpgSQL-statements: `EXECUTE command-string [ INTO target ];` and
    # `RAISE level 'format' [, variable [, ...]];`: neither has a USING clause.
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    for body in ("EXECUTE 'select $1' INTO n USING 1;", "RAISE EXCEPTION 'x' USING HINT = 'y';"):
        with pytest.raises(psycopg2.Error) as error:
            cur.execute(f"""CREATE PROCEDURE sp_using_{s}(n INOUT int) AS $$
BEGIN
  {body}
END;
$$ LANGUAGE plpgsql""")
        assert 'syntax error at or near "USING"' in str(error.value)
    conn.close()


def test_execute_into_and_no_commit_through_dynamic_sql(pg):
    # c_PLpgSQL-statements, Dynamic SQL: EXECUTE … INTO assigns the row; "You can't use COMMIT and
    # ROLLBACK statements from within dynamic SQL" (the error text is PostgreSQL's: unverified).
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"create table t_{s}(id int, name varchar(10))")
    cur.execute(f"insert into t_{s} values (1, 'one'), (2, 'two')")
    cur.execute(f"""CREATE PROCEDURE sp_dyn_{s}(k int, OUT n varchar(10)) AS $$
BEGIN
  EXECUTE 'select name from t_{s} where id = ' || k INTO n;
END;
$$ LANGUAGE plpgsql""")
    assert rows(cur, f"call sp_dyn_{s}(2)") == [("two",)]
    for command in ("COMMIT", "ROLLBACK"):
        cur.execute(f"""CREATE OR REPLACE PROCEDURE sp_dyn_tx_{s}() AS $$
BEGIN
  INSERT INTO t_{s} VALUES (3, 'three');
  EXECUTE '{command}';
END;
$$ LANGUAGE plpgsql""")
        with pytest.raises(psycopg2.Error) as error:
            cur.execute(f"call sp_dyn_tx_{s}()")
        assert "EXECUTE of transaction commands is not implemented" in str(error.value)
    assert rows(cur, f"select count(*) from t_{s}") == [(2,)]
    conn.close()


# ---- c_PLpgSQL-statements, page examples the first tranche did not run --------------------------------

def test_cursor_forms_of_the_page(pg):
    # c_PLpgSQL-statements, Cursors: `curs1 refcursor; curs2 CURSOR FOR …; curs3 CURSOR (key integer)
    # IS … WHERE unique1 = key;`, OPEN … FOR SELECT, OPEN … FOR EXECUTE, OPEN curs2, OPEN curs3(42),
    # FETCH … INTO (FOUND tells whether a row came) and CLOSE.
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"create table tenk1_{s}(unique1 int, name varchar(10))")
    cur.execute(f"insert into tenk1_{s} values (1, 'one'), (42, 'forty-two'), (7, 'seven')")
    cur.execute(f"""CREATE PROCEDURE sp_cursors_{s}() LANGUAGE plpgsql AS $$
DECLARE
  curs1 refcursor;
  curs2 CURSOR FOR SELECT * FROM tenk1_{s} ORDER BY unique1;
  curs3 CURSOR (key integer) IS SELECT * FROM tenk1_{s} WHERE unique1 = key;
  rowvar RECORD;
  mykey int := 7;
  a int;
  b varchar(10);
BEGIN
  OPEN curs1 FOR SELECT * FROM tenk1_{s} WHERE unique1 = mykey;
  FETCH curs1 INTO rowvar;
  RAISE INFO 'curs1 %', rowvar.name;
  CLOSE curs1;
  OPEN curs1 FOR EXECUTE 'SELECT * FROM ' || quote_ident('tenk1_{s}') || ' ORDER BY unique1 DESC';
  FETCH curs1 INTO a, b;
  RAISE INFO 'execute % %', a, b;
  CLOSE curs1;
  OPEN curs2;
  FETCH curs2 INTO rowvar;
  RAISE INFO 'curs2 %', rowvar.unique1;
  CLOSE curs2;
  OPEN curs3(42);
  FETCH curs3 INTO rowvar;
  IF FOUND THEN RAISE INFO 'curs3 %', rowvar.name; END IF;
  FETCH curs3 INTO rowvar;
  IF NOT FOUND THEN RAISE INFO 'curs3 has no more rows'; END IF;
  CLOSE curs3;
END;
$$""")
    del conn.notices[:]
    cur.execute(f"call sp_cursors_{s}()")
    assert messages(conn) == ["INFO:  curs1 seven", "INFO:  execute 42 forty-two", "INFO:  curs2 1",
                              "INFO:  curs3 forty-two", "INFO:  curs3 has no more rows"]
    conn.close()


def test_for_over_a_query_into_scalars_and_exit_from_a_labelled_block(pg):
    # c_PLpgSQL-statements, Loops: "The target is a record variable or comma-separated list of scalar
    # variables"; EXIT "When used with a BEGIN block … passes control to the next statement after
    # the end of the block. A label must be used for this purpose."
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"create table t_{s}(v int)")
    cur.execute(f"insert into t_{s} values (1), (7)")
    cur.execute(f"""CREATE PROCEDURE sp_for_{s}() LANGUAGE plpgsql AS $$
DECLARE
  x int;
  y int;
BEGIN
  FOR x, y IN SELECT v, v * 10 FROM t_{s} ORDER BY 1 LOOP
    RAISE INFO '% %', x, y;
  END LOOP;
  <<blk>>
  BEGIN
    RAISE INFO 'in block';
    EXIT blk;
    RAISE INFO 'not reached';
  END;
  RAISE INFO 'after block';
END;
$$""")
    del conn.notices[:]
    cur.execute(f"call sp_for_{s}()")
    assert messages(conn) == ["INFO:  1 10", "INFO:  7 70", "INFO:  in block", "INFO:  after block"]
    conn.close()


def test_a_call_through_dynamic_sql_is_a_nested_call(pg):
    # stored-procedure-transaction-management: a nested call shares the caller's transaction and may
    # COMMIT when the caller may; c_PLpgSQL-statements: EXECUTE runs any command string (here a CALL).
    s = suffix()
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"create table t_{s}(v int)")
    cur.execute(f"""CREATE PROCEDURE sp_dyn_inner_{s}() AS $$
BEGIN
  INSERT INTO t_{s} VALUES (2);
  COMMIT;
END;
$$ LANGUAGE plpgsql""")
    cur.execute(f"""CREATE PROCEDURE sp_dyn_outer_{s}() AS $$
BEGIN
  INSERT INTO t_{s} VALUES (1);
  EXECUTE 'CALL sp_dyn_inner_{s}()';
  INSERT INTO t_{s} VALUES (3);
  RAISE EXCEPTION 'after the commit';
END;
$$ LANGUAGE plpgsql""")
    with pytest.raises(psycopg2.Error):
        cur.execute(f"CALL sp_dyn_outer_{s}()")
    assert rows(cur, f"select v from t_{s} order by 1") == [(1,), (2,)]
    cur.execute("BEGIN")
    with pytest.raises(psycopg2.Error) as error:
        cur.execute(f"CALL sp_dyn_outer_{s}()")
    assert "COMMIT cannot be invoked from a procedure that is executing in an atomic context" in str(error.value)
    cur.execute("ROLLBACK")
    conn.close()
