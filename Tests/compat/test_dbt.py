"""dbt-redshift against the PostgreSQL door (issue 13): the project in dbt_project/ (two seeds, a
table, a view, an incremental model, unique/not_null tests) runs `dbt seed`, `dbt run` twice (the
second merges the incremental model), `dbt test` and `dbt docs generate`, and its results are read
back through boto3's Data API (the other door of the same engine).

Expected values come from the documentation, not from our output:
- dbt-redshift setup (docs.getdbt.com › Redshift setup): `method: database`, host, port, user,
  password, dbname, schema, `sslmode: disable` for a server without TLS.
- dbt incremental models (docs.getdbt.com › Configure incremental models): with `unique_key`,
  a later run deletes the matching rows and inserts the new ones (Redshift's delete+insert).
- What dbt-redshift sends (its macros: information_schema.tables/columns/views,
  pg_get_late_binding_view_cols(), pg_class/pg_namespace/pg_depend, svv_table_info,
  has_table_privilege) must answer as the Developer Guide's system catalog pages describe:
  Developer Guide › SVV_TABLE_INFO (diststyle `KEY(col)`, sortkey1), › PG_GET_LATE_BINDING_VIEW_COLS.
"""

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from conftest import make_client, query, run_ok

PROJECT = Path(__file__).resolve().parent / "dbt_project"

pytestmark = pytest.mark.skipif(shutil.which("dbt") is None, reason="dbt-core with dbt-redshift is not installed")


@pytest.fixture(scope="module")
def dbt_env(server, tmp_path_factory):
    """A copy of the project, a profiles.yml for this server's PostgreSQL door, and a schema of its own."""
    assert server.pg_port, "the server did not print the postgresql ready line"
    pytest.importorskip("dbt.adapters.redshift")
    work = tmp_path_factory.mktemp("dbt")
    project = work / "project"
    shutil.copytree(PROJECT, project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    schema = f"dbt_{uuid.uuid4().hex[:8]}"
    (work / "profiles.yml").write_text(f"""
emulator:
  target: dev
  outputs:
    dev:
      type: redshift
      method: database
      host: {server.pg_host}
      port: {server.pg_port}
      user: awsuser
      password: any
      dbname: dev
      schema: {schema}
      threads: 1
      sslmode: disable
""")
    env = dict(os.environ, DBT_SEND_ANONYMOUS_USAGE_STATS="false", DBT_PARTIAL_PARSE="false",
               DBT_LOG_PATH=str(work / "logs"), DBT_TARGET_PATH=str(work / "target"))
    return {"project": project, "profiles": work, "schema": schema, "env": env, "target": work / "target"}


def dbt(env, *args):
    out = subprocess.run(["dbt", *args, "--project-dir", str(env["project"]), "--profiles-dir", str(env["profiles"])],
                         env=env["env"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    return out.stdout


@pytest.fixture(scope="module")
def data_api(endpoint):
    return make_client(endpoint)


TARGET = {"ClusterIdentifier": "dev-cluster", "Database": "dev", "DbUser": "awsuser"}


def test_seed_run_run_test_and_docs(dbt_env, data_api):
    schema = dbt_env["schema"]
    assert "Done. PASS=2 WARN=0 ERROR=0" in dbt(dbt_env, "seed")
    assert "Done. PASS=3 WARN=0 ERROR=0" in dbt(dbt_env, "run")

    # Read back through the Data API: the table, the view over it, the incremental model.
    assert query(data_api, f"select customer_id, name, order_count, total_amount from {schema}.customer_totals "
                           f"order by customer_id", **TARGET) == [
        [1, "Ada", 2, "19.75"], [2, "Grace", 1, "30.00"], [3, "Linus", 1, "5.00"]]
    assert query(data_api, f"select name from {schema}.big_spenders order by name", **TARGET) == [["Ada"], ["Grace"]]
    assert query(data_api, f"select count(*) from {schema}.order_events", **TARGET) == [[4]]

    # A new order arrives through the other door; the second run merges it into the incremental
    # model (only rows newer than what it holds) and rebuilds the table and the view's input.
    run_ok(data_api, f"insert into {schema}.orders values (14, 3, 25.00, '2024-03-01')", **TARGET)
    out = dbt(dbt_env, "run")
    assert "Done. PASS=3 WARN=0 ERROR=0" in out
    assert query(data_api, f"select order_id, customer_id, amount from {schema}.order_events order by order_id",
                 **TARGET) == [[10, 1, "12.50"], [11, 1, "7.25"], [12, 2, "30.00"], [13, 3, "5.00"], [14, 3, "25.00"]]
    assert query(data_api, f"select name, order_count, total_amount from {schema}.customer_totals where customer_id = 3",
                 **TARGET) == [["Linus", 2, "30.00"]]
    assert query(data_api, f"select name from {schema}.big_spenders order by name", **TARGET) == [
        ["Ada"], ["Grace"], ["Linus"]]

    assert "Done. PASS=5 WARN=0 ERROR=0" in dbt(dbt_env, "test")

    # Catalog generation (pg_catalog columns + svv_table_info stats).
    dbt(dbt_env, "docs", "generate")
    catalog = json.loads((dbt_env["target"] / "catalog.json").read_text())
    nodes = {key.split(".")[-1]: node for key, node in catalog["nodes"].items()}
    totals = nodes["customer_totals"]
    assert totals["metadata"]["type"] == "BASE TABLE"
    assert list(totals["columns"]) == ["customer_id", "name", "order_count", "total_amount"]
    assert totals["stats"]["diststyle"]["value"] == "KEY(customer_id)"
    assert totals["stats"]["sortkey1"]["value"] == "customer_id"
    assert totals["stats"]["rows"]["value"] == 3
    assert nodes["big_spenders"]["metadata"]["type"] == "VIEW"

    # dbt's unique test really queries the model: a duplicate makes `dbt test` fail.
    run_ok(data_api, f"insert into {schema}.order_events select * from {schema}.order_events where order_id = 10", **TARGET)
    failed = subprocess.run(["dbt", "test", "--select", "order_events", "--project-dir", str(dbt_env["project"]),
                             "--profiles-dir", str(dbt_env["profiles"])],
                            env=dbt_env["env"], capture_output=True, text=True, timeout=300)
    assert failed.returncode == 1
    assert "FAIL 1 unique_order_events_order_id" in failed.stdout
