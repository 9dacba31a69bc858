"""Defects a fresh corpus of Developer Guide examples found (issue 16, item 7), each against the
page that settles it: late-binding views (r_CREATE_VIEW), views blocking DROP TABLE
(r_DROP_TABLE), `#name` temporary tables (r_CREATE_TABLE_NEW), RLS lookup tables
(t_rls_object_dependency), TOP with LIMIT (r_SELECT_list), multibyte characters in CHAR
(r_Character_types, multi-byte-character-load-errors) and VARBYTE columns (r_VARBYTE_type).
"""

import pytest

from conftest import query, run, run_ok, wait

psycopg2 = pytest.importorskip("psycopg2")


def failed(client, sql, target, text):
    d = run(client, sql, **target)
    assert d["Status"] == "FAILED", sql
    assert text in d["Error"], d["Error"]
    return d


def pg_connect(server):
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user="awsuser", password="any",
                            dbname="dev", sslmode="disable", connect_timeout=10)
    conn.autocommit = True
    return conn


# r_CREATE_VIEW: "a late-binding view … doesn't check the underlying database objects, such as
# tables and other views, until the view is queried. As a result, you can alter or drop the
# underlying objects without dropping and recreating the view" — and create it before them.
def test_late_binding_view_is_created_before_its_table_and_resolved_when_queried(client, target):
    run_ok(client, "CREATE VIEW lbv_event AS SELECT eventid, eventname FROM public.lbv_base WITH NO SCHEMA BINDING", **target)
    failed(client, "SELECT * FROM lbv_event", target, 'relation "public.lbv_base" does not exist')
    run_ok(client, "CREATE TABLE public.lbv_base (eventid INT, eventname VARCHAR(20), extra INT)", **target)
    run_ok(client, "INSERT INTO lbv_base VALUES (1, 'Opera', 7), (2, 'Jazz', 8)", **target)
    assert query(client, "SELECT eventid, eventname FROM lbv_event ORDER BY eventid", **target) == [[1, "Opera"], [2, "Jazz"]]
    # Dropping the base table keeps the view; a new table of the same name is what it reads next.
    run_ok(client, "DROP TABLE lbv_base", **target)
    assert query(client, "SELECT count(*) FROM pg_views WHERE viewname = 'lbv_event'", **target) == [[1]]
    run_ok(client, "CREATE TABLE public.lbv_base (eventid BIGINT, eventname VARCHAR(20))", **target)
    run_ok(client, "INSERT INTO lbv_base VALUES (3, 'Pop')", **target)
    assert query(client, "SELECT * FROM lbv_event", **target) == [[3, "Pop"]]


# r_CREATE_VIEW: "tables and views referenced in the SELECT statement must be qualified with a
# schema name. The schema must exist when the view is created" — the page's failing example.
def test_late_binding_view_needs_schema_qualified_names(client, target):
    d = run(client, "create view myevent as select eventname from event with no schema binding", **target)
    assert d["Status"] == "FAILED"
    run_ok(client, "create view myevent as select eventname from public.event with no schema binding", **target)
    failed(client, "create view myevent2 as select x from no_such_schema.event with no schema binding", target,
           'schema "no_such_schema" does not exist')
    # CTE names are not relations: they need no schema.
    run_ok(client, "create view myevent3 as with e as (select eventname from public.event) select * from e "
                   "with no schema binding", **target)


def test_late_binding_view_column_list_renames_the_query_columns(client, target):
    run_ok(client, "CREATE VIEW lbv_named (id, label) AS SELECT a, b FROM public.lbv_later WITH NO SCHEMA BINDING", **target)
    run_ok(client, "CREATE TABLE lbv_later (a INT, b VARCHAR(5))", **target)
    run_ok(client, "INSERT INTO lbv_later VALUES (5, 'five')", **target)
    assert query(client, "SELECT label, id FROM lbv_named", **target) == [["five", 5]]


# r_DROP_TABLE: dropping a table a view depends on fails ("ERROR: cannot drop table feedback
# because other objects depend on it"); DROP TABLE … CASCADE drops the dependent views too.
def test_view_blocks_drop_table_until_cascade(client, target):
    run_ok(client, "CREATE TABLE feedback (id INT, score INT)", **target)
    run_ok(client, "CREATE VIEW feedback_view AS SELECT id FROM feedback", **target)
    run_ok(client, "CREATE VIEW feedback_view2 AS SELECT id FROM feedback_view", **target)
    failed(client, "DROP TABLE feedback", target, "cannot drop table feedback because other objects depend on it")
    # A view on a view blocks its DROP VIEW the same way; nothing was dropped.
    failed(client, "DROP VIEW feedback_view", target, "cannot drop view feedback_view because other objects depend on it")
    assert query(client, "SELECT count(*) FROM pg_views WHERE viewname LIKE 'feedback_view%'", **target) == [[2]]
    run_ok(client, "DROP TABLE feedback CASCADE", **target)
    assert query(client, "SELECT count(*) FROM pg_views WHERE viewname LIKE 'feedback_view%'", **target) == [[0]]
    assert query(client, "SELECT count(*) FROM pg_tables WHERE tablename = 'feedback'", **target) == [[0]]


# r_DROP_TABLE's example prints the error with its HINT; the cluster endpoint sends them as the
# ErrorResponse's message and H fields with SQLSTATE 2BP01 (dependent_objects_still_exist).
def test_drop_table_error_fields_on_the_postgresql_door(server):
    conn = pg_connect(server)
    try:
        cur = conn.cursor()
        cur.execute("CREATE TABLE pg_feedback (id INT)")
        cur.execute("CREATE VIEW pg_feedback_view AS SELECT id FROM pg_feedback")
        with pytest.raises(psycopg2.Error) as excinfo:
            cur.execute("DROP TABLE pg_feedback")
        assert excinfo.value.pgcode == "2BP01"
        assert excinfo.value.diag.message_primary == "cannot drop table pg_feedback because other objects depend on it"
        assert excinfo.value.diag.message_hint == "Use DROP ... CASCADE to drop the dependent objects too."
        cur.execute("DROP TABLE pg_feedback CASCADE")
    finally:
        conn.close()


def test_dropping_a_view_with_its_dependents_in_one_statement(client, target):
    run_ok(client, "CREATE TABLE dep_base (id INT)", **target)
    run_ok(client, "CREATE VIEW dep_v1 AS SELECT id FROM dep_base", **target)
    run_ok(client, "CREATE VIEW dep_v2 AS SELECT id FROM dep_v1", **target)
    run_ok(client, "DROP VIEW dep_v2, dep_v1", **target)
    run_ok(client, "DROP TABLE dep_base", **target)  # no dependents left


# r_CREATE_VIEW: a late-binding view does not depend on its tables, so it never blocks a drop.
def test_late_binding_view_does_not_block_drop_table(client, target):
    run_ok(client, "CREATE TABLE lb_dep (id INT)", **target)
    run_ok(client, "CREATE VIEW lb_dep_view AS SELECT id FROM public.lb_dep WITH NO SCHEMA BINDING", **target)
    # Nor does a regular view on top of it: it depends on the late-binding view only.
    run_ok(client, "CREATE VIEW lb_dep_top AS SELECT id FROM lb_dep_view", **target)
    run_ok(client, "DROP TABLE lb_dep", **target)
    failed(client, "DROP VIEW lb_dep_view", target, "cannot drop view lb_dep_view because other objects depend on it")


# t_rls_object_dependency: "You can't drop a lookup table. To drop a lookup table, first drop
# the policy referencing the lookup table." — CASCADE does not help.
def test_rls_lookup_table_cannot_be_dropped_while_a_policy_uses_it(client, target):
    for sql in [
        "CREATE TABLE tickit_sales_redshift (eventid INT, qtysold INT)",
        "CREATE TABLE tickit_event_redshift (eventid INT, eventname VARCHAR(20))",
        "CREATE ROLE analyst_lookup",
        "CREATE RLS POLICY policy_events WITH (eventid INTEGER) "
        "USING (eventid IN (SELECT eventid FROM tickit_sales_redshift WHERE qtysold < 3))",
        "ATTACH RLS POLICY policy_events ON tickit_event_redshift TO ROLE analyst_lookup",
    ]:
        run_ok(client, sql, **target)
    for sql in ["DROP TABLE tickit_sales_redshift", "DROP TABLE tickit_sales_redshift CASCADE"]:
        failed(client, sql, target, "cannot drop table tickit_sales_redshift because other objects depend on it")
    # The target table may be dropped (its policies are detached), and once the policy is gone
    # so may the lookup table.
    run_ok(client, "DROP TABLE tickit_event_redshift", **target)
    run_ok(client, "DROP RLS POLICY policy_events CASCADE", **target)
    run_ok(client, "DROP TABLE tickit_sales_redshift", **target)


# r_CREATE_TABLE_NEW: "a table name beginning with '#' indicates a temporary table"; it is
# visible in its own session only and every statement of that session finds it by #name.
def test_hash_name_is_a_session_temporary_table(server):
    own, other = pg_connect(server), pg_connect(server)
    try:
        cur = own.cursor()
        cur.execute("CREATE TABLE #newtable (id INT, name VARCHAR(10))")
        cur.execute("INSERT INTO #newtable VALUES (1, 'one'), (2, 'two')")
        cur.execute("UPDATE #newtable SET name = 'uno' WHERE id = 1")
        cur.execute("SELECT id, name FROM #newtable ORDER BY id")
        assert cur.fetchall() == [(1, "uno"), (2, "two")]
        cur.execute("SELECT t.id FROM #newtable t JOIN #newtable u ON t.id = u.id WHERE t.id = 2")
        assert cur.fetchall() == [(2,)]
        cur.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE '%newtable'")
        assert cur.fetchall() == [(0,)]
        with pytest.raises(psycopg2.Error) as excinfo:
            other.cursor().execute("SELECT * FROM #newtable")
        assert excinfo.value.pgcode == "42P01"
        cur.execute("DROP TABLE #newtable")
        with pytest.raises(psycopg2.Error):
            cur.execute("SELECT * FROM #newtable")
    finally:
        own.close()
        other.close()


# r_SELECT_list: TOP n is the row limit in the select list; with a LIMIT clause as well the
# query has two limits, an error (issue 16; the message is PostgreSQL's, unverified on Redshift).
def test_top_together_with_limit_is_an_error(client, target):
    run_ok(client, "CREATE TABLE top_sales (qtysold INT)", **target)
    run_ok(client, "INSERT INTO top_sales VALUES (1), (2), (3)", **target)
    assert query(client, "SELECT TOP 2 qtysold FROM top_sales ORDER BY qtysold DESC", **target) == [[3], [2]]
    failed(client, "SELECT TOP 2 qtysold FROM top_sales ORDER BY qtysold LIMIT 1", target, "multiple LIMIT clauses not allowed")


# r_Character_types / multi-byte-character-load-errors: "Columns with a CHAR data type only
# accept single-byte UTF-8 characters"; VARCHAR accepts multibyte ones.
def test_char_column_rejects_multibyte_characters(client, target):
    run_ok(client, "CREATE TABLE mb_chars (c CHAR(10), v VARCHAR(10))", **target)
    failed(client, "INSERT INTO mb_chars (c) VALUES ('café')", target, "Multibyte character not supported for CHAR")
    run_ok(client, "INSERT INTO mb_chars (v) VALUES ('café')", **target)
    # From a query too (a runtime value), and by UPDATE; nothing is stored.
    failed(client, "INSERT INTO mb_chars (c) SELECT v FROM mb_chars", target, "Multibyte character not supported for CHAR")
    failed(client, "UPDATE mb_chars SET c = v", target, "Multibyte character not supported for CHAR")
    assert query(client, "SELECT count(c), count(v) FROM mb_chars", **target) == [[0, 1]]
    run_ok(client, "INSERT INTO mb_chars (c) VALUES ('cafe')", **target)
    # Comparing a CHAR column with a multibyte literal is not an assignment: no error, no match.
    assert query(client, "SELECT count(*) FROM mb_chars WHERE c = 'café'", **target) == [[0]]


# r_VARBYTE_type: a VARBYTE(n) column stores VARBYTE values of up to n bytes.
def test_varbyte_value_into_shorter_varbyte_column(client, target):
    run_ok(client, "CREATE TABLE vb_t (b VARBYTE(16))", **target)
    run_ok(client, "INSERT INTO vb_t VALUES ('hello'::varbyte)", **target)
    run_ok(client, "INSERT INTO vb_t SELECT b FROM vb_t", **target)
    # The Data API carries VARBYTE as base64 text (data-api.md): 'hello' is aGVsbG8=.
    assert query(client, "SELECT b FROM vb_t", **target) == [["aGVsbG8="], ["aGVsbG8="]]
    failed(client, "INSERT INTO vb_t VALUES ('0123456789abcdefXYZ'::varbyte)", target, "value too long for type varbyte(16)")


# PG_GET_LATE_BINDING_VIEW_COLS: "Returns the column metadata for all late-binding views in the
# database" as (view_schema, view_name, col_name, col_type, col_num); types read as
# format_type prints them (the page's example: integer, character varying(…), …).
def test_pg_get_late_binding_view_cols(client, target):
    run_ok(client, "CREATE TABLE lbc_sales (salesid INT, pricepaid DECIMAL(8,2), buyer VARCHAR(12))", **target)
    run_ok(client, "CREATE VIEW sales_lbv AS SELECT salesid, pricepaid, buyer FROM public.lbc_sales WITH NO SCHEMA BINDING", **target)
    run_ok(client, "CREATE VIEW gone_lbv AS SELECT x FROM public.lbc_missing WITH NO SCHEMA BINDING", **target)
    sql = ("SELECT * FROM pg_get_late_binding_view_cols() cols(view_schema name, view_name name, col_name name, "
           "col_type varchar, col_num int) ORDER BY view_name, col_num")
    assert query(client, sql, **target) == [
        ["public", "sales_lbv", "salesid", "integer", 1],
        ["public", "sales_lbv", "pricepaid", "numeric(8,2)", 2],
        ["public", "sales_lbv", "buyer", "character varying(12)", 3],
    ]


# r_CREATE_TABLE_examples, "Create a table with a default IDENTITY column": the page's statements
# and the results it prints (an explicit base_id need not be unique; hist_id keeps counting).
def test_default_identity_column_example(client, target):
    run_ok(client, "CREATE TABLE t1(hist_id BIGINT IDENTITY NOT NULL, base_id BIGINT GENERATED BY DEFAULT AS IDENTITY NOT NULL, "
                   "business_key varchar(10), some_field varchar(10))", **target)
    run_ok(client, "INSERT INTO T1 (business_key, some_field) values ('A','MM')", **target)
    assert query(client, "SELECT * FROM t1", **target) == [[1, 1, "A", "MM"]]
    run_ok(client, "INSERT INTO T1 (base_id, business_key, some_field) values (DEFAULT, 'B','MNOP')", **target)
    assert query(client, "SELECT * FROM t1 ORDER BY hist_id", **target) == [[1, 1, "A", "MM"], [2, 2, "B", "MNOP"]]
    run_ok(client, "INSERT INTO T1 (base_id, business_key, some_field) values (2,'B','MNNN')", **target)
    assert query(client, "SELECT * FROM t1 ORDER BY hist_id", **target) == [
        [1, 1, "A", "MM"], [2, 2, "B", "MNOP"], [3, 2, "B", "MNNN"]]
    # hist_id is a plain IDENTITY: "Cannot be overridden".
    assert run(client, "INSERT INTO T1 (hist_id, business_key) values (9, 'C')", **target)["Status"] == "FAILED"


# r_CREATE_TABLE_NEW, GENERATED BY DEFAULT AS IDENTITY: "Providing a value doesn't affect the next
# system-generated value." Deleted values are not handed out again, and a table renamed and then
# created again under its old name keeps counting apart from the new one.
def test_explicit_identity_values_do_not_move_the_generated_ones(client, target):
    run_ok(client, "CREATE TABLE ids (id BIGINT GENERATED BY DEFAULT AS IDENTITY(10, 5), v varchar(4))", **target)
    run_ok(client, "INSERT INTO ids (v) VALUES ('a')", **target)
    run_ok(client, "INSERT INTO ids (id, v) VALUES (1000, 'b')", **target)
    run_ok(client, "INSERT INTO ids (v) VALUES ('c')", **target)
    assert query(client, "SELECT id, v FROM ids ORDER BY v", **target) == [[10, "a"], [1000, "b"], [15, "c"]]
    run_ok(client, "DELETE FROM ids WHERE v = 'c'", **target)
    run_ok(client, "INSERT INTO ids (v) VALUES ('d')", **target)
    assert query(client, "SELECT id FROM ids WHERE v = 'd'", **target) == [[20]]
    run_ok(client, "ALTER TABLE ids RENAME TO ids_old", **target)
    run_ok(client, "CREATE TABLE ids (id BIGINT IDENTITY(1, 1), v varchar(4))", **target)
    run_ok(client, "INSERT INTO ids (v) VALUES ('e')", **target)
    run_ok(client, "INSERT INTO ids_old (v) VALUES ('f')", **target)
    assert query(client, "SELECT id FROM ids", **target) == [[1]]
    assert query(client, "SELECT id FROM ids_old WHERE v = 'f'", **target) == [[25]]


# A temporary table's IDENTITY counts apart from a permanent one's in the same session, and an
# INSERT … SELECT hands out one new value per row (r_CREATE_TABLE_NEW, IDENTITY).
def test_identity_in_temp_and_permanent_tables_of_one_session(client, target):
    sqls = ["CREATE TEMP TABLE tt (id int IDENTITY(100, 1), v int)",
            "CREATE TABLE mt (id int IDENTITY(1, 1), v int)",
            "INSERT INTO tt (v) VALUES (1), (2)",
            "INSERT INTO mt (v) VALUES (1), (2), (3)",
            "INSERT INTO mt (v) SELECT v FROM mt",
            "INSERT INTO tt (v) VALUES (3)"]
    session = client.execute_statement(Sql=sqls[0], SessionKeepAliveSeconds=60, **target)
    assert wait(client, session["Id"])["Status"] == "FINISHED"
    for sql in sqls[1:]:
        r = client.execute_statement(Sql=sql, SessionId=session["SessionId"])
        assert wait(client, r["Id"])["Status"] == "FINISHED", sql
    def rows(sql):
        r = client.execute_statement(Sql=sql, SessionId=session["SessionId"])
        wait(client, r["Id"])
        return [[f.get("longValue") for f in rec] for rec in client.get_statement_result(Id=r["Id"])["Records"]]
    assert rows("SELECT id FROM tt ORDER BY v") == [[100], [101], [102]]
    assert rows("SELECT count(DISTINCT id), min(id), max(id) FROM mt") == [[6, 1, 6]]
