"""`serve` options end to end: --init-sql, YAML --config, strict mode, verify_signatures, bad input.

Expected values come from DESIGN.md's contract (seeding, exit codes) and the real service's
documented errors (shared/reference/data-api.md §4.2, §1.4).
"""
import os
import subprocess
import tempfile

import botocore.exceptions
import pytest

from conftest import emulatord_bin, make_client, query, run


def _write(directory, name, text):
    path = os.path.join(directory, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def test_init_sql_seeds_every_new_cluster_in_lexical_order(make_server):
    # DESIGN.md "Seeding": --init-sql runs as the superuser in `dev` of every cluster when it is
    # provisioned, before its first statement; a directory runs in lexical order.
    d = tempfile.mkdtemp()
    _write(d, "02_rows.sql", "insert into seeded values (1, 'one');\ninsert into seeded values (2, 'two;semi');\n")
    _write(d, "01_schema.sql", "-- schema first\ncreate table seeded (id int, label varchar(20));\n")
    _write(d, "notes.txt", "not sql")
    server = make_server(extra_args=["--init-sql", d])
    client = make_client(server.url)
    for cluster in ("seeded-a", "seeded-b"):
        target = {"ClusterIdentifier": cluster, "Database": "dev", "DbUser": "awsuser"}
        assert query(client, "select id, label from seeded order by id", **target) == [[1, "one"], [2, "two;semi"]]
    # Statements run by --init-sql are not the caller's statements.
    listed = client.list_statements(Status="ALL")["Statements"]
    assert all("seeded values" not in (s.get("QueryString") or "") for s in listed)


def test_bad_init_sql_exits_2_naming_the_file():
    d = tempfile.mkdtemp()
    bad = _write(d, "broken.sql", "create table ok (a int);\nselect * from missing_table;\n")
    config = _write(d, "config.json", '{"clusters": [{"identifier": "c1"}]}')
    proc = subprocess.run([str(emulatord_bin()), "serve", "--port", "0", "--config", config, "--init-sql", bad],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "broken.sql" in proc.stderr
    assert 'relation "missing_table" does not exist' in proc.stderr


def test_yaml_config_strict_clusters_and_secrets():
    d = tempfile.mkdtemp()
    config = _write(d, "emulator.yaml", """
superuser: admin
strict: true
clusters:
  - identifier: analytics
    databases: [dev, sales]
secrets:
  "arn:aws:secretsmanager:us-east-1:123456789012:secret:tenant-a": tenant_a
""")
    proc = subprocess.Popen([str(emulatord_bin()), "serve", "--port", "0", "--config", config],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = proc.stdout.readline().strip().rsplit(" ", 1)[-1]
        client = make_client(url)
        d1 = run(client, "select current_user", ClusterIdentifier="analytics", Database="sales",
                 SecretArn="arn:aws:secretsmanager:us-east-1:123456789012:secret:tenant-a")
        assert d1["Status"] == "FINISHED", d1.get("Error")
        assert client.get_statement_result(Id=d1["Id"])["Records"][0][0]["stringValue"].strip() == "tenant_a"
        # data-api.md §4.2: an unknown cluster is "Redshift endpoint doesn't exist in this region."
        with pytest.raises(client.exceptions.ValidationException) as e:
            client.execute_statement(ClusterIdentifier="nowhere", Database="dev", DbUser="admin", Sql="select 1")
        assert e.value.response["Error"]["Message"] == "Redshift endpoint doesn't exist in this region."
        assert client.list_databases(ClusterIdentifier="analytics", Database="dev", DbUser="admin")["Databases"] == ["dev", "sales"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_bad_config_exits_2_naming_the_key():
    d = tempfile.mkdtemp()
    config = _write(d, "bad.json", '{"clusters": [{"databases": ["dev"]}]}')
    proc = subprocess.run([str(emulatord_bin()), "serve", "--port", "0", "--config", config],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert "identifier" in proc.stderr


def test_verify_signatures_checks_sigv4_from_real_clients(make_server):
    # With verify_signatures, botocore's real SigV4 signatures are checked against configured secrets.
    server = make_server(config={"verify_signatures": True,
                                 "credentials": {"AKIDGOOD": "good-secret"}})
    good = make_client(server.url, access_key="AKIDGOOD", secret_key="good-secret")
    assert run(good, "select 1", ClusterIdentifier="sig", Database="dev", DbUser="awsuser")["Status"] == "FINISHED"

    wrong_secret = make_client(server.url, access_key="AKIDGOOD", secret_key="not-the-secret")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        wrong_secret.list_statements()
    assert e.value.response["Error"]["Code"] == "InvalidSignatureException"
    assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403

    unknown = make_client(server.url, access_key="AKIDOTHER", secret_key="good-secret")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        unknown.list_statements()
    assert e.value.response["Error"]["Code"] == "UnrecognizedClientException"
