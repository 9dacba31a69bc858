"""The catalog that tools query (issue 13 item 6): psql's \\d family, SQLAlchemy 2 with
sqlalchemy-redshift's inspector, and the pg_catalog queries both send, through the PostgreSQL door;
plus psql cross-door checks with boto3's Data API.

Expected values come from the documentation, not from our output:
- Developer Guide › System catalog tables (c_intro_catalog_views): the PostgreSQL 8.0 catalog
  (pg_class, pg_namespace, pg_attribute, pg_type, pg_constraint, pg_attrdef, pg_description,
  pg_database, pg_user …); Redshift adds pg_class.reldiststyle (Developer Guide › PG_CLASS_INFO:
  0 EVEN, 1 KEY, 8 ALL) and pg_attribute.attisdistkey/attsortkeyord/attencodingtype.
- Developer Guide › Defining table constraints (t_Defining_constraints): primary, unique and
  foreign keys are informational, kept in the catalog; PostgreSQL names unnamed ones `t_pkey`,
  `t_col_key`, `t_col_fkey` (PostgreSQL docs › CREATE TABLE).
- Developer Guide › Names and identifiers (r_names): identifiers, quoted ones too, are folded to
  lower case, so psql's `"Schema"` headers read `schema`.
- Developer Guide › SELECT list (r_SELECT_list): a select-list alias can be referenced later in
  the query (sqlalchemy-redshift filters its reflection on `schema = '…'`).
- Developer Guide › PG_GET_LATE_BINDING_VIEW_COLS: needs a column definition list.
- PostgreSQL docs › System information functions: pg_get_userbyid, pg_table_is_visible,
  pg_get_constraintdef, pg_get_viewdef, format_type, pg_get_expr; `'name'::regclass`.
"""

import os
import shutil
import subprocess
import uuid

import pytest

psycopg2 = pytest.importorskip("psycopg2")

from conftest import make_client, pg_connect, query, run_ok  # noqa: E402

needs_psql = pytest.mark.skipif(shutil.which("psql") is None, reason="psql (postgresql-client) is not installed")


def connect(server, **kw):
    return pg_connect(server, autocommit=True, **kw)


@pytest.fixture(scope="module")
def shop(pg):
    """A schema of its own with two tables (a primary key, a default, a foreign key, a unique key)
    and a view."""
    schema = f"cat_{uuid.uuid4().hex[:8]}"
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute(f"create schema {schema}")
    cur.execute(f"create table {schema}.customers (id int primary key, name varchar(20) not null default 'anon', "
                f"balance decimal(10,2)) diststyle key distkey(id)")
    cur.execute(f"create table {schema}.orders (order_id bigint, customer_id int references {schema}.customers(id), "
                f"sku char(8), unique (order_id, sku), primary key (order_id)) diststyle even")
    cur.execute(f"create view {schema}.rich as select id, name from {schema}.customers where balance > 100")
    conn.close()
    return schema


def psql(server, *commands, user="awsuser"):
    env = {"PGPASSWORD": "any", "PGSSLMODE": "disable", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    args = ["psql", "-h", server.pg_host, "-p", str(server.pg_port), "-U", user, "-d", "dev", "-X",
            "-v", "ON_ERROR_STOP=1", "-P", "pager=off"]
    for command in commands:
        args += ["-c", command]
    out = subprocess.run(args, env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


def unaligned(server, *commands):
    """psql's -A -t output: one line per row, fields split on |."""
    text = psql(server, *(["\\pset format unaligned", "\\pset tuples_only on"] + list(commands)))
    return [line.split("|") for line in text.splitlines() if line and not line.startswith(("Output format", "Tuples only"))]


# --- psql's describe commands --------------------------------------------------------------------

@needs_psql
def test_psql_dt_dv_and_d_list_the_schema(pg, shop):
    assert unaligned(pg, f"\\dt {shop}.*") == [[shop, "customers", "table", "awsuser"],
                                              [shop, "orders", "table", "awsuser"]]
    assert unaligned(pg, f"\\dv {shop}.*") == [[shop, "rich", "view", "awsuser"]]
    # `\d pattern` describes each relation the pattern matches.
    described = [line.strip() for line in psql(pg, f"\\d {shop}.*").splitlines() if line.strip().startswith(("Table ", "View "))]
    assert described == [f'Table "{shop}.customers"', f'Table "{shop}.orders"', f'View "{shop}.rich"']


@needs_psql
def test_psql_list_headers_are_folded_to_lower_case(pg, shop):
    # psql writes `n.nspname as "Schema"`; Redshift folds even quoted identifiers (r_names).
    header = psql(pg, f"\\dt {shop}.*").splitlines()[1]
    assert [cell.strip() for cell in header.split("|")] == ["schema", "name", "type", "owner"]


@needs_psql
def test_psql_d_table_shows_columns_types_defaults_and_keys(pg, shop):
    out = psql(pg, f"\\d {shop}.customers")
    assert f'Table "{shop}.customers"' in out
    lines = [[cell.strip() for cell in line.split("|")] for line in out.splitlines() if line.count("|") == 4]
    assert lines[1:] == [
        ["id", "integer", "", "not null", ""],
        ["name", "character varying(20)", "", "not null", "'anon'"],
        ["balance", "numeric(10,2)", "", "", ""],
    ]
    # The foreign key of orders is listed under "Referenced by" with pg_get_constraintdef's text.
    assert "Referenced by:" in out
    assert f'TABLE "orders" CONSTRAINT "orders_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES {shop}.customers(id)' in out
    orders = psql(pg, f"\\d {shop}.orders")
    assert "Foreign-key constraints:" in orders
    # Primary and unique keys are listed as the indexes PostgreSQL's catalog keeps for them.
    assert 'Indexes:\n    "orders_pkey" PRIMARY KEY, btree (order_id)\n    "orders_order_id_key" UNIQUE CONSTRAINT, btree (order_id, sku)' in orders
    assert f'"orders_customer_id_fkey" FOREIGN KEY (customer_id) REFERENCES {shop}.customers(id)' in orders


@needs_psql
def test_psql_d_view(pg, shop):
    out = psql(pg, f"\\d {shop}.rich")
    assert f'View "{shop}.rich"' in out
    assert "character varying(20)" in out


@needs_psql
def test_psql_d_unknown_relation(pg):
    env = {"PGPASSWORD": "any", "PGSSLMODE": "disable", "PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    out = subprocess.run(["psql", "-h", pg.pg_host, "-p", str(pg.pg_port), "-U", "awsuser", "-d", "dev", "-X",
                          "-c", "\\d no_such_relation_anywhere"], env=env, capture_output=True, text=True, timeout=60)
    assert 'Did not find any relation named "no_such_relation_anywhere".' in out.stderr


@needs_psql
def test_psql_dn_du_and_l(pg, shop):
    schemas = unaligned(pg, "\\dn")
    assert [shop, "awsuser"] in schemas and ["public", "rdsdb"] in schemas
    assert all(not row[0].startswith("pg_") and row[0] != "information_schema" for row in schemas)
    roles = {row[0]: row for row in unaligned(pg, "\\du")}
    assert "Superuser" in roles["awsuser"][1]
    databases = {row[0]: row for row in unaligned(pg, "\\l")}
    assert databases["dev"][2] == "UTF8"


# --- what the tools send against pg_catalog ------------------------------------------------------

def fetch(server, sql, params=None):
    conn = connect(server)
    try:
        cur = conn.cursor()
        cur.execute(sql, params)
        return cur.fetchall()
    finally:
        conn.close()


def test_pg_constraint_lists_the_informational_keys(pg, shop):
    rows = fetch(pg, """
        select t.conname, t.contype, t.conkey, t.confkey, pg_catalog.pg_get_constraintdef(t.oid, true)
        from pg_catalog.pg_constraint t
        join pg_catalog.pg_class c on c.oid = t.conrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = %s order by 1""", (shop,))
    # conkey/confkey are int2[] (PostgreSQL 8.0's pg_constraint): psycopg2 reads them as lists.
    assert rows == [
        ("customers_pkey", "p", [1], None, "PRIMARY KEY (id)"),
        ("orders_customer_id_fkey", "f", [2], [1], f"FOREIGN KEY (customer_id) REFERENCES {shop}.customers(id)"),
        ("orders_order_id_key", "u", [1, 3], None, "UNIQUE (order_id, sku)"),
        ("orders_pkey", "p", [1], None, "PRIMARY KEY (order_id)"),
    ]
    # `attnum = ANY(conkey)` joins each key to its columns (sqlalchemy-redshift's constraint query).
    keyed = fetch(pg, """
        select t.conname, a.attname from pg_catalog.pg_constraint t
        join pg_catalog.pg_attribute a on t.conrelid = a.attrelid and a.attnum = any(t.conkey)
        join pg_catalog.pg_class c on c.oid = t.conrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = %s and t.contype = 'u' order by a.attnum""", (shop,))
    assert keyed == [("orders_order_id_key", "order_id"), ("orders_order_id_key", "sku")]


def test_pg_attribute_pg_attrdef_and_format_type(pg, shop):
    rows = fetch(pg, """
        select a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull,
               pg_catalog.pg_get_expr(d.adbin, d.adrelid), a.attisdistkey
        from pg_catalog.pg_attribute a
        join pg_catalog.pg_class c on c.oid = a.attrelid
        join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        left join pg_catalog.pg_attrdef d on (a.attrelid, a.attnum) = (d.adrelid, d.adnum)
        where n.nspname = %s and c.relname = 'customers' and a.attnum > 0 and not a.attisdropped
        order by a.attnum""", (shop,))
    assert rows == [
        ("id", "integer", True, None, True),
        ("name", "character varying(20)", True, "'anon'", False),
        ("balance", "numeric(10,2)", False, None, False),
    ]


def test_pg_class_reldiststyle_and_relkind(pg, shop):
    rows = fetch(pg, """
        select c.relname, c.relkind, c.reldiststyle, pg_catalog.pg_get_userbyid(c.relowner)
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = %s order by 1""", (shop,))
    assert rows == [("customers", "r", 1, "awsuser"), ("customers_pkey", "i", 0, "awsuser"), ("orders", "r", 0, "awsuser"),
                    ("orders_order_id_key", "i", 0, "awsuser"), ("orders_pkey", "i", 0, "awsuser"), ("rich", "v", 0, "awsuser")]


def test_regclass_and_table_visibility_follow_the_search_path(pg, shop):
    conn = connect(pg)
    try:
        cur = conn.cursor()
        cur.execute(f"select '{shop}.customers'::regclass::oid, '{shop}.customers'::regclass")
        oid, name = cur.fetchone()
        cur.execute("select c.oid from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace "
                    "where n.nspname = %s and c.relname = 'customers'", (shop,))
        assert cur.fetchone() == (oid,)
        assert name == "customers"
        # Not on the search path: not visible, and an unqualified name finds nothing.
        cur.execute("select pg_catalog.pg_table_is_visible(%s), 'customers'::regclass::oid", (oid,))
        assert cur.fetchone() == (False, None)
        cur.execute(f"set search_path to {shop}, public")
        cur.execute("select pg_catalog.pg_table_is_visible(%s), '\"customers\"'::regclass::oid", (oid,))
        assert cur.fetchone() == (True, oid)
    finally:
        conn.close()


def test_psql_regex_operator_and_lateral_alias(pg, shop):
    # psql writes OPERATOR(pg_catalog.~); sqlalchemy-redshift filters on a select-list alias.
    assert fetch(pg, "select c.relname from pg_catalog.pg_class c "
                     "where c.relname OPERATOR(pg_catalog.~) '^(rich)$' and c.relkind = 'v'") == [("rich",)]
    assert fetch(pg, "select n.nspname as \"schema\" from pg_catalog.pg_namespace n "
                     "where 1 and schema = %s", (shop,)) == [(shop,)]


def test_view_definition_and_descriptions(pg, shop):
    rows = fetch(pg, """
        select pg_catalog.pg_get_viewdef(c.oid, true), pg_catalog.obj_description(c.oid, 'pg_class')
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
        where n.nspname = %s and c.relname = 'rich'""", (shop,))
    (definition, description), = rows
    assert "balance > 100" in definition.lower()
    assert description is None


def test_late_binding_view_cols_needs_a_column_definition_list(pg):
    rows = fetch(pg, "select * from pg_get_late_binding_view_cols() cols(view_schema name, view_name name, "
                     "col_name name, col_type varchar, col_num int)")
    assert rows == []
    with pytest.raises(psycopg2.Error) as excinfo:
        fetch(pg, "select * from pg_get_late_binding_view_cols()")
    assert "column definition list is required" in str(excinfo.value)


def test_has_table_privilege_on_a_system_view(pg):
    # dbt-redshift asks before reading svv_table_info (its catalog generation).
    assert fetch(pg, "select has_table_privilege(current_user, 'svv_table_info', 'SELECT') as can_select") == [(True,)]


def test_show_transaction_isolation_level(pg):
    # SQLAlchemy asks at connect; Redshift isolation is serializable.
    assert fetch(pg, "show transaction isolation level") == [("serializable",)]


# --- SQLAlchemy 2 with sqlalchemy-redshift --------------------------------------------------------

@pytest.fixture(scope="module")
def engine(pg):
    sa = pytest.importorskip("sqlalchemy")
    pytest.importorskip("sqlalchemy_redshift")
    eng = sa.create_engine(f"redshift+psycopg2://awsuser:any@{pg.pg_host}:{pg.pg_port}/dev?sslmode=disable")
    yield eng
    eng.dispose()


def test_sqlalchemy_inspector_lists_schemas_tables_and_views(engine, shop):
    import sqlalchemy as sa
    inspector = sa.inspect(engine)
    assert shop in inspector.get_schema_names()
    assert sorted(inspector.get_table_names(schema=shop)) == ["customers", "orders"]
    assert inspector.get_view_names(schema=shop) == ["rich"]
    assert inspector.has_table("customers", schema=shop)
    assert not inspector.has_table("nope", schema=shop)
    assert "balance > 100" in inspector.get_view_definition("rich", schema=shop).lower()


def test_sqlalchemy_inspector_keys_and_indexes(engine, shop):
    import sqlalchemy as sa
    inspector = sa.inspect(engine)
    assert inspector.get_pk_constraint("customers", schema=shop) == {"constrained_columns": ["id"], "name": "customers_pkey"}
    assert inspector.get_foreign_keys("orders", schema=shop) == [{
        "name": "orders_customer_id_fkey", "constrained_columns": ["customer_id"], "referred_schema": shop,
        "referred_table": "customers", "referred_columns": ["id"],
    }]
    assert inspector.get_indexes("customers", schema=shop) == []  # Redshift has no indexes


def test_sqlalchemy_inspector_unique_constraints(engine, shop):
    # sqlalchemy-redshift maps pg_constraint.conkey's numbers to names: psycopg2 reads it as a list only
    # when the door describes the column as int2[] (PostgreSQL 8.0's type of conkey, c_intro_catalog_views).
    import sqlalchemy as sa
    inspector = sa.inspect(engine)
    assert inspector.get_unique_constraints("orders", schema=shop) == [
        {"name": "orders_order_id_key", "column_names": ["order_id", "sku"]}]
    assert inspector.get_unique_constraints("customers", schema=shop) == []


def test_conkey_is_an_int2_array_and_pg_settings_answers(pg, shop):
    conn = connect(pg)
    cur = conn.cursor()
    cur.execute("select t.conkey, t.confkey from pg_catalog.pg_constraint t join pg_catalog.pg_class c on c.oid = t.conrelid "
                "join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = %s and t.contype = 'f'", (shop,))
    assert cur.description[0].type_code == 1005  # int2[] (pg_type _int2)
    assert cur.fetchall() == [([2], [1])]
    cur.execute("SELECT setting FROM pg_catalog.pg_settings WHERE name='max_index_keys'")
    assert cur.fetchall() == [("32",)]
    conn.close()


def test_sqlalchemy_inspector_columns(engine, shop):
    # sqlalchemy-redshift 1.0 reflects columns with SQLAlchemy 2.0 (2.1 renamed an argument of
    # PGDialect._reflect_type, a client bug; requirements.txt pins 2.0). Types, NOT NULL and
    # DEFAULT as created; encodings as Redshift picks them when none is given (Developer Guide ›
    # Compression encodings: AZ64 for integer and numeric columns, LZO for varchar).
    import sqlalchemy as sa
    columns = sa.inspect(engine).get_columns("customers", schema=shop)
    got = [(c["name"], str(c["type"]), c["nullable"], c["info"].get("encode")) for c in columns]
    assert got == [
        ("id", "INTEGER", False, "az64"),
        ("name", "VARCHAR(20)", False, "lzo"),
        ("balance", "NUMERIC(10, 2)", True, "az64"),
    ]
    assert [c["default"] is None for c in columns] == [True, False, True]
    assert "'anon'" in columns[1]["default"]


# --- psql across the doors --------------------------------------------------------------------------

@needs_psql
def test_written_by_psql_read_by_the_data_api(pg, endpoint, unique_name):
    table = f"psql_cross_{unique_name}"
    psql(pg, f"create table {table} (id int, note varchar(20))", f"insert into {table} values (1, 'from psql')")
    client = make_client(endpoint)
    assert query(client, f"select id, note from {table}", ClusterIdentifier="dev-cluster", Database="dev",
                 DbUser="awsuser") == [[1, "from psql"]]


@needs_psql
def test_written_by_the_data_api_read_by_psql(pg, endpoint, unique_name):
    table = f"api_cross_{unique_name}"
    client = make_client(endpoint)
    target = {"ClusterIdentifier": "dev-cluster", "Database": "dev", "DbUser": "awsuser"}
    run_ok(client, f"create table {table} (id int, note varchar(20))", **target)
    run_ok(client, f"insert into {table} values (2, 'from boto3')", **target)
    assert unaligned(pg, f"select id, note from {table}") == [["2", "from boto3"]]


# --- redshift_connector's metadata calls (the queries it sends to clusters without SHOW discovery) --

def test_redshift_connector_lists_schemas_tables_and_columns(pg, shop):
    redshift_connector = pytest.importorskip("redshift_connector")
    conn = redshift_connector.connect(host=pg.pg_host, port=pg.pg_port, user="awsuser", password="any",
                                      database="dev", ssl=False, timeout=10)
    try:
        cur = conn.cursor()
        assert [shop, "dev"] in [list(row) for row in cur.get_schemas()]
        # (Without SHOW discovery the driver's legacy query does not filter on types: the keys' indexes come too.)
        tables = cur.get_tables(schema_pattern=shop, table_name_pattern="%")
        assert sorted((row[2], row[3]) for row in tables) == [
            ("customers", "TABLE"), ("customers_pkey", "INDEX"), ("orders", "TABLE"), ("orders_order_id_key", "INDEX"),
            ("orders_pkey", "INDEX"), ("rich", "VIEW")]
        # The primary key, from the index PostgreSQL's catalog keeps for it.
        assert [tuple(row[2:]) for row in cur.get_primary_keys(schema=shop, table="orders")] == [("orders", "order_id", 1, "orders_pkey")]
        columns = cur.get_columns(schema_pattern=shop, tablename_pattern="customers")
        # JDBC-style rows: name, java.sql.Types code, type name, size, decimal digits, nullable (0 = no), default.
        assert [(c[3], c[4], c[5], c[6], c[8], c[10], c[12]) for c in columns] == [
            ("id", 4, "int4", 10, 0, 0, None),
            ("name", 12, "varchar", 20, 0, 0, "'anon'"),
            ("balance", 2, "numeric", 10, 2, 1, None),
        ]
    finally:
        conn.close()


# --- pgjdbc's DatabaseMetaData ------------------------------------------------------------------------

JDBC_JARS = [path for path in ("/usr/share/java/postgresql.jar",) if os.path.exists(path)]


@pytest.mark.skipif(not JDBC_JARS or not shutil.which("javac") or not shutil.which("java"),
                    reason="pgjdbc (libpostgresql-jdbc-java) or a JDK is not installed")
def test_pgjdbc_database_metadata(pg, shop, tmp_path):
    source = os.path.join(os.path.dirname(__file__), "jdbc", "PgJdbcCatalogProbe.java")
    subprocess.run(["javac", "-d", str(tmp_path), source], check=True, capture_output=True, timeout=120)
    done = subprocess.run(["java", "-cp", f"{tmp_path}{os.pathsep}{JDBC_JARS[0]}", "PgJdbcCatalogProbe", pg.pg_host,
                           str(pg.pg_port), shop], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"schema={shop}" in lines
    assert [l for l in lines if l.startswith("table=")] == ["table=customers|TABLE", "table=orders|TABLE", "table=rich|VIEW"]
    # java.sql.DatabaseMetaData: NULLABLE 0 = columnNoNulls, 1 = columnNullable.
    assert [l for l in lines if l.startswith("column=")] == [
        "column=id|int4|10|0", "column=name|varchar|20|0", "column=balance|numeric|10|1"]
    assert [l for l in lines if l.startswith("index=")] == [
        "index=orders_order_id_key|f|1|order_id", "index=orders_order_id_key|f|2|sku", "index=orders_pkey|f|1|order_id"]
    # getPrimaryKeys: `(information_schema._pg_expandarray(i.indkey)).n` and `(result.KEYS).x` (issue 13 item 6).
    assert [l for l in lines if l.startswith("pk=")] == [
        "pk=customers|id|1|customers_pkey", "pk=orders|order_id|1|orders_pkey"]
    # getImportedKeys/getExportedKeys (pg_settings' max_index_keys, generate_series in FROM, con.confkey[pos.n],
    # pg_depend): Redshift keeps foreign keys as informational constraints (t_Defining_constraints); its
    # pg_constraint has no ON UPDATE/DELETE action but 'a' (java.sql.DatabaseMetaData importedKeyNoAction = 3)
    # and nothing deferrable (importedKeyNotDeferrable = 7).
    key = "customers|id|orders|customer_id|1|3|3|orders_customer_id_fkey|customers_pkey|7"
    assert [l for l in lines if l.startswith("imported=")] == ["imported=" + key]
    assert [l for l in lines if l.startswith("exported=")] == ["exported=" + key]
    assert [l for l in lines if l.startswith("imported-none=")] == []
