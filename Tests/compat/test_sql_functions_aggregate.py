"""Aggregate and window functions through the Data API, with the WINSALES table of
c_Window_functions (dates written ISO) and the decimal quantities the window pages' examples show.
Expected values are the pages' outputs (slug in each case id); rounded outputs are compared rounded."""

import pytest

from functions_corpus import Error, case, check, module_target

SETUP = [
    "CREATE TABLE winsales (salesid INT, dateid DATE, sellerid INT, buyerid CHAR(10), qty INT, qty_shipped INT)",
    "INSERT INTO winsales VALUES (30001, '2003-08-02', 3, 'b', 10, 10), (10001, '2003-12-24', 1, 'c', 10, 10),"
    " (10005, '2003-12-24', 1, 'a', 30, null), (40001, '2004-01-09', 4, 'a', 40, null), (10006, '2004-01-18', 1, 'c', 10, null),"
    " (20001, '2004-02-12', 2, 'b', 20, 20), (40005, '2004-02-12', 4, 'a', 10, 10), (20002, '2004-02-16', 2, 'c', 20, 20),"
    " (30003, '2004-04-18', 3, 'b', 15, null), (30004, '2004-04-18', 3, 'b', 20, null), (30007, '2004-09-07', 3, 'c', 30, null)",
    "CREATE TABLE wsdec (sellerid INT, qty DECIMAL(10,8))",
    "INSERT INTO wsdec VALUES (2, 20.12312341), (2, 20.08630000), (4, 10.12414400), (4, 40.23000000), (1, 30.37262000),"
    " (1, 10.64000000), (1, 10.00000000), (3, 10.03500000), (3, 15.14660000), (3, 30.54790000), (3, 20.74630000)",
    "CREATE TABLE wasales (sellerid INT, sales DECIMAL(14,2))",
    "INSERT INTO wasales VALUES (127, 6076.00), (787, 6035.00), (381, 5881.00), (777, 2814.00), (33, 1531.00), (800, 1476.00), (1, 1177.00)",
    "CREATE TABLE venue (venuestate CHAR(2), venuename VARCHAR(100), venueseats INT)",
    "INSERT INTO venue VALUES ('NY', 'Ralph Wilson Stadium', 73967), ('NY', 'Yankee Stadium', 52325), ('NY', 'Madison Square Garden', 20000),"
    " ('FL', 'Dolphin Stadium', 74916), ('FL', 'Jacksonville Municipal Stadium', 73800), ('FL', 'Raymond James Stadium', 65647),"
    " ('FL', 'Tropicana Field', 36048), ('FL', 'Unknown Field', NULL)",
]

CASES = [
    # LISTAGG
    case("select listagg(sellerid) within group (order by dateid) from winsales", "31141242333", "r_LISTAGG"),
    case("select listagg(dateid,'|') within group (order by sellerid desc,salesid asc) from winsales where buyerid = 'b'",
         "2003-08-02|2004-04-18|2004-04-18|2004-02-12", "r_LISTAGG"),
    case("select buyerid, listagg(salesid,',') within group (order by salesid) from winsales group by buyerid order by buyerid",
         [["a", "10005,40001,40005"], ["b", "20001,30001,30003,30004"], ["c", "10001,10006,20002,30007"]], "r_LISTAGG"),  # CHAR(10) keys: the Data API sends CHAR without its padding (data-api-calling's stl_query example)
    case("select listagg(distinct sellerid, ', ') within group (order by sellerid) from winsales", "1, 2, 3, 4", "r_LISTAGG"),
    case("select listagg(sellerid, ', ') within group (order by sellerid) from winsales where salesid < 20000", "1, 1, 1", "r_LISTAGG"),
    case("select listagg(buyerid) from winsales where salesid = 0", None, "r_LISTAGG"),
    case("select distinct listagg(sellerid) within group (order by sellerid) over () from winsales", "11122333344", "r_WF_LISTAGG"),
    case("select distinct listagg(sellerid) within group (order by dateid) over () from winsales where buyerid = 'b'", "3233", "r_WF_LISTAGG"),
    # MEDIAN / PERCENTILE_CONT / PERCENTILE_DISC
    case("select sellerid, median(qty) from winsales group by sellerid order by 1", [[1, "10.0"], [2, "20.0"], [3, "17.5"], [4, "25.0"]], "r_MEDIAN"),
    case("select median(qty), percentile_cont(0.5) within group (order by qty) from winsales", [["20.0", "20.0"]], "r_PERCENTILE_CONT"),
    case("select distinct sellerid, median(qty) over (partition by sellerid) from winsales order by 1",
         [[1, "10.0"], [2, "20.0"], [3, "17.5"], [4, "25.0"]], "r_WF_MEDIAN"),
    case("select distinct percentile_cont(0.5) within group (order by qty) over () from winsales", "20.0", "r_WF_PERCENTILE_CONT"),
    case("select distinct sellerid, percentile_cont(0.5) within group (order by qty) over (partition by sellerid) from winsales order by 1",
         [[1, "10.0"], [2, "20.0"], [3, "17.5"], [4, "25.0"]], "r_WF_PERCENTILE_CONT"),
    case("select distinct percentile_cont(0.6) within group (order by sales desc) over (), percentile_disc(0.6) within group (order by sales desc) over () from wasales",
         [["2044.20", "1531.00"]], "r_WF_PERCENTILE_CONT"),
    case("select percentile_cont(0.6) within group (order by sales desc), percentile_disc(0.6) within group (order by sales desc) from wasales",
         [["2044.20", "1531.00"]], "r_WF_PERCENTILE_CONT"),
    case("select distinct percentile_disc(0.5) within group (order by qty) over () from winsales", 20, "r_WF_PERCENTILE_DISC"),
    case("select distinct sellerid, percentile_disc(0.5) within group (order by qty) over (partition by sellerid) from winsales order by 1",
         [[1, 10], [2, 20], [3, 15], [4, 10]], "r_WF_PERCENTILE_DISC"),
    case("select approximate percentile_disc(0.5) within group (order by qty) from winsales", 20, "r_APPROXIMATE_PERCENTILE_DISC"),
    case("select percentile_cont(1.5) within group (order by qty) from winsales", Error("between 0 and 1"), "r_PERCENTILE_CONT"),
    # COUNT, STDDEV/VARIANCE, BOOL_AND/BOOL_OR
    case("select approximate count(distinct sellerid) from winsales", 4, "r_COUNT"),
    case("select count(distinct buyerid), count(qty_shipped), count(*) from winsales", [[3, 5, 11]], "r_COUNT"),
    case("select stddev_samp(qty) from winsales where sellerid = 4", 21.213203435596427, "r_STDDEV_functions"),
    case("select var_pop(qty) from winsales where sellerid = 4", 225.0, "r_VARIANCE_functions"),
    case("select stddev_samp(qty) from winsales where salesid = 30001", None, "r_STDDEV_functions"),
    case("select bool_and(qty > 5), bool_or(qty > 35) from winsales", [[True, True]], "r_BOOL_AND"),
    case("select sellerid, bool_or(qty_shipped is null) from winsales group by sellerid order by 1",
         [[1, True], [2, False], [3, True], [4, True]], "r_BOOL_OR"),
    # Window extras
    case("select sellerid, round(ratio_to_report(qty) over (partition by sellerid), 2) from wsdec order by 1, 2",
         [[1, 0.2], [1, 0.21], [1, 0.6], [2, 0.5], [2, 0.5], [3, 0.13], [3, 0.2], [3, 0.27], [3, 0.4], [4, 0.2], [4, 0.8]], "r_WF_RATIO_TO_REPORT"),
    case("select sellerid, qty, round(cume_dist() over (partition by sellerid order by qty), 2) from wsdec where sellerid in (1, 3) order by 1, 2",
         [[1, "10.00000000", 0.33], [1, "10.64000000", 0.67], [1, "30.37262000", 1.0], [3, "10.03500000", 0.25],
          [3, "15.14660000", 0.5], [3, "20.74630000", 0.75], [3, "30.54790000", 1.0]], "r_WF_CUME_DIST"),
    case("select sellerid, round(percent_rank() over (partition by sellerid order by qty), 2) from wsdec where sellerid in (1, 3) order by 1, 2",
         [[1, 0.0], [1, 0.5], [1, 1.0], [3, 0.0], [3, 0.33], [3, 0.67], [3, 1.0]], "r_WF_PERCENT_RANK"),
    case("select qty, ntile(4) over (order by qty desc) from wsdec order by qty desc",
         [["40.23000000", 1], ["30.54790000", 1], ["30.37262000", 1], ["20.74630000", 2], ["20.12312341", 2], ["20.08630000", 2],
          ["15.14660000", 3], ["10.64000000", 3], ["10.12414400", 3], ["10.03500000", 4], ["10.00000000", 4]], "r_WF_NTILE"),
    case("select venuename, nth_value(venueseats, 3) ignore nulls over (partition by venuestate order by venueseats desc "
         "rows between unbounded preceding and unbounded following) from venue where venueseats > 0 and venuestate = 'NY' order by venueseats desc",
         [["Ralph Wilson Stadium", 20000], ["Yankee Stadium", 20000], ["Madison Square Garden", 20000]], "r_WF_NTH"),
    case("select distinct venuestate, first_value(venuename) over (partition by venuestate order by venueseats desc "
         "rows between unbounded preceding and unbounded following) from venue where venueseats > 0 order by 1",
         [["FL", "Dolphin Stadium"], ["NY", "Ralph Wilson Stadium"]], "r_WF_first_value"),
    case("select distinct venuestate, last_value(venueseats ignore nulls) over (partition by venuestate order by venuename "
         "rows between unbounded preceding and unbounded following) from venue order by 1", [["FL", 36048], ["NY", 52325]], "r_WF_first_value"),
    case("select salesid, lag(qty_shipped) ignore nulls over (order by salesid) from winsales where sellerid = 1 order by 1",
         [[10001, None], [10005, 10], [10006, 10]], "r_WF_LAG"),
    case("select salesid, lead(qty_shipped, 1) ignore nulls over (order by salesid) from winsales where sellerid in (1, 2) order by 1",
         [[10001, 20], [10005, 20], [10006, 20], [20001, 20], [20002, None]], "r_WF_LEAD"),
    case("select salesid, lag(qty, 1) over (order by salesid) from winsales where sellerid = 1 order by 1",
         [[10001, None], [10005, 10], [10006, 30]], "r_WF_LAG"),
    case("select ratio_to_report(qty) over (order by qty) from winsales", Error("not allowed"), "r_WF_RATIO_TO_REPORT"),
]


@pytest.fixture(scope="module")
def tables(client):
    return module_target(client, SETUP)


@pytest.mark.parametrize("sql,expected", CASES)
def test_aggregate_or_window_function(client, tables, sql, expected):
    check(client, tables, sql, expected)
