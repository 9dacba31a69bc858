"""DECIMAL(20..38) through the Data API: 128-bit values (r_Numeric_types201) read back exactly as
stringValue, compared, sorted, grouped and aggregated numerically, with Redshift's result types
(r_numeric_computations201, r_SUM, r_AVG) and overflow errors. Expected values are computed with
Python's decimal module from the documented rules, never taken from the emulator."""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, getcontext

from conftest import query, run, run_ok, wait, fetch_all

getcontext().prec = 80

A = ["99999999999999999999999999999999999999", "-99999999999999999999999999999999999999", "12345678901234567890"]
B = ["12345678901234567890.123456789", "-0.000000001", "1.500000000"]
C = ["123456789012345678.91", "-123456789012345678.91", "0.50"]


def _setup(client, target):
    run_ok(client, "CREATE TABLE wide (id INT, a NUMERIC(38,0), b NUMERIC(38,9), c NUMERIC(20,2), n NUMERIC(15,2))", **target)
    for i, (a, b, c) in enumerate(zip(A, B, C), start=1):
        run_ok(client, f"INSERT INTO wide VALUES ({i}, {a}, {b}, {c}, {i}.25)", **target)
    run_ok(client, "INSERT INTO wide VALUES (4, NULL, NULL, NULL, NULL)", **target)


def _meta(client, sql, **target):
    statement = client.execute_statement(Sql=sql, **target)
    wait(client, statement["Id"])
    page = client.get_statement_result(Id=statement["Id"])
    return page["ColumnMetadata"], page["Records"]


def test_values_round_trip_as_strings(client, target):
    # r_Numeric_types201: DECIMAL holds up to 38 digits (128-bit); the Data API returns numeric as stringValue.
    _setup(client, target)
    meta, records = _meta(client, "SELECT a, b, c FROM wide ORDER BY id", **target)
    assert [[f.get("stringValue") for f in r] for r in records[:3]] == [list(t) for t in zip(A, B, C)]
    assert records[3] == [{"isNull": True}] * 3
    assert [(m["typeName"], m["precision"], m["scale"]) for m in meta] == [("numeric", 38, 0), ("numeric", 38, 9), ("numeric", 20, 2)]


def test_literal_casts(client, target):
    # r_CAST_function / r_Numeric_types201: 38-digit literals; extra fraction digits round half away from zero.
    got = query(client, "SELECT 99999999999999999999999999999999999999::numeric(38,0), "
                        "12345678901234567890.123456789::numeric(38,9), 12345678901234567890.125::numeric(38,2), "
                        "-12345678901234567890.125::numeric(38,2)", **target)
    assert got == [["99999999999999999999999999999999999999", "12345678901234567890.123456789",
                    "12345678901234567890.13", "-12345678901234567890.13"]]


def test_order_compare_min_max(client, target):
    # Comparisons and ORDER BY are numeric (r_Numeric_types201 values; NULLs last ascending).
    _setup(client, target)
    assert query(client, "SELECT id FROM wide ORDER BY a", **target) == [[2], [3], [1], [4]]
    assert query(client, "SELECT id FROM wide ORDER BY b DESC", **target) == [[4], [1], [3], [2]]
    assert query(client, "SELECT id FROM wide WHERE a > 9223372036854775807 ORDER BY id", **target) == [[1], [3]]
    assert query(client, "SELECT id FROM wide WHERE b < 0 ORDER BY id", **target) == [[2]]
    assert query(client, "SELECT id FROM wide WHERE c = 0.5", **target) == [[3]]
    assert query(client, "SELECT id FROM wide WHERE a = 12345678901234567890", **target) == [[3]]
    assert query(client, "SELECT min(a), max(a), min(b), max(c) FROM wide", **target) == [[A[1], A[0], B[1], C[0]]]


def test_group_distinct_join(client, target):
    _setup(client, target)
    run_ok(client, "INSERT INTO wide VALUES (5, 12345678901234567890, 1.5, 0.50, 1.25)", **target)
    assert query(client, "SELECT a, count(*) FROM wide WHERE a IS NOT NULL GROUP BY a ORDER BY a", **target) == \
        [[A[1], 1], [A[2], 2], [A[0], 1]]
    assert query(client, "SELECT count(DISTINCT b) FROM wide", **target) == [[3]]
    assert query(client, "SELECT x.id, y.id FROM wide x JOIN wide y ON x.a = y.a AND x.id < y.id", **target) == [[3, 5]]


def test_sum_avg_exact(client, target):
    # r_SUM / r_AVG: SUM and AVG of DECIMAL(p,s) are NUMERIC(38,s); AVG truncates to the scale, as
    # r_FROM_clause-pivot-unpivot-examples prints 2.71 for (2.50 + 3.75 + 1.90) / 3 = 2.7166….
    _setup(client, target)
    b = [Decimal(x) for x in B]
    c = [Decimal(x) for x in C]
    avg_b = (sum(b) / 3).quantize(Decimal("0.000000001"), rounding=ROUND_DOWN)
    got = query(client, "SELECT sum(b), avg(b), sum(c) FROM wide", **target)
    assert got == [[str(sum(b)), str(avg_b), str(sum(c))]]
    meta, _ = _meta(client, "SELECT sum(c), avg(n) FROM wide", **target)
    assert [(m["precision"], m["scale"]) for m in meta] == [(38, 2), (38, 2)]


def test_narrow_sum_beyond_64_bits(client, target):
    # SUM(DECIMAL(15,2)) is NUMERIC(38,2) (r_SUM): 2^14 rows of 9999999999999.99 total past 2^63 scaled.
    run_ok(client, "CREATE TABLE many (n NUMERIC(15,2))", **target)
    run_ok(client, "INSERT INTO many VALUES (9999999999999.99)", **target)
    for _ in range(14):
        run_ok(client, "INSERT INTO many SELECT n FROM many", **target)
    v = Decimal("9999999999999.99")
    rows = 2 ** 14
    got = query(client, "SELECT count(*), sum(n), avg(n), sum(n * n), sum(n * 2) FROM many", **target)
    assert got == [[rows, str(v * rows), str(v), str(v * v * rows), str(v * 2 * rows)]]


def test_arithmetic_rules(client, target):
    # r_numeric_computations201: + - keep the larger scale, * adds scales; precision capped at 38.
    _setup(client, target)
    b1, c1, n1 = Decimal(B[0]), Decimal(C[0]), Decimal("1.25")
    got = query(client, "SELECT b + c, b - c, c * 2, c * n FROM wide WHERE id = 1", **target)
    assert got == [[str(b1 + c1), str(b1 - c1), str(c1 * 2), str(c1 * n1)]]
    # NUMERIC(38,9) + NUMERIC(20,2) is (38,9); NUMERIC(20,2) * NUMERIC(15,2) is (36,4).
    meta, _ = _meta(client, "SELECT b + c, c * n FROM wide", **target)
    assert [(m["precision"], m["scale"]) for m in meta] == [(38, 9), (36, 4)]
    # Mixing with narrow decimals and integers.
    assert query(client, "SELECT a - 1, c + n, -a FROM wide WHERE id = 3", **target) == \
        [["12345678901234567889", str(Decimal(C[2]) + Decimal("3.25")), "-12345678901234567890"]]


def test_division_exact(client, target):
    # r_numeric_computations201: DECIMAL(38,0) / DECIMAL(38,0): p would pass 38, the scale gives way to 4.
    got = query(client, "SELECT 99999999999999999999999999999999::numeric(38,0) / 7::numeric(38,0)", **target)
    expected = (Decimal("99999999999999999999999999999999") / 7).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
    assert got == [[str(expected)]]


def test_rounding_functions(client, target):
    # r_ROUND (half away from zero), r_TRUNC, r_CEILING_FLOOR, r_ABS, r_SIGN on 128-bit values.
    v = "-12345678901234567890.125"
    got = query(client, f"SELECT round({v}::numeric(38,3), 2), trunc({v}::numeric(38,3), 1), ceil({v}::numeric(38,3)), "
                        f"floor({v}::numeric(38,3)), abs({v}::numeric(38,3)), sign({v}::numeric(38,3))", **target)
    assert got == [["-12345678901234567890.13", "-12345678901234567890.1", "-12345678901234567890",
                    "-12345678901234567891", "12345678901234567890.125", "-1"]]


def test_casts_to_other_types(client, target):
    # r_CAST_function: numeric → text, float, bigint; text → numeric(38,x).
    got = query(client, "SELECT 12345678901234567890.5::numeric(38,1)::varchar, "
                        "'-98765432109876543210.55'::numeric(38,2), 123456789012345678.4::numeric(38,1)::bigint, "
                        "12345678901234567890::numeric(38,0)::float8", **target)
    assert got == [["12345678901234567890.5", "-98765432109876543210.55", 123456789012345678, 1.2345678901234567e19]]


def test_overflow_errors(client, target):
    _setup(client, target)
    # numeric field overflow: a value past precision - scale integer digits (r_Examples_with_numeric_types201).
    d = run(client, "INSERT INTO wide (id, c) VALUES (9, 1234567890123456789.00)", **target)
    assert d["Status"] == "FAILED" and "numeric field overflow" in d["Error"]
    # Result past 38 digits (r_numeric_computations201: overflow is checked on intermediate and final values).
    d = run(client, "SELECT a + 1 FROM wide WHERE id = 1", **target)
    assert d["Status"] == "FAILED" and "Numeric data overflow" in d["Error"]
    d = run(client, "SELECT sum(a) FROM wide", **target)   # 99..9 + (-99..9) + 1234.. fits; add one more
    assert d["Status"] == "FINISHED"
    run_ok(client, "INSERT INTO wide (id, a) VALUES (6, 99999999999999999999999999999999999999)", **target)
    d = run(client, "SELECT sum(a) FROM wide", **target)
    assert d["Status"] == "FAILED" and "Numeric data overflow" in d["Error"]


def test_parameters(client, target):
    # Data API parameters convert to the column type like literals (r_Numeric_types201 range).
    _setup(client, target)
    statement = client.execute_statement(Sql="INSERT INTO wide (id, a) VALUES (7, :v)",
                                          Parameters=[{"name": "v", "value": "-12345678901234567890123456789"}], **target)
    assert wait(client, statement["Id"])["Status"] == "FINISHED"
    assert query(client, "SELECT a FROM wide WHERE id = 7", **target) == [["-12345678901234567890123456789"]]
