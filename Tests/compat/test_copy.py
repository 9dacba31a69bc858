"""COPY end to end: files written into `serve --s3-root DIR`, loaded through boto3's Data API and
psycopg2 on the PostgreSQL door.

Expected values come from the Developer Guide: r_COPY, copy-parameters-data-source-s3,
copy-parameters-data-format, copy-parameters-file-compression, copy-parameters-data-conversion,
copy-parameters-data-load, r_STL_LOAD_ERRORS, r_STL_LOAD_COMMITS, SYS_LOAD_HISTORY,
r_Load_Error_Reference, PG_LAST_COPY_COUNT, PG_LAST_COPY_ID.
"""

from __future__ import annotations

import bz2
import gzip
import json
import uuid

import psycopg2
import pytest

from conftest import make_client, put_object, query, rows, run, run_ok

ROLE = "iam_role 'arn:aws:iam::123456789012:role/Loader'"
LOAD_FAILED = "Load into table '{}' failed.  Check 'stl_load_errors' system table for details."


@pytest.fixture
def target():
    return {"ClusterIdentifier": f"copy-{uuid.uuid4().hex[:8]}", "Database": "dev", "DbUser": "awsuser"}


put = put_object


def connect(server):
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user="awsuser", password="any",
                            dbname="dev", sslmode="disable", connect_timeout=10)
    conn.autocommit = True
    return conn


def table():
    return f"t_{uuid.uuid4().hex[:10]}"


# ---------------------------------------------------------------------------------------------
# The Data API door
# ---------------------------------------------------------------------------------------------

def test_csv_from_a_prefix_through_the_data_api(data_api, target, s3_root):
    """r_COPY: every object under the prefix, in key order; CSV with QUOTE, IGNOREHEADER; ResultRows
    is the number of rows loaded."""
    name, prefix = table(), f"csv-{uuid.uuid4().hex[:6]}"
    put(s3_root, f"{prefix}/part-1.csv", 'id,name,amount\n1,"Smith, J",12.50\n2,"say ""hi""",0.25\n')
    put(s3_root, f"{prefix}/part-2.csv", "id,name,amount\n3,plain,7\n")
    run_ok(data_api, f"create table {name} (id int, name varchar(20), amount decimal(8,2))", **target)
    copy = run_ok(data_api, f"copy {name} from 's3://bucket/{prefix}/' {ROLE} csv ignoreheader 1", **target)
    assert copy["ResultRows"] == 3
    assert query(data_api, f"select id, name, amount::varchar from {name} order by id", **target) == [
        [1, "Smith, J", "12.50"], [2, 'say "hi"', "0.25"], [3, "plain", "7.00"]]
    assert query(data_api, "select pg_last_copy_count()", **target) == [[0]]  # another session: its own count
    history = query(data_api, f"select status, loaded_rows, source_file_count from sys_load_history "
                              f"where table_name = '{name}'", **target)
    assert history == [["completed", 3, 2]]


def test_load_errors_through_the_data_api(data_api, target, s3_root):
    """A bad field fails the COPY, loads nothing, and is in STL_LOAD_ERRORS (r_Load_Error_Reference 1207)."""
    name, key = table(), f"bad-{uuid.uuid4().hex[:6]}.txt"
    put(s3_root, key, "1|a\nx|b\n")
    run_ok(data_api, f"create table {name} (id int, label varchar(5))", **target)
    failed = run(data_api, f"copy {name} from 's3://bucket/{key}' {ROLE}", **target)
    assert failed["Status"] == "FAILED"
    assert failed["Error"] == "ERROR: " + LOAD_FAILED.format(name)
    assert query(data_api, f"select count(*) from {name}", **target) == [[0]]
    errors = query(data_api, "select trim(filename), line_number, trim(colname), err_code, trim(err_reason) "
                             f"from stl_load_errors where filename like '%{key}%'", **target)
    assert errors == [[f"s3://bucket/{key}", 2, "id", 1207, "Invalid digit, Value 'x', Pos 0, Type: Integer"]]


def test_missing_prefix_and_bucket(data_api, target):
    name = table()
    run_ok(data_api, f"create table {name} (a int)", **target)
    missing = run(data_api, f"copy {name} from 's3://bucket/no/such/prefix' {ROLE}", **target)
    assert missing["Status"] == "FAILED"
    assert missing["Error"] == "ERROR: The specified S3 prefix 'no/such/prefix' does not exist"
    bucket = run(data_api, f"copy {name} from 's3://no-such-bucket-here/x' {ROLE}", **target)
    assert bucket["Status"] == "FAILED"
    assert "The specified bucket does not exist" in bucket["Error"]


def test_secrets_never_reach_the_query_log(data_api, target, s3_root):
    """copy-parameters-authorization: the key pair is checked for form and kept out of STL_QUERYTEXT
    and SYS_QUERY_HISTORY."""
    name, key = table(), f"sec-{uuid.uuid4().hex[:6]}.txt"
    put(s3_root, key, "1\n")
    run_ok(data_api, f"create table {name} (a int)", **target)
    run_ok(data_api, f"copy {name} from 's3://bucket/{key}' credentials "
                     f"'aws_access_key_id=AKIAEXAMPLEKEY;aws_secret_access_key=TopSecretValue42'", **target)
    run_ok(data_api, f"copy {name} from 's3://bucket/{key}' access_key_id 'AKIAEXAMPLEKEY' "
                     f"secret_access_key 'TopSecretValue42' session_token 'TokenValue42'", **target)
    texts = query(data_api, "select text from stl_querytext", **target)
    texts += query(data_api, "select query_text from sys_query_history", **target)
    joined = " ".join(str(t[0]) for t in texts)
    assert "copy" in joined.lower()
    assert "TopSecretValue42" not in joined and "TokenValue42" not in joined and "AKIAEXAMPLEKEY" not in joined
    bad = run(data_api, f"copy {name} from 's3://bucket/{key}' credentials 'aws_access_key_id=A'", **target)
    assert bad["Error"] == ("ERROR: Invalid credentials. Must be of the format: credentials 'aws_iam_role=...' "
                            "or 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'")


def test_manifest_and_compressed_files(data_api, target, s3_root):
    """copy-parameters-data-source-s3 (MANIFEST) and copy-parameters-file-compression (GZIP, BZIP2)."""
    name, folder = table(), f"m-{uuid.uuid4().hex[:6]}"
    put(s3_root, f"{folder}/a.gz", gzip.compress(b"1|one\n2|two\n"))
    put(s3_root, f"{folder}/b.gz", gzip.compress(b"3|three\n"))
    put(s3_root, f"{folder}/c.bz2", bz2.compress(b"4|four\n"))
    put(s3_root, f"{folder}/gz.manifest", json.dumps({"entries": [
        {"url": f"s3://bucket/{folder}/a.gz", "mandatory": True},
        {"url": f"s3://bucket/{folder}/b.gz", "mandatory": True},
        {"url": f"s3://bucket/{folder}/absent.gz", "mandatory": False}]}))
    run_ok(data_api, f"create table {name} (id int, word varchar(10))", **target)
    copy = run_ok(data_api, f"copy {name} from 's3://bucket/{folder}/gz.manifest' {ROLE} manifest gzip", **target)
    assert copy["ResultRows"] == 3
    run_ok(data_api, f"copy {name} from 's3://bucket/{folder}/c.bz2' {ROLE} bzip2", **target)
    assert query(data_api, f"select id, word from {name} order by id", **target) == [
        [1, "one"], [2, "two"], [3, "three"], [4, "four"]]
    put(s3_root, f"{folder}/strict.manifest", json.dumps({"entries": [
        {"url": f"s3://bucket/{folder}/absent.gz", "mandatory": True}]}))
    strict = run(data_api, f"copy {name} from 's3://bucket/{folder}/strict.manifest' {ROLE} manifest gzip", **target)
    assert strict["Status"] == "FAILED"
    assert strict["Error"] == (f"ERROR: Manifest file entry 's3://bucket/{folder}/absent.gz' is mandatory "
                               f"but the file does not exist")
    whole = gzip.compress("".join(f"{i}|w{i * 7919 % 10007}\n" for i in range(5000)).encode())
    put(s3_root, f"{folder}/cut.gz", whole[:len(whole) // 2])
    truncated = run(data_api, f"copy {name} from 's3://bucket/{folder}/cut.gz' {ROLE} gzip", **target)
    assert truncated["Status"] == "FAILED"
    assert truncated["Error"].startswith("ERROR: gzip:")
    assert query(data_api, f"select count(*) from {name}", **target) == [[4]]


def test_json_auto(data_api, target, s3_root):
    """copy-usage_notes-copy-from-json: JSON 'auto' matches keys to column names."""
    name, key = table(), f"j-{uuid.uuid4().hex[:6]}.json"
    put(s3_root, key, '{"id": 1, "name": "a"}\n{"name": "b", "id": 2, "extra": true}\n')
    run_ok(data_api, f"create table {name} (id int, name varchar(5))", **target)
    run_ok(data_api, f"copy {name} from 's3://bucket/{key}' {ROLE} format as json 'auto'", **target)
    assert query(data_api, f"select id, name from {name} order by id", **target) == [[1, "a"], [2, "b"]]


# ---------------------------------------------------------------------------------------------
# The PostgreSQL door
# ---------------------------------------------------------------------------------------------

def test_copy_over_the_postgresql_door(s3_server, s3_root):
    """psycopg2: COPY's command tag, MAXERROR, PG_LAST_COPY_COUNT/ID in the session, and a ROLLBACK
    that undoes a COPY (r_COPY: COPY is transactional)."""
    name, key = table(), f"pg-{uuid.uuid4().hex[:6]}.txt"
    put(s3_root, key, "1|2024-01-31\n2|not a date\n3|2024-02-29\n")
    conn = connect(s3_server)
    cur = conn.cursor()
    cur.execute(f"create table {name} (id int, day date)")
    cur.execute("select pg_last_copy_count(), pg_last_copy_id()")
    assert cur.fetchone() == (0, -1)
    cur.execute(f"copy {name} from 's3://bucket/{key}' {ROLE} maxerror 1")
    assert cur.statusmessage == "COPY 2"
    assert cur.rowcount == 2
    cur.execute("select pg_last_copy_count(), pg_last_copy_id() > 0")
    assert cur.fetchone() == (2, True)
    cur.execute(f"select line_number, err_code from stl_load_errors where filename like '%{key}%'")
    assert cur.fetchall() == [(2, 1205)]
    with pytest.raises(psycopg2.Error) as failure:
        cur.execute(f"copy {name} from 's3://bucket/{key}' {ROLE}")
    assert LOAD_FAILED.format(name) in str(failure.value)

    conn.autocommit = False
    cur.execute(f"copy {name} from 's3://bucket/{key}' {ROLE} maxerror 5")
    cur.execute(f"select count(*) from {name}")
    assert cur.fetchone() == (4,)
    conn.rollback()
    conn.autocommit = True
    cur.execute(f"select count(*) from {name}")
    assert cur.fetchone() == (2,)
    conn.close()


def test_copy_needs_insert_privilege(s3_server, s3_root):
    """r_COPY: the user needs INSERT on the table (as INSERT does, r_GRANT)."""
    name, key, user = table(), f"priv-{uuid.uuid4().hex[:6]}.txt", f"u_{uuid.uuid4().hex[:6]}"
    put(s3_root, key, "1\n")
    admin = connect(s3_server).cursor()
    admin.execute(f"create table {name} (a int)")
    admin.execute(f"create user {user} password 'Passw0rd1'")
    admin.execute(f"grant select on {name} to {user}")
    tenant = psycopg2.connect(host=s3_server.pg_host, port=s3_server.pg_port, user=user, password="Passw0rd1",
                              dbname="dev", sslmode="disable", connect_timeout=10)
    tenant.autocommit = True
    with pytest.raises(psycopg2.Error) as denied:
        tenant.cursor().execute(f"copy {name} from 's3://bucket/{key}' {ROLE}")
    assert f"permission denied for relation {name}" in str(denied.value)
    admin.execute(f"grant insert on {name} to {user}")
    tenant.cursor().execute(f"copy {name} from 's3://bucket/{key}' {ROLE}")
    admin.execute(f"select count(*) from {name}")
    assert admin.fetchone() == (1,)
    tenant.close()


# ---------------------------------------------------------------------------------------------
# An S3 API endpoint (moto's server)
# ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def moto_server(make_server_module, moto_s3):
    return make_server_module(extra_args=["--s3-endpoint", moto_s3],
                              env={"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                                   "AWS_REGION": "us-east-1"})


def test_the_same_copy_against_an_s3_endpoint(moto_server, moto_s3, target):
    """The same statements work against an S3 API (issue 14's contract): a prefix of several
    files in key order, a manifest, a missing prefix and an unknown bucket."""
    bucket = moto_s3.new_bucket()
    moto_s3.put(bucket, "in/part-b", "3|c\n")
    moto_s3.put(bucket, "in/part-a", "1|a\n2|b\n")
    moto_s3.put(bucket, "in.manifest", json.dumps({"entries": [{"url": f"s3://{bucket}/in/part-b", "mandatory": True}]}))
    client = make_client(moto_server.url)
    name = table()
    run_ok(client, f"create table {name} (id int, v varchar(3))", **target)
    copy = run_ok(client, f"copy {name} from 's3://{bucket}/in/part' {ROLE}", **target)
    assert copy["ResultRows"] == 3
    run_ok(client, f"copy {name} from 's3://{bucket}/in.manifest' {ROLE} manifest", **target)
    assert query(client, f"select id, v from {name} order by id", **target) == [[1, "a"], [2, "b"], [3, "c"], [3, "c"]]
    missing = run(client, f"copy {name} from 's3://{bucket}/nothing' {ROLE}", **target)
    assert missing["Error"] == "ERROR: The specified S3 prefix 'nothing' does not exist"
    unknown = run(client, f"copy {name} from 's3://no-such-bucket-{uuid.uuid4().hex[:6]}/x' {ROLE}", **target)
    assert unknown["Status"] == "FAILED"
    assert "The specified bucket does not exist" in unknown["Error"]
