"""A boto3 sample of the RLS isolation property (the 10,000-shape run is the Swift test
RLSIsolationTests): random queries run by a tenant through the Data API must return what the
superuser gets from a plain per-tenant filtered copy of the data (t_rls_usage). The seed is printed;
replay with RLS_SEED=<n>."""

import os
import random

from conftest import query, run, run_ok

TENANTS = ["tenant_a", "tenant_b"]


def relation(rng, depth, schema):
    if depth == 0 or rng.random() < 0.3:
        return rng.choice([
            f"(SELECT id AS a, cust AS b, amount AS c FROM {schema}.orders)",
            f"(SELECT id AS a, cust AS b, amount AS c FROM \"orders\" WHERE amount > {rng.randint(0, 50)})",
            "(SELECT o.id AS a, o.cust AS b, o.amount AS c FROM orders AS customers_alias JOIN orders o ON o.id = customers_alias.id)",
        ])
    left, right = relation(rng, depth - 1, schema), relation(rng, depth - 1, schema)
    return rng.choice([
        f"(SELECT x.a, y.b, x.c FROM {left} x JOIN {right} y ON x.b = y.b)",
        f"(SELECT a, b, c FROM {left} s UNION SELECT a, b, c FROM {right} t)",
        f"(SELECT b AS a, count(*) AS b, sum(c) AS c FROM {left} g GROUP BY b)",
        f"(SELECT a, b, sum(c) OVER (PARTITION BY b ORDER BY a ROWS UNBOUNDED PRECEDING) AS c FROM {left} w)",
        f"(SELECT * FROM {left} f WHERE a IN (SELECT a FROM {right} q))",
    ])


def test_random_queries_match_filtered_copies(client, target):
    seed = int(os.environ.get("RLS_SEED", random.randrange(1, 2**31)))
    print(f"test_rls_isolation: seed {seed}")
    rng = random.Random(seed)
    rows = ", ".join(f"({i}, '{rng.choice(TENANTS + ['tenant_z'])}', {rng.randint(1, 5)}, {rng.randint(1, 100)})" for i in range(1, 41))
    for sql in [
        "CREATE TABLE orders (id INT, tenant VARCHAR(10), cust INT, amount INT)",
        f"INSERT INTO orders VALUES {rows}",
        "CREATE USER tenant_a PASSWORD DISABLE", "CREATE USER tenant_b PASSWORD DISABLE",
        "GRANT SELECT ON orders TO tenant_a, tenant_b",
        "CREATE RLS POLICY own WITH (tenant VARCHAR(10)) USING (tenant = current_user)",
        "ATTACH RLS POLICY own ON orders TO PUBLIC",
        "ALTER TABLE orders ROW LEVEL SECURITY ON",
    ] + [s for t in TENANTS for s in (f"CREATE SCHEMA o_{t}", f"CREATE TABLE o_{t}.orders AS SELECT * FROM public.orders WHERE tenant = '{t}'")]:
        run_ok(client, sql, **target)
    checked = 0
    for _ in range(60):
        tenant = rng.choice(TENANTS)
        depth = rng.randint(0, 2)
        state = rng.getstate()
        mine = f"SELECT a, b, c FROM {relation(rng, depth, 'public')} r"
        rng.setstate(state)
        theirs = f"SELECT a, b, c FROM {relation(rng, depth, 'o_' + tenant)} r"
        # The oracle reads the copy: unqualified names resolve through its search_path.
        oracle = theirs.replace('"orders"', f"o_{tenant}.orders").replace("FROM orders", f"FROM o_{tenant}.orders").replace("JOIN orders", f"JOIN o_{tenant}.orders")
        got = sorted(map(repr, query(client, mine, **dict(target, DbUser=tenant))))
        want = sorted(map(repr, query(client, oracle, **target)))
        assert got == want, f"seed {seed}, {tenant}: {mine}"
        checked += 1
    print(f"test_rls_isolation: {checked} shapes, 0 leaks")
