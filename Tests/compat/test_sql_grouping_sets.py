"""GROUP BY GROUPING SETS / ROLLUP / CUBE and GROUPING() through the Data API, with the `orders`
table of r_GROUP_BY_aggregation-extensions: the documented GROUPING SETS result, ROLLUP/CUBE as the
grouping sets the page defines them to be, NULLs for rolled-up columns, and column metadata."""

from conftest import query, run_ok

SETUP = [
    "CREATE TABLE ORDERS (ID INT, PRODUCT CHAR(20), CATEGORY CHAR(20), PRE_OWNED CHAR(1), COST DECIMAL)",
    "INSERT INTO ORDERS VALUES (0, 'laptop', 'computers', 'T', 1000), (1, 'smartphone', 'cellphones', 'T', 800), "
    "(2, 'smartphone', 'cellphones', 'T', 810), (3, 'laptop', 'computers', 'F', 1050), (4, 'mouse', 'computers', 'F', 50)",
]


def _setup(client, target):
    for sql in SETUP:
        run_ok(client, sql, **target)


def _norm(rows):
    # CHAR cells may come back blank-padded (Redshift) or not (the engine's fast path): compare trimmed.
    return [[c.rstrip(" ") if isinstance(c, str) else c for c in r] for r in rows]


def test_grouping_sets_documented_result(client, target):
    _setup(client, target)
    got = _norm(query(client, "SELECT category, product, sum(cost) as total FROM orders "
                              "GROUP BY GROUPING SETS(category, product)", **target))
    assert sorted(map(tuple, ((c, p, str(t)) for c, p, t in got)), key=repr) == sorted([
        ("computers", None, "2100"), ("cellphones", None, "1610"), (None, "laptop", "2050"),
        (None, "smartphone", "1610"), (None, "mouse", "50")], key=repr)


def test_rollup_with_grouping_ordered(client, target):
    _setup(client, target)
    got = _norm(query(client, "SELECT category, product, GROUPING(category, product) AS g, sum(cost) AS total "
                              "FROM orders GROUP BY ROLLUP(category, product) ORDER BY 1, 2", **target))
    assert [[c, p, g, str(t)] for c, p, g, t in got] == [
        ["cellphones", "smartphone", 0, "1610"], ["cellphones", None, 1, "1610"],
        ["computers", "laptop", 0, "2050"], ["computers", "mouse", 0, "50"], ["computers", None, 1, "2100"],
        [None, None, 3, "3710"],
    ]


def test_cube_counts_and_metadata(client, target):
    _setup(client, target)
    d = run_ok(client, "SELECT pre_owned, category, count(*) AS n FROM orders "
                       "GROUP BY CUBE(pre_owned, category) ORDER BY GROUPING(pre_owned), GROUPING(category), 1, 2", **target)
    r = client.get_statement_result(Id=d["Id"])
    assert [m["name"] for m in r["ColumnMetadata"]] == ["pre_owned", "category", "n"]
    assert [m["typeName"] for m in r["ColumnMetadata"]] == ["bpchar", "bpchar", "int8"]
    from conftest import rows
    assert _norm(rows(r["Records"])) == [
        ["F", "computers", 2], ["T", "cellphones", 2], ["T", "computers", 1],
        ["F", None, 2], ["T", None, 3],
        [None, "cellphones", 2], [None, "computers", 3],
        [None, None, 5],
    ]
