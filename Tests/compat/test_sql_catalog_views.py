"""Catalog views (information_schema, pg_catalog, PG_TABLE_DEF, SVV_*) through the Data API.

Schemas, tables and views are created with Redshift DDL (DISTKEY, SORTKEY, ENCODE); each view is
then queried the way client tools do, values are checked against the AWS documentation (page slug
beside each check), and the views agree with ListSchemas / ListTables / DescribeTable of the same
database."""

from conftest import query, run, run_ok

SETUP = [
    "CREATE SCHEMA sales",
    # r_PG_TABLE_DEF: the LINEORDER_COMPOUND / LINEORDER_INTERLEAVED examples.
    """CREATE TABLE lineorder_compound (lo_orderkey INTEGER NOT NULL ENCODE delta32k, lo_custkey INTEGER NOT NULL,
        lo_partkey INTEGER NOT NULL DISTKEY, lo_suppkey INTEGER NOT NULL ENCODE delta32k,
        lo_orderdate INTEGER NOT NULL ENCODE delta, lo_comment VARCHAR(79))
        COMPOUND SORTKEY (lo_orderkey, lo_custkey, lo_partkey, lo_suppkey, lo_orderdate)""",
    """CREATE TABLE lineorder_interleaved (lo_orderkey INTEGER NOT NULL ENCODE delta32k, lo_custkey INTEGER NOT NULL,
        lo_partkey INTEGER NOT NULL DISTKEY, lo_suppkey INTEGER NOT NULL ENCODE delta32k,
        lo_orderdate INTEGER NOT NULL ENCODE delta)
        INTERLEAVED SORTKEY (lo_orderkey, lo_custkey, lo_partkey, lo_suppkey, lo_orderdate)""",
    """CREATE TABLE sales.orders (id BIGINT NOT NULL, customer VARCHAR(40), amount DECIMAL(12,2) DEFAULT 0,
        placed TIMESTAMP, paid BOOLEAN, region CHAR(2))
        DISTSTYLE KEY DISTKEY (id) SORTKEY (placed)""",
    "CREATE TABLE sales.regions (code CHAR(2) NOT NULL, name VARCHAR(30)) DISTSTYLE ALL",
    "CREATE VIEW sales.big_orders AS SELECT id, amount FROM sales.orders WHERE amount > 100",
]


def setup(client, target):
    for sql in SETUP:
        run_ok(client, sql, **target)


def test_information_schema_agrees_with_list_schemas_and_list_tables(client, target):
    setup(client, target)
    schemas = client.list_schemas(**target)["Schemas"]
    assert query(client, "SELECT schema_name FROM information_schema.schemata ORDER BY 1", **target) == [[s] for s in sorted(schemas)]
    assert "sales" in schemas

    # The typical tool query (r_SVV_TABLES / PostgreSQL information_schema: BASE TABLE, VIEW).
    assert query(client, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1", **target) == [
        ["lineorder_compound"], ["lineorder_interleaved"]]
    listed = client.list_tables(SchemaPattern="sales", **target)["Tables"]
    by_view = query(client, "SELECT table_name, table_type FROM information_schema.tables WHERE table_schema = 'sales' ORDER BY 1", **target)
    assert [[t["name"], t["type"]] for t in listed] == [[n, {"BASE TABLE": "TABLE"}.get(k, k)] for n, k in by_view]
    assert by_view == [["big_orders", "VIEW"], ["orders", "BASE TABLE"], ["regions", "BASE TABLE"]]
    assert query(client, "SELECT table_name, table_type FROM svv_tables WHERE table_schema = 'sales' ORDER BY 1", **target) == by_view
    assert query(client, "SELECT table_name, view_definition FROM information_schema.views WHERE table_schema = 'sales'", **target) == [
        ["big_orders", "SELECT id, amount FROM sales.orders WHERE amount > 100"]]
    # r_SVV_REDSHIFT_TABLES: table_type TABLE / VIEW; r_SVV_ALL_SCHEMAS: local schemas.
    assert query(client, "SELECT table_name, table_type FROM svv_redshift_tables WHERE schema_name = 'sales' ORDER BY 1", **target) == [
        ["big_orders", "VIEW"], ["orders", "TABLE"], ["regions", "TABLE"]]
    assert query(client, "SELECT database_name, schema_type FROM svv_all_schemas WHERE schema_name = 'sales'", **target) == [["dev", "local"]]


def test_information_schema_columns_agree_with_describe_table(client, target):
    setup(client, target)
    described = client.describe_table(Schema="sales", Table="orders", **target)["ColumnList"]
    columns = query(client, """SELECT column_name, is_nullable, udt_name, character_maximum_length, numeric_precision, numeric_scale,
                                      data_type, column_default
                               FROM information_schema.columns WHERE table_schema = 'sales' AND table_name = 'orders'
                               ORDER BY ordinal_position""", **target)
    assert [c[0] for c in columns] == [d["name"] for d in described]
    assert [c[1] for c in columns] == ["NO" if d["nullable"] == 0 else "YES" for d in described]
    assert [c[2] for c in columns] == [d["typeName"] for d in described]
    assert [c[3] or 0 for c in columns] == [d["length"] for d in described]
    # PostgreSQL data_type names (information_schema; r_SVV_COLUMNS).
    assert [c[6] for c in columns] == ["bigint", "character varying", "numeric", "timestamp without time zone", "boolean", "character"]
    assert columns[2][4:6] == [12, 2] and columns[2][7] == "0"
    assert query(client, """SELECT column_name, data_type FROM svv_columns WHERE table_schema = 'sales' AND table_name = 'orders'
                            ORDER BY ordinal_position""", **target) == [[c[0], c[6]] for c in columns]


def test_pg_table_def_documented_examples(client, target):
    setup(client, target)
    # r_PG_TABLE_DEF, compound sort key example.
    # encoding is character(32): blank-padded like any CHAR value (trimmed here).
    assert query(client, """select "column", type, trim(encoding), distkey, sortkey, "notnull" from pg_table_def
                            where tablename = 'lineorder_compound' and sortkey <> 0""", **target) == [
        ["lo_orderkey", "integer", "delta32k", False, 1, True],
        ["lo_custkey", "integer", "none", False, 2, True],
        ["lo_partkey", "integer", "none", True, 3, True],
        ["lo_suppkey", "integer", "delta32k", False, 4, True],
        ["lo_orderdate", "integer", "delta", False, 5, True],
    ]
    # r_PG_TABLE_DEF, interleaved sort key example: alternately negative positions.
    assert query(client, """select "column", sortkey from pg_table_def
                            where tablename = 'lineorder_interleaved' and sortkey <> 0""", **target) == [
        ["lo_orderkey", -1], ["lo_custkey", 2], ["lo_partkey", -3], ["lo_suppkey", 4], ["lo_orderdate", -5]]
    # r_PG_TABLE_DEF: only schemas on the search_path are visible.
    run_ok(client, "create schema demo", **target)
    run_ok(client, "create table demo.demotable (one int)", **target)
    assert query(client, "select * from pg_table_def where tablename = 'demotable'", **target) == []
    session = client.execute_statement(Sql="set search_path to '$user', 'public', 'demo'", SessionKeepAliveSeconds=60, **target)
    from conftest import wait
    assert wait(client, session["Id"])["Status"] == "FINISHED"
    sid = session["SessionId"]
    assert query(client, """select schemaname, tablename, "column", type, distkey, sortkey, "notnull" from pg_table_def
                            where tablename = 'demotable'""", SessionId=sid) == [
        ["demo", "demotable", "one", "integer", False, 0, False]]
    # `type` carries the modifiers, as format_type prints them (r_PG_TABLE_DEF: character varying(n)).
    assert query(client, "select type from pg_table_def where tablename = 'lineorder_compound' and \"column\" = 'lo_comment'", **target) == [
        ["character varying(79)"]]


def test_pg_catalog_joins_and_types(client, target):
    setup(client, target)
    d = run_ok(client, """SELECT c.relname, n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                          WHERE c.relkind = 'r' ORDER BY 1""", **target)
    result = client.get_statement_result(Id=d["Id"])
    assert [[f.get("stringValue") for f in r] for r in result["Records"]] == [
        ["lineorder_compound", "public"], ["lineorder_interleaved", "public"], ["orders", "sales"], ["regions", "sales"]]
    assert query(client, "SELECT relname, relkind FROM pg_class WHERE relkind = 'v'", **target) == [["big_orders", "v"]]
    # pg_type OIDs are PostgreSQL's (int8 20, varchar 1043, numeric 1700, timestamp 1114, bool 16, bpchar 1042).
    assert query(client, """SELECT a.attname, a.atttypid, t.typname, format_type(a.atttypid, a.atttypmod)
                            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
                            WHERE c.relname = 'orders' AND a.attnum > 0 ORDER BY a.attnum""", **target) == [
        ["id", 20, "int8", "bigint"], ["customer", 1043, "varchar", "character varying(40)"],
        ["amount", 1700, "numeric", "numeric(12,2)"], ["placed", 1114, "timestamp", "timestamp without time zone"],
        ["paid", 16, "bool", "boolean"], ["region", 1042, "bpchar", "character(2)"]]
    assert query(client, "SELECT schemaname, tablename FROM pg_tables WHERE schemaname = 'sales' ORDER BY 2", **target) == [
        ["sales", "orders"], ["sales", "regions"]]
    assert query(client, "SELECT viewname FROM pg_views WHERE schemaname = 'sales'", **target) == [["big_orders"]]
    # cm-c-executing-queries: superusers are listed by pg_user with usesuper = true.
    assert ["awsuser"] in query(client, "select usename from pg_user where usesuper = 'true'", **target)
    # Catalog views join user tables.
    run_ok(client, "CREATE TABLE notes (relname VARCHAR(128), note VARCHAR(20))", **target)
    run_ok(client, "INSERT INTO notes VALUES ('orders', 'facts'), ('nothing', 'x')", **target)
    assert query(client, "SELECT c.relname, n.note FROM pg_class c JOIN notes n ON n.relname = c.relname", **target) == [["orders", "facts"]]


def test_svv_table_info_and_redshift_columns(client, target):
    setup(client, target)
    run_ok(client, "INSERT INTO sales.orders VALUES (1, 'a', 150, '2024-01-01', true, 'EU'), (2, 'b', 5, NULL, false, 'US')", **target)
    run_ok(client, "INSERT INTO sales.regions VALUES ('EU', 'Europe')", **target)
    # r_SVV_TABLE_INFO: no rows for empty tables; diststyle KEY(column) / ALL; sortkey1 the first sort key column.
    assert query(client, """select "table", diststyle, sortkey1, tbl_rows from svv_table_info
                            where schema = 'sales' order by 1""", **target) == [
        ["orders", "KEY(id)", "placed", "2"], ["regions", "ALL", "AUTO(SORTKEY)", "1"]]
    assert query(client, "select count(*) from svv_table_info where \"table\" like 'lineorder%'", **target) == [[0]]
    # r_SVV_REDSHIFT_COLUMNS sample: integer column without ENCODE is az64; is_nullable NO.
    assert query(client, """select column_name, data_type, is_nullable, encoding, distkey, sortkey from svv_redshift_columns
                            where table_name = 'lineorder_compound' and column_name in ('lo_custkey', 'lo_suppkey') order by 1""", **target) == [
        ["lo_custkey", "integer", "NO", "none", False, 2], ["lo_suppkey", "integer", "NO", "delta32k", False, 4]]
    assert query(client, """select column_name, encoding from svv_redshift_columns
                            where schema_name = 'sales' and table_name = 'regions' order by ordinal_position""", **target) == [
        ["code", "lzo"], ["name", "lzo"]]
    # r_SVV_REDSHIFT_DATABASES sample.
    assert query(client, "select database_name, database_owner, database_type, database_isolation_level from svv_redshift_databases", **target) == [
        ["dev", 1, "local", "Serializable"]]
    assert query(client, "select count(*) from svv_all_columns where schema_name = 'sales' and table_name = 'orders'", **target) == [[6]]


def test_temp_tables_are_listed_in_their_session_only(client, target):
    first = client.execute_statement(Sql="create temp table scratch (x int)", SessionKeepAliveSeconds=60, **target)
    from conftest import wait
    assert wait(client, first["Id"])["Status"] == "FINISHED"
    sid = first["SessionId"]
    assert query(client, "select table_schema, table_type from information_schema.tables where table_name = 'scratch'", SessionId=sid) == [
        ["pg_temp", "LOCAL TEMPORARY"]]
    assert query(client, "select count(*) from pg_table_def where tablename = 'scratch'", SessionId=sid) == [[1]]
    assert query(client, "select count(*) from information_schema.tables where table_name = 'scratch'", **target) == [[0]]


def test_unsupported_system_relation_fails_cleanly(client, target):
    d = run(client, "select * from information_schema.triggers", **target)
    assert d["Status"] == "FAILED" and "not supported" in d["Error"]
