"""Resource limits (issue 19, item 4) beyond the data quota (test_data_quota.py): how long and how
many ended statements are kept, the size of a result, the size of a request body, and the recording
counted against `--max-data-bytes`. Each limit is configurable (`limits:` in the --config file);
the defaults are the service's numbers.

- Retention: "the query results are stored for 24 hours" (data-api, Considerations when calling the
  Data API); an expired id is answered like an unknown one, `Query does not exist.` (data-api.md §6.4).
- Result size: "The Data API limit is 500 MB in the result set returned by the database"
  (data-api-troubleshooting, "Database response exceeded size limit"; the exact error text is not
  documented: the emulator uses the title).
- SQL size: 100 KB (data-api, Considerations), ValidationException.
"""

import socket
import subprocess
import time
import urllib.parse

import pytest

from conftest import emulatord_bin, error_of, make_client, pg_connect, run, run_ok

TARGET = {"ClusterIdentifier": "dev-cluster", "Database": "dev", "DbUser": "awsuser"}


def gone(client, statement_id: str, timeout: float = 30.0) -> bool:
    """Polls DescribeStatement until the id is answered `Query does not exist.` (True) or `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            client.describe_statement(Id=statement_id)
        except client.exceptions.ResourceNotFoundException as error:
            assert error.response["Error"]["Message"] == "Query does not exist."
            return True
        time.sleep(0.1)
    return False


def test_an_ended_statement_expires_after_the_retention(make_server):
    server = make_server(extra_args=["--statement-retention", "1s"])
    client = make_client(server.url)
    done = run_ok(client, "select 1 as n", **TARGET)
    assert gone(client, done["Id"]), "the statement was still kept long after a 1 s retention"
    with pytest.raises(client.exceptions.ResourceNotFoundException) as raised:
        client.get_statement_result(Id=done["Id"])
    assert error_of(raised)[1] == "Query does not exist."
    assert all(s["Id"] != done["Id"] for s in client.list_statements(Status="ALL")["Statements"])
    # The server keeps serving, and a new statement is kept as usual.
    again = run_ok(client, "select 2", **TARGET)
    assert client.describe_statement(Id=again["Id"])["Status"] == "FINISHED"


def test_a_bad_retention_is_refused_at_start_up():
    done = subprocess.run([str(emulatord_bin()), "serve", "--port", "0", "--pg-port", "off",
                           "--statement-retention", "soon"], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    assert "--statement-retention must be seconds or a duration" in done.stderr


def test_past_the_bound_the_oldest_ended_statements_are_forgotten_first(make_server):
    server = make_server(config={"limits": {"maxEndedStatements": 3}})
    client = make_client(server.url)
    ids = [run_ok(client, f"select {n}", **TARGET)["Id"] for n in range(5)]
    assert gone(client, ids[0])
    assert gone(client, ids[1])
    for kept in ids[2:]:
        assert client.describe_statement(Id=kept)["Status"] == "FINISHED"
        assert client.get_statement_result(Id=kept)["TotalNumRows"] == 1
    listed = [s["Id"] for s in client.list_statements(Status="ALL")["Statements"]]
    assert listed == list(reversed(ids[2:]))


def test_a_result_over_the_size_limit_fails_and_the_cluster_endpoint_has_none(make_server):
    server = make_server(config={"limits": {"maxResultBytes": 20_000}})
    client = make_client(server.url)
    run_ok(client, "create table wide (pad varchar(1000))", **TARGET)
    run_ok(client, "insert into wide values ('" + "x" * 1000 + "')", **TARGET)
    for _ in range(5):   # 32 rows of 1,000 bytes: 32 kB of result
        run_ok(client, "insert into wide select pad from wide", **TARGET)
    small = run_ok(client, "select pad from wide limit 10", **TARGET)
    assert client.get_statement_result(Id=small["Id"])["TotalNumRows"] == 10
    big = run(client, "select pad from wide", **TARGET)
    assert big["Status"] == "FAILED"
    assert "Database response exceeded size limit" in big["Error"]
    # The cluster endpoint streams its rows: no Data API result limit there.
    connection = pg_connect(server)
    try:
        with connection.cursor() as cursor:
            cursor.execute("select pad from wide")
            assert len(cursor.fetchall()) == 32
    finally:
        connection.close()
    server.check_alive("after a result over the limit")


def test_a_row_over_64_kb_fails_on_the_data_api_and_not_on_the_cluster_endpoint(make_server):
    # data-api-troubleshooting, "Packet for query is too large": "The Data API size limit is 64 KB
    # per row in the result set returned by the database" (the exact error text is not documented).
    server = make_server()
    client = make_client(server.url)
    run_ok(client, "create table blobs (id int, body varchar(65535))", **TARGET)
    run_ok(client, "insert into blobs values (1, '" + "y" * 60_000 + "')", **TARGET)
    fits = run_ok(client, "select id, body from blobs", **TARGET)
    assert client.get_statement_result(Id=fits["Id"])["TotalNumRows"] == 1
    big = run(client, "select id, body, body as again from blobs", **TARGET)   # 120,000 bytes in one row
    assert big["Status"] == "FAILED"
    assert "Packet for query is too large" in big["Error"]
    connection = pg_connect(server)
    try:
        with connection.cursor() as cursor:
            cursor.execute("select id, body, body as again from blobs")
            assert len(cursor.fetchone()[2]) == 60_000
    finally:
        connection.close()
    server.check_alive("after a row over the limit")


def test_past_the_cluster_bound_an_unknown_cluster_is_refused_as_in_strict_mode(make_server):
    # Clusters named by requests are provisioned on first use, up to limits.maxClusters when it is
    # set (an emulator bound; the service's quota is 200 nodes per account, amazon-redshift-limits);
    # past it an unknown name gets the service's answer for a cluster that does not exist
    # (data-api.md §4.2), and the others go on.
    server = make_server(config={"limits": {"maxClusters": 3}})
    client = make_client(server.url)
    served, refused = [], None
    for n in range(5):
        name = f"bounded-{n}"
        try:
            client.execute_statement(ClusterIdentifier=name, Database="dev", DbUser="awsuser", Sql="select 1")
            served.append(name)
        except client.exceptions.ValidationException as raised:
            refused = raised
            break
    assert refused is not None and 1 <= len(served) <= 3
    assert refused.response["Error"]["Message"] == "Redshift endpoint doesn't exist in this region."
    for name in served:
        d = run(client, "select 1", ClusterIdentifier=name, Database="dev", DbUser="awsuser")
        assert d["Status"] == "FINISHED"
    server.check_alive("after the cluster bound")


def test_sql_over_100_kb_is_a_validation_error(make_server):
    server = make_server()
    client = make_client(server.url)
    sql = "select '" + "x" * (100 * 1024) + "'"
    with pytest.raises(client.exceptions.ValidationException) as raised:
        client.execute_statement(Sql=sql, **TARGET)
    assert "exceeds the maximum" in error_of(raised)[1]


def test_an_oversized_request_body_is_refused(make_server):
    server = make_server(config={"limits": {"maxRequestBytes": 4096}})
    client = make_client(server.url)
    with pytest.raises(client.exceptions.ClientError) as raised:
        client.execute_statement(Sql="select '" + "x" * 5000 + "'", **TARGET)
    assert error_of(raised) == ("SerializationException", "Request body is too large")
    run_ok(client, "select 1", **TARGET)


def test_a_body_announced_too_large_is_refused_before_it_is_sent(make_server):
    # Only the headers are sent: the server answers from Content-Length without waiting for the body.
    server = make_server(config={"limits": {"maxRequestBytes": 4096}})
    url = urllib.parse.urlparse(server.url)
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall(("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
                      "X-Amz-Target: RedshiftData.ExecuteStatement\r\nContent-Length: 1000000000\r\n\r\n").encode())
        head = sock.recv(65536).decode("latin-1")
    assert head.startswith("HTTP/1.1 400"), head
    assert "SerializationException" in head
    client = make_client(server.url)
    run_ok(client, "select 1", **TARGET)


def test_the_recording_counts_against_the_data_quota(make_server, tmp_path):
    recording = tmp_path / "recording.jsonl"
    server = make_server(data_dir=str(tmp_path / "data"),
                         extra_args=["--max-data-bytes", "3000000", "--record", str(recording)])
    client = make_client(server.url)
    # Statements whose text is 90 kB each: the recording grows by that much per statement, the data
    # not; until the recording has taken the quota, and a statement that needs a new page (a new
    # table) fails with Redshift's disk-full error.
    text = "x" * (90 * 1024)
    failed = None
    for n in range(80):
        run_ok(client, f"select length('{text}') as pad", **TARGET)   # a small result: rows over 64 KB fail
        d = run(client, f"create table w{n} (n int)", **TARGET)
        if d["Status"] == "FAILED":
            failed = d
            break
    assert failed is not None and "Disk Full" in failed["Error"], "the recording never used the quota up"
    assert recording.stat().st_size > 1_000_000
    # The recording stops growing, while reads go on.
    for _ in range(3):
        run_ok(client, "select 1", **TARGET)
    time.sleep(0.5)
    size = recording.stat().st_size
    for _ in range(5):
        run_ok(client, "select 1", **TARGET)
    time.sleep(0.5)
    assert recording.stat().st_size == size
    server.check_alive("after the recording used up the quota")
