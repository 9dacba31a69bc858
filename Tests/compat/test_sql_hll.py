"""HyperLogLog through the Data API: HLL (r_HLL_function), HLL_CREATE_SKETCH (r_HLL_CREATE_SKETCH),
HLL_CARDINALITY (r_HLL_CARDINALITY), HLL_COMBINE (r_HLL_COMBINE), HLL_COMBINE_SKETCHES
(r_HLL_COMBINE_SKETCHES) and the r_HLL-examples page. Cardinalities are the pages' printed values;
the sketches' JSON indices come from Redshift's own hash, so only their shape is compared."""

import json

from conftest import query, run_ok

A_TABLE = [
    "CREATE TABLE a_table(an_int INT, b_int INT)",
    "INSERT INTO a_table VALUES (1,1), (2,1), (3,1), (4,1), (1,2), (2,2), (3,2), (4,2), (5,2), (6,2)",
    "CREATE TABLE hll_table (sketch HLLSKETCH)",
    "INSERT INTO hll_table select hll_create_sketch(an_int) from a_table group by b_int",
]


def _setup(client, target, statements):
    for sql in statements:
        run_ok(client, sql, **target)


def test_create_sketch_is_a_sparse_json_sketch(client, target):
    run_ok(client, "CREATE TABLE a_table(an_int INT)", **target)
    run_ok(client, "INSERT INTO a_table VALUES (1), (2), (3), (4)", **target)
    [[text]] = query(client, "SELECT hll_create_sketch(an_int) AS sketch FROM a_table", **target)
    sketch = json.loads(text)
    assert sketch["version"] == 1 and sketch["logm"] == 15
    assert len(sketch["sparse"]["indices"]) == 4 and len(sketch["sparse"]["values"]) == 4
    assert sketch["sparse"]["indices"] == sorted(sketch["sparse"]["indices"])


def test_cardinality_of_stored_sketches(client, target):
    _setup(client, target, A_TABLE)
    got = query(client, "SELECT hll_cardinality(sketch) AS cardinality FROM hll_table", **target)
    assert sorted(r[0] for r in got) == [4, 6]


def test_combine_unions_the_sketches(client, target):
    _setup(client, target, A_TABLE)
    [[text]] = query(client, "SELECT hll_combine(sketch) AS sketches FROM hll_table", **target)
    assert len(json.loads(text)["sparse"]["indices"]) == 6  # the page's combined sketch has 6 entries
    assert query(client, "SELECT hll_cardinality(hll_combine(sketch)) FROM hll_table", **target) == [[6]]


def test_combine_sketches_pairwise(client, target):
    got = query(client, """WITH tbl1(x, y) AS (SELECT Hll_create_sketch(1), Hll_create_sketch(2)
                                   UNION ALL SELECT Hll_create_sketch(3), Hll_create_sketch(4)),
                              tbl2(x, y) AS (SELECT Hll_create_sketch(NULL), Hll_create_sketch(NULL))
                           SELECT hll_cardinality(Hll_combine_sketches(x, y)) FROM (SELECT * FROM tbl1 UNION ALL SELECT * FROM tbl2) t""", **target)
    assert sorted(r[0] for r in got) == [0, 2, 2]


def test_cardinality_per_country_in_a_subquery(client, target):
    # r_HLL-examples: USA 1, Greece 2.
    _setup(client, target, [
        "CREATE TABLE Sales (customer VARCHAR, country VARCHAR, amount BIGINT)",
        "INSERT INTO Sales VALUES ('David Joe', 'Greece', 14.5),  ('David Joe', 'Greece', 19.95), ('John Doe', 'USA', 29.95), "
        "('John Doe', 'USA', 19.95), ('George Spanos', 'Greece', 9.95), ('George Spanos', 'Greece', 2.95)"])
    got = query(client, "SELECT hll_cardinality(sketch), country FROM (SELECT hll_create_sketch(customer) AS sketch, country "
                        "FROM Sales GROUP BY country) AS hll_subquery", **target)
    assert sorted(got, key=lambda r: r[1]) == [[2, "Greece"], [1, "USA"]]
    got = query(client, "SELECT hll_cardinality(hll_combine(sketch)) FROM (SELECT hll_create_sketch(customer) AS sketch "
                        "FROM Sales GROUP BY country) AS hll_subquery", **target)
    assert got == [[3]]  # the page's combined sketch has three entries
