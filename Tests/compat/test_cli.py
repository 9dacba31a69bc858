"""The AWS CLI (v1, pinned in requirements.txt) against the emulator (data-api.md §16.1)."""

import json
import os
import shutil
import subprocess
import sys

from conftest import ACCESS_KEY, REGION, SECRET_KEY, run_ok, wait


def _aws_cmd():
    exe = shutil.which("aws")
    return [exe] if exe else [sys.executable, "-m", "awscli"]


def _env(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_MAX_ATTEMPTS": "1",
        "AWS_PAGER": "",
    })
    env.update(extra)
    return env


def aws(args, endpoint=None, env_extra=None, check=True):
    cmd = _aws_cmd() + ["redshift-data"] + args + ["--output", "json"]
    if endpoint:
        cmd += ["--endpoint-url", endpoint]
    p = subprocess.run(cmd, capture_output=True, text=True, env=_env(**(env_extra or {})), timeout=60)
    if check:
        assert p.returncode == 0, f"{cmd}\nrc={p.returncode}\nstdout={p.stdout}\nstderr={p.stderr}"
        return json.loads(p.stdout) if p.stdout.strip() else {}
    return p


def test_cli_execute_statement(endpoint, client, cluster_id):
    out = aws(["execute-statement", "--cluster-identifier", cluster_id, "--database", "dev",
               "--db-user", "awsuser", "--sql", "select 1"], endpoint)
    assert out["ClusterIdentifier"] == cluster_id
    assert out["Database"] == "dev"
    # data-api.md §1.2: CLI v1 prints timestamps as received — epoch-second numbers.
    assert isinstance(out["CreatedAt"], (int, float))
    assert wait(client, out["Id"])["Status"] == "FINISHED"


def test_cli_describe_statement(endpoint, client, cluster_id):
    d = run_ok(client, "select 1", ClusterIdentifier=cluster_id, Database="dev", DbUser="awsuser")
    out = aws(["describe-statement", "--id", d["Id"]], endpoint)
    assert out["Id"] == d["Id"]
    assert out["Status"] == "FINISHED"
    assert out["QueryString"] == "select 1"
    assert out["HasResultSet"] is True
    assert isinstance(out["UpdatedAt"], (int, float))


def test_cli_get_statement_result(endpoint, client, cluster_id):
    d = run_ok(client, "select 1 as one, 'a' as two", ClusterIdentifier=cluster_id, Database="dev",
               DbUser="awsuser")
    out = aws(["get-statement-result", "--id", d["Id"]], endpoint)
    assert out["Records"] == [[{"longValue": 1}, {"stringValue": "a"}]]
    assert [c["name"] for c in out["ColumnMetadata"]] == ["one", "two"]
    assert out["TotalNumRows"] == 1


def test_cli_get_statement_result_auto_paginates(strict_server, strict_client, unique_name):
    # data-api.md §16.1: the CLI follows NextToken and merges Records (small page budget forces paging).
    tgt = {"ClusterIdentifier": "c1", "Database": "dev", "DbUser": "awsuser"}
    run_ok(strict_client, f"create table {unique_name} (i int, s varchar(20))", **tgt)
    run_ok(strict_client, f"insert into {unique_name} values "
           + ", ".join(f"({i}, 'cli-{i:04d}')" for i in range(300)), **tgt)
    d = run_ok(strict_client, f"select i, s from {unique_name} order by i", **tgt)
    assert strict_client.get_statement_result(Id=d["Id"]).get("NextToken")  # really several pages
    out = aws(["get-statement-result", "--id", d["Id"]], strict_server.url)
    assert [r[0]["longValue"] for r in out["Records"]] == list(range(300))


def test_cli_list_statements(endpoint, client, cluster_id):
    d = run_ok(client, "select 1", ClusterIdentifier=cluster_id, Database="dev", DbUser="awsuser",
               StatementName="cli-listed")
    out = aws(["list-statements", "--cluster-identifier", cluster_id, "--status", "ALL"], endpoint)
    assert [s["Id"] for s in out["Statements"]] == [d["Id"]]
    assert out["Statements"][0]["StatementName"] == "cli-listed"


def test_cli_batch_execute_statement(endpoint, client, cluster_id):
    out = aws(["batch-execute-statement", "--cluster-identifier", cluster_id, "--database", "dev",
               "--db-user", "awsuser", "--sqls", "select 1", "select 2"], endpoint)
    d = wait(client, out["Id"])
    assert d["Status"] == "FINISHED"
    assert len(d["SubStatements"]) == 2


def test_cli_endpoint_from_environment(endpoint, client, cluster_id):
    # DESIGN.md / issue 2: AWS_ENDPOINT_URL_REDSHIFT_DATA points the CLI at the emulator.
    out = aws(["execute-statement", "--cluster-identifier", cluster_id, "--database", "dev",
               "--db-user", "awsuser", "--sql", "select 2"],
              env_extra={"AWS_ENDPOINT_URL_REDSHIFT_DATA": endpoint})
    assert wait(client, out["Id"])["Status"] == "FINISHED"
    out = aws(["describe-statement", "--id", out["Id"]],
              env_extra={"AWS_ENDPOINT_URL_REDSHIFT_DATA": endpoint})
    assert out["Status"] == "FINISHED"


def test_cli_error_is_reported(endpoint):
    # data-api.md §12: the CLI shows the service error code and message and exits non-zero.
    p = aws(["describe-statement", "--id", "not-a-uuid"], endpoint, check=False)
    assert p.returncode != 0
    assert "ValidationException" in p.stderr
    assert "id must satisfy regex pattern" in p.stderr


def test_cli_list_databases(endpoint, cluster_id):
    out = aws(["list-databases", "--cluster-identifier", cluster_id, "--database", "dev",
               "--db-user", "awsuser"], endpoint)
    assert "dev" in out["Databases"]
