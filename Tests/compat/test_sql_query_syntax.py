"""Query syntax beyond the common dialect, through the Data API: AT TIME ZONE (r_AT_TIME_ZONE),
DATE + TIME (r_DATE-CONCATENATE_function), the special date-time inputs 'now', 'today',
'yesterday' and 'tomorrow' (r_Datetime_types), MERGE … REMOVE DUPLICATES (r_MERGE), SUM/AVG
windows over DECIMAL(20…38) (r_WF_SUM, r_WF_AVG) and IGNORE NULLS windows over such values
(r_WF_LAG, r_WF_first_value)."""

import datetime

from conftest import query, run, run_ok


def _typed(client, sql, target):
    d = run_ok(client, sql, **target)
    result = client.get_statement_result(Id=d["Id"])
    rows = [[None if f.get("isNull") else next(iter(f.values())) for f in record] for record in result["Records"]]
    return rows, [c["typeName"] for c in result["ColumnMetadata"]]


def test_at_time_zone_of_a_timestamp_is_a_timestamptz(client, target):
    # r_AT_TIME_ZONE: 20:38:40 read as MST (UTC-7) is 03:38:40 UTC the next day; the page prints it
    # in a PST session as 2001-02-16 19:38:40-08. Sessions here are UTC.
    rows, types = _typed(client, "SELECT TIMESTAMP '2001-02-16 20:38:40' AT TIME ZONE 'MST'", target)
    assert types == ["timestamptz"]
    assert rows == [["2001-02-17 03:38:40+00"]]


def test_at_time_zone_of_a_timestamptz_is_a_timestamp(client, target):
    rows, types = _typed(client, "SELECT TIMESTAMP WITH TIME ZONE '2001-02-16 20:38:40-05' AT TIME ZONE 'MST'", target)
    assert types == ["timestamp"]
    assert rows == [["2001-02-16 18:38:40.0"]]  # the Data API writes TIMESTAMPs with a fraction


def test_at_time_zone_on_a_column(client, target):
    run_ok(client, "create table events (ts timestamp)", **target)
    run_ok(client, "insert into events values ('2001-02-16 20:38:40'), (null)", **target)
    got = query(client, "select (ts at time zone 'UTC') at time zone 'MST' from events order by ts", **target)
    assert got == [["2001-02-16 13:38:40.0"], [None]]


def test_date_plus_time_is_a_timestamp(client, target):
    rows, types = _typed(client, "select date '2000-01-01' + time '20:00:00' as ts", target)
    assert rows == [["2000-01-01 20:00:00.0"]] and types == ["timestamp"]
    run_ok(client, "create table time_test (time_val time)", **target)
    run_ok(client, "insert into time_test values ('20:00:00'), ('00:00:00.5550'), ('00:58:00')", **target)
    got = sorted(r[0] for r in query(client, "select date '2000-01-02' + time_val as ts from time_test", **target))
    assert got == ["2000-01-02 00:00:00.555", "2000-01-02 00:58:00.0", "2000-01-02 20:00:00.0"]
    # Either order (r_DATE-CONCATENATE_function: "The order of the arguments can be reversed").
    assert query(client, "select time '20:00:00' + date '2000-01-01'", **target) == [["2000-01-01 20:00:00.0"]]


def test_special_datetime_inputs(client, target):
    today = datetime.datetime.now(datetime.timezone.utc).date()
    got = query(client, "select 'today'::date, 'yesterday'::date, 'tomorrow'::date, "
                        "'tomorrow'::timestamp - 'today'::timestamp, 'now'::timestamp >= 'today'::timestamp", **target)
    # A run across midnight UTC could see two days: accept the day the statement ran either side.
    assert got[0][0] in {str(today), str(today - datetime.timedelta(days=1)), str(today + datetime.timedelta(days=1))}
    day = datetime.date.fromisoformat(got[0][0])
    assert got[0][1:3] == [str(day - datetime.timedelta(days=1)), str(day + datetime.timedelta(days=1))]
    assert got[0][3] == "1 day" and got[0][4] is True
    assert query(client, "select 'today'::date = current_date", **target) == [[True]]
    run_ok(client, "create table d (x date)", **target)
    run_ok(client, "insert into d values ('today'), ('yesterday')", **target)
    assert query(client, "select count(*) from d where x <= 'today'", **target) == [[2]]


MERGE_SETUP = [
    "CREATE TABLE target (id INT, name CHAR(10))",
    "CREATE TABLE source (id INT, name CHAR(10))",
    "INSERT INTO target VALUES (101, 'Bob'), (102, 'John'), (103, 'Susan')",
    "INSERT INTO source VALUES (102, 'Tony'), (103, 'Alice'), (104, 'Bill')",
]


def test_merge_remove_duplicates_updates_and_inserts(client, target):
    for sql in MERGE_SETUP:
        run_ok(client, sql, **target)
    d = run_ok(client, "MERGE INTO target USING source ON target.id = source.id REMOVE DUPLICATES", **target)
    assert d["ResultRows"] == 3
    got = query(client, "SELECT id, trim(name) FROM target ORDER BY id", **target)
    assert got == [[101, "Bob"], [102, "Tony"], [103, "Alice"], [104, "Bill"]]


def test_merge_remove_duplicates_keeps_one_matched_row(client, target):
    # r_MERGE: "When multiple rows in target_table match the same row in source_table, the duplicate
    # rows are removed … keeps one row and updates it. Duplicate rows that don't match a row in
    # source_table remain unchanged."
    for sql in MERGE_SETUP:
        run_ok(client, sql, **target)
    run_ok(client, "INSERT INTO target VALUES (103, 'Susan'), (101, 'Bob')", **target)
    run_ok(client, "MERGE INTO target USING source s ON target.id = s.id REMOVE DUPLICATES", **target)
    got = query(client, "SELECT id, trim(name) FROM target ORDER BY id, name", **target)
    assert got == [[101, "Bob"], [101, "Bob"], [102, "Tony"], [103, "Alice"], [104, "Bill"]]


def test_merge_remove_duplicates_needs_matching_columns(client, target):
    for sql in MERGE_SETUP:
        run_ok(client, sql, **target)
    run_ok(client, "CREATE TABLE narrow (id INT)", **target)
    d = run(client, "MERGE INTO target USING narrow ON target.id = narrow.id REMOVE DUPLICATES", **target)
    assert d["Status"] == "FAILED"
    assert query(client, "SELECT count(*) FROM target", **target) == [[3]]


def test_sum_avg_windows_over_wide_decimals(client, target):
    run_ok(client, "create table wd (g int, a decimal(30,2))", **target)
    run_ok(client, "insert into wd values (1, 12345678901234567890.25), (1, 1.75), (2, 2.25), (2, null)", **target)
    rows, types = _typed(client, "select g, a, sum(a) over (partition by g), avg(a) over (partition by g), "
                                 "sum(a) over (order by g, a rows unbounded preceding) from wd order by g, a", target)
    assert types[2:] == ["numeric", "numeric", "numeric"]
    assert rows == [
        [1, "1.75", "12345678901234567892.00", "6172839450617283946.00", "1.75"],
        [1, "12345678901234567890.25", "12345678901234567892.00", "6172839450617283946.00", "12345678901234567892.00"],
        [2, "2.25", "2.25", "2.25", "12345678901234567894.25"],
        [2, None, "2.25", "2.25", "12345678901234567894.25"],
    ]


def test_ignore_nulls_over_blob_stored_values(client, target):
    run_ok(client, "create table wn (i int, a decimal(30,2), b varbyte(4))", **target)
    run_ok(client, "insert into wn values (1, 10.50, from_hex('0a')), (2, null, null), (3, 30.25, from_hex('1e'))", **target)
    got = query(client, "select i, lag(a) ignore nulls over (order by i), to_hex(lag(b) ignore nulls over (order by i)), "
                        "first_value(a) ignore nulls over (order by i desc rows between unbounded preceding and unbounded following) "
                        "from wn order by i", **target)
    assert got == [[1, None, None, "30.25"], [2, "10.50", "0a", "30.25"], [3, "10.50", "0a", "30.25"]]


def test_to_char_v_and_eeee_patterns(client, target):
    # r_Numeric_formating does not list V and EEEE (README "unverified"); these are PostgreSQL's
    # documented to_char examples (functions-formatting), whose to_char Redshift's descends from.
    got = query(client, "select to_char(12.4, '99V9'), to_char(12.45, '99V9'), to_char(0.0004859, '9.99EEEE'), "
                        "to_char(125.8, '999V99'), to_char(-125.8, '999V99')", **target)
    assert got == [[" 124", " 125", " 4.86e-04", " 12580", "-12580"]]
    d = run(client, "select to_char(1.5, '9.9V9')", **target)
    assert d["Status"] == "FAILED"


def test_lag_and_lead_ignore_nulls_with_an_offset_above_one(client, target):
    # r_WF_LAG / r_WF_LEAD: "IGNORE NULLS … skip null values in the determination of which row to
    # use"; the offset counts rows before (LAG) or after (LEAD) the current one; 0 is the current row.
    run_ok(client, "create table lagt (i int, v int)", **target)
    run_ok(client, "insert into lagt values (1, 10), (2, null), (3, 30), (4, null), (5, 50), (6, 60)", **target)
    got = query(client, "select i, lag(v, 2) ignore nulls over (order by i), lead(v, 2) ignore nulls over (order by i), "
                        "lag(v, 2) over (order by i), lag(v, 0) ignore nulls over (order by i) from lagt order by i", **target)
    assert got == [[1, None, 50, None, 10], [2, None, 50, None, None], [3, None, 60, 10, 30],
                   [4, 10, 60, None, None], [5, 10, None, 30, 50], [6, 30, None, None, 60]]


def test_lag_and_lead_take_no_default_argument(client, target):
    # r_WF_LAG / r_WF_LEAD: the syntax is `LAG (value_expr [, offset ])`: a third argument is not
    # Redshift's (the error text follows PostgreSQL's wording for an unknown signature: unverified).
    run_ok(client, "create table lagt (i int, v int)", **target)
    for sql in ("select lag(v, 1, 0) over (order by i) from lagt",
                "select lead(v, 1, 0) ignore nulls over (order by i) from lagt"):
        d = run(client, sql, **target)
        assert d["Status"] == "FAILED"
        assert "(integer, integer, integer) does not exist" in d["Error"]
