"""Users, roles, grants, row-level security and masking through the Data API, with several
tenants (DbUser tenant_a / tenant_b), an analyst role and a superuser.

Facts: ../../../shared/reference/security.md (cited as "security.md §N") and the AWS pages it cites.
"""

import pytest

from conftest import query, run, run_ok

# TICKIT's category table (the data of the t_rls_combine_policies example).
CATEGORY = [
    (1, "Sports", "MLB"), (2, "Sports", "NHL"), (3, "Sports", "NFL"), (4, "Sports", "NBA"),
    (5, "Sports", "MLS"), (6, "Shows", "Musicals"), (7, "Shows", "Plays"), (8, "Shows", "Opera"),
    (9, "Concerts", "Pop"), (10, "Concerts", "Jazz"), (11, "Concerts", "Classical"),
]


def as_user(target, user):
    return dict(target, DbUser=user)


def setup_tenants(client, target):
    su = target
    for sql in [
        "CREATE USER tenant_a PASSWORD DISABLE",
        "CREATE USER tenant_b PASSWORD DISABLE",
        "CREATE USER alice PASSWORD DISABLE",
        "CREATE ROLE analyst",
        "GRANT ROLE analyst TO alice",
        "CREATE TABLE orders (id INT, tenant VARCHAR(20), amount INT, card VARCHAR(16))",
        "INSERT INTO orders VALUES (1, 'tenant_a', 10, '4111111111111111'), (2, 'tenant_a', 20, '4222222222222222'), "
        "(3, 'tenant_b', 30, '4333333333333333'), (4, 'tenant_c', 40, '4444444444444444')",
        "GRANT SELECT, UPDATE, DELETE, INSERT ON orders TO tenant_a, tenant_b",
        "GRANT SELECT ON orders TO ROLE analyst",
        "CREATE RLS POLICY tenant_rows WITH (tenant VARCHAR(20)) USING (tenant = current_user)",
        "ATTACH RLS POLICY tenant_rows ON orders TO tenant_a, tenant_b",
        "ALTER TABLE orders ROW LEVEL SECURITY ON",
    ]:
        run_ok(client, sql, **su)


def ids(client, sql, target):
    return [r[0] for r in query(client, sql, **target)]


# t_rls: a policy keyed on current_user shows each tenant its own rows only.
def test_tenants_see_only_their_rows(client, target):
    setup_tenants(client, target)
    a, b = as_user(target, "tenant_a"), as_user(target, "tenant_b")
    assert ids(client, "SELECT id FROM orders ORDER BY id", a) == [1, 2]
    assert ids(client, "SELECT id FROM orders ORDER BY id", b) == [3]
    # No alias, quoting or qualification trick gets around it (the rewrite is on every reference).
    assert ids(client, "SELECT o.id FROM public.\"orders\" AS o, orders o2 WHERE o.id = o2.id ORDER BY 1", a) == [1, 2]
    assert ids(client, "WITH x AS (SELECT * FROM dev.public.orders) SELECT count(*) FROM x", b) == [1]
    assert ids(client, "SELECT sum(amount) FROM (SELECT amount FROM orders UNION ALL SELECT amount FROM orders) s", a) == [60]
    assert ids(client, "SELECT count(*) FROM orders WHERE id IN (SELECT id FROM orders WHERE tenant <> current_user)", a) == [0]
    # The superuser is never subject to RLS (security.md §1.2).
    assert ids(client, "SELECT id FROM orders ORDER BY id", target) == [1, 2, 3, 4]


# r_ALTER_TABLE: RLS on and no applicable policy -> no rows (not an error).
def test_default_deny_without_policy(client, target):
    setup_tenants(client, target)
    assert ids(client, "SELECT count(*) FROM orders", as_user(target, "alice")) == [0]


# t_rls_statements: UPDATE/DELETE touch visible rows only; INSERT is not filtered.
def test_dml_limited_to_visible_rows(client, target):
    setup_tenants(client, target)
    a = as_user(target, "tenant_a")
    assert run_ok(client, "UPDATE orders SET amount = amount + 1", **a)["ResultRows"] == 2
    assert run_ok(client, "DELETE FROM orders WHERE amount > 0", **a)["ResultRows"] == 2
    run_ok(client, "INSERT INTO orders VALUES (5, 'tenant_b', 50, '4555555555555555')", **a)
    assert ids(client, "SELECT id FROM orders ORDER BY id", target) == [3, 4, 5]
    assert ids(client, "SELECT amount FROM orders WHERE id = 3", target) == [30]
    assert ids(client, "SELECT count(*) FROM orders", a) == [0]


# t_rls_usage: views apply the policies of the user running the query; object privileges of the
# base table are checked for the view owner (r_CREATE_VIEW).
def test_views_apply_callers_policies(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE VIEW order_totals AS SELECT tenant, sum(amount) AS total FROM orders GROUP BY tenant", **target)
    run_ok(client, "GRANT SELECT ON order_totals TO tenant_b", **target)
    run_ok(client, "REVOKE SELECT ON orders FROM tenant_b", **target)
    assert query(client, "SELECT tenant, total FROM order_totals", **as_user(target, "tenant_b")) == [["tenant_b", 30]]
    d = run(client, "SELECT * FROM orders", **as_user(target, "tenant_b"))
    assert d["Status"] == "FAILED" and "permission denied for relation orders" in d["Error"]


# t_rls_combine_policies: two policies on role analyst, AND by default, OR with CONJUNCTION TYPE OR.
def test_conjunction_and_or(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE TABLE category (catid SMALLINT, catgroup VARCHAR(10), catname VARCHAR(10))", **target)
    run_ok(client, "INSERT INTO category VALUES " + ", ".join(f"({i}, '{g}', '{n}')" for i, g, n in CATEGORY), **target)
    run_ok(client, "GRANT SELECT ON category TO ROLE analyst", **target)
    run_ok(client, "CREATE RLS POLICY policy_sports WITH (catgroup VARCHAR(10)) USING (catgroup = 'Sports')", **target)
    run_ok(client, "CREATE RLS POLICY policy_nba WITH (catname VARCHAR(10)) USING (catname = 'NBA')", **target)
    run_ok(client, "ATTACH RLS POLICY policy_sports ON category TO ROLE analyst", **target)
    run_ok(client, "ATTACH RLS POLICY policy_nba ON category TO ROLE analyst", **target)
    run_ok(client, "ALTER TABLE category ROW LEVEL SECURITY ON CONJUNCTION TYPE AND", **target)
    alice = as_user(target, "alice")
    assert query(client, "SELECT catgroup, catname FROM category", **alice) == [["Sports", "NBA"]]
    run_ok(client, "ALTER TABLE category ROW LEVEL SECURITY ON CONJUNCTION TYPE OR", **target)
    assert sorted(r[0] for r in query(client, "SELECT catname FROM category", **alice)) == ["MLB", "MLS", "NBA", "NFL", "NHL"]
    # Nested roles: a role granted to a role carries its policies (t_role_hierarchy).
    run_ok(client, "CREATE USER bob PASSWORD DISABLE", **target)
    run_ok(client, "CREATE ROLE junior", **target)
    run_ok(client, "GRANT ROLE analyst TO ROLE junior", **target)
    run_ok(client, "GRANT ROLE junior TO bob", **target)
    assert len(query(client, "SELECT catname FROM category", **as_user(target, "bob"))) == 5
    # RLS OFF: attached policies are ignored (r_SVV_RLS_ATTACHED_POLICY).
    run_ok(client, "ALTER TABLE category ROW LEVEL SECURITY OFF", **target)
    assert len(query(client, "SELECT catname FROM category", **alice)) == len(CATEGORY)


# t_rls_ownership: IGNORE RLS granted to a role lifts the filter; sys:secadmin holds it.
def test_ignore_rls(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE ROLE auditor", **target)
    run_ok(client, "GRANT IGNORE RLS TO ROLE auditor", **target)
    run_ok(client, "GRANT ROLE auditor TO alice", **target)
    assert ids(client, "SELECT count(*) FROM orders", as_user(target, "alice")) == [4]
    run_ok(client, "REVOKE IGNORE RLS FROM ROLE auditor", **target)
    assert ids(client, "SELECT count(*) FROM orders", as_user(target, "alice")) == [0]


# security.md §2.2: denial texts; only superusers/sys:secadmin manage policies.
def test_permission_errors(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE TABLE secret (x INT)", **target)
    a = as_user(target, "tenant_a")
    for sql, text in [
        ("SELECT * FROM secret", "permission denied for relation secret"),
        ("INSERT INTO secret VALUES (1)", "permission denied for relation secret"),
        ("DELETE FROM secret", "permission denied for relation secret"),
        ("SELECT * FROM (SELECT x FROM secret) s", "permission denied for relation secret"),
    ]:
        d = run(client, sql, **a)
        assert d["Status"] == "FAILED" and text in d["Error"], (sql, d.get("Error"))
    run_ok(client, "CREATE SCHEMA private", **target)
    run_ok(client, "CREATE TABLE private.t (x INT)", **target)
    run_ok(client, "GRANT SELECT ON private.t TO tenant_a", **target)
    d = run(client, "SELECT * FROM private.t", **a)
    assert d["Status"] == "FAILED" and "permission denied for schema private" in d["Error"]
    run_ok(client, "GRANT USAGE ON SCHEMA private TO tenant_a", **target)
    assert query(client, "SELECT count(*) FROM private.t", **a) == [[0]]
    d = run(client, "ALTER TABLE orders ROW LEVEL SECURITY OFF", **a)
    assert d["Status"] == "FAILED" and "permission denied" in d["Error"]
    d = run(client, "SELECT * FROM orders", **as_user(target, "IAM:nobody"))
    assert d["Status"] == "FAILED" and "permission denied for relation orders" in d["Error"]


# r_GRANT-usage-notes: column-level SELECT. The granted columns can be named; SELECT * reads every
# column, so it needs SELECT on all of them and is refused (issue 16's defect list).
def test_column_level_select(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE TABLE people (id INT, name VARCHAR(10), ssn VARCHAR(11))", **target)
    run_ok(client, "INSERT INTO people VALUES (1, 'Ann', '123-45-6789')", **target)
    run_ok(client, "GRANT SELECT (id, name) ON people TO tenant_a", **target)
    a = as_user(target, "tenant_a")
    assert query(client, "SELECT id, name FROM people", **a) == [[1, "Ann"]]
    for sql in ["SELECT * FROM people", "SELECT p.* FROM people p"]:
        d = run(client, sql, **a)
        assert d["Status"] == "FAILED" and "permission denied for relation people" in d["Error"], sql
    d = run(client, "SELECT ssn FROM people", **a)
    assert d["Status"] == "FAILED" and "permission denied for relation people" in d["Error"]
    d = run(client, "SELECT count(*) FROM people WHERE ssn LIKE '1%'", **a)
    assert d["Status"] == "FAILED" and "permission denied for relation people" in d["Error"]


# t_ddm, t_ddm-hierarchy: full mask to PUBLIC, partial mask to a role with a higher priority;
# masking is applied after RLS and feeds predicates.
def test_masking_priority(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE MASKING POLICY mask_full WITH (card VARCHAR(16)) USING ('XXXXXXXXXXXXXXXX'::TEXT)", **target)
    run_ok(client, "CREATE MASKING POLICY mask_partial WITH (card VARCHAR(16)) USING ('XXXXXXXXXXXX' || SUBSTRING(card, 13, 4))", **target)
    run_ok(client, "ATTACH MASKING POLICY mask_full ON orders(card) TO PUBLIC", **target)
    run_ok(client, "ATTACH MASKING POLICY mask_partial ON orders(card) TO ROLE analyst PRIORITY 10", **target)
    run_ok(client, "ALTER TABLE orders ROW LEVEL SECURITY OFF", **target)
    assert query(client, "SELECT card FROM orders WHERE id = 1", **as_user(target, "tenant_a")) == [["XXXXXXXXXXXXXXXX"]]
    assert query(client, "SELECT card FROM orders WHERE id = 1", **as_user(target, "alice")) == [["XXXXXXXXXXXX1111"]]
    # Predicates see the masked value (t_ddm).
    assert query(client, "SELECT count(*) FROM orders WHERE card = '4111111111111111'", **as_user(target, "tenant_a")) == [[0]]
    assert query(client, "SELECT card FROM orders WHERE id = 1", **target) == [["4111111111111111"]]
    run_ok(client, "DETACH MASKING POLICY mask_full ON orders(card) FROM PUBLIC", **target)
    assert query(client, "SELECT card FROM orders WHERE id = 1", **as_user(target, "tenant_a")) == [["4111111111111111"]]


# r_SVV_RLS_POLICY, r_SVV_RLS_ATTACHED_POLICY, r_SVV_RLS_RELATION, r_SVV_ATTACHED_MASKING_POLICY.
def test_system_views(client, target):
    setup_tenants(client, target)
    assert query(client, "SELECT polname, polatts FROM svv_rls_policy", **target) == [
        ["tenant_rows", '[{"colname":"tenant","type":"character varying(20)"}]']]
    assert query(client, "SELECT relname, polname, grantee, granteekind, is_rls_on, rls_conjunction_type FROM svv_rls_attached_policy ORDER BY grantee", **target) == [
        ["orders", "tenant_rows", "tenant_a", "user", True, "and"], ["orders", "tenant_rows", "tenant_b", "user", True, "and"]]
    assert query(client, "SELECT relname, is_rls_on FROM svv_rls_relation", **target) == [["orders", True]]
    # sys:secadmin views: other users see no rows (security.md §3.6).
    assert query(client, "SELECT count(*) FROM svv_rls_policy", **as_user(target, "tenant_a")) == [[0]]


# r_superusers, r_CREATE_USER: CREATEUSER makes a superuser (pg_user.usesuper).
def test_createuser_makes_superuser(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE USER admin2 PASSWORD 'md5153c434b4b77c89e6b94f12c5393af5b' CREATEUSER", **target)
    assert ids(client, "SELECT count(*) FROM orders", as_user(target, "admin2")) == [4]
    d = run(client, "CREATE USER weak PASSWORD 'short'", **target)
    assert d["Status"] == "FAILED"
    # DROP USER refuses while the user owns objects (r_DROP_USER).
    run_ok(client, "CREATE TABLE owned_by_a (x INT)", **as_user(target, "tenant_a"))
    d = run(client, "DROP USER tenant_a", **target)
    assert d["Status"] == "FAILED" and "user \"tenant_a\" can't be dropped because the user owns some object" in d["Error"]


# Metadata shows only what the caller may see (issue 5; docs/security.md): ListTables,
# DescribeTable and ListSchemas run as the DbUser.
def test_metadata_shows_only_visible_objects(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE TABLE hidden_table (x INT)", **target)
    run_ok(client, "CREATE SCHEMA hidden_schema", **target)
    a = as_user(target, "tenant_a")
    names = {t["name"] for t in client.list_tables(**a, SchemaPattern="public")["Tables"]}
    assert "orders" in names and "hidden_table" not in names
    all_names = {t["name"] for t in client.list_tables(**target, SchemaPattern="public")["Tables"]}
    assert "hidden_table" in all_names
    assert client.describe_table(**a, Schema="public", Table="hidden_table")["ColumnList"] == []
    assert "hidden_schema" not in client.list_schemas(**a)["Schemas"]
    assert "hidden_schema" in client.list_schemas(**target)["Schemas"]


# r_SVV_TABLES / r_SVV_COLUMNS / r_SVV_TABLE_INFO: "Superusers can see all rows; regular users can
# see only their own data" (objects they own or were granted); r_SVV_COLUMNS: "All users can see
# all rows in the system catalog tables" (pg_catalog), while selecting data needs a privilege.
def test_catalog_views_show_only_visible_objects(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE TABLE hidden_table (secret_col INT)", **target)
    run_ok(client, "INSERT INTO hidden_table VALUES (1), (2)", **target)
    run_ok(client, "CREATE SCHEMA hidden_schema", **target)
    a = as_user(target, "tenant_a")

    def names(sql, who):
        return {r[0] for r in query(client, sql, **who)}

    for sql in [
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
        "SELECT table_name FROM svv_tables WHERE table_schema = 'public'",
        "SELECT table_name FROM svv_all_tables WHERE schema_name = 'public'",
        "SELECT table_name FROM svv_redshift_tables WHERE schema_name = 'public'",
        "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public'",
        "SELECT table_name FROM svv_columns WHERE table_schema = 'public'",
        "SELECT \"table\" FROM svv_table_info WHERE \"schema\" = 'public'",
    ]:
        assert "hidden_table" not in names(sql, a), sql
        assert "orders" in names(sql, a), sql
        assert "hidden_table" in names(sql, target), sql
    assert "hidden_schema" not in names("SELECT schema_name FROM svv_all_schemas", a)
    assert "hidden_schema" in names("SELECT schema_name FROM svv_all_schemas", target)
    # pg_catalog lists every relation to every user; the data itself stays protected.
    assert "hidden_table" in names("SELECT relname FROM pg_class", a)
    status = run(client, "SELECT * FROM hidden_table", **a)
    assert status["Status"] == "FAILED"
    assert "permission denied for relation hidden_table" in status["Error"]
    # A grant makes it visible.
    run_ok(client, "GRANT SELECT ON hidden_table TO tenant_a", **target)
    assert "hidden_table" in names("SELECT table_name FROM svv_tables WHERE table_schema = 'public'", a)


# t_ddm-considerations: "DDM policies must be applied ahead of any predicate operations, or
# projections" — DML reads included, so a row count cannot probe a masked value (t_ddm: masked
# values feed filters and joins).
def test_masking_applies_in_dml(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE MASKING POLICY mask_card WITH (card VARCHAR(16)) USING ('XXXXXXXXXXXXXXXX'::TEXT)", **target)
    run_ok(client, "ATTACH MASKING POLICY mask_card ON orders(card) TO tenant_a", **target)
    a = as_user(target, "tenant_a")
    assert run_ok(client, "DELETE FROM orders WHERE card = '4111111111111111'", **a)["ResultRows"] == 0
    assert run_ok(client, "UPDATE orders SET amount = 0 WHERE card LIKE '4111%'", **a)["ResultRows"] == 0
    assert run_ok(client, "DELETE FROM orders WHERE id IN (SELECT id FROM orders WHERE card = '4111111111111111')", **a)["ResultRows"] == 0
    run_ok(client, "CREATE TABLE probe (c VARCHAR(16))", **target)
    run_ok(client, "INSERT INTO probe VALUES ('4111111111111111')", **target)
    run_ok(client, "GRANT SELECT ON probe TO tenant_a", **target)
    assert run_ok(client, "DELETE FROM orders USING probe WHERE probe.c = orders.card", **a)["ResultRows"] == 0
    assert run_ok(client, "UPDATE orders SET amount = 0 FROM probe WHERE probe.c = orders.card", **a)["ResultRows"] == 0
    d = run_ok(client, "MERGE INTO orders USING probe ON orders.card = probe.c "
                       "WHEN MATCHED THEN UPDATE SET amount = 0 WHEN NOT MATCHED THEN INSERT VALUES (9, 'tenant_b', 0, probe.c)", **a)
    assert d["ResultRows"] == 1  # nothing matched: the source row was inserted
    assert ids(client, "SELECT amount FROM orders WHERE id IN (1, 2) ORDER BY id", target) == [10, 20]
    # The masked value is what the tenant's predicates see, and SET reads it too.
    assert run_ok(client, "UPDATE orders SET card = card WHERE card = 'XXXXXXXXXXXXXXXX'", **a)["ResultRows"] == 2
    assert query(client, "SELECT DISTINCT card FROM orders WHERE id IN (1, 2)", **target) == [["XXXXXXXXXXXXXXXX"]]


# t_rls_statements: UPDATE and DELETE change only the rows visible to the user; MERGE's
# WHEN MATCHED actions are such an UPDATE/DELETE (r_MERGE), so hidden rows are never changed.
def test_merge_into_rls_target(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE TABLE changes (id INT, amount INT)", **target)
    run_ok(client, "INSERT INTO changes VALUES (1, 11), (3, 33)", **target)
    run_ok(client, "GRANT SELECT ON changes TO tenant_a", **target)
    a = as_user(target, "tenant_a")
    run_ok(client, "MERGE INTO orders USING changes c ON orders.id = c.id "
                   "WHEN MATCHED THEN UPDATE SET amount = c.amount WHEN NOT MATCHED THEN INSERT VALUES (c.id + 100, 'tenant_a', c.amount, '')", **a)
    assert ids(client, "SELECT amount FROM orders WHERE id = 1", target) == [11]
    assert ids(client, "SELECT amount FROM orders WHERE id = 3", target) == [30]  # tenant_b's row is untouched
    run_ok(client, "MERGE INTO orders USING changes c ON orders.id = c.id "
                   "WHEN MATCHED THEN DELETE WHEN NOT MATCHED THEN INSERT VALUES (c.id + 200, 'tenant_a', c.amount, '')", **a)
    assert ids(client, "SELECT count(*) FROM orders WHERE id IN (1, 3)", target) == [1]
    assert ids(client, "SELECT id FROM orders WHERE id IN (1, 3)", target) == [3]


# r_ATTACH_RLS_POLICY / r_ATTACH_MASKING_POLICY: TO { user_name | ROLE role_name | PUBLIC } — no
# GROUP form, so GROUP is a syntax error where a grantee is expected.
def test_policy_grantee_cannot_be_a_group(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE GROUP tenants WITH USER tenant_a", **target)
    for sql in ["ATTACH RLS POLICY tenant_rows ON orders TO GROUP tenants",
                "CREATE MASKING POLICY m1 WITH (card VARCHAR(16)) USING ('x'::TEXT)",
                "ATTACH MASKING POLICY m1 ON orders(card) TO GROUP tenants"]:
        d = run(client, sql, **target)
        if sql.startswith("CREATE"):
            assert d["Status"] == "FINISHED"
            continue
        assert d["Status"] == "FAILED" and 'syntax error at or near "GROUP"' in d["Error"], d.get("Error")


# r_SVV_RLS_APPLIED_POLICY: which policies were applied to which query; visible to superusers,
# sys:operator and ACCESS SYSTEM TABLE holders — "sys:secadmin isn't granted this system permission".
# poldefault: "f ... if the default false policy has been applied".
def test_svv_rls_applied_policy(client, target):
    setup_tenants(client, target)
    a = as_user(target, "tenant_a")
    qid = run_ok(client, "SELECT count(*) FROM orders", **a)["RedshiftQueryId"]
    sql = ("SELECT username, command, datname, relschema, relname, polname, poldefault FROM svv_rls_applied_policy "
           f"WHERE datname = CURRENT_DATABASE() AND query = {qid}")
    assert query(client, sql, **target) == [["tenant_a", "s", "dev", "public", "orders", "tenant_rows", None]]
    qid = run_ok(client, "DELETE FROM orders WHERE id = 1", **a)["RedshiftQueryId"]
    assert query(client, f"SELECT command, polname FROM svv_rls_applied_policy WHERE query = {qid}", **target) == [["d", "tenant_rows"]]
    # alice has no policy: the default deny is what was applied.
    qid = run_ok(client, "SELECT * FROM orders", **as_user(target, "alice"))["RedshiftQueryId"]
    assert query(client, f"SELECT username, polname, poldefault FROM svv_rls_applied_policy WHERE query = {qid}", **target) == [["alice", None, "f"]]
    # The superuser is not filtered: nothing applied.
    qid = run_ok(client, "SELECT * FROM orders", **target)["RedshiftQueryId"]
    assert query(client, f"SELECT count(*) FROM svv_rls_applied_policy WHERE query = {qid}", **target) == [[0]]
    assert query(client, "SELECT count(*) FROM svv_rls_applied_policy", **a) == [[0]]
    run_ok(client, "CREATE USER sec PASSWORD DISABLE", **target)
    run_ok(client, "GRANT ROLE \"sys:secadmin\" TO sec", **target)
    assert query(client, "SELECT count(*) FROM svv_rls_applied_policy", **as_user(target, "sec")) == [[0]]
    run_ok(client, "CREATE USER op PASSWORD DISABLE", **target)
    run_ok(client, "GRANT ROLE \"sys:operator\" TO op", **target)
    assert query(client, "SELECT count(*) FROM svv_rls_applied_policy", **as_user(target, "op"))[0][0] >= 3


# r_HAS_TABLE_PRIVILEGE / r_HAS_SCHEMA_PRIVILEGE: "Returns true if the user has the specified
# privilege"; the user defaults to the current user.
def test_has_privilege_functions_follow_grants(client, target):
    setup_tenants(client, target)
    run_ok(client, "CREATE TABLE hidden_table (x INT)", **target)
    run_ok(client, "CREATE SCHEMA hidden_schema", **target)
    a = as_user(target, "tenant_a")
    assert query(client, "SELECT has_table_privilege('orders', 'select'), has_table_privilege('hidden_table', 'select'), "
                         "has_schema_privilege('public', 'usage'), has_schema_privilege('hidden_schema', 'usage')", **a) == \
        [[True, False, True, False]]
    assert query(client, "SELECT has_table_privilege('alice', 'orders', 'select'), has_table_privilege('alice', 'orders', 'delete'), "
                         "has_table_privilege('tenant_b', 'orders', 'insert')", **target) == [[True, False, True]]


# r_GRANT: "UPDATE operations also require the SELECT privilege, because they must reference table
# columns to determine which rows to update, or to compute new values"; likewise DELETE. Without
# it a WHERE clause could probe values the user may not read.
def test_update_and_delete_need_select_to_read_columns(client, target):
    run_ok(client, "CREATE USER writer PASSWORD DISABLE", **target)
    run_ok(client, "CREATE TABLE secrets (id INT, pin INT)", **target)
    run_ok(client, "INSERT INTO secrets VALUES (1, 1234), (2, 9999)", **target)
    run_ok(client, "GRANT UPDATE, DELETE ON secrets TO writer", **target)
    w = as_user(target, "writer")
    for sql in ["UPDATE secrets SET pin = 0 WHERE pin = 1234", "UPDATE secrets SET pin = pin + 1",
                "DELETE FROM secrets WHERE pin = 9999"]:
        status = run(client, sql, **w)
        assert status["Status"] == "FAILED", sql
        assert "permission denied for relation secrets" in status["Error"], sql
    assert run_ok(client, "UPDATE secrets SET pin = 0", **w)["ResultRows"] == 2   # reads no column
    run_ok(client, "GRANT SELECT (id) ON secrets TO writer", **target)
    assert run_ok(client, "DELETE FROM secrets WHERE id = 2", **w)["ResultRows"] == 1
    assert run(client, "DELETE FROM secrets WHERE pin = 0", **w)["Status"] == "FAILED"


# r_ALTER_USER: "SET parameter { TO | = } { value | DEFAULT }" / "RESET parameter" set a user's
# default for a session parameter; r_timezone_config / security.md §1.1: it takes effect at the
# user's next session, and SET in the session overrides it.
def test_alter_user_set_search_path_applies_to_the_users_sessions(client, target):
    from conftest import wait
    run_ok(client, "CREATE USER pathuser PASSWORD DISABLE", **target)
    run_ok(client, "CREATE SCHEMA sales", **target)
    run_ok(client, "GRANT USAGE, CREATE ON SCHEMA sales TO pathuser", **target)
    run_ok(client, "CREATE TABLE sales.things (x INT)", **target)
    run_ok(client, "INSERT INTO sales.things VALUES (7)", **target)
    run_ok(client, "GRANT SELECT ON sales.things TO pathuser", **target)
    u = as_user(target, "pathuser")
    assert run(client, "SELECT x FROM things", **u)["Status"] == "FAILED"   # default search_path: $user, public
    run_ok(client, "ALTER USER pathuser SET search_path TO sales, public", **target)
    assert query(client, "SELECT x FROM things", **u) == [[7]]
    assert query(client, "SHOW search_path", **u) == [["sales, public"]]
    # Other users keep the default (r_search_path: "$user, public").
    assert query(client, "SHOW search_path", **target) == [["$user, public"]]
    # SET in the session overrides the user's default.
    d = client.execute_statement(Sql="SET search_path TO public", SessionKeepAliveSeconds=30, **u)
    session = wait(client, d["Id"]) and d["SessionId"]
    d = wait(client, client.execute_statement(Sql="SELECT x FROM things", SessionId=session)["Id"])
    assert d["Status"] == "FAILED"
    # pg_user.useconfig lists the user's settings (PostgreSQL's name=value array form).
    assert query(client, "SELECT useconfig FROM pg_user WHERE usename = 'pathuser'", **target) == [["{search_path=sales, public}"]]
    # "=" form, DEFAULT and RESET remove it again.
    run_ok(client, "ALTER USER pathuser SET timezone = 'America/New_York'", **target)
    assert query(client, "SHOW timezone", **u) == [["America/New_York"]]
    run_ok(client, "ALTER USER pathuser SET timezone TO DEFAULT", **target)
    assert query(client, "SHOW timezone", **u) == [["UTC"]]
    run_ok(client, "ALTER USER pathuser RESET search_path", **target)
    assert run(client, "SELECT x FROM things", **u)["Status"] == "FAILED"
    assert query(client, "SELECT useconfig FROM pg_user WHERE usename = 'pathuser'", **target) == [[None]]
    # r_ALTER_USER required privileges: superuser or ALTER USER; a user may change only its own password.
    d = run(client, "ALTER USER pathuser SET search_path TO sales", **u)
    assert d["Status"] == "FAILED" and "permission denied" in d["Error"]


# r_ALTER_USER + r_statement_timeout: a user's default statement_timeout cancels that user's slow
# statements with "ERROR:  Query (150) canceled on user's request"; other users are not limited.
def test_alter_user_set_statement_timeout_cancels_the_users_slow_statement(make_server):
    from conftest import make_client, wait
    slow = {"name": "slow", "sql_pattern": "slow_marker", "action": "latency", "latency_ms": 1500}
    server = make_server(config={"faults": [slow]})
    client = make_client(server.url)
    su = {"ClusterIdentifier": "sec", "Database": "dev", "DbUser": "awsuser"}
    run_ok(client, "CREATE USER hasty PASSWORD DISABLE", **su)
    run_ok(client, "ALTER USER hasty SET statement_timeout TO 100", **su)
    h = dict(su, DbUser="hasty")
    d = client.execute_statement(Sql="SHOW statement_timeout", SessionKeepAliveSeconds=30, **h)
    assert wait(client, d["Id"])["Status"] == "FINISHED"
    session = d["SessionId"]
    assert query(client, "SHOW statement_timeout", **h) == [["100"]]
    done = wait(client, client.execute_statement(Sql="SELECT 'slow_marker'", SessionId=session)["Id"])
    assert done["Status"] == "FAILED", done
    assert done["Error"] == f"ERROR: Query ({done['RedshiftQueryId']}) canceled on user's request"
    # The superuser has no such default.
    assert run(client, "SELECT 'slow_marker'", **su)["Status"] == "FINISHED"
    d = run(client, "ALTER USER hasty SET statement_timeout TO 'soon'", **su)
    assert d["Status"] == "FAILED" and 'invalid value for parameter "statement_timeout"' in d["Error"]


# r_CREATE_USER: "You can't disable a superuser's password." Redshift's error text as reported in
# https://github.com/brainly/terraform-provider-redshift/issues/37 ("pq: CREATEUSER and PASSWORD
# DISABLE are incompatible").
def test_superuser_password_cannot_be_disabled(client, target):
    d = run(client, "CREATE USER boss PASSWORD DISABLE CREATEUSER", **target)
    assert d["Status"] == "FAILED" and "CREATEUSER and PASSWORD DISABLE are incompatible" in d["Error"]
    run_ok(client, "CREATE USER boss2 PASSWORD 'Abcdefg1' CREATEUSER", **target)
    d = run(client, "ALTER USER boss2 PASSWORD DISABLE", **target)
    assert d["Status"] == "FAILED" and "CREATEUSER and PASSWORD DISABLE are incompatible" in d["Error"]
