"""Input validation, targets and identity (data-api.md §2, §3, §4, §12, §13)."""

import uuid

import pytest

from conftest import (SECRET_ALICE, error_code, error_of, make_client, query, raw_json, rows, fetch_all,
                      run_ok, wait)

NO_TARGET = "Either ClusterIdentifier or WorkgroupName needs to be specified."
NO_ENDPOINT = "Redshift endpoint doesn't exist in this region."


def _validation(status, body):
    assert status == 400, body
    assert error_code(body) == "ValidationException", body


# ---- targets ---------------------------------------------------------------------------------

def test_no_target_is_validation_error(client):
    # data-api.md §4.2 / §12 (boto3#3336): exact text.
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.execute_statement(Sql="select 1", Database="dev")
    assert error_of(ei)[1] == NO_TARGET


def test_no_target_on_batch_is_validation_error(client):
    # data-api.md §4.2: same rule for BatchExecuteStatement.
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.batch_execute_statement(Sqls=["select 1"], Database="dev")
    assert error_of(ei)[1] == NO_TARGET


def test_cluster_and_workgroup_together_is_validation_error(client):
    # data-api.md §4.2: both ClusterIdentifier and WorkgroupName -> ValidationException (text unverified).
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", ClusterIdentifier="abc", WorkgroupName="wg-abc",
                                 Database="dev")


def test_bad_cluster_identifier_pattern(client):
    # data-api.md §2.1: P_CLUSTER `[a-z][a-z0-9]*(-[a-z0-9]+)*` (botocore does not check patterns).
    for bad in ("Bad_Cluster", "1abc", "abc-", "a--b", "UPPER"):
        with pytest.raises(client.exceptions.ValidationException):
            client.execute_statement(Sql="select 1", ClusterIdentifier=bad, Database="dev")


def test_cluster_identifier_too_long(client):
    # data-api.md §3.1: length 1–63.
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", ClusterIdentifier="a" * 64, Database="dev")


def test_bad_workgroup_name(client):
    # data-api.md §2.1 / §3.1: P_WORKGROUP, length 3–128.
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", WorkgroupName="WG_1", Database="dev")
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", WorkgroupName="w" * 129, Database="dev")


def test_workgroup_arn_is_accepted(client):
    # data-api.md §2.1: WorkgroupName may be a workgroup ARN.
    arn = ("arn:aws:redshift-serverless:us-east-1:123456789012:workgroup/"
           f"{uuid.uuid4()}")
    r = client.execute_statement(Sql="select 1", WorkgroupName=arn, Database="dev")
    assert wait(client, r["Id"])["Status"] == "FINISHED"


def test_missing_database_is_validation_error(client, cluster_id):
    # emulator decision (unverified on AWS): data-api.md §4.2 — Database required without SessionId.
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", ClusterIdentifier=cluster_id)


# ---- model constraints botocore does not check -----------------------------------------------

def test_keep_alive_above_max(client, target):
    # data-api.md §3.1: SessionKeepAliveSeconds 0–86400.
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", SessionKeepAliveSeconds=90000, **target)


def test_statement_name_too_long(client, target):
    # data-api.md §3.1: StatementName length 0–2048.
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", StatementName="n" * 2049, **target)
    r = client.execute_statement(Sql="select 1", StatementName="n" * 2048, **target)
    assert wait(client, r["Id"])["Status"] == "FINISHED"


def test_sql_over_100kb(client, target):
    # data-api.md §13: max SQL text size 100 KB -> ValidationException at submit.
    sql = "select '" + "x" * (100 * 1024) + "'"
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql=sql, **target)


def test_sql_just_under_100kb_runs(client, target):
    # data-api.md §13: a SQL text under the limit is accepted (its result is small: a row over 64 KB
    # would fail, data-api-troubleshooting).
    sql = "select length('" + "x" * (100 * 1024 - 100) + "') as s"
    d = run_ok(client, sql, **target)
    assert rows(fetch_all(client, d["Id"]))[0][0] == 100 * 1024 - 100


def test_sql_over_limit_in_batch(client, target):
    # data-api.md §13: the 100 KB limit also applies to a batch's statements.
    with pytest.raises(client.exceptions.ValidationException):
        client.batch_execute_statement(Sqls=["select 1", "select '" + "x" * (100 * 1024) + "'"], **target)


def test_bad_result_format_enum(client, target):
    # data-api.md §1.1: botocore does not check enums; ResultFormat is JSON | CSV.
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", ResultFormat="XML", **target)


def test_bad_status_enum_in_list_statements(client):
    # data-api.md §2.2: StatusString enum.
    with pytest.raises(client.exceptions.ValidationException):
        client.list_statements(Status="RUNNING")


def test_wait_time_seconds_above_max(client, target):
    # data-api.md §13 / §15: WaitTimeSeconds 1–30.
    with pytest.raises(client.exceptions.ValidationException):
        client.execute_statement(Sql="select 1", WaitTimeSeconds=31, **target)


@pytest.mark.parametrize("op,kw", [
    ("list_databases", {}), ("list_schemas", {}), ("list_tables", {}),
    ("describe_table", {"Table": "x"}),
])
def test_metadata_max_results_above_1000(client, target, op, kw):
    # data-api.md §3.8 / §13: MaxResults 0–1000.
    with pytest.raises(client.exceptions.ValidationException):
        getattr(client, op)(MaxResults=1001, **target, **kw)


def test_cancel_malformed_id(client):
    # data-api.md §12: any op, Id fails pattern -> "id must satisfy regex pattern: ...".
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.cancel_statement(Id="123")
    assert error_of(ei)[1].startswith("id must satisfy regex pattern: ")


def test_sub_statement_suffix_over_two_digits(client, target):
    # data-api.md §2.1: the suffix allows 0–2 digits (`(:\d{0,2})?`).
    d = run_ok(client, "select 1", **target)
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.describe_statement(Id=d["Id"] + ":123")
    assert error_of(ei)[1].startswith("id must satisfy regex pattern: ")


# ---- what botocore would catch client side: raw requests ---------------------------------------

@pytest.mark.parametrize("op,body", [
    ("ExecuteStatement", {"ClusterIdentifier": "abc", "Database": "dev"}),                      # Sql missing
    ("ExecuteStatement", {"Sql": "select 1", "ClusterIdentifier": "abc", "Database": "dev",
                          "ClientToken": ""}),                                                   # min 1
    ("ExecuteStatement", {"Sql": "select 1", "ClusterIdentifier": "abc", "Database": "dev",
                          "SessionKeepAliveSeconds": -1}),                                       # min 0
    ("ExecuteStatement", {"Sql": "select 1", "ClusterIdentifier": "abc", "Database": "dev",
                          "WaitTimeSeconds": 0}),                                                # min 1
    ("ExecuteStatement", {"Sql": "select 1", "ClusterIdentifier": "", "Database": "dev"}),       # min 1
    ("ExecuteStatement", {"Sql": "select 1", "WorkgroupName": "ab", "Database": "dev"}),         # min 3
    ("ExecuteStatement", {"Sql": "select :a", "ClusterIdentifier": "abc", "Database": "dev",
                          "Parameters": [{"name": "a"}]}),                                       # value req.
    ("BatchExecuteStatement", {"ClusterIdentifier": "abc", "Database": "dev"}),                 # Sqls missing
    ("DescribeStatement", {}),                                                                   # Id missing
    ("GetStatementResult", {}),
    ("GetStatementResultV2", {}),
    ("CancelStatement", {}),
    ("ListStatements", {"MaxResults": -1}),
    ("ListDatabases", {"ClusterIdentifier": "abc", "Database": "dev", "MaxResults": -1}),
    ("DescribeTable", {"ClusterIdentifier": "abc", "Database": "dev", "MaxResults": -5}),
    ("ListSessions", {"MaxResults": 101}),
])
def test_raw_constraint_violations(endpoint, op, body):
    # data-api.md §1.1: the server must validate everything (other SDKs validate less than botocore).
    _validation(*raw_json(endpoint, op, body)[:2])


def test_raw_unknown_members_are_ignored(endpoint, cluster_id):
    # data-api.md §1.1: emulator decision (unverified on AWS): unknown input members are ignored.
    status, body, _ = raw_json(endpoint, "ExecuteStatement",
                               {"Sql": "select 1", "ClusterIdentifier": cluster_id, "Database": "dev",
                                "SomeFutureMember": {"x": 1}})
    assert status == 200, body
    assert "Id" in body


# ---- strict configuration, secrets and users --------------------------------------------------

def test_strict_unknown_cluster(strict_client):
    # data-api.md §4.2 / §12 [BAL]: unknown cluster -> "Redshift endpoint doesn't exist in this region."
    with pytest.raises(strict_client.exceptions.ValidationException) as ei:
        strict_client.execute_statement(Sql="select 1", ClusterIdentifier="no-such-cluster", Database="dev",
                                        DbUser="awsuser")
    assert error_of(ei)[1] == NO_ENDPOINT


def test_strict_configured_cluster_and_workgroup_work(strict_client):
    # Configured targets exist in strict mode.
    r = strict_client.execute_statement(Sql="select 1", ClusterIdentifier="c1", Database="dev", DbUser="awsuser")
    assert wait(strict_client, r["Id"])["Status"] == "FINISHED"
    r = strict_client.execute_statement(Sql="select 1", WorkgroupName="wg1", Database="dev")
    assert wait(strict_client, r["Id"])["Status"] == "FINISHED"


def test_secret_arn_picks_db_user(strict_client):
    # data-api.md §4.1: SecretArn -> the secret's username (config secrets map); echoed in the response.
    r = strict_client.execute_statement(Sql="select current_user", ClusterIdentifier="c1", Database="dev",
                                        SecretArn=SECRET_ALICE)
    assert r["SecretArn"] == SECRET_ALICE
    d = wait(strict_client, r["Id"])
    assert d["Status"] == "FINISHED", d.get("Error")
    assert rows(fetch_all(strict_client, r["Id"]))[0][0].rstrip() == "alice"


def test_db_user_picks_db_user(strict_client):
    # data-api.md §4.1: DbUser -> statements run as that database user; echoed as DbUser.
    r = strict_client.execute_statement(Sql="select current_user", ClusterIdentifier="c1", Database="dev",
                                        DbUser="bob")
    assert r["DbUser"] == "bob"
    d = wait(strict_client, r["Id"])
    assert d["Status"] == "FINISHED", d.get("Error")
    assert d["DbUser"] == "bob"
    assert rows(fetch_all(strict_client, r["Id"]))[0][0].rstrip() == "bob"


def test_db_user_default_server(client, target):
    # data-api.md §4.1: the superuser `awsuser` (contract default) runs as itself.
    assert [r[0].rstrip() for r in query(client, "select current_user", **target)] == ["awsuser"]


def test_any_signature_is_accepted_by_default(endpoint, target):
    # data-api.md §1.1: emulator accepts any SigV4 signature unless verify_signatures is on.
    other = make_client(endpoint, access_key="AKIDSOMEONEELSE", secret_key="whatever")
    r = other.execute_statement(Sql="select 1", **target)
    assert wait(other, r["Id"])["Status"] == "FINISHED"
