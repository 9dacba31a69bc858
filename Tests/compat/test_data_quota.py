"""`--max-data-bytes` (issue 19, item 4): a statement that would grow the stored data past the quota
fails with Redshift's disk-full error and leaves nothing behind; the server keeps serving reads; a
result that must spill to disk counts against the same quota.

Redshift answers a full disk with `ERROR: Disk Full` (the error STL_DISK_FULL_DIAG logs, page
r_STL_DISK_FULL_DIAG) and SQLSTATE 53100, PostgreSQL's disk_full class that Redshift keeps.
"""

import psycopg2
import pytest

from conftest import make_client, run, run_ok, query

QUOTA = 3_000_000
PAD = "x" * 1000


@pytest.fixture
def full_server(make_server, tmp_path):
    server = make_server(data_dir=str(tmp_path / "data"), extra_args=["--max-data-bytes", str(QUOTA)])
    client = make_client(server.url)
    target = {"ClusterIdentifier": "dev-cluster", "Database": "dev", "DbUser": "awsuser"}
    run_ok(client, "create table q (pad varchar(1000))", **target)
    run_ok(client, f"insert into q values ('{PAD}')", **target)
    # Doubling the table: 2, 4, ... rows of 1 kB until a statement meets the quota.
    failure = None
    for _ in range(16):
        d = run(client, "insert into q select pad from q", **target)
        if d["Status"] != "FINISHED":
            failure = d
            break
    return server, client, target, failure


def count(client, target) -> int:
    return query(client, "select count(*) from q", **target)[0][0]


def test_a_write_past_the_quota_fails_with_disk_full_and_reads_go_on(full_server):
    server, client, target, failure = full_server
    assert failure is not None, "3 MB of quota never ran out"
    assert failure["Status"] == "FAILED"
    assert "Disk Full" in failure["Error"]
    rows = count(client, target)   # reads still answer
    assert rows >= 64 and rows & (rows - 1) == 0   # the failed doubling left nothing behind
    again = run(client, "insert into q select pad from q", **target)
    assert again["Status"] == "FAILED" and "Disk Full" in again["Error"]
    assert count(client, target) == rows
    server.check_alive("after Disk Full")


def test_postgresql_door_reports_sqlstate_53100(full_server):
    server, client, target, _ = full_server
    before = count(client, target)
    connection = psycopg2.connect(host=server.pg_host, port=server.pg_port, user="awsuser", password="x",
                                  dbname="dev", sslmode="disable")
    try:
        with connection.cursor() as cursor:
            with pytest.raises(psycopg2.Error) as raised:
                cursor.execute("insert into q select pad from q")
            assert raised.value.pgcode == "53100"
            assert "Disk Full" in str(raised.value)
        connection.rollback()
        with connection.cursor() as cursor:
            cursor.execute("select count(*) from q")
            assert cursor.fetchone()[0] == before
    finally:
        connection.close()


def test_a_result_that_must_spill_counts_against_the_quota(full_server):
    server, client, target, _ = full_server
    # More than the 5,000 rows a result keeps in memory: it spills to disk, which is full.
    d = run(client, "select a.pad from q a, q b, q c limit 200000", **target)
    assert d["Status"] == "FAILED" and "Disk Full" in d["Error"]
    assert count(client, target) >= 64
    server.check_alive("after a spill past the quota")


def test_the_quota_from_the_configuration_file(make_server, tmp_path):
    # `limits.maxDataBytes` in the --config file, the same quota as --max-data-bytes.
    server = make_server(data_dir=str(tmp_path / "data"), config={"limits": {"maxDataBytes": QUOTA}})
    client = make_client(server.url)
    target = {"ClusterIdentifier": "dev-cluster", "Database": "dev", "DbUser": "awsuser"}
    run_ok(client, "create table q (pad varchar(1000))", **target)
    run_ok(client, f"insert into q values ('{PAD}')", **target)
    statuses = [run(client, "insert into q select pad from q", **target) for _ in range(16)]
    failed = [d for d in statuses if d["Status"] != "FINISHED"]
    assert failed and all("Disk Full" in d["Error"] for d in failed)
