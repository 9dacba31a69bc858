"""PIVOT and UNPIVOT in FROM through the Data API: every query of the Developer Guide's
r_FROM_clause-pivot-unpivot-examples page, with the page's printed results as expected values
(row order is not guaranteed by the page's queries, so rows are compared as sets), plus the
usage notes' restrictions (r_FROM_clause30)."""

import pytest

from conftest import query, run, run_ok

PART = [
    "CREATE TABLE part (partname varchar, manufacturer varchar, quality int, price decimal(12, 2))",
    "INSERT INTO part VALUES ('prop', 'local parts co', 2, 10.00)",
    "INSERT INTO part VALUES ('prop', 'big parts co', NULL, 9.00)",
    "INSERT INTO part VALUES ('prop', 'small parts co', 1, 12.00)",
    "INSERT INTO part VALUES ('rudder', 'local parts co', 1, 2.50)",
    "INSERT INTO part VALUES ('rudder', 'big parts co', 2, 3.75)",
    "INSERT INTO part VALUES ('rudder', 'small parts co', NULL, 1.90)",
    "INSERT INTO part VALUES ('wing', 'local parts co', NULL, 7.50)",
    "INSERT INTO part VALUES ('wing', 'big parts co', 1, 15.20)",
    "INSERT INTO part VALUES ('wing', 'small parts co', NULL, 11.80)",
]

HOTELS = ["FOREST_L"] * 9 + ["DESERT_S"] * 9 + ["OCEAN_WV"] * 9 + ["CITY_BLD"] * 9
DATES = ["02/01", "02/02", "02/04", "02/08", "02/11", "02/14", "02/21", "02/22", "02/27",
         "02/01", "02/02", "02/04", "02/05", "02/06", "02/09", "02/12", "02/13", "02/14",
         "02/01", "02/02", "02/04", "02/06", "02/09", "02/12", "02/13", "02/14", "02/16",
         "02/01", "02/02", "02/04", "02/12", "02/13", "02/17", "02/22", "02/23", "02/24"]
PRICES = ["75.12", "75.00", "85.54", "75.00", "75.00", "90.00", "60.00", "85.00", "90.00",
          "98.00", "75.00", "85.00", "75.00", "34.00", "85.00", "23.00", "76.00", "85.00",
          "98.00", "75.00", "85.00", "75.00", "34.00", "85.00", "23.00", "76.00", "85.00",
          "98.00", "75.00", "85.00", "75.00", "34.00", "85.00", "23.00", "76.00", "85.00"]
BOOKINGS = ["CREATE TABLE bookings (booking_id int, hotel_code char(8), booking_date date, price decimal(12, 2))"] + [
    f"INSERT INTO bookings VALUES ({i + 1}, '{h}', '{d}/2023', {p})" for i, (h, d, p) in enumerate(zip(HOTELS, DATES, PRICES))]

COLORS = [
    "CREATE TABLE count_by_color (quality varchar, red int, green int, blue int)",
    "INSERT INTO count_by_color VALUES ('high', 15, 20, 7)",
    "INSERT INTO count_by_color VALUES ('normal', 35, NULL, 40)",
    "INSERT INTO count_by_color VALUES ('low', 10, 23, NULL)",
]


def _setup(client, target, statements):
    for sql in statements:
        run_ok(client, sql, **target)


def _result(client, sql, target):
    d = run_ok(client, sql, **target)
    result = client.get_statement_result(Id=d["Id"])
    names = [c["name"] for c in result["ColumnMetadata"]]
    rows = [[None if f.get("isNull") else next(iter(f.values())) for f in record] for record in result["Records"]]
    return names, rows


def _trimmed(rows):
    return sorted((tuple(c.rstrip(" ") if isinstance(c, str) else c for c in r) for r in rows), key=repr)


def test_pivot_avg_price_by_partname(client, target):
    _setup(client, target, PART)
    names, rows = _result(client, "SELECT * FROM (SELECT partname, price FROM part) PIVOT ("
                                  "AVG(price) FOR partname IN ('prop', 'rudder', 'wing'))", target)
    assert names == ["prop", "rudder", "wing"]
    assert len(rows) == 1
    # Printed: 10.33 | 2.71 | 11.50 (rudder is checked in the test below).
    assert (rows[0][0], rows[0][2]) == ("10.33", "11.50")


# The page prints 2.71 for (2.50 + 3.75 + 1.90) / 3 = 2.7166…: AVG of a DECIMAL truncates to its scale.
def test_pivot_avg_truncates_like_the_page(client, target):
    _setup(client, target, PART)
    _, rows = _result(client, "SELECT * FROM (SELECT partname, price FROM part) PIVOT ("
                              "AVG(price) FOR partname IN ('prop', 'rudder', 'wing'))", target)
    assert rows[0][1] == "2.71"


def test_group_by_equivalent_of_pivot(client, target):
    _setup(client, target, PART)
    got = query(client, "SELECT partname, avg(price) FROM (SELECT partname, price FROM part) "
                        "WHERE partname IN ('prop', 'rudder', 'wing') GROUP BY partname", **target)
    assert {r[0]: r[1] for r in got}["prop"] == "10.33"
    assert {r[0]: r[1] for r in got}["wing"] == "11.50"


def test_pivot_implicit_column_and_null_value(client, target):
    _setup(client, target, PART)
    names, rows = _result(client, "SELECT * FROM (SELECT quality, manufacturer FROM part) PIVOT ("
                                  "count(*) FOR quality IN (1, 2, NULL))", target)
    assert names == ["manufacturer", "1", "2", "null"]
    assert _trimmed(rows) == _trimmed([
        ["local parts co", 1, 1, 1], ["big parts co", 1, 1, 1], ["small parts co", 1, 0, 2]])


def test_pivot_group_by_equivalent_has_no_zero_row(client, target):
    _setup(client, target, PART)
    got = query(client, "SELECT manufacturer, quality, count(*) FROM (SELECT quality, manufacturer FROM part) "
                        "WHERE quality IN (1, 2) OR quality IS NULL GROUP BY manufacturer, quality ORDER BY manufacturer", **target)
    assert _trimmed(got) == _trimmed([
        ["big parts co", None, 1], ["big parts co", 2, 1], ["big parts co", 1, 1], ["local parts co", 2, 1],
        ["local parts co", 1, 1], ["local parts co", None, 1], ["small parts co", 1, 1], ["small parts co", None, 2]])


def test_pivot_aliases_join_with_underscore(client, target):
    _setup(client, target, PART)
    names, rows = _result(client, "SELECT * FROM (SELECT quality, manufacturer FROM part) PIVOT ("
                                  "count(*) AS count FOR quality IN (1 AS high, 2 AS low, NULL AS na))", target)
    assert names == ["manufacturer", "high_count", "low_count", "na_count"]
    assert _trimmed(rows) == _trimmed([
        ["local parts co", 1, 1, 1], ["big parts co", 1, 1, 1], ["small parts co", 1, 0, 2]])


def test_pivot_weekly_bookings(client, target):
    _setup(client, target, BOOKINGS)
    names, rows = _result(client, """SELECT * FROM
        (SELECT booking_id, (date_trunc('week', booking_date::date) + '5 days'::interval)::date as enddate,
                hotel_code AS "hotel code" FROM bookings
        ) PIVOT (count(booking_id) FOR enddate IN ('2023-02-04','2023-02-11','2023-02-18'))""", target)
    assert names == ["hotel code", "2023-02-04", "2023-02-11", "2023-02-18"]
    assert _trimmed(rows) == _trimmed([
        ["FOREST_L", 3, 2, 1], ["DESERT_S", 4, 3, 2], ["OCEAN_WV", 3, 3, 3], ["CITY_BLD", 3, 1, 2]])


def test_crosstab_alternative_with_case(client, target):
    _setup(client, target, BOOKINGS)
    got = query(client, """SELECT booking_date,
          MAX(CASE WHEN hotel_code = 'FOREST_L' THEN 'forest is booked' ELSE '' END) AS FOREST_L,
          MAX(CASE WHEN hotel_code = 'DESERT_S' THEN 'desert is booked' ELSE '' END) AS DESERT_S,
          MAX(CASE WHEN hotel_code = 'OCEAN_WV' THEN 'ocean is booked' ELSE '' END)  AS OCEAN_WV
        FROM bookings GROUP BY booking_date ORDER BY booking_date asc""", **target)
    # The page prints 2023-02-06 without "ocean is booked", but its own data books OCEAN_WV that day
    # (booking 22): the fifth row follows the data.
    assert got[:5] == [
        ["2023-02-01", "forest is booked", "desert is booked", "ocean is booked"],
        ["2023-02-02", "forest is booked", "desert is booked", "ocean is booked"],
        ["2023-02-04", "forest is booked", "desert is booked", "ocean is booked"],
        ["2023-02-05", "", "desert is booked", ""],
        ["2023-02-06", "", "desert is booked", "ocean is booked"]]


def test_pivot_of_a_table_and_a_cte(client, target):
    _setup(client, target, PART)
    # Usage notes: PIVOT applies to tables, subqueries and CTEs; other columns are implicit.
    names, _ = _result(client, "SELECT * FROM part PIVOT (max(price) FOR partname IN ('prop'))", target)
    assert names == ["manufacturer", "quality", "prop"]
    _, rows = _result(client, "WITH p AS (SELECT partname, price FROM part) "
                              "SELECT * FROM p PIVOT (sum(price) FOR partname IN ('wing' AS w))", target)
    assert rows == [["34.50"]]


def test_pivot_refuses_other_aggregates_and_column_values(client, target):
    _setup(client, target, PART)
    d = run(client, "SELECT * FROM (SELECT partname, price FROM part) PIVOT (stddev(price) FOR partname IN ('prop'))", **target)
    assert d["Status"] == "FAILED"
    d = run(client, "SELECT * FROM (SELECT partname, price FROM part) PIVOT (sum(price) FOR partname IN (price))", **target)
    assert d["Status"] == "FAILED"


def test_unpivot_skips_nulls(client, target):
    _setup(client, target, COLORS)
    names, rows = _result(client, "SELECT * FROM (SELECT red, green, blue FROM count_by_color) UNPIVOT ("
                                  "cnt FOR color IN (red, green, blue))", target)
    assert names == ["color", "cnt"]
    assert _trimmed(rows) == _trimmed([
        ["red", 15], ["red", 35], ["red", 10], ["green", 20], ["green", 23], ["blue", 7], ["blue", 40]])


def test_unpivot_include_nulls(client, target):
    _setup(client, target, COLORS)
    _, rows = _result(client, "SELECT * FROM (SELECT red, green, blue FROM count_by_color) UNPIVOT INCLUDE NULLS ("
                              "cnt FOR color IN (red, green, blue))", target)
    assert _trimmed(rows) == _trimmed([
        ["red", 15], ["red", 35], ["red", 10], ["green", 20], ["green", None], ["green", 23],
        ["blue", 7], ["blue", 40], ["blue", None]])


def test_unpivot_implicit_column(client, target):
    _setup(client, target, COLORS)
    names, rows = _result(client, "SELECT * FROM count_by_color UNPIVOT (cnt FOR color IN (red, green, blue))", target)
    assert names == ["quality", "color", "cnt"]
    assert _trimmed(rows) == _trimmed([
        ["high", "red", 15], ["normal", "red", 35], ["low", "red", 10], ["high", "green", 20],
        ["low", "green", 23], ["high", "blue", 7], ["normal", "blue", 40]])


def test_unpivot_value_aliases(client, target):
    _setup(client, target, COLORS)
    _, rows = _result(client, "SELECT * FROM count_by_color UNPIVOT (cnt FOR color IN (red AS r, green AS g, blue AS b))", target)
    assert _trimmed(rows) == _trimmed([
        ["high", "r", 15], ["normal", "r", 35], ["low", "r", 10], ["high", "g", 20],
        ["low", "g", 23], ["high", "b", 7], ["normal", "b", 40]])


def test_unpivot_exclude_nulls_and_unknown_column(client, target):
    _setup(client, target, COLORS)
    got = query(client, "SELECT count(*) FROM count_by_color UNPIVOT EXCLUDE NULLS (cnt FOR color IN (red, green, blue))", **target)
    assert got == [[7]]
    d = run(client, "SELECT * FROM count_by_color UNPIVOT (cnt FOR color IN (red, purple))", **target)
    assert d["Status"] == "FAILED"
    assert 'column "purple" does not exist' in d["Error"]
