"""Users, groups and roles are cluster-wide; object privileges, RLS and masking are per database.

- r_Users-creatingaltering-and-deleting-users: "Database users are global across a data warehouse
  cluster (and not for each individual database)", and its PG_USER listing (rdsdb 1, the admin
  user 100, then 101, 102, …).
- r_Groups (PG_GROUP), t_user_group_examples (CREATE USER … IN GROUP), r_CREATE_ROLE, r_GRANT
  (GRANT ROLE), r_SVV_USER_INFO, r_SVV_ROLES, r_SVV_USER_GRANTS.
- r_DROP_USER: "Amazon Redshift checks only the current database before dropping a user";
  a user who owns a database cannot be dropped.
- r_SVV_RLS_POLICY (`poldb`): policies belong to a database.

Each test runs on a fresh cluster with a second database made by CREATE DATABASE, through the
Data API and, where logins matter, the PostgreSQL door with passwords checked.
"""

import uuid

import pytest

from conftest import query, run, run_batch, run_ok

psycopg2 = pytest.importorskip("psycopg2")


def _db():
    return f"db_{uuid.uuid4().hex[:8]}"


def in_db(target, database, user=None):
    return dict(target, Database=database, **({"DbUser": user} if user else {}))


# r_Users-creatingaltering-and-deleting-users prints this PG_USER listing (masteruser is the
# admin user, awsuser here): usename | usesysid | usecreatedb | usesuper | usecatupd | passwd | valuntil.
GUIDE_PG_USER = [
    ["rdsdb", 1, True, True, True, "********", None],
    ["awsuser", 100, True, True, False, "********", None],
    ["dwuser", 101, False, False, False, "********", None],
    ["simpleuser", 102, False, False, False, "********", None],
    ["poweruser", 103, False, True, False, "********", None],
    ["dbuser", 104, True, False, False, "********", None],
]


def test_pg_user_listing_is_the_guides_in_every_database(client, target):
    before = _db()
    run_ok(client, f"CREATE DATABASE {before}", **target)
    for sql in ["CREATE USER dwuser PASSWORD 'abcD1234'", "CREATE USER simpleuser PASSWORD 'abcD1234'",
                "CREATE USER poweruser PASSWORD 'abcD1234' CREATEUSER", "CREATE USER dbuser PASSWORD 'abcD1234' CREATEDB"]:
        run_ok(client, sql, **target)
    after = _db()
    run_ok(client, f"CREATE DATABASE {after}", **target)
    sql = "SELECT usename, usesysid, usecreatedb, usesuper, usecatupd, passwd, valuntil FROM pg_user ORDER BY usesysid"
    for database in ["dev", before, after]:
        assert query(client, sql, **in_db(target, database)) == GUIDE_PG_USER, database
    # r_SVV_USER_INFO: the same users and ids; a regular user sees only its own row.
    assert query(client, "SELECT user_name, user_id, createdb, superuser FROM svv_user_info WHERE user_id > 100 ORDER BY 2",
                 **in_db(target, after)) == [["dwuser", 101, False, False], ["simpleuser", 102, False, False],
                                             ["poweruser", 103, False, True], ["dbuser", 104, True, False]]
    assert query(client, "SELECT user_name, user_id FROM svv_user_info", **in_db(target, before, "simpleuser")) == [["simpleuser", 102]]
    # A name is taken in the whole cluster (r_CREATE_USER).
    d = run(client, "CREATE USER dwuser PASSWORD 'abcD1234'", **in_db(target, after))
    assert d["Status"] == "FAILED" and 'user "dwuser" already exists' in d["Error"]


def test_user_attributes_follow_the_user_into_every_database(client, target):
    other = _db()
    run_ok(client, f"CREATE DATABASE {other}", **target)
    run_ok(client, "CREATE USER poweruser PASSWORD 'abcD1234' CREATEUSER", **target)
    run_ok(client, "CREATE USER simpleuser PASSWORD 'abcD1234'", **target)
    # r_superusers: a superuser (CREATEUSER) "bypasses all permission checks" in every database.
    run_ok(client, "CREATE USER made_elsewhere PASSWORD DISABLE", **in_db(target, other, "poweruser"))
    d = run(client, "CREATE USER nope PASSWORD DISABLE", **in_db(target, other, "simpleuser"))
    assert d["Status"] == "FAILED" and "permission denied" in d["Error"]
    # ALTER USER in one database is seen in the others (r_ALTER_USER).
    run_ok(client, "ALTER USER simpleuser CREATEDB", **in_db(target, other))
    assert query(client, "SELECT usecreatedb FROM pg_user WHERE usename = 'simpleuser'", **target) == [[True]]
    run_ok(client, "ALTER USER made_elsewhere RENAME TO renamed", **target)
    assert query(client, "SELECT usename FROM pg_user WHERE usesysid > 100 ORDER BY usesysid", **in_db(target, other)) == [
        ["poweruser"], ["simpleuser"], ["renamed"]]


def test_groups_and_roles_are_cluster_wide_privileges_are_per_database(client, target):
    other = _db()
    run_ok(client, f"CREATE DATABASE {other}", **target)
    # t_user_group_examples' statements, run in dev.
    for sql in ["create group webappusers", "create group webdevusers",
                "create user webappuser1 password 'webAppuser1pass' in group webappusers",
                "create user webappuser2 password 'webAppuser2pass' in group webappusers",
                "create user webdevuser1 password 'webDevuser2pass' in group webdevusers",
                "CREATE ROLE sales_ro", "GRANT ROLE sales_ro TO webdevuser1"]:
        run_ok(client, sql, **target)
    there = in_db(target, other)
    # r_Groups: PG_GROUP lists the groups and their members' ids, in every database.
    assert query(client, "SELECT groname, grolist FROM pg_group ORDER BY groname", **there) == [
        ["webappusers", "{101,102}"], ["webdevusers", "{103}"]]
    # r_Groups' query listing users by group.
    assert query(client, "SELECT u.usesysid, g.groname, u.usename FROM pg_user u LEFT JOIN pg_group g "
                         "ON u.usesysid = ANY (g.grolist) WHERE u.usesysid > 100 ORDER BY 1", **there) == [
        [101, "webappusers", "webappuser1"], [102, "webappusers", "webappuser2"], [103, "webdevusers", "webdevuser1"]]
    assert query(client, "SELECT role_name FROM svv_roles WHERE role_name = 'sales_ro'", **there) == [["sales_ro"]]
    assert query(client, "SELECT user_name, role_name FROM svv_user_grants", **there) == [["webdevuser1", "sales_ro"]]
    # Object privileges stay in their database (r_GRANT): the same table name in both databases,
    # granted to the role and the group in `other` only.
    for database in ["dev", other]:
        run_ok(client, "CREATE TABLE orders (id INT)", **in_db(target, database))
        run_ok(client, "INSERT INTO orders VALUES (1), (2)", **in_db(target, database))
    run_ok(client, "GRANT SELECT ON orders TO ROLE sales_ro", **there)
    run_ok(client, "GRANT SELECT ON orders TO GROUP webappusers", **there)
    for user in ["webdevuser1", "webappuser2"]:
        assert query(client, "SELECT count(*) FROM orders", **in_db(target, other, user)) == [[2]]
        d = run(client, "SELECT count(*) FROM orders", **in_db(target, "dev", user))
        assert d["Status"] == "FAILED" and "permission denied for relation orders" in d["Error"]
    # A role granted in `other` reaches the user in dev too (roles and their grants are the cluster's).
    run_ok(client, "CREATE ROLE dev_ro", **there)
    run_ok(client, "GRANT ROLE dev_ro TO webappuser1", **there)
    run_ok(client, "GRANT SELECT ON orders TO ROLE dev_ro", **target)
    assert query(client, "SELECT count(*) FROM orders", **in_db(target, "dev", "webappuser1")) == [[2]]
    # Dropping a group in one database removes it everywhere (r_DROP_GROUP).
    run_ok(client, "REVOKE SELECT ON orders FROM GROUP webappusers", **there)
    run_ok(client, "DROP GROUP webdevusers", **target)
    assert query(client, "SELECT groname FROM pg_group", **there) == [["webappusers"]]


def test_a_rolled_back_create_user_leaves_no_user(client, target):
    other = _db()
    run_ok(client, f"CREATE DATABASE {other}", **target)
    # A batch is one transaction (BatchExecuteStatement): its failure takes the user back.
    d = run_batch(client, ["CREATE USER ghost PASSWORD DISABLE", "CREATE GROUP ghosts WITH USER ghost", "SELECT 1/0"], **target)
    assert d["Status"] == "FAILED"
    for database in ["dev", other]:
        assert query(client, "SELECT count(*) FROM pg_user WHERE usename = 'ghost'", **in_db(target, database)) == [[0]]
        assert query(client, "SELECT count(*) FROM pg_group", **in_db(target, database)) == [[0]]
    run_batch(client, ["CREATE USER ghost PASSWORD DISABLE", "CREATE GROUP ghosts WITH USER ghost"], **target)
    assert query(client, "SELECT usename FROM pg_user WHERE usesysid > 100", **in_db(target, other)) == [["ghost"]]


def test_drop_user_checks_the_current_database_only(client, target):
    other = _db()
    run_ok(client, f"CREATE DATABASE {other}", **target)
    run_ok(client, "CREATE USER holder PASSWORD DISABLE", **target)
    run_ok(client, "CREATE TABLE t (a INT)", **in_db(target, other))
    run_ok(client, "GRANT SELECT ON t TO holder", **in_db(target, other))
    # r_DROP_USER's error where the privilege is.
    d = run(client, "DROP USER holder", **in_db(target, other))
    assert d["Status"] == "FAILED"
    assert 'user "holder" can\'t be dropped because the user has a privilege on some object' in d["Error"]
    # r_DROP_USER: "Amazon Redshift checks only the current database before dropping a user".
    run_ok(client, "DROP USER holder", **target)
    assert query(client, "SELECT count(*) FROM pg_user WHERE usename = 'holder'", **in_db(target, other)) == [[0]]
    # A database is an object its owner owns (r_DROP_USER), wherever DROP USER runs.
    run_ok(client, "CREATE USER dbowner PASSWORD DISABLE", **target)
    owned = _db()
    run_ok(client, f"CREATE DATABASE {owned} WITH OWNER dbowner", **target)
    d = run(client, "DROP USER dbowner", **in_db(target, other))
    assert d["Status"] == "FAILED"
    assert 'user "dbowner" can\'t be dropped because the user owns some object' in d["Error"]


def test_rls_and_masking_policies_belong_to_their_database(client, target):
    other = _db()
    run_ok(client, f"CREATE DATABASE {other}", **target)
    run_ok(client, "CREATE USER tenant_a PASSWORD DISABLE", **target)
    run_ok(client, "CREATE RLS POLICY own_rows WITH (tenant VARCHAR(20)) USING (tenant = current_user)", **target)
    run_ok(client, "CREATE MASKING POLICY hide WITH (card VARCHAR(16)) USING ('XXXX'::VARCHAR(16))", **target)
    # r_SVV_RLS_POLICY: poldb names the policy's database; `other` has none of dev's.
    assert query(client, "SELECT poldb, polname FROM svv_rls_policy", **target) == [["dev", "own_rows"]]
    there = in_db(target, other)
    assert query(client, "SELECT count(*) FROM svv_rls_policy", **there) == [[0]]
    assert query(client, "SELECT count(*) FROM svv_masking_policy", **there) == [[0]]
    # The same names are free there; the cluster's user is the grantee in both.
    run_ok(client, "CREATE RLS POLICY own_rows WITH (tenant VARCHAR(20)) USING (tenant = 'nobody')", **there)
    run_ok(client, "CREATE TABLE orders (id INT, tenant VARCHAR(20))", **there)
    run_ok(client, "INSERT INTO orders VALUES (1, 'tenant_a'), (2, 'tenant_b')", **there)
    run_ok(client, "GRANT SELECT ON orders TO tenant_a", **there)
    run_ok(client, "ATTACH RLS POLICY own_rows ON orders TO tenant_a", **there)
    run_ok(client, "ALTER TABLE orders ROW LEVEL SECURITY ON", **there)
    # `other`'s policy (tenant = 'nobody') applies there, not dev's.
    assert query(client, "SELECT count(*) FROM orders", **in_db(target, other, "tenant_a")) == [[0]]


def test_renames_and_drops_reach_every_database(client, target):
    """Redshift names principals by id inside a database, so ALTER USER/ROLE/GROUP … RENAME TO
    (r_ALTER_USER, r_ALTER_ROLE, r_ALTER_GROUP) keeps a user's tables and grants in every database,
    and a dropped role's grants (r_DROP_ROLE) do not pass to a later role of the same name."""
    other = _db()
    run_ok(client, f"CREATE DATABASE {other}", **target)
    there = in_db(target, other)
    for sql in ["CREATE USER u PASSWORD DISABLE", "CREATE USER w PASSWORD DISABLE", "CREATE ROLE r",
                "GRANT ROLE r TO w", "CREATE GROUP g WITH USER w"]:
        run_ok(client, sql, **target)
    for sql in ["CREATE TABLE t (a INT)", "INSERT INTO t VALUES (1)", "CREATE TABLE t2 (a INT)", "GRANT SELECT ON t TO u",
                "GRANT SELECT ON t TO ROLE r", "GRANT SELECT ON t2 TO GROUP g"]:
        run_ok(client, sql, **there)
    run_ok(client, "CREATE TABLE mine (a INT)", **in_db(target, other, "u"))
    run_ok(client, "ALTER USER u RENAME TO v", **target)
    run_ok(client, "ALTER ROLE r RENAME TO r2", **target)
    run_ok(client, "ALTER GROUP g RENAME TO g2", **target)
    as_v, as_w = in_db(target, other, "v"), in_db(target, other, "w")
    assert query(client, "SELECT tableowner FROM pg_tables WHERE tablename = 'mine'", **there) == [["v"]]
    assert query(client, "SELECT count(*) FROM t", **as_v) == [[1]]
    run_ok(client, "DROP TABLE mine", **as_v)
    assert query(client, "SELECT count(*) FROM t", **as_w) == [[1]]
    assert query(client, "SELECT count(*) FROM t2", **as_w) == [[0]]
    run_ok(client, "DROP ROLE r2", **target)
    run_ok(client, "CREATE ROLE r2", **target)
    run_ok(client, "GRANT ROLE r2 TO w", **target)
    d = run(client, "SELECT count(*) FROM t", **as_w)
    assert d["Status"] == "FAILED" and "permission denied for relation t" in d["Error"]


# --- the PostgreSQL door: logins check the cluster's passwords in every database --------------

CLUSTER = "principals"
CONFIG = {
    "superuser": "awsuser",
    "clusters": [{"identifier": CLUSTER, "databases": ["dev", "sales"]}],
    "pg": {"verify_passwords": True, "superuser_password": "Admin1234"},
}


def _pg(server, database, user="awsuser", password="Admin1234", autocommit=True):
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user=user, password=password,
                            dbname=database, sslmode="disable", connect_timeout=10)
    conn.autocommit = autocommit
    return conn


def _login_error(server, database, user, password):
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        _pg(server, database, user, password).close()
    return str(excinfo.value)


def test_passwords_and_transactions_across_databases_on_the_postgres_door(make_server, tmp_path):
    server = make_server(config=CONFIG, data_dir=str(tmp_path / "data"))
    dev, sales = _pg(server, "dev"), _pg(server, "sales")
    try:
        with dev.cursor() as cur:
            cur.execute("CREATE USER alice PASSWORD 'Alice1234'")
        # r_Users: created in dev, the user logs in to sales with its password.
        alice = _pg(server, "sales", "alice", "Alice1234")
        with alice.cursor() as cur:
            cur.execute("SELECT current_database(), usesysid FROM pg_user WHERE usename = current_user")
            assert cur.fetchall() == [("sales", 101)]
        alice.close()
        assert 'password authentication failed for user "alice"' in _login_error(server, "sales", "alice", "Wrong1234")
        # ALTER USER … PASSWORD in sales is the password in dev (r_ALTER_USER).
        with sales.cursor() as cur:
            cur.execute("ALTER USER alice PASSWORD 'Changed1234'")
        _pg(server, "dev", "alice", "Changed1234").close()
        assert "password authentication failed" in _login_error(server, "dev", "alice", "Alice1234")

        # Inside a transaction block: not seen from another database before COMMIT, gone after ROLLBACK.
        block = _pg(server, "dev", autocommit=False)
        with block.cursor() as cur:
            cur.execute("CREATE USER bob PASSWORD 'Bob12345'")
            cur.execute("SELECT count(*) FROM pg_user WHERE usename = 'bob'")
            assert cur.fetchone() == (1,)
        with sales.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_user WHERE usename = 'bob'")
            assert cur.fetchone() == (0,)
        block.rollback()
        with sales.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_user WHERE usename = 'bob'")
            assert cur.fetchone() == (0,)
        assert "password authentication failed" in _login_error(server, "sales", "bob", "Bob12345")
        with block.cursor() as cur:
            cur.execute("CREATE USER bob PASSWORD 'Bob12345'")
            cur.execute("CREATE ROLE auditors")
            cur.execute("GRANT ROLE auditors TO bob")
        block.commit()
        block.close()
        _pg(server, "sales", "bob", "Bob12345").close()
    finally:
        dev.close()
        sales.close()

    # A --data-dir restart keeps users, groups, roles and their grants.
    server.stop()
    server.start()
    _pg(server, "sales", "alice", "Changed1234").close()
    with _pg(server, "sales") as conn, conn.cursor() as cur:
        cur.execute("SELECT usename, usesysid FROM pg_user WHERE usesysid > 100 ORDER BY 2")
        assert cur.fetchall() == [("alice", 101), ("bob", 102)]
        cur.execute("SELECT user_name, role_name FROM svv_user_grants")
        assert cur.fetchall() == [("bob", "auditors")]
        # The next user gets a new id (unique in the cluster).
        cur.execute("CREATE USER carol PASSWORD DISABLE")
        cur.execute("SELECT usesysid FROM pg_user WHERE usename = 'carol'")
        assert cur.fetchone() == (103,)
