"""Redshift Spectrum writes and monitoring end to end: CREATE EXTERNAL TABLE AS, INSERT INTO an
external table, SYS_EXTERNAL_QUERY_DETAIL, privileges on external schemas and tables, and bad
input (corrupt files, type mismatches, missing locations, malformed DDL).

Expected values come from the Developer Guide: r_CREATE_EXTERNAL_TABLE_usage (CREATE EXTERNAL TABLE
AS: file names, empty location, PARTITIONED BY, numRows, no outer LIMIT, STL_UNLOAD_LOG),
r_CREATE_EXTERNAL_TABLE (owner or superuser creates; no GRANT on external tables; not in a
transaction), r_INSERT_external_table, SYS_EXTERNAL_QUERY_DETAIL, c-spectrum-external-tables.
"""

from __future__ import annotations

import os
import re
import uuid

import psycopg2
import pyarrow.parquet as pq
import pytest

from conftest import put_object, query, run, run_ok

ROLE = "IAM_ROLE 'arn:aws:iam::123456789012:role/mySpectrumRole'"
# r_CREATE_EXTERNAL_TABLE_usage: <date>_<time>_<microseconds>_<query_id>_<slice-number>_part_<part-number>.<format>,
# e.g. 20200303_004509_810669_1007_0001_part_00.parquet.
FILE_NAME = re.compile(r"^\d{8}_\d{6}_\d{6}_(\d+)_\d{4}_part_\d{2}\.")


@pytest.fixture
def target():
    return {"ClusterIdentifier": f"spectrum-{uuid.uuid4().hex[:8]}", "Database": "dev", "DbUser": "awsuser"}


def unique(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:8]}"


put = put_object


def files_under(root: str, folder: str) -> list[str]:
    """Keys under s3://bucket/<folder>/, relative to it, sorted."""
    base = os.path.join(root, "bucket", folder)
    found = []
    for directory, _, names in os.walk(base):
        for name in names:
            found.append(os.path.relpath(os.path.join(directory, name), base))
    return sorted(found)


def connect(server, user="awsuser", password="any"):
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user=user, password=password,
                            dbname="dev", sslmode="disable", connect_timeout=10)
    conn.autocommit = True
    return conn


def create_schema(client, target) -> str:
    schema = unique("spectrum")
    run_ok(client, f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{unique('db')}' {ROLE} "
                   "CREATE EXTERNAL DATABASE IF NOT EXISTS", **target)
    return schema


def local_sales(client, target) -> str:
    table = unique("local_sales")
    run_ok(client, f"CREATE TABLE {table} (id int, region varchar(10), amount decimal(8,2), sold date)", **target)
    run_ok(client, f"INSERT INTO {table} VALUES (1, 'east', 10.50, '2024-01-05'), (2, 'west', 3.25, '2024-02-10'), "
                   f"(3, 'east', 1.00, '2024-02-11'), (4, NULL, 7.00, NULL)", **target)
    return table


# ---------------------------------------------------------------------------------------------
# CREATE EXTERNAL TABLE AS (r_CREATE_EXTERNAL_TABLE_usage › CREATE EXTERNAL TABLE AS)
# ---------------------------------------------------------------------------------------------

def test_ctas_parquet_partitioned(data_api, target, s3_root):
    schema, local, folder = create_schema(data_api, target), local_sales(data_api, target), unique("ctas")
    d = run_ok(data_api, f"""
        CREATE EXTERNAL TABLE {schema}.sales
        PARTITIONED BY (region)
        STORED AS PARQUET
        LOCATION 's3://bucket/{folder}/'
        AS SELECT region, id, amount, sold FROM {local}""", **target)
    query_id = d["RedshiftQueryId"]
    files = files_under(s3_root, folder)
    # "Amazon Redshift automatically partitions output files into partition folders based on the
    # partition key values"; NULL goes to Hive's default partition.
    assert sorted({f.split("/")[0] for f in files}) == ["region=__HIVE_DEFAULT_PARTITION__", "region=east", "region=west"]
    for f in files:
        match = FILE_NAME.match(f.split("/")[1])
        assert match and f.endswith(".parquet"), f
        assert int(match.group(1)) == query_id
    # "By default, Amazon Redshift removes partition columns from the output files."
    east = pq.read_table(os.path.join(s3_root, "bucket", folder, next(f for f in files if f.startswith("region=east/"))))
    assert east.column_names == ["id", "amount", "sold"]
    assert sorted(east.column("id").to_pylist()) == [1, 3]
    # Columns come from the query, partition keys last, in PARTITIONED BY order.
    got = query(data_api, f"SELECT columnname, external_type, part_key FROM svv_external_columns "
                          f"WHERE schemaname = '{schema}' AND tablename = 'sales' ORDER BY columnnum", **target)
    assert got == [["id", "int", 0], ["amount", "decimal(8,2)", 0], ["sold", "date", 0], ["region", "varchar(10)", 1]]
    # The new partitions are registered; numRows is set at the end of the command.
    assert query(data_api, f"SELECT count(*) FROM svv_external_partitions WHERE schemaname = '{schema}' "
                           f"AND tablename = 'sales'", **target) == [[3]]
    params = query(data_api, f"SELECT parameters FROM svv_external_tables WHERE schemaname = '{schema}'", **target)[0][0]
    assert '"numrows":"4"' in params.lower()
    # Read back through Spectrum, partition pruning included.
    assert query(data_api, f"SELECT id, region, amount::varchar, sold::varchar FROM {schema}.sales ORDER BY id", **target) == [
        [1, "east", "10.50", "2024-01-05"], [2, "west", "3.25", "2024-02-10"], [3, "east", "1.00", "2024-02-11"], [4, None, "7.00", None]]
    assert query(data_api, f"SELECT sum(amount)::varchar FROM {schema}.sales WHERE region = 'east'", **target) == [["11.50"]]
    # "You can use STL_UNLOAD_LOG to track the files that are written to Amazon S3 by each
    # CREATE EXTERNAL TABLE AS operation."
    logged = query(data_api, f"SELECT count(*), sum(line_count) FROM stl_unload_log WHERE query = {query_id}", **target)
    assert logged == [[3, 4]]


def test_ctas_text_with_delimiter(data_api, target, s3_root):
    schema, local, folder = create_schema(data_api, target), local_sales(data_api, target), unique("ctas_text")
    run_ok(data_api, f"""
        CREATE EXTERNAL TABLE {schema}.t
        ROW FORMAT DELIMITED FIELDS TERMINATED BY '|'
        STORED AS TEXTFILE
        LOCATION 's3://bucket/{folder}/'
        AS SELECT id, region, amount FROM {local} WHERE id <= 2""", **target)
    files = files_under(s3_root, folder)
    assert len(files) == 1 and FILE_NAME.match(files[0])
    with open(os.path.join(s3_root, "bucket", folder, files[0])) as f:
        assert sorted(f.read().splitlines()) == ["1|east|10.50", "2|west|3.25"]
    assert query(data_api, f"SELECT id, region FROM {schema}.t ORDER BY id", **target) == [[1, "east"], [2, "west"]]
    # Text files keep NULLs (LazySimpleSerDe's \\N) so they read back as NULL.
    schema2, folder2 = create_schema(data_api, target), unique("ctas_nulls")
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema2}.n STORED AS TEXTFILE LOCATION 's3://bucket/{folder2}/' "
                     f"AS SELECT id, region FROM {local}", **target)
    assert query(data_api, f"SELECT id FROM {schema2}.n WHERE region IS NULL", **target) == [[4]]


def test_ctas_refuses_what_redshift_refuses(data_api, target, s3_root):
    schema, local = create_schema(data_api, target), local_sales(data_api, target)
    busy = unique("busy")
    put(s3_root, f"{busy}/existing.txt", "1\n")

    def fails(sql: str, *words: str) -> str:
        d = run(data_api, sql, **target)
        assert d["Status"] == "FAILED", sql
        for word in words:
            assert word.lower() in d["Error"].lower(), d["Error"]
        return d["Error"]

    # "The Amazon S3 location must be empty."
    fails(f"CREATE EXTERNAL TABLE {schema}.a STORED AS PARQUET LOCATION 's3://bucket/{busy}/' AS SELECT id FROM {local}",
          "not empty")
    assert query(data_api, f"SELECT count(*) FROM svv_external_tables WHERE schemaname = '{schema}'", **target) == [[0]]
    assert files_under(s3_root, busy) == ["existing.txt"]
    # "Amazon Redshift doesn't allow the LIMIT clause in the outer SELECT query. Instead, you can use
    # a nested LIMIT clause."
    fails(f"CREATE EXTERNAL TABLE {schema}.b STORED AS PARQUET LOCATION 's3://bucket/{unique('x')}/' "
          f"AS SELECT id FROM {local} LIMIT 1", "LIMIT")
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.b STORED AS PARQUET LOCATION 's3://bucket/{unique('x')}/' "
                     f"AS SELECT * FROM (SELECT id FROM {local} ORDER BY id LIMIT 1)", **target)
    assert query(data_api, f"SELECT id FROM {schema}.b", **target) == [[1]]
    # "If you specify a partition key, the name of this column must exist in the SELECT query result."
    fails(f"CREATE EXTERNAL TABLE {schema}.c PARTITIONED BY (nope) STORED AS PARQUET LOCATION 's3://bucket/{unique('x')}/' "
          f"AS SELECT id FROM {local}", "nope")
    # "Amazon Redshift only supports PARQUET and TEXTFILE formats when using the STORED AS clause."
    fails(f"CREATE EXTERNAL TABLE {schema}.d STORED AS ORC LOCATION 's3://bucket/{unique('x')}/' AS SELECT id FROM {local}")
    # "The ROW FORMAT SERDE 'serde_name' clause isn't supported." / "The LINES TERMINATED BY clause isn't supported."
    fails(f"CREATE EXTERNAL TABLE {schema}.e ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' "
          f"LOCATION 's3://bucket/{unique('x')}/' AS SELECT id FROM {local}")
    fails(f"CREATE EXTERNAL TABLE {schema}.e ROW FORMAT DELIMITED LINES TERMINATED BY '\\n' "
          f"LOCATION 's3://bucket/{unique('x')}/' AS SELECT id FROM {local}")
    # "The 'compression_type' table property only accepts 'none' or 'snappy' for the PARQUET file format."
    fails(f"CREATE EXTERNAL TABLE {schema}.f STORED AS PARQUET LOCATION 's3://bucket/{unique('x')}/' "
          f"TABLE PROPERTIES ('compression_type'='gzip') AS SELECT id FROM {local}", "compression_type")
    # An existing table name.
    fails(f"CREATE EXTERNAL TABLE {schema}.b STORED AS PARQUET LOCATION 's3://bucket/{unique('x')}/' "
          f"AS SELECT id FROM {local}", "already exists")
    # A schema that is not external.
    fails(f"CREATE EXTERNAL TABLE public.g STORED AS PARQUET LOCATION 's3://bucket/{unique('x')}/' AS SELECT id FROM {local}")


def test_ctas_and_insert_not_inside_a_transaction(s3_server, s3_root):
    """r_CREATE_EXTERNAL_TABLE: "You can't run CREATE EXTERNAL TABLE inside a transaction (BEGIN …
    END)"; r_INSERT_external_table: the same of INSERT (external table)."""
    conn = connect(s3_server)
    cur = conn.cursor()
    schema = unique("spectrum")
    cur.execute(f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{unique('db')}' {ROLE} "
                "CREATE EXTERNAL DATABASE IF NOT EXISTS")
    cur.execute(f"CREATE EXTERNAL TABLE {schema}.t (a int) STORED AS PARQUET LOCATION 's3://bucket/{unique('tx')}/'")
    for sql in (f"CREATE EXTERNAL TABLE {schema}.u STORED AS PARQUET LOCATION 's3://bucket/{unique('tx')}/' AS SELECT 1 AS a",
                f"INSERT INTO {schema}.t SELECT 1"):
        cur.execute("BEGIN")
        with pytest.raises(psycopg2.Error) as failed:
            cur.execute(sql)
        assert "inside a transaction block" in str(failed.value)
        cur.execute("ROLLBACK")
    cur.execute(f"SELECT count(*) FROM {schema}.t")
    assert cur.fetchall() == [(0,)]
    conn.close()


# ---------------------------------------------------------------------------------------------
# INSERT (external table) (r_INSERT_external_table)
# ---------------------------------------------------------------------------------------------

def test_insert_appends_files_parquet_and_text(data_api, target, s3_root):
    schema, local = create_schema(data_api, target), local_sales(data_api, target)
    for stored in ("PARQUET", "TEXTFILE"):
        folder, name = unique("ins"), unique("t")
        put(s3_root, f"{folder}/seed.txt" if stored == "TEXTFILE" else f"{folder}/.keep", "9\x01x\n")
        run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.{name} (id int, region varchar(10)) STORED AS {stored} "
                         f"LOCATION 's3://bucket/{folder}/' TABLE PROPERTIES ('numRows'='1')", **target)
        before = files_under(s3_root, folder)
        # "The column names don't have to match."
        d = run_ok(data_api, f"INSERT INTO {schema}.{name} SELECT id, region AS somewhere_else FROM {local} WHERE id <= 2", **target)
        assert d["ResultRows"] == 2
        run_ok(data_api, f"INSERT INTO {schema}.{name} SELECT id, region FROM {local} WHERE id = 3", **target)
        after = files_under(s3_root, folder)
        new = [f for f in after if f not in before]
        assert set(before) <= set(after) and len(new) == 2      # new files beside the old ones
        assert all(FILE_NAME.match(f) for f in new)
        expected = [[1, "east"], [2, "west"], [3, "east"]] + ([[9, "x"]] if stored == "TEXTFILE" else [])
        assert query(data_api, f"SELECT id, region FROM {schema}.{name} ORDER BY id", **target) == expected
        # "The 'numRows' table property is automatically updated toward the end of the INSERT operation."
        params = query(data_api, f"SELECT parameters FROM svv_external_tables WHERE schemaname = '{schema}' "
                                 f"AND tablename = '{name}'", **target)[0][0]
        assert '"numrows":"4"' in params.lower()


def test_insert_static_and_dynamic_partitions(data_api, target, s3_root):
    """r_INSERT_external_table's examples: partition columns hard-coded at the end of the query
    (static) or taken from the rows (dynamic); new partitions are registered after the INSERT."""
    schema, folder = create_schema(data_api, target), unique("customer")
    local = unique("local_customer")
    run_ok(data_api, f"CREATE TABLE {local} (name varchar(20), age int, gender char(1), month varchar(10), day int)", **target)
    run_ok(data_api, f"INSERT INTO {local} VALUES ('ann', 30, 'f', 'June', 1), ('bob', 40, 'm', 'May', 28)", **target)
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.customer (name varchar(20), age int, gender char(1)) "
                     f"PARTITIONED BY (month varchar(10), day int) STORED AS PARQUET LOCATION 's3://bucket/{folder}/'", **target)
    run_ok(data_api, f"INSERT INTO {schema}.customer SELECT name, age, gender, 'May', 28 FROM {local}", **target)
    assert [f.rsplit("/", 1)[0] for f in files_under(s3_root, folder)] == ["month=May/day=28"]
    run_ok(data_api, f"INSERT INTO {schema}.customer SELECT name, age, gender, month, day FROM {local}", **target)
    assert sorted({f.rsplit("/", 1)[0] for f in files_under(s3_root, folder)}) == ["month=June/day=1", "month=May/day=28"]
    got = query(data_api, f"SELECT values, location FROM svv_external_partitions WHERE schemaname = '{schema}' "
                          f"ORDER BY location", **target)
    assert got == [['["June","1"]', f"s3://bucket/{folder}/month=June/day=1/"],
                   ['["May","28"]', f"s3://bucket/{folder}/month=May/day=28/"]]
    assert query(data_api, f"SELECT month, day, count(*) FROM {schema}.customer GROUP BY 1, 2 ORDER BY 1", **target) == [
        ["June", 1, 1], ["May", 28, 3]]


def test_insert_refuses_what_redshift_refuses(data_api, target, s3_root):
    schema, local = create_schema(data_api, target), local_sales(data_api, target)
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.t (id int, sold date) STORED AS PARQUET "
                     f"LOCATION 's3://bucket/{unique('refuse')}/'", **target)
    json_folder = unique("json")
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.j (id int) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' "
                     f"LOCATION 's3://bucket/{json_folder}/'", **target)
    cases = [
        # "The number of columns in the SELECT query must be the same as the sum of data columns and
        # partition columns."
        (f"INSERT INTO {schema}.t SELECT id FROM {local}", "more target columns than expressions"),
        (f"INSERT INTO {schema}.t SELECT id, sold, id FROM {local}", "more expressions than target columns"),
        # "The location and the data type of each data column must match that of the external table."
        (f"INSERT INTO {schema}.t SELECT sold, id FROM {local}", "is of type"),
        # Syntax: INSERT INTO external_schema.table_name { select_statement }.
        (f"INSERT INTO {schema}.t VALUES (1, '2024-01-01')", "SELECT"),
        # "The LIMIT clause isn't supported in the outer SELECT query."
        (f"INSERT INTO {schema}.t SELECT id, sold FROM {local} LIMIT 1", "LIMIT"),
        # "External tables that have a format other than PARQUET or TEXTFILE aren't supported."
        (f"INSERT INTO {schema}.j SELECT id FROM {local}", "not supported"),
    ]
    for sql, words in cases:
        d = run(data_api, sql, **target)
        assert d["Status"] == "FAILED" and words.lower() in d["Error"].lower(), (sql, d.get("Error"))
    assert files_under(s3_root, json_folder) == []
    # A nested LIMIT is fine.
    run_ok(data_api, f"INSERT INTO {schema}.t SELECT * FROM (SELECT id, sold FROM {local} ORDER BY id LIMIT 1)", **target)
    assert query(data_api, f"SELECT id, sold::varchar FROM {schema}.t", **target) == [[1, "2024-01-05"]]


# ---------------------------------------------------------------------------------------------
# SYS_EXTERNAL_QUERY_DETAIL
# ---------------------------------------------------------------------------------------------

def test_sys_external_query_detail(s3_server, s3_root):
    """SYS_EXTERNAL_QUERY_DETAIL: per query and segment, the partitions an S3 query required
    (total_partitions) and scanned (qualified_partitions), the files scanned, the rows and bytes,
    source_type S3, the file format and location of the external table."""
    cur = connect(s3_server).cursor()
    schema, folder = unique("spectrum"), unique("detail")
    put(s3_root, f"{folder}/p=1/a.txt", "1\n2\n")
    put(s3_root, f"{folder}/p=2/a.txt", "3\n")
    put(s3_root, f"{folder}/p=2/b.txt", "4\n")
    put(s3_root, f"{folder}/p=3/a.txt", "5\n")
    cur.execute(f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{unique('db')}' {ROLE} "
                "CREATE EXTERNAL DATABASE IF NOT EXISTS")
    cur.execute(f"CREATE EXTERNAL TABLE {schema}.t (a int) PARTITIONED BY (p int) STORED AS TEXTFILE LOCATION 's3://bucket/{folder}/'")
    for p in (1, 2, 3):
        cur.execute(f"ALTER TABLE {schema}.t ADD PARTITION (p={p}) LOCATION 's3://bucket/{folder}/p={p}/'")
    cur.execute(f"SELECT sum(a) FROM {schema}.t WHERE p = 2")
    assert cur.fetchall() == [(7,)]
    # The only scan of this table so far.
    cur.execute(f"SELECT query_id, trim(source_type), total_partitions, qualified_partitions, scanned_files, returned_rows, "
                f"returned_bytes, trim(file_format), trim(file_location), duration >= 0, end_time >= start_time "
                f"FROM sys_external_query_detail WHERE trim(table_name) = '{schema}.t'")
    got = cur.fetchall()
    assert [r[1:] for r in got] == [("S3", 3, 1, 2, 2, 4, "Text", f"s3://bucket/{folder}/", True, True)]
    query_id = got[0][0]
    assert query_id > 0
    # Beside SVL_S3QUERY_SUMMARY for the same scan.
    cur.execute(f"SELECT files, s3_scanned_rows FROM svl_s3query_summary WHERE query = {query_id}")
    assert cur.fetchall() == [(2, 2)]


# ---------------------------------------------------------------------------------------------
# Privileges (r_CREATE_EXTERNAL_TABLE › Required privileges, r_GRANT)
# ---------------------------------------------------------------------------------------------

def test_privileges_on_external_schemas_and_tables(s3_server, s3_root):
    """"To create external tables, you must be the owner of the external schema or a superuser."
    "Access to external tables is controlled by access to the external schema. You can't GRANT or
    REVOKE permissions on an external table. Instead, grant or revoke USAGE on the external schema.\""""
    admin = connect(s3_server).cursor()
    schema, user, folder = unique("spectrum"), unique("analyst"), unique("priv")
    put(s3_root, f"{folder}/a.txt", "1\n2\n")
    admin.execute(f"CREATE USER {user} PASSWORD 'Passw0rd1'")
    admin.execute(f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{unique('db')}' {ROLE} "
                  "CREATE EXTERNAL DATABASE IF NOT EXISTS")
    admin.execute(f"CREATE EXTERNAL TABLE {schema}.t (a int) STORED AS TEXTFILE LOCATION 's3://bucket/{folder}/'")
    with pytest.raises(psycopg2.Error):
        admin.execute(f"GRANT SELECT ON {schema}.t TO {user}")
    admin.execute(f"GRANT USAGE ON SCHEMA {schema} TO {user}")
    cur = connect(s3_server, user, "Passw0rd1").cursor()
    cur.execute(f"SELECT sum(a) FROM {schema}.t")
    assert cur.fetchall() == [(3,)]
    # USAGE does not make the user the schema's owner: no new tables.
    for sql in (f"CREATE EXTERNAL TABLE {schema}.u (a int) STORED AS TEXTFILE LOCATION 's3://bucket/{unique('x')}/'",
                f"CREATE EXTERNAL TABLE {schema}.v STORED AS PARQUET LOCATION 's3://bucket/{unique('x')}/' AS SELECT 1 AS a"):
        with pytest.raises(psycopg2.Error) as denied:
            cur.execute(sql)
        assert f"permission denied for schema {schema}" in str(denied.value)
    admin.execute(f"REVOKE USAGE ON SCHEMA {schema} FROM {user}")
    with pytest.raises(psycopg2.Error) as denied:
        cur.execute(f"SELECT sum(a) FROM {schema}.t")
    assert f"permission denied for schema {schema}" in str(denied.value)
    with pytest.raises(psycopg2.Error) as denied:
        cur.execute(f"INSERT INTO {schema}.t SELECT 3")
    assert f"permission denied for schema {schema}" in str(denied.value)


# ---------------------------------------------------------------------------------------------
# Bad input (issue 15 › Bad input)
# ---------------------------------------------------------------------------------------------

def test_bad_input_fails_the_statement_not_the_server(data_api, target, s3_root):
    schema = create_schema(data_api, target)
    # A LOCATION with no files: an empty result, as in Redshift (c-spectrum-external-tables).
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.empty (a int) STORED AS PARQUET LOCATION 's3://bucket/{unique('none')}/'", **target)
    assert query(data_api, f"SELECT count(*) FROM {schema}.empty", **target) == [[0]]
    # A partition pointing nowhere contributes no rows.
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.p (a int) PARTITIONED BY (k int) STORED AS TEXTFILE "
                     f"LOCATION 's3://bucket/{unique('nowhere')}/'", **target)
    run_ok(data_api, f"ALTER TABLE {schema}.p ADD PARTITION (k=1) LOCATION 's3://bucket/{unique('missing')}/'", **target)
    assert query(data_api, f"SELECT count(*) FROM {schema}.p", **target) == [[0]]
    # A corrupt Parquet file: the query fails with a Spectrum error.
    corrupt = unique("corrupt")
    put(s3_root, f"{corrupt}/broken.parquet", b"PAR1 this is not a parquet file PAR1")
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.c (a int) STORED AS PARQUET LOCATION 's3://bucket/{corrupt}/'", **target)
    d = run(data_api, f"SELECT count(*) FROM {schema}.c", **target)
    assert d["Status"] == "FAILED" and "Spectrum Scan Error" in d["Error"]
    # A text file whose field doesn't match the declared type.
    mismatch = unique("mismatch")
    put(s3_root, f"{mismatch}/a.txt", "1\nnot-a-number\n")
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.m (a int) STORED AS TEXTFILE LOCATION 's3://bucket/{mismatch}/'", **target)
    d = run(data_api, f"SELECT sum(a) FROM {schema}.m", **target)
    assert d["Status"] == "FAILED" and "Spectrum Scan Error" in d["Error"] and "a.txt" in d["Error"]
    # Malformed DDL: syntax errors, nothing registered.
    for sql in (f"CREATE EXTERNAL TABLE {schema}.x (a int) STORED AS PARQUET",          # no LOCATION
                f"CREATE EXTERNAL TABLE {schema}.x (a) STORED AS PARQUET LOCATION 's3://bucket/x/'",   # no type
                f"CREATE EXTERNAL TABLE {schema}.x (a int) STORED AS PARQUET LOCATION 'bucket/x/'",    # not s3://
                f"CREATE EXTERNAL TABLE {schema}.x (a int) PARTITIONED BY (a int) STORED AS PARQUET LOCATION 's3://bucket/x/'"):
        d = run(data_api, sql, **target)
        assert d["Status"] == "FAILED", sql
    assert query(data_api, f"SELECT count(*) FROM svv_external_tables WHERE schemaname = '{schema}' AND tablename = 'x'",
                 **target) == [[0]]
    # The server is unharmed.
    assert query(data_api, "SELECT 1", **target) == [[1]]


# ---------------------------------------------------------------------------------------------
# Avro (r_CREATE_EXTERNAL_TABLE › STORED AS file_format: AVRO)
# ---------------------------------------------------------------------------------------------

def test_avro_external_table(data_api, target, s3_root):
    """STORED AS AVRO: fields map to columns by name (any order, any case); a column the file
    lacks reads NULL. The files are written here by fastavro."""
    import io
    import fastavro
    schema_avro = {"type": "record", "name": "sale", "fields": [
        {"name": "Qty", "type": "int"}, {"name": "id", "type": "long"},
        {"name": "region", "type": ["null", "string"]}]}
    folder = unique("avro")
    for index, records in enumerate(([{"Qty": 2, "id": 1, "region": "east"}, {"Qty": 5, "id": 2, "region": None}],
                                     [{"Qty": 1, "id": 3, "region": "west"}])):
        buffer = io.BytesIO()
        fastavro.writer(buffer, schema_avro, records)
        put(s3_root, f"{folder}/part-{index}.avro", buffer.getvalue())
    schema = create_schema(data_api, target)
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.sales (id bigint, qty int, region varchar(8), missing int) "
                     f"STORED AS AVRO LOCATION 's3://bucket/{folder}/'", **target)
    assert query(data_api, f"SELECT id, qty, region, missing FROM {schema}.sales ORDER BY id", **target) == [
        [1, 2, "east", None], [2, 5, None, None], [3, 1, "west", None]]
    assert query(data_api, f"SELECT input_format, serialization_lib FROM svv_external_tables WHERE schemaname = '{schema}'",
                 **target) == [["org.apache.hadoop.hive.ql.io.avro.AvroContainerInputFormat", "org.apache.hadoop.hive.serde2.avro.AvroSerDe"]]
    # A file that is not Avro fails the query with a Spectrum error; INSERT refuses the format.
    put(s3_root, f"{folder}/part-9.avro", b"not an avro file")
    d = run(data_api, f"SELECT count(*) FROM {schema}.sales", **target)
    assert d["Status"] == "FAILED" and "Spectrum Scan Error" in d["Error"]
    d = run(data_api, f"INSERT INTO {schema}.sales SELECT 1, 1, 'x', 1", **target)
    assert d["Status"] == "FAILED" and "not supported" in d["Error"]


# ---------------------------------------------------------------------------------------------
# Catalog views that list every schema and table (r_SVV_ALL_SCHEMAS, r_SVV_ALL_TABLES, r_SVV_TABLES)
# ---------------------------------------------------------------------------------------------

def test_svv_all_views_list_external_objects(data_api, target, s3_root):
    """r_SVV_ALL_SCHEMAS: schema_type is local, external or shared, source_database the external
    database; r_SVV_ALL_TABLES / r_SVV_TABLES: external tables have table_type EXTERNAL TABLE.
    r_CREATE_EXTERNAL_TABLE_usage: they are not in information_schema."""
    database = unique("db")
    schema = unique("spectrum")
    run_ok(data_api, f"CREATE EXTERNAL SCHEMA {schema} FROM DATA CATALOG DATABASE '{database}' {ROLE} "
                     "CREATE EXTERNAL DATABASE IF NOT EXISTS", **target)
    run_ok(data_api, f"CREATE EXTERNAL TABLE {schema}.t (a int) STORED AS PARQUET LOCATION 's3://bucket/{unique('v')}/'", **target)
    assert query(data_api, f"SELECT schema_type, source_database FROM svv_all_schemas WHERE schema_name = '{schema}'",
                 **target) == [["external", database]]
    assert query(data_api, "SELECT schema_type FROM svv_all_schemas WHERE schema_name = 'public'", **target) == [["local"]]
    assert query(data_api, f"SELECT table_name, table_type FROM svv_all_tables WHERE schema_name = '{schema}'",
                 **target) == [["t", "EXTERNAL TABLE"]]
    assert query(data_api, f"SELECT table_name, table_type FROM svv_tables WHERE table_schema = '{schema}'",
                 **target) == [["t", "EXTERNAL TABLE"]]
    assert query(data_api, f"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{schema}'", **target) == [[0]]
