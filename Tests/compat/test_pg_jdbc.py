"""pgjdbc (Debian's libpostgresql-jdbc-java) against the PostgreSQL door (issue 13): a small Java
program, compiled here with javac, connects, prepares and binds (server-side prepared statements
from the first execution, `prepareThreshold=1`, so pgjdbc binds and reads binary where it can),
fetches with a fetch size inside a transaction (Execute with a row limit and PortalSuspended)
and cancels.

Expected values come from the documentation: Developer Guide › Data types for the values,
https://www.postgresql.org/docs/current/errcodes-appendix.html for 42P01 and 57014 (query_canceled),
protocol-flow.html for Execute with a row limit and CancelRequest.
"""

import glob
import os
import shutil
import subprocess

import pytest

JARS = [path for path in ("/usr/share/java/postgresql.jar", *sorted(glob.glob("/usr/share/java/postgresql-*.jar")))
        if os.path.exists(path)]
SOURCE = os.path.join(os.path.dirname(__file__), "jdbc", "PgJdbcProbe.java")

pytestmark = pytest.mark.skipif(not JARS or not shutil.which("javac") or not shutil.which("java"),
                                reason="pgjdbc (libpostgresql-jdbc-java) or a JDK is not installed")


@pytest.fixture(scope="module")
def probe(server, tmp_path_factory):
    assert server.pg_port, "the server did not print the postgresql ready line"
    classes = tmp_path_factory.mktemp("jdbc")
    subprocess.run(["javac", "-d", str(classes), SOURCE], check=True, capture_output=True, timeout=120)

    def run(scenario, *extra):
        done = subprocess.run(["java", "-cp", f"{classes}{os.pathsep}{JARS[0]}", "PgJdbcProbe", server.pg_host,
                               str(server.pg_port), scenario, *extra], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)

    return run


def test_connect_reports_redshift_server_version(probe):
    out = probe("connect")
    assert out["product"] == "8.0.2"   # server_version as a cluster reports it (connecting-to-cluster)
    assert out["one"] == "1"


@pytest.mark.parametrize("threshold", ["1", "5"])
def test_prepared_statement_binds_every_common_type(probe, threshold):
    out = probe("types", threshold)
    for round in range(3):
        assert out[f"row{round}"] == "42|1099511627776|héllo|-12.34|2024-02-29|2024-01-02 03:04:05.6|t|1.5|null"
        assert out[f"types{round}"] == "int4|int8|varchar|numeric|date|timestamp|bool|float8|int4"


def test_fetch_size_inside_a_transaction(probe):
    out = probe("fetch")
    assert out["fetched"] == "1234567"
    assert out["committed"] == "yes"


def test_errors_carry_sqlstate_and_the_connection_recovers(probe):
    out = probe("errors")
    assert out["error"] == "42P01"
    assert out["after"] == "3"


def test_statement_cancel(probe):
    out = probe("cancel")
    assert out["cancelled"] == "57014"
    assert out["after"] == "2"


def test_batch_inserts(probe):
    # addBatch/executeBatch: many Bind/Execute pairs of one prepared statement before one Sync.
    out = probe("batch")
    assert out["inserted"] == "300"
    assert out["counts"] == "300|200|45150"
