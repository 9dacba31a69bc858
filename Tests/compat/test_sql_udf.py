"""SQL user-defined functions (issue 16, item 3): CREATE [OR REPLACE] FUNCTION … LANGUAGE sql with
`$1 … $n`, inlined into the calling query; overloading by argument types; DROP FUNCTION; GRANT
EXECUTE; pg_proc; Python UDFs refused.

- udf-creating-a-scalar-sql-udf: f_sql_greater(float, float) returns the greater argument.
- r_CREATE_FUNCTION: the SQL function example and the plpythonu one (Python UDFs can no longer be
  created: the emulator's error text is unverified).
- r_DROP_FUNCTION: DROP FUNCTION name(argument types).
"""

import uuid

from conftest import query, run, run_ok

F_SQL_GREATER = """create function f_sql_greater (float, float)
  returns float
stable
as $$
  select case when $1 > $2 then $1
    else $2
  end
$$ language sql;"""


def failed(client, sql, **target):
    d = run(client, sql, **target)
    assert d["Status"] == "FAILED", f"{sql!r} ended {d['Status']}"
    return d["Error"]


def test_scalar_sql_udf_example_inlined_in_a_query(client, target):
    run_ok(client, F_SQL_GREATER, **target)
    run_ok(client, "create table sales (salesid int, commission decimal(8,2), pricepaid decimal(8,2))", **target)
    run_ok(client, "insert into sales values (1, 10.00, 100.00), (2, 30.00, 100.00), (3, NULL, 50.00)", **target)
    # udf-creating-a-scalar-sql-udf: select f_sql_greater(commission, pricepaid*0.20) from sales.
    assert query(client, "select salesid, f_sql_greater(commission, pricepaid*0.20) from sales order by salesid", **target) == [
        [1, 20.0], [2, 30.0], [3, 10.0]]
    assert query(client, "select f_sql_greater(1, 2)", **target) == [[2.0]]
    rows = query(client, "select proname, prokind, provolatile from pg_proc_info where proname = 'f_sql_greater'", **target)
    assert rows == [["f_sql_greater", "f", "s"]]


def test_overloading_by_argument_types_and_drop_function(client, target):
    run_ok(client, "create function f_kind(int) returns varchar(20) immutable as $$ select 'integer ' || $1 $$ language sql", **target)
    run_ok(client, "create function f_kind(varchar) returns varchar(20) immutable as $$ select 'text ' || $1 $$ language sql", **target)
    assert query(client, "select f_kind(7), f_kind('seven')", **target) == [["integer 7", "text seven"]]
    assert "already exists" in failed(client, "create function f_kind(int) returns int immutable as $$ select $1 $$ language sql", **target)
    run_ok(client, "create or replace function f_kind(int) returns varchar(20) immutable as $$ select 'int ' || $1 $$ language sql", **target)
    assert query(client, "select f_kind(7)", **target) == [["int 7"]]
    run_ok(client, "drop function f_kind(int)", **target)
    assert query(client, "select f_kind('x')", **target) == [["text x"]]
    assert "does not exist" in failed(client, "drop function f_kind(int)", **target)


def test_grant_execute_on_function(client, target):
    user = f"u_{uuid.uuid4().hex[:8]}"
    run_ok(client, "create function f_twice(int) returns int immutable as $$ select $1 * 2 $$ language sql", **target)
    run_ok(client, f"create user {user} password disable", **target)
    as_user = dict(target, DbUser=user)
    assert query(client, "select f_twice(21)", **as_user) == [[42]]
    run_ok(client, "revoke execute on function f_twice(int) from public", **target)
    assert "permission denied" in failed(client, "select f_twice(21)", **as_user)
    run_ok(client, f"grant execute on function f_twice(int) to {user}", **target)
    assert query(client, "select f_twice(21)", **as_user) == [[42]]


def test_python_udf_is_refused(client, target):
    # r_CREATE_FUNCTION: Amazon Redshift no longer supports creating Python UDFs.
    error = failed(client, """create function f_py_greater (a float, b float)
  returns float
stable
as $$
  if a > b:
    return a
  return b
$$ language plpythonu;""", **target)
    assert "Python UDF" in error


def test_udf_used_inside_a_procedure(client, target):
    run_ok(client, "create function f_add1(int) returns int immutable as $$ select $1 + 1 $$ language sql", **target)
    run_ok(client, """create procedure p_uses_udf(INOUT n int) as $$
begin
  n := f_add1(n) * 10;
end;
$$ language plpgsql""", **target)
    assert query(client, "call p_uses_udf(4)", **target) == [[50]]
