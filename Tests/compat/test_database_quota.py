"""A cluster holds at most 60 databases (the management guide's quotas page,
amazon-redshift-limits: "User-defined databases in a cluster | 60 | The maximum number of
user-defined databases that you can create per cluster"); a Serverless workgroup 100 ("Number of
databases").

The emulator provisions a database the first time a request names it (unless strict); past the
quota it stops doing so and answers as for a database that does not exist, which also bounds the
files a client can make the server open. The CREATE DATABASE error text is ours (unverified).
"""

import botocore.exceptions
import pytest

from conftest import run, run_ok


def test_the_sixty_first_database_is_refused_and_a_dropped_one_frees_its_place(client, target):
    # `dev` is the first; 59 more fill the quota.
    for i in range(59):
        run_ok(client, f"create database quota_{i}", **target)
    listed = run_ok(client, "select count(*) from svv_redshift_databases", **target)
    assert client.get_statement_result(Id=listed["Id"])["Records"] == [[{"longValue": 60}]]
    failed = run(client, "create database one_too_many", **target)
    assert failed["Status"] == "FAILED"
    assert "60 databases" in failed["Error"]
    # A request naming a new database is not provisioned past the quota.
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        client.execute_statement(Sql="select 1", **dict(target, Database="never_made"))
    assert excinfo.value.response["Error"]["Code"] == "ValidationException"
    assert "never_made does not exist" in excinfo.value.response["Error"]["Message"]
    # Existing databases still serve, and dropping one makes room again.
    run_ok(client, "select 1", **dict(target, Database="quota_58"))
    run_ok(client, "drop database quota_0", **target)
    run_ok(client, "create database one_more", **target)
