"""CREATE / DROP / ALTER DATABASE through both doors (r_CREATE_DATABASE, r_DROP_DATABASE,
r_ALTER_DATABASE): the new database is listed at once in pg_database, SVV_REDSHIFT_DATABASES and
the Data API's ListDatabases, usable with `Database=` and as the PostgreSQL startup `database`, and
accepted by a strict configuration.

Error texts where the Redshift pages print none are PostgreSQL's (errcodes-appendix): 42P04, 3D000,
55006, 25001, 42501."""

import uuid

import pytest

from conftest import query, run, run_ok

psycopg2 = pytest.importorskip("psycopg2")


def _name(prefix="db"):
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


def test_created_database_is_listed_everywhere_and_usable(client, target):
    name = _name()
    # r_CREATE_DATABASE's options, all accepted.
    run_ok(client, f"CREATE DATABASE {name} WITH OWNER awsuser CONNECTION LIMIT 10 COLLATE CASE_INSENSITIVE "
                   "ISOLATION LEVEL SNAPSHOT", **target)
    listing = {k: v for k, v in target.items() if k != "Database"}
    assert name in client.list_databases(Database="dev", **listing)["Databases"]
    assert query(client, f"SELECT datname FROM pg_database WHERE datname IN ('dev', '{name}') ORDER BY 1",
                 **target) == sorted([["dev"], [name]])
    # r_SVV_REDSHIFT_DATABASES: dev is `1 | local | NULL | Serializable` in the page's sample;
    # the isolation levels are "Snapshot Isolation" and "Serializable".
    assert query(client, "SELECT database_name, database_owner, database_type, database_isolation_level "
                         "FROM svv_redshift_databases ORDER BY 1", **target) == sorted([
        ["dev", 1, "local", "Serializable"], [name, 100, "local", "Snapshot Isolation"]])
    other = dict(target, Database=name)
    run_ok(client, "CREATE TABLE t (a INT)", **other)
    run_ok(client, "INSERT INTO t VALUES (1), (2)", **other)
    assert query(client, "SELECT count(*) FROM t", **other) == [[2]]
    assert query(client, "SELECT current_database()", **other) == [[name]]
    # The table lives in the new database only.
    assert run(client, "SELECT * FROM t", **target)["Status"] == "FAILED"


def test_create_existing_and_drop_missing_fail(client, target):
    name = _name()
    run_ok(client, f"CREATE DATABASE {name}", **target)
    d = run(client, f"CREATE DATABASE {name}", **target)
    assert d["Status"] == "FAILED"
    assert f'database "{name}" already exists' in d["Error"]
    run_ok(client, f"DROP DATABASE {name}", **target)
    d = run(client, f"DROP DATABASE {name}", **target)
    assert d["Status"] == "FAILED"
    assert f'database "{name}" does not exist' in d["Error"]
    run_ok(client, f"DROP DATABASE IF EXISTS {name}", **target)


def test_drop_database_refusals(client, target):
    # r_DROP_DATABASE: "you can't drop the dev … databases, and you can't drop the current database".
    d = run(client, "DROP DATABASE dev", **target)
    assert d["Status"] == "FAILED"
    assert "cannot drop the currently open database" in d["Error"]
    name = _name()
    run_ok(client, f"CREATE DATABASE {name}", **target)
    d = run(client, "DROP DATABASE dev", **dict(target, Database=name))
    assert d["Status"] == "FAILED"
    listing = {k: v for k, v in target.items() if k != "Database"}
    assert "dev" in client.list_databases(Database=name, **listing)["Databases"]


def test_drop_database_removes_it_everywhere(client, target):
    name = _name()
    run_ok(client, f"CREATE DATABASE {name}", **target)
    run_ok(client, "CREATE TABLE gone (a INT)", **dict(target, Database=name))
    run_ok(client, f"DROP DATABASE {name}", **target)
    listing = {k: v for k, v in target.items() if k != "Database"}
    assert name not in client.list_databases(Database="dev", **listing)["Databases"]
    assert query(client, f"SELECT count(*) FROM pg_database WHERE datname = '{name}'", **target) == [[0]]


def test_alter_database_rename_owner_connection_limit(client, target):
    # r_ALTER_DATABASE's examples: RENAME TO, OWNER TO, CONNECTION LIMIT.
    old, new = _name("sandbox"), _name("renamed")
    run_ok(client, "CREATE USER first_owner PASSWORD DISABLE", **target)
    run_ok(client, "CREATE USER dwuser PASSWORD DISABLE", **target)
    run_ok(client, f"CREATE DATABASE {old} OWNER first_owner", **target)
    run_ok(client, "CREATE TABLE kept (a INT)", **dict(target, Database=old))
    # datdba is the owner's usesysid (pg_database); compared with pg_user's ids of both users.
    ids = dict(query(client, "SELECT usename, usesysid FROM pg_user WHERE usename IN ('first_owner', 'dwuser')", **target))
    assert ids["first_owner"] != ids["dwuser"]
    owner = "SELECT datdba FROM pg_database WHERE datname = '{}'"
    assert query(client, owner.format(old), **target) == [[ids["first_owner"]]]
    run_ok(client, f"ALTER DATABASE {old} RENAME TO {new}", **target)
    run_ok(client, f"ALTER DATABASE {new} OWNER TO dwuser", **target)
    run_ok(client, f"ALTER DATABASE {new} CONNECTION LIMIT 10", **target)
    assert query(client, "SELECT count(*) FROM kept", **dict(target, Database=new)) == [[0]]
    assert query(client, owner.format(new), **target) == [[ids["dwuser"]]]
    assert query(client, f"SELECT count(*) FROM pg_database WHERE datname = '{old}'", **target) == [[0]]
    d = run(client, f"ALTER DATABASE {new} OWNER TO nobody_here", **target)
    assert d["Status"] == "FAILED"


def test_only_superusers_and_createdb_users_create_databases(client, target):
    # r_CREATE_DATABASE: "You must be a superuser or have the CREATEDB privilege".
    run_ok(client, "CREATE USER plain PASSWORD DISABLE", **target)
    run_ok(client, "CREATE USER maker CREATEDB PASSWORD DISABLE", **target)
    d = run(client, f"CREATE DATABASE {_name()}", **dict(target, DbUser="plain"))
    assert d["Status"] == "FAILED"
    assert "permission denied to create database" in d["Error"]
    name = _name()
    run_ok(client, f"CREATE DATABASE {name}", **dict(target, DbUser="maker"))
    assert query(client, f"SELECT datdba FROM pg_database WHERE datname = '{name}'", **target) == \
        query(client, "SELECT usesysid FROM pg_user WHERE usename = 'maker'", **target)


def test_create_database_in_a_batch_transaction_fails(client, target):
    # r_CREATE_DATABASE: "You can't run CREATE DATABASE within a transaction block"; a batch runs as one.
    name = _name()
    r = client.batch_execute_statement(Sqls=["SELECT 1", f"CREATE DATABASE {name}"], **target)
    from conftest import wait
    d = wait(client, r["Id"])
    assert d["Status"] == "FAILED"
    assert "cannot run inside a transaction block" in d["Error"]
    listing = {k: v for k, v in target.items() if k != "Database"}
    assert name not in client.list_databases(Database="dev", **listing)["Databases"]


def _pg(server, dbname, autocommit=True):
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user="awsuser", password="x", dbname=dbname)
    conn.autocommit = autocommit
    return conn


def test_postgres_door_creates_connects_and_drops(server):
    assert server.pg_port
    name = _name()
    admin = _pg(server, "dev")
    try:
        with admin.cursor() as cur:
            cur.execute(f"CREATE DATABASE {name}")
            assert cur.statusmessage == "CREATE DATABASE"
        other = _pg(server, name)
        with other.cursor() as cur:
            cur.execute("CREATE TABLE t AS SELECT 7 AS seven")
            cur.execute("SELECT seven, current_database() FROM t")
            assert cur.fetchall() == [(7, name)]
        # Not while another connection uses it (r_DROP_DATABASE; PostgreSQL's 55006).
        with admin.cursor() as cur, pytest.raises(psycopg2.Error) as excinfo:
            cur.execute(f"DROP DATABASE {name}")
        assert excinfo.value.pgcode == "55006"
        other.close()
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE {name}")
            assert cur.statusmessage == "DROP DATABASE"
            cur.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,))
            assert cur.fetchone() == (0,)
    finally:
        admin.close()


def test_drop_database_force_ends_the_connections(server):
    # r_DROP_DATABASE: FORCE "attempts to terminate active connections prior to dropping the database".
    name = _name()
    admin = _pg(server, "dev")
    try:
        with admin.cursor() as cur:
            cur.execute(f"CREATE DATABASE {name}")
        other = _pg(server, name)
        with admin.cursor() as cur:
            cur.execute(f"DROP DATABASE {name} FORCE")
            cur.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,))
            assert cur.fetchone() == (0,)
        with pytest.raises(psycopg2.Error), other.cursor() as cur:
            cur.execute("SELECT 1")
        other.close()
    finally:
        admin.close()


def test_postgres_door_refuses_create_database_in_a_transaction_block(server):
    conn = _pg(server, "dev", autocommit=False)   # psycopg2 opens a transaction block first
    try:
        with conn.cursor() as cur, pytest.raises(psycopg2.Error) as excinfo:
            cur.execute(f"CREATE DATABASE {_name()}")
        assert excinfo.value.pgcode == "25001"
        assert "CREATE DATABASE cannot run inside a transaction block" in str(excinfo.value)
    finally:
        conn.close()


def test_strict_configuration_accepts_a_created_database(strict_client):
    c1 = {"ClusterIdentifier": "c1", "DbUser": "awsuser"}
    name = _name()
    with pytest.raises(strict_client.exceptions.ValidationException):   # unknown before CREATE DATABASE
        strict_client.execute_statement(Sql="SELECT 1", Database=name, **c1)
    run_ok(strict_client, f"CREATE DATABASE {name}", Database="dev", **c1)
    assert name in strict_client.list_databases(Database="dev", **c1)["Databases"]
    assert query(strict_client, "SELECT current_database()", Database=name, **c1) == [[name]]
    run_ok(strict_client, f"DROP DATABASE {name}", Database="dev", **c1)
