"""HLL and catalog functions through the Data API: HLL (r_HLL_function), pg_get_viewdef by OID and by
name (PostgreSQL 8.0 system information functions, which Redshift keeps), STV_SESSIONS
(r_STV_SESSIONS) and pg_get_late_binding_view_cols (PG_GET_LATE_BINDING_VIEW_COLS)."""

from conftest import query, run_ok


def test_hll_cardinality_of_a_column(client, target):
    # r_HLL_function: the page's example prints 4.
    run_ok(client, "CREATE TABLE a_table(an_int INT)", **target)
    run_ok(client, "INSERT INTO a_table VALUES (1), (2), (3), (4)", **target)
    assert query(client, "SELECT hll(an_int) AS cardinality FROM a_table", **target) == [[4]]
    # Duplicates and NULLs do not count; per group.
    run_ok(client, "INSERT INTO a_table VALUES (4), (NULL)", **target)
    assert query(client, "SELECT hll(an_int) FROM a_table", **target) == [[4]]
    assert query(client, "SELECT an_int % 2, hll(an_int) FROM a_table WHERE an_int IS NOT NULL GROUP BY 1 ORDER BY 1", **target) == [[0, 2], [1, 2]]


def test_pg_get_viewdef_by_oid_and_by_name(client, target):
    run_ok(client, "CREATE TABLE base (a int)", **target)
    run_ok(client, "CREATE VIEW v_base AS SELECT a FROM base", **target)
    by_oid = query(client, "SELECT pg_get_viewdef(c.oid) FROM pg_class c WHERE c.relname = 'v_base'", **target)
    by_name = query(client, "SELECT pg_get_viewdef('v_base'), pg_get_viewdef('public.v_base')", **target)
    assert by_oid[0][0] is not None and "base" in by_oid[0][0].lower()
    assert by_name == [[by_oid[0][0], by_oid[0][0]]]
    assert query(client, "SELECT pg_get_viewdef('no_such_view')", **target) == [[None]]


def test_stv_sessions_lists_the_current_session(client, target):
    # r_STV_SESSIONS: starttime, process, user_name, db_name, timeout_sec; count(*) >= 1 while connected.
    d = run_ok(client, "select * from stv_sessions", **target)
    meta = client.get_statement_result(Id=d["Id"])["ColumnMetadata"]
    assert [c["name"] for c in meta] == ["starttime", "process", "user_name", "db_name", "timeout_sec"]
    # A Data API session kept alive is a session of the cluster; it is listed while it lives.
    first = run_ok(client, "select 1", SessionKeepAliveSeconds=60, **target)
    assert query(client, "select count(*) >= 1 from stv_sessions", SessionId=first["SessionId"]) == [[True]]


def test_late_binding_view_columns_table_form(client, target):
    run_ok(client, "CREATE TABLE event (eventid integer, eventname varchar(200), starttime timestamp)", **target)
    run_ok(client, "CREATE VIEW myevent AS SELECT eventname FROM public.event WITH NO SCHEMA BINDING", **target)
    got = query(client, "select * from pg_get_late_binding_view_cols() cols(view_schema name, view_name name, "
                        "col_name name, col_type varchar, col_num int)", **target)
    assert got == [["public", "myevent", "eventname", "character varying(200)", 1]]
