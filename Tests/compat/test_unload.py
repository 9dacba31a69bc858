"""UNLOAD end to end: boto3's Data API and psycopg2 run it against `serve --s3-root DIR`, and the
tests read the files back from DIR (s3://bucket/key is DIR/bucket/key).

Facts: the Developer Guide's r_UNLOAD (syntax, parameters, file names, PARQUET, PARTITION BY,
ALLOWOVERWRITE), r_UNLOAD_command_examples (the files and their content), t_Unloading_tables,
r_STL_UNLOAD_LOG, SYS_UNLOAD_HISTORY, PG_LAST_UNLOAD_COUNT, and r_STL_QUERYTEXT with
copy-parameters-authorization for the secrets that must not be logged.
"""

from __future__ import annotations

import bz2
import gzip
import json
import os

import pytest

from conftest import make_client, query, run, run_ok

ROLE = "iam_role 'arn:aws:iam::0123456789012:role/MyRedshiftRole'"
VENUE = [
    "create table venue (venueid smallint, venuename varchar(100), venuecity varchar(30), venuestate char(2), venueseats integer)",
    """insert into venue values (1, 'Pinewood Racetrack', 'Akron', 'OH', 0), (2, 'Columbus "Crew" Stadium', 'Columbus', 'OH', 0),
       (4, 'Community, Ballpark, Arena', 'Kansas City', 'KS', 0), (22, 'Quicken Loans Arena', 'Cleveland', null, null)""",
]


@pytest.fixture(scope="module")
def s3_server(tmp_path_factory):
    from conftest import Server
    root = tmp_path_factory.mktemp("s3root")
    (root / "mybucket").mkdir()
    server = Server(extra_args=["--s3-root", str(root)], name="emulatord (--s3-root)").start()
    yield server, root
    try:
        server.stop()
    finally:
        server.cleanup()


@pytest.fixture
def api(s3_server, cluster_id):
    """A Data API client and a fresh cluster with VENUE loaded."""
    server, root = s3_server
    client = make_client(server.url)
    target = {"ClusterIdentifier": cluster_id, "Database": "dev", "DbUser": "awsuser"}
    for sql in VENUE:
        run_ok(client, sql, **target)
    return client, target, root


def read(root, key: str) -> str:
    return (root / "mybucket" / key).read_text()


def listing(root, prefix: str) -> list[str]:
    base = root / "mybucket"
    found = []
    for directory, _, files in os.walk(base):
        for name in files:
            key = os.path.relpath(os.path.join(directory, name), base)
            if key.startswith(prefix):
                found.append(key)
    return sorted(found)


def test_data_api_unload_writes_one_file_per_slice_and_finishes_without_a_result_set(api, unique_name):
    # r_UNLOAD_command_examples › Unload VENUE to a pipe-delimited file: `<prefix><slice>_part_<nn>`;
    # the emulated cluster has one slice.
    client, target, root = api
    d = run_ok(client, f"unload ('select * from venue order by venueid') to 's3://mybucket/{unique_name}/venue_pipe_' {ROLE}", **target)
    assert d["HasResultSet"] is False
    assert listing(root, unique_name) == [f"{unique_name}/venue_pipe_0000_part_00"]
    assert read(root, f"{unique_name}/venue_pipe_0000_part_00") == (
        "1|Pinewood Racetrack|Akron|OH|0\n"
        '2|Columbus "Crew" Stadium|Columbus|OH|0\n'
        "4|Community, Ballpark, Arena|Kansas City|KS|0\n"
        "22|Quicken Loans Arena|Cleveland||\n")
    # PG_LAST_UNLOAD_COUNT is per session: a new Data API statement runs in a new session (0).
    assert query(client, "select pg_last_unload_count()", **target) == [[0]]


def test_csv_header_null_as_parallel_off(api, unique_name):
    # r_UNLOAD › CSV, HEADER, NULL AS, PARALLEL OFF (`<prefix>000`); the CSV example's quoting.
    client, target, root = api
    run_ok(client, f"unload ('select venueid, venuename, venuestate from venue order by 1') "
                   f"to 's3://mybucket/{unique_name}/v_' {ROLE} format as csv header null as 'fred' parallel off", **target)
    assert listing(root, unique_name) == [f"{unique_name}/v_000"]
    assert read(root, f"{unique_name}/v_000") == (
        "venueid,venuename,venuestate\n"
        "1,Pinewood Racetrack,OH\n"
        '2,"Columbus ""Crew"" Stadium",OH\n'
        '4,"Community, Ballpark, Arena",KS\n'
        "22,Quicken Loans Arena,fred\n")


def test_existing_files_fail_without_allowoverwrite(api, unique_name):
    # r_UNLOAD › ALLOWOVERWRITE: "By default, UNLOAD fails if it finds files that it would possibly overwrite."
    client, target, root = api
    sql = f"unload ('select venueid from venue') to 's3://mybucket/{unique_name}/' {ROLE}"
    run_ok(client, sql, **target)
    d = run(client, sql, **target)
    assert d["Status"] == "FAILED"
    assert "Specified unload destination on S3 is not empty" in d["Error"]
    run_ok(client, sql + " allowoverwrite", **target)
    run_ok(client, f"unload ('select venueid from venue where venueid = 4') to 's3://mybucket/{unique_name}/' {ROLE} cleanpath", **target)
    assert read(root, f"{unique_name}/0000_part_00") == "4\n"


def test_unknown_bucket_fails(api, unique_name):
    client, target, _ = api
    d = run(client, f"unload ('select 1') to 's3://no-such-bucket/{unique_name}/' {ROLE}", **target)
    assert d["Status"] == "FAILED"
    assert "NoSuchBucket" in d["Error"]


def test_bad_input_fails_and_writes_nothing(api, unique_name):
    # Issue 14 › Bad input: a key that would escape the store's root, an outer LIMIT (r_UNLOAD › Limit
    # clause), a malformed IAM role (copy-parameters-authorization), PARQUET with HEADER (r_UNLOAD ›
    # FORMAT): each a FAILED statement, nothing written, the server unharmed.
    client, target, root = api
    for sql in [
        f"unload ('select 1') to 's3://mybucket/../../etc/{unique_name}' {ROLE}",
        f"unload ('select * from venue limit 2') to 's3://mybucket/{unique_name}/a_' {ROLE}",
        f"unload ('select * from venue') to 's3://mybucket/{unique_name}/b_' iam_role 'not-a-role'",
        f"unload ('select * from venue') to 's3://mybucket/{unique_name}/c_' {ROLE} parquet header",
        f"unload ('select * from no_such_table') to 's3://mybucket/{unique_name}/d_' {ROLE}",
    ]:
        d = run(client, sql, **target)
        assert d["Status"] == "FAILED", sql
        assert d["Error"].startswith("ERROR: "), d["Error"]
    assert listing(root, unique_name) == []
    assert not any(name.endswith(unique_name) for name in os.listdir(root.parent)), "nothing escaped the root"
    assert query(client, "select count(*) from venue", **target) == [[4]]


def test_parquet_reads_back_with_pyarrow_types(api, unique_name):
    # r_UNLOAD › FORMAT AS PARQUET (`0000_part_00.parquet`, r_UNLOAD_command_examples), typed columns.
    pq = pytest.importorskip("pyarrow.parquet")
    import pyarrow as pa
    client, target, root = api
    run_ok(client, f"""unload ('select venueid, venuename, venueseats, 12.50::decimal(8,2) as price, venueid > 1 as big,
                                      ''2008-01-04''::date as d, ''2008-01-04 10:11:12''::timestamp as ts
                               from venue order by venueid')
                       to 's3://mybucket/{unique_name}/' {ROLE} parquet""", **target)
    table = pq.read_table(root / "mybucket" / unique_name / "0000_part_00.parquet")
    schema = table.schema
    assert schema.field("venueid").type == pa.int16()
    assert schema.field("venuename").type == pa.string()
    assert schema.field("venueseats").type == pa.int32()
    assert schema.field("price").type == pa.decimal128(8, 2)
    assert schema.field("big").type == pa.bool_()
    assert schema.field("d").type == pa.date32()
    assert schema.field("ts").type == pa.timestamp("us")
    assert table.column("venueid").to_pylist() == [1, 2, 4, 22]
    assert table.column("venueseats").to_pylist() == [0, 0, 0, None]
    assert str(table.column("price").to_pylist()[0]) == "12.50"


def test_partition_by_and_manifest_verbose(api, unique_name):
    # r_UNLOAD › PARTITION BY (Hive folders, NULL as __HIVE_DEFAULT_PARTITION__, one manifest at the
    # root), MANIFEST VERBOSE (r_UNLOAD_command_examples: entries with meta, schema, author).
    client, target, root = api
    run_ok(client, f"unload ('select venueid, venuestate from venue order by venueid') to 's3://mybucket/{unique_name}' {ROLE} "
                   f"partition by (venuestate) manifest verbose", **target)
    assert listing(root, unique_name) == [
        f"{unique_name}/manifest",
        f"{unique_name}/venuestate=KS/0000_part_00",
        f"{unique_name}/venuestate=OH/0000_part_00",
        f"{unique_name}/venuestate=__HIVE_DEFAULT_PARTITION__/0000_part_00",
    ]
    assert read(root, f"{unique_name}/venuestate=OH/0000_part_00") == "1\n2\n"
    manifest = json.loads(read(root, f"{unique_name}/manifest"))
    assert [e["url"] for e in manifest["entries"]] == [
        f"s3://mybucket/{unique_name}/venuestate=KS/0000_part_00",
        f"s3://mybucket/{unique_name}/venuestate=OH/0000_part_00",
        f"s3://mybucket/{unique_name}/venuestate=__HIVE_DEFAULT_PARTITION__/0000_part_00",
    ]
    assert [e["meta"]["record_count"] for e in manifest["entries"]] == [1, 2, 1]
    assert manifest["meta"]["record_count"] == 4
    assert manifest["schema"]["elements"] == [{"name": "venueid", "type": {"base": "smallint"}}]
    assert manifest["author"] == {"name": "Amazon Redshift", "version": "1.0.0"}


def test_json_and_compression(api, unique_name):
    # r_UNLOAD › FORMAT JSON (one object a line, NULL as null), GZIP (.gz), BZIP2 (.bz2).
    client, target, root = api
    run_ok(client, f"unload ('select venueid, venuestate from venue where venueid in (1, 22) order by 1') "
                   f"to 's3://mybucket/{unique_name}/j_' {ROLE} json", **target)
    lines = [json.loads(line) for line in read(root, f"{unique_name}/j_0000_part_00").splitlines()]
    assert lines == [{"venueid": 1, "venuestate": "OH"}, {"venueid": 22, "venuestate": None}]
    run_ok(client, f"unload ('select venueid from venue order by 1') to 's3://mybucket/{unique_name}/g_' {ROLE} gzip", **target)
    assert gzip.decompress((root / "mybucket" / unique_name / "g_0000_part_00.gz").read_bytes()) == b"1\n2\n4\n22\n"
    run_ok(client, f"unload ('select venueid from venue order by 1') to 's3://mybucket/{unique_name}/b_' {ROLE} bzip2 parallel off", **target)
    assert bz2.decompress((root / "mybucket" / unique_name / "b_000.bz2").read_bytes()) == b"1\n2\n4\n22\n"


def test_rls_and_privileges_decide_what_is_unloaded(api, unique_name):
    # r_UNLOAD › Required privileges (SELECT on the data); RLS filters what the caller's UNLOAD reads.
    client, target, root = api
    for sql in [
        "create table orders (id int, tenant varchar(10))",
        "insert into orders values (1, 'alice'), (2, 'bob'), (3, 'alice')",
        "create user alice password disable", "create user eve password disable",
        "grant select on orders to alice",
        "create rls policy own with (tenant varchar(10)) using (tenant = current_user)",
        "attach rls policy own on orders to public", "alter table orders row level security on",
    ]:
        run_ok(client, sql, **target)
    alice = dict(target, DbUser="alice")
    run_ok(client, f"unload ('select id from orders order by id') to 's3://mybucket/{unique_name}/alice_' {ROLE} parallel off", **alice)
    assert read(root, f"{unique_name}/alice_000") == "1\n3\n"
    d = run(client, f"unload ('select id from orders') to 's3://mybucket/{unique_name}/eve_' {ROLE}", **dict(target, DbUser="eve"))
    assert d["Status"] == "FAILED"
    assert "permission denied" in d["Error"]
    assert listing(root, f"{unique_name}/eve_") == []


def test_secrets_never_reach_stl_querytext(api, unique_name):
    # copy-parameters-authorization: the secrets of CREDENTIALS / ACCESS_KEY_ID are masked in the logs.
    client, target, _ = api
    run_ok(client, f"unload ('select 1') to 's3://mybucket/{unique_name}/' access_key_id 'AKIAUNLOADKEY' "
                   f"secret_access_key 'UnloadSecretValue' session_token 'UnloadSessionToken'", **target)
    texts = query(client, "select text from stl_querytext where text like '%unload%'", **target)
    assert texts, "the UNLOAD is in STL_QUERYTEXT"
    joined = " ".join(row[0] for row in texts)
    for secret in ["AKIAUNLOADKEY", "UnloadSecretValue", "UnloadSessionToken"]:
        assert secret not in joined


def test_psycopg2_unload_log_and_last_unload_count(s3_server, unique_name):
    # PG_LAST_UNLOAD_COUNT (the session's last UNLOAD), r_STL_UNLOAD_LOG (one row per file), SYS_UNLOAD_HISTORY.
    psycopg2 = pytest.importorskip("psycopg2")
    server, root = s3_server
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user="awsuser", password="any",
                            dbname="dev", sslmode="disable", connect_timeout=10)
    conn.autocommit = True
    try:
        cur = conn.cursor()
        cur.execute(f"create table {unique_name} (a int, b varchar(10))")
        cur.execute(f"insert into {unique_name} values (1, 'x'), (2, null), (3, 'z')")
        cur.execute(f"unload ('select * from {unique_name} order by a') to 's3://mybucket/{unique_name}/pg_' {ROLE} parallel off")
        assert cur.statusmessage.startswith("UNLOAD")
        assert any("UNLOAD completed, 3 record(s) unloaded successfully." in n for n in conn.notices)
        assert read(root, f"{unique_name}/pg_000") == "1|x\n2|\n3|z\n"
        cur.execute("select pg_last_unload_count(), pg_last_unload_id()")
        count, unload_id = cur.fetchone()
        assert count == 3
        cur.execute("select query, trim(path), line_count, transfer_size from stl_unload_log where query = %s", (unload_id,))
        assert cur.fetchall() == [(unload_id, f"s3://mybucket/{unique_name}/pg_000", 3, 11)]  # "1|x\n2|\n3|z\n": 11 bytes
        cur.execute("select status, unloaded_rows, unloaded_files_count from sys_unload_history where query_id = %s", (unload_id,))
        assert cur.fetchall() == [("completed", 3, 1)]
    finally:
        conn.close()


def test_unload_to_a_directory_and_to_an_s3_endpoint(s3_backend, cluster_id, unique_name):
    # The same UNLOADs against `--s3-root` and against a real S3 API (moto's server, `--s3-endpoint`):
    # r_UNLOAD's file names, content, the manifest (r_UNLOAD_command_examples), GZIP's `.gz`,
    # PARQUET read back by pyarrow, and ALLOWOVERWRITE's check of what is already there.
    client = s3_backend.client
    target = {"ClusterIdentifier": cluster_id, "Database": "dev", "DbUser": "awsuser"}
    for sql in VENUE:
        run_ok(client, sql, **target)
    sql = f"unload ('select venueid, venuecity from venue order by 1') to '{s3_backend.url(unique_name)}/v_' {ROLE} csv manifest"
    run_ok(client, sql, **target)
    assert s3_backend.keys(unique_name) == [f"{unique_name}/v_0000_part_00", f"{unique_name}/v_manifest"]
    assert s3_backend.get(f"{unique_name}/v_0000_part_00") == b"1,Akron\n2,Columbus\n4,Kansas City\n22,Cleveland\n"
    manifest = json.loads(s3_backend.get(f"{unique_name}/v_manifest"))
    assert manifest["entries"] == [{"url": s3_backend.url(f"{unique_name}/v_0000_part_00")}]
    failed = run(client, sql, **target)
    assert failed["Status"] == "FAILED" and "not empty" in failed["Error"]
    run_ok(client, f"unload ('select venueid from venue order by 1') to '{s3_backend.url(unique_name)}/g_' {ROLE} gzip parallel off", **target)
    assert gzip.decompress(s3_backend.get(f"{unique_name}/g_000.gz")) == b"1\n2\n4\n22\n"
    pq = pytest.importorskip("pyarrow.parquet")
    import io
    run_ok(client, f"unload ('select venueid, venuename from venue order by 1') to '{s3_backend.url(unique_name)}/p/' {ROLE} parquet", **target)
    table = pq.read_table(io.BytesIO(s3_backend.get(f"{unique_name}/p/0000_part_00.parquet")))
    assert table.column("venuename").to_pylist()[:2] == ["Pinewood Racetrack", 'Columbus "Crew" Stadium']
