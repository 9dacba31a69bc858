"""Redshift Spectrum end to end: external schemas and tables over files written into
`serve --s3-root DIR` (CSV and text by the test, Parquet by pyarrow), queried through boto3's Data
API and psycopg2 on the PostgreSQL door.

Expected values come from the Developer Guide: c-spectrum-external-schemas, r_CREATE_EXTERNAL_SCHEMA,
r_CREATE_EXTERNAL_TABLE, c-spectrum-external-tables (partitioning, pseudocolumns), r_ALTER_TABLE
(external tables), r_DROP_SCHEMA, r_CREATE_VIEW (external tables need WITH NO SCHEMA BINDING),
r_SVV_EXTERNAL_SCHEMAS, r_SVV_EXTERNAL_TABLES, r_SVV_EXTERNAL_COLUMNS, r_SVV_EXTERNAL_PARTITIONS.
"""

from __future__ import annotations

import os
import tempfile
import uuid

import psycopg2
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import put_object, query, run, run_ok

ROLE = "IAM_ROLE 'arn:aws:iam::123456789012:role/mySpectrumRole'"


@pytest.fixture
def target():
    return {"ClusterIdentifier": f"spectrum-{uuid.uuid4().hex[:8]}", "Database": "dev", "DbUser": "awsuser"}


put = put_object


def connect(server, user="awsuser", dbname="dev"):
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user=user, password="any",
                            dbname=dbname, sslmode="disable", connect_timeout=10)
    conn.autocommit = True
    return conn


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


def sales_folder(s3_root) -> str:
    """A CSV table of two files with a header line (c-spectrum-external-tables' sales example shape)."""
    folder = unique("sales")
    put(s3_root, f"{folder}/part-0.csv", "salesid,qty,price,saledate\n1,2,10.50,2008-01-05\n2,1,3.25,2008-02-10\n")
    put(s3_root, f"{folder}/part-1.csv", "salesid,qty,price,saledate\n3,5,1.00,2008-02-11\n")
    put(s3_root, f"{folder}/_SUCCESS", "")   # hidden: names beginning with _ are ignored
    return folder


def create_schema(client, target, schema: str, database: str | None = None) -> None:
    database = database or unique("spectrumdb")
    run_ok(client, f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{database}' {ROLE} "
                   "CREATE EXTERNAL DATABASE IF NOT EXISTS", **target)


def create_sales(client, target, schema: str, folder: str) -> None:
    run_ok(client, f"""
        CREATE EXTERNAL TABLE {schema}.sales (salesid integer, qty smallint, price decimal(8,2), saledate date)
        ROW FORMAT DELIMITED FIELDS TERMINATED BY ','
        STORED AS TEXTFILE
        LOCATION 's3://bucket/{folder}/'
        TABLE PROPERTIES ('skip.header.line.count'='1')""", **target)


# ---------------------------------------------------------------------------------------------
# Schemas (r_CREATE_EXTERNAL_SCHEMA, r_SVV_EXTERNAL_SCHEMAS, r_DROP_SCHEMA)
# ---------------------------------------------------------------------------------------------

def test_external_schema_and_svv_external_schemas(data_api, target):
    schema, database = unique("spectrum"), unique("spectrumdb")
    create_schema(data_api, target, schema, database)
    # r_SVV_EXTERNAL_SCHEMAS: eskind 1 is a data catalog; esoptions holds the IAM role as JSON.
    got = query(data_api, f"SELECT eskind, schemaname, databasename, esoptions FROM svv_external_schemas "
                          f"WHERE schemaname = '{schema}'", **target)
    assert got == [[1, schema, database, '{"IAM_ROLE":"arn:aws:iam::123456789012:role/mySpectrumRole"}']]
    # The HIVE METASTORE form is accepted (eskind 2).
    hive = unique("hive")
    run_ok(data_api, f"CREATE EXTERNAL SCHEMA {hive} FROM HIVE METASTORE DATABASE 'hivedb' URI '172.10.10.10' PORT 99 "
                     f"{ROLE} CREATE EXTERNAL DATABASE IF NOT EXISTS", **target)
    assert query(data_api, f"SELECT eskind FROM svv_external_schemas WHERE schemaname = '{hive}'", **target) == [[2]]
    # IF NOT EXISTS: a second create is a no-op; without it, an error.
    run_ok(data_api, f"CREATE EXTERNAL SCHEMA IF NOT EXISTS {schema} FROM DATA CATALOG DATABASE '{database}' {ROLE}", **target)
    d = run(data_api, f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{database}' {ROLE}", **target)
    assert d["Status"] == "FAILED" and "already exists" in d["Error"]
    run_ok(data_api, f"DROP SCHEMA {schema}", **target)
    assert query(data_api, f"SELECT count(*) FROM svv_external_schemas WHERE schemaname = '{schema}'", **target) == [[0]]


def test_the_catalog_is_shared_by_the_clusters_databases(data_api, target, s3_root):
    """c-spectrum-external-schemas: tables live in the external database, so a second schema that
    references the same database (here from another database of the cluster) sees them; DROP SCHEMA
    without DROP EXTERNAL DATABASE keeps them (r_DROP_SCHEMA)."""
    database, first, second = unique("shared"), unique("s1"), unique("s2")
    folder = sales_folder(s3_root)
    create_schema(data_api, target, first, database)
    create_sales(data_api, target, first, folder)
    other = dict(target, Database="analytics")
    run_ok(data_api, f"CREATE EXTERNAL SCHEMA {second} FROM DATA CATALOG DATABASE '{database}' {ROLE}", **other)
    assert query(data_api, f"SELECT count(*) FROM {second}.sales", **other) == [[3]]
    run_ok(data_api, f"DROP SCHEMA {first}", **target)
    assert query(data_api, f"SELECT count(*) FROM {second}.sales", **other) == [[3]]
    run_ok(data_api, f"DROP SCHEMA {second} DROP EXTERNAL DATABASE", **other)
    # The external database and its tables are gone: a new schema on it needs CREATE EXTERNAL DATABASE.
    d = run(data_api, f"CREATE EXTERNAL SCHEMA {first} FROM DATA CATALOG DATABASE '{database}' {ROLE}", **target)
    assert d["Status"] == "FAILED"


# ---------------------------------------------------------------------------------------------
# Tables and queries (r_CREATE_EXTERNAL_TABLE, c-spectrum-external-tables)
# ---------------------------------------------------------------------------------------------

def test_csv_table_queries_like_any_table(data_api, target, s3_root):
    schema = unique("spectrum")
    create_schema(data_api, target, schema)
    create_sales(data_api, target, schema, sales_folder(s3_root))
    assert query(data_api, f"SELECT salesid, qty, price, saledate FROM {schema}.sales ORDER BY salesid", **target) == [
        [1, 2, "10.50", "2008-01-05"], [2, 1, "3.25", "2008-02-10"], [3, 5, "1.00", "2008-02-11"]]
    # Filters, aggregates, a join with a local table, a subquery and a CTE.
    assert query(data_api, f"SELECT sum(qty), count(*) FROM {schema}.sales WHERE saledate >= '2008-02-01'", **target) == [[6, 2]]
    local = unique("events")
    run_ok(data_api, f"CREATE TABLE {local} (salesid int, name varchar(10))", **target)
    run_ok(data_api, f"INSERT INTO {local} VALUES (1, 'one'), (3, 'three')", **target)
    assert query(data_api, f"SELECT e.name, s.qty FROM {schema}.sales s JOIN {local} e ON e.salesid = s.salesid "
                           "ORDER BY 1", **target) == [["one", 2], ["three", 5]]
    assert query(data_api, f"WITH big AS (SELECT * FROM {schema}.sales WHERE qty > 1) "
                           f"SELECT count(*) FROM big WHERE salesid IN (SELECT salesid FROM {local})", **target) == [[2]]
    # A local table from an external one (CREATE TABLE AS).
    copy = unique("copy")
    run_ok(data_api, f"CREATE TABLE {copy} AS SELECT salesid, price FROM {schema}.sales", **target)
    assert query(data_api, f"SELECT sum(price) FROM {copy}", **target) == [["14.75"]]


def test_pseudocolumns(data_api, target, s3_root):
    """c-spectrum-external-tables: "$path" and "$size" are selected by name and are not in *."""
    schema, folder = unique("spectrum"), sales_folder(s3_root)
    create_schema(data_api, target, schema)
    create_sales(data_api, target, schema, folder)
    size0 = os.path.getsize(os.path.join(s3_root, "bucket", folder, "part-0.csv"))
    got = query(data_api, f'SELECT "$path", "$size", count(*) FROM {schema}.sales GROUP BY 1, 2 ORDER BY 1', **target)
    assert got[0] == [f"s3://bucket/{folder}/part-0.csv", size0, 2]
    assert len(got) == 2
    d = run_ok(data_api, f"SELECT * FROM {schema}.sales", **target)
    assert [c["name"] for c in data_api.get_statement_result(Id=d["Id"])["ColumnMetadata"]] == ["salesid", "qty", "price", "saledate"]


def test_partitions_are_pruned_before_files_are_read(data_api, target, s3_root):
    """c-spectrum-external-tables partitioning: partition columns come from ALTER TABLE ADD PARTITION,
    and a filter on them skips the other partitions' files. The January folder holds a file that
    does not parse, so any query that opened it would fail."""
    schema, folder = unique("spectrum"), unique("parts")
    put(s3_root, f"{folder}/saledate=2008-01/a.txt", "1|10\n2|20\n")
    put(s3_root, f"{folder}/saledate=2008-02/a.txt", "3|30\n")
    put(s3_root, f"{folder}/saledate=2008-03/a.txt", "not a number|x\n")
    create_schema(data_api, target, schema)
    run_ok(data_api, f"""
        CREATE EXTERNAL TABLE {schema}.sales_part (salesid integer, pricepaid integer)
        PARTITIONED BY (saledate char(7))
        ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'
        STORED AS TEXTFILE LOCATION 's3://bucket/{folder}/'""", **target)
    run_ok(data_api, f"ALTER TABLE {schema}.sales_part ADD "
                     f"PARTITION (saledate='2008-01') LOCATION 's3://bucket/{folder}/saledate=2008-01/' "
                     f"PARTITION (saledate='2008-02') LOCATION 's3://bucket/{folder}/saledate=2008-02/'", **target)
    run_ok(data_api, f"ALTER TABLE {schema}.sales_part ADD IF NOT EXISTS "
                     f"PARTITION (saledate='2008-03') LOCATION 's3://bucket/{folder}/saledate=2008-03/'", **target)
    assert query(data_api, f"SELECT values, location FROM svv_external_partitions WHERE schemaname = '{schema}' ORDER BY 1", **target) == [
        ['["2008-01"]', f"s3://bucket/{folder}/saledate=2008-01/"],
        ['["2008-02"]', f"s3://bucket/{folder}/saledate=2008-02/"],
        ['["2008-03"]', f"s3://bucket/{folder}/saledate=2008-03/"]]
    assert query(data_api, f"SELECT saledate, sum(pricepaid) FROM {schema}.sales_part "
                           "WHERE saledate IN ('2008-01', '2008-02') GROUP BY 1 ORDER BY 1", **target) == [
        ["2008-01", 30], ["2008-02", 30]]
    assert query(data_api, f"SELECT count(*) FROM {schema}.sales_part WHERE saledate < '2008-03'", **target) == [[3]]
    # Without the filter the bad file is read: the query fails, and the server is unharmed.
    d = run(data_api, f"SELECT count(*) FROM {schema}.sales_part", **target)
    assert d["Status"] == "FAILED" and "Spectrum Scan Error" in d["Error"]
    run_ok(data_api, f"ALTER TABLE {schema}.sales_part DROP PARTITION (saledate='2008-03')", **target)
    assert query(data_api, f"SELECT count(*) FROM {schema}.sales_part", **target) == [[3]]
    # SET LOCATION of a partition.
    run_ok(data_api, f"ALTER TABLE {schema}.sales_part PARTITION (saledate='2008-02') "
                     f"SET LOCATION 's3://bucket/{folder}/saledate=2008-01/'", **target)
    assert query(data_api, f"SELECT count(*) FROM {schema}.sales_part WHERE saledate = '2008-02'", **target) == [[2]]


def test_parquet_table_written_by_pyarrow(data_api, target, s3_root):
    schema, folder = unique("spectrum"), unique("pq")
    table = pa.table({"id": pa.array([1, 2, 3], pa.int64()), "name": ["a", None, "c"],
                      "amount": pa.array([1.5, 2.5, 4.0], pa.float64())})
    path = os.path.join(s3_root, "bucket", folder, "data.parquet")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pq.write_table(table, path)
    create_schema(data_api, target, schema)
    # Parquet columns map to the table's columns by name (c-spectrum-external-tables).
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.pq (amount float8, id bigint, name varchar(10)) "
                     f"STORED AS PARQUET LOCATION 's3://bucket/{folder}/'", **target)
    assert query(data_api, f"SELECT id, name, amount FROM {schema}.pq ORDER BY id", **target) == [
        [1, "a", 1.5], [2, None, 2.5], [3, "c", 4.0]]
    assert query(data_api, f"SELECT sum(amount) FROM {schema}.pq WHERE name IS NOT NULL", **target) == [[5.5]]


@pytest.mark.parametrize("dictionary", [True, False])
def test_parquet_types_read_as_copy_loads_them(data_api, target, s3_root, dictionary):
    """A pyarrow file of many row groups and pages (dictionary-encoded or PLAIN), with DECIMALs
    (fixed-length and INT32/INT64 unscaled), dates and timestamps before 1970, microseconds, UTF-8,
    empty strings and NULLs, reads through the external table as COPY loads it into a table
    (copy-usage_notes-copy-from-columnar; c-spectrum-data-files)."""
    import datetime
    import decimal
    schema, folder = unique("spectrum"), unique("pqtypes")
    n = 3000
    amounts = [None if i % 13 == 5 else decimal.Decimal(i * 7919 - 9_000_000).scaleb(-2) for i in range(n)]
    table = pa.table({
        "id": pa.array(range(n), pa.int64()),
        "amount": pa.array(amounts, pa.decimal128(12, 2)),
        "wide": pa.array([decimal.Decimal(-i * 123456789012345678).scaleb(-4) for i in range(n)], pa.decimal128(38, 4)),
        "small": pa.array([decimal.Decimal(i - 1500).scaleb(-3) for i in range(n)], pa.decimal128(9, 3)),
        "day": pa.array([datetime.date(1960, 1, 1) + datetime.timedelta(days=i * 11) for i in range(n)], pa.date32()),
        "ts": pa.array([datetime.datetime(1969, 12, 31, 23, 59, 59) + datetime.timedelta(microseconds=i * 250_001)
                        for i in range(n)], pa.timestamp("us")),
        "code": pa.array([None if i % 17 == 3 else ("" if i % 19 == 0 else f"C{i % 50:02d}é") for i in range(n)], pa.string()),
        "note": pa.array([f"note {i} ✓" for i in range(n)], pa.string()),
    })
    path = os.path.join(s3_root, "bucket", folder, "data.parquet")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    pq.write_table(table, path, row_group_size=700, data_page_size=2048, use_dictionary=dictionary,
                   store_decimal_as_integer=True)
    columns = ("id bigint, amount decimal(12,2), wide decimal(38,4), small decimal(9,3), day date, ts timestamp, "
               "code varchar(8), note varchar(20)")
    create_schema(data_api, target, schema)
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.t ({columns}) STORED AS PARQUET LOCATION 's3://bucket/{folder}/'", **target)
    local = unique("local")
    run_ok(data_api, f"CREATE TABLE {local} ({columns})", **target)
    run_ok(data_api, f"COPY {local} FROM 's3://bucket/{folder}/' {ROLE} FORMAT AS PARQUET", **target)
    select = "SELECT id, amount::varchar, wide::varchar, small::varchar, day::varchar, ts::varchar, code, note FROM {} ORDER BY id"
    external = query(data_api, select.format(f"{schema}.t"), **target)
    assert len(external) == n
    assert external == query(data_api, select.format(local), **target)
    # A few values as the file holds them.
    assert external[5][1] is None and external[3][6] is None and external[0][6] == ""
    assert external[1][1:6] == ["-89920.81", "-12345678901234.5678", "-1.499", "1960-01-12", "1969-12-31 23:59:59.250001"]
    assert external[2][6] == "C02é"
    aggregate = "SELECT count(*), count(amount), sum(amount)::varchar, max(day)::varchar, count(distinct code) FROM {}"
    assert query(data_api, aggregate.format(f"{schema}.t"), **target) == query(data_api, aggregate.format(local), **target)


def test_open_csv_serde_json_serde_and_null_format(data_api, target, s3_root):
    schema, csv_folder, json_folder, text_folder = unique("spectrum"), unique("csv"), unique("json"), unique("txt")
    put(s3_root, f"{csv_folder}/a.csv", 'id,name\n1,"Smith, J"\n2,"say ""hi"""\n')
    put(s3_root, f"{json_folder}/a.json", '{"id": 1, "name": "x"}\n{"name": "y", "ID": 2}\n')
    put(s3_root, f"{text_folder}/a.txt", "1\tNA\n2\tb\n")
    create_schema(data_api, target, schema)
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.c (id int, name varchar(20)) "
                     "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde' "
                     "WITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '\"') "
                     f"STORED AS TEXTFILE LOCATION 's3://bucket/{csv_folder}/' "
                     "TABLE PROPERTIES ('skip.header.line.count'='1')", **target)
    assert query(data_api, f"SELECT id, name FROM {schema}.c ORDER BY id", **target) == [[1, "Smith, J"], [2, 'say "hi"']]
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.j (id int, name varchar(20)) "
                     "ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' "
                     f"STORED AS TEXTFILE LOCATION 's3://bucket/{json_folder}/'", **target)
    assert query(data_api, f"SELECT id, name FROM {schema}.j ORDER BY id", **target) == [[1, "x"], [2, "y"]]
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.t (id int, name varchar(20)) "
                     r"ROW FORMAT DELIMITED FIELDS TERMINATED BY '\t' "
                     f"STORED AS TEXTFILE LOCATION 's3://bucket/{text_folder}/' "
                     "TABLE PROPERTIES ('serialization.null.format'='NA')", **target)
    assert query(data_api, f"SELECT id, name FROM {schema}.t ORDER BY id", **target) == [[1, None], [2, "b"]]


def test_catalog_views_for_tables_and_columns(data_api, target, s3_root):
    schema = unique("spectrum")
    create_schema(data_api, target, schema)
    create_sales(data_api, target, schema, sales_folder(s3_root))
    got = query(data_api, "SELECT tablename, input_format, serialization_lib, parameters FROM svv_external_tables "
                          f"WHERE schemaname = '{schema}'", **target)
    assert got == [["sales", "org.apache.hadoop.mapred.TextInputFormat", "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
                    '{"skip.header.line.count":"1"}']]
    # r_SVV_EXTERNAL_COLUMNS: external_type in the data catalog's names; part_key 0 for data columns.
    assert query(data_api, "SELECT columnname, external_type, columnnum, part_key FROM svv_external_columns "
                           f"WHERE schemaname = '{schema}' ORDER BY columnnum", **target) == [
        ["salesid", "int", 1, 0], ["qty", "smallint", 2, 0], ["price", "decimal(8,2)", 3, 0], ["saledate", "date", 4, 0]]
    run_ok(data_api, f"ALTER TABLE {schema}.sales SET TABLE PROPERTIES ('numRows'='3')", **target)
    assert query(data_api, f"SELECT parameters FROM svv_external_tables WHERE schemaname = '{schema}'", **target) == [
        ['{"skip.header.line.count":"1","numrows":"3"}']]
    run_ok(data_api, f"DROP TABLE {schema}.sales", **target)
    assert query(data_api, f"SELECT count(*) FROM svv_external_tables WHERE schemaname = '{schema}'", **target) == [[0]]
    d = run(data_api, f"SELECT * FROM {schema}.sales", **target)
    assert d["Status"] == "FAILED" and "does not exist" in d["Error"]


# ---------------------------------------------------------------------------------------------
# What Spectrum refuses
# ---------------------------------------------------------------------------------------------

def test_views_writes_and_transactions(data_api, target, s3_root):
    schema = unique("spectrum")
    create_schema(data_api, target, schema)
    create_sales(data_api, target, schema, sales_folder(s3_root))
    # r_CREATE_VIEW: "To create a view with an external table, include the WITH NO SCHEMA BINDING clause."
    d = run(data_api, f"CREATE VIEW v_bound AS SELECT * FROM {schema}.sales", **target)
    assert d["Status"] == "FAILED" and "External tables are not supported in views" in d["Error"]
    view = unique("v")
    run_ok(data_api, f"CREATE VIEW {view} AS SELECT salesid, qty FROM {schema}.sales WITH NO SCHEMA BINDING", **target)
    assert query(data_api, f"SELECT sum(qty) FROM {view}", **target) == [[8]]
    # Spectrum tables are read-only to UPDATE and DELETE.
    for sql in (f"UPDATE {schema}.sales SET qty = 0", f"DELETE FROM {schema}.sales"):
        d = run(data_api, sql, **target)
        assert d["Status"] == "FAILED" and "Operation not supported on external tables" in d["Error"]
    # r_CREATE_EXTERNAL_TABLE: not inside a transaction block (the PostgreSQL door keeps it open).


def test_over_the_postgresql_door(s3_server, s3_root):
    conn = connect(s3_server)
    schema = unique("spectrum")
    cur = conn.cursor()
    cur.execute(f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{unique('db')}' {ROLE} "
                "CREATE EXTERNAL DATABASE IF NOT EXISTS")
    folder = sales_folder(s3_root)
    cur.execute("BEGIN")
    with pytest.raises(psycopg2.Error) as failure:
        cur.execute(f"CREATE EXTERNAL TABLE {schema}.sales (salesid int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                    f"STORED AS TEXTFILE LOCATION 's3://bucket/{folder}/'")
    assert "cannot run inside a transaction block" in str(failure.value)
    cur.execute("ROLLBACK")
    cur.execute(f"CREATE EXTERNAL TABLE {schema}.sales (salesid int, qty int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                f"STORED AS TEXTFILE LOCATION 's3://bucket/{folder}/' TABLE PROPERTIES ('skip.header.line.count'='1')")
    cur.execute(f"SELECT salesid FROM {schema}.sales WHERE qty > 1 ORDER BY 1")
    assert cur.fetchall() == [(1,), (3,)]
    # An empty location is an empty table.
    cur.execute(f"CREATE EXTERNAL TABLE {schema}.empty (a int) STORED AS TEXTFILE LOCATION 's3://bucket/{unique('none')}/'")
    cur.execute(f"SELECT count(*) FROM {schema}.empty")
    assert cur.fetchall() == [(0,)]
    conn.close()


def test_catalog_is_durable_with_a_data_dir(make_server_module, s3_root):
    data_dir = tempfile.mkdtemp(prefix="spectrum-data-")
    server = make_server_module(data_dir=data_dir, extra_args=["--s3-root", s3_root])
    conn = connect(server)
    schema, folder = unique("spectrum"), sales_folder(s3_root)
    conn.cursor().execute(f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{unique('db')}' {ROLE} "
                          "CREATE EXTERNAL DATABASE IF NOT EXISTS")
    conn.cursor().execute(f"CREATE EXTERNAL TABLE {schema}.sales (salesid int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                          f"STORED AS TEXTFILE LOCATION 's3://bucket/{folder}/' TABLE PROPERTIES ('skip.header.line.count'='1')")
    conn.close()
    server.stop()
    again = make_server_module(data_dir=data_dir, extra_args=["--s3-root", s3_root])
    conn = connect(again)
    cur = conn.cursor()
    cur.execute(f"SELECT count(*) FROM {schema}.sales")
    assert cur.fetchall() == [(3,)]
    conn.close()


def test_usage_on_the_external_schema(s3_server, s3_root):
    """c-spectrum-external-schemas / r_GRANT: a user needs USAGE on the external schema to query
    its tables (GRANT USAGE ON SCHEMA)."""
    admin = connect(s3_server).cursor()
    schema, user, folder = unique("spectrum"), unique("reader"), sales_folder(s3_root)
    admin.execute(f"CREATE USER {user} PASSWORD 'Passw0rd1'")
    admin.execute(f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{unique('db')}' {ROLE} "
                  "CREATE EXTERNAL DATABASE IF NOT EXISTS")
    admin.execute(f"CREATE EXTERNAL TABLE {schema}.sales (salesid int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                  f"STORED AS TEXTFILE LOCATION 's3://bucket/{folder}/' TABLE PROPERTIES ('skip.header.line.count'='1')")
    conn = psycopg2.connect(host=s3_server.pg_host, port=s3_server.pg_port, user=user, password="Passw0rd1",
                            dbname="dev", sslmode="disable", connect_timeout=10)
    conn.autocommit = True
    with pytest.raises(psycopg2.Error) as denied:
        conn.cursor().execute(f"SELECT count(*) FROM {schema}.sales")
    assert f"permission denied for schema {schema}" in str(denied.value)
    admin.execute(f"GRANT USAGE ON SCHEMA {schema} TO {user}")
    cur = conn.cursor()
    cur.execute(f"SELECT count(*) FROM {schema}.sales")
    assert cur.fetchall() == [(3,)]
    conn.close()


def test_data_api_metadata_lists_external_schemas_and_tables(data_api, target, s3_root):
    """ListSchemas, ListTables and DescribeTable show external schemas and tables (issue 15 §5);
    the table type "EXTERNAL TABLE" is JDBC's getTables name (unverified for the Data API)."""
    schema = unique("spectrum")
    create_schema(data_api, target, schema)
    create_sales(data_api, target, schema, sales_folder(s3_root))
    members = {k: v for k, v in target.items()}
    assert data_api.list_schemas(SchemaPattern=schema, **members)["Schemas"] == [schema]
    tables = data_api.list_tables(SchemaPattern=schema, **members)["Tables"]
    assert tables == [{"name": "sales", "schema": schema, "type": "EXTERNAL TABLE"}]
    columns = data_api.describe_table(Schema=schema, Table="sales", **members)
    assert columns["TableName"] == "sales"
    assert [(c["name"], c["typeName"]) for c in columns["ColumnList"]] == [
        ("salesid", "int4"), ("qty", "int2"), ("price", "numeric"), ("saledate", "date")]


def test_redshift_connector_extended_protocol(s3_server, s3_root):
    """redshift_connector parses and describes before it executes (the extended query protocol):
    an external table must resolve there too."""
    import redshift_connector
    admin = connect(s3_server).cursor()
    schema, folder = unique("spectrum"), sales_folder(s3_root)
    admin.execute(f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{unique('db')}' {ROLE} "
                  "CREATE EXTERNAL DATABASE IF NOT EXISTS")
    admin.execute(f"CREATE EXTERNAL TABLE {schema}.sales (salesid int, qty int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' "
                  f"STORED AS TEXTFILE LOCATION 's3://bucket/{folder}/' TABLE PROPERTIES ('skip.header.line.count'='1')")
    conn = redshift_connector.connect(host=s3_server.pg_host, port=s3_server.pg_port, user="awsuser", password="any",
                                      database="dev", ssl=False, timeout=10)
    try:
        cursor = conn.cursor()
        cursor.execute(f"SELECT salesid, qty FROM {schema}.sales WHERE qty >= %s ORDER BY salesid", (2,))
        assert [tuple(r) for r in cursor.fetchall()] == [(1, 2), (3, 5)]
        assert [d[0] for d in cursor.description] == ["salesid", "qty"]
    finally:
        conn.close()


def test_svl_s3query_summary_counts_the_files_read(s3_server, s3_root):
    """r_SVL_S3QUERY_SUMMARY / r_SVL_S3PARTITION_SUMMARY: the files and rows a query's external
    scan read; a filter on the partition key reads one partition of two."""
    cur = connect(s3_server).cursor()
    schema, folder = unique("spectrum"), unique("summary")
    put(s3_root, f"{folder}/p=1/a.txt", "1\n2\n")
    put(s3_root, f"{folder}/p=2/a.txt", "3\n")
    put(s3_root, f"{folder}/p=2/b.txt", "4\n")
    cur.execute(f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{unique('db')}' {ROLE} "
                "CREATE EXTERNAL DATABASE IF NOT EXISTS")
    cur.execute(f"CREATE EXTERNAL TABLE {schema}.t (a int) PARTITIONED BY (p int) STORED AS TEXTFILE LOCATION 's3://bucket/{folder}/'")
    cur.execute(f"ALTER TABLE {schema}.t ADD PARTITION (p=1) LOCATION 's3://bucket/{folder}/p=1/' "
                f"PARTITION (p=2) LOCATION 's3://bucket/{folder}/p=2/'")
    cur.execute(f"SELECT count(*) FROM {schema}.t WHERE p = 2")
    assert cur.fetchall() == [(2,)]
    # The only scan of this table so far.
    cur.execute(f"SELECT query, file_format, is_partitioned, s3_scanned_rows, files "
                f"FROM svl_s3query_summary WHERE external_table_name = '{schema}.t'")
    got = cur.fetchall()
    assert [(r[1].rstrip(), r[2], r[3], r[4]) for r in got] == [("Text", "t", 2, 2)]   # char(16) is blank-padded
    query_id = got[0][0]
    assert query_id > 0
    cur.execute(f"SELECT total_partitions, qualified_partitions FROM svl_s3partition_summary WHERE query = {query_id}")
    assert cur.fetchall() == [(2, 1)]
