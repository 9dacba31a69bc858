import Testing
@testable import RedshiftSQL

/// Interval literals and datetime arithmetic; expected values from r_interval_literals and
/// PostgreSQL 8's datetime operators (which Redshift keeps).
@Suite struct IntervalTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            create table events (id int, d date, ts timestamp);
            insert into events values (1, '2008-01-31', '2008-01-31 10:00:00'), (2, '2008-03-01', '2008-03-01 00:30:00');
            """)
    }

    @Test(arguments: [
        ("select interval '1w, 1h, 1m, 1s'", "7 days 01:01:01"),
        ("select interval '0.5 days'", "12:00:00"),
        ("select interval '52 weeks'", "364 days"),
        ("select interval '1 year 2 months 3 days'", "1 year 2 mons 3 days"),
        ("select interval '90'", "00:01:30"),
        ("select interval '3' month", "3 mons"),
        ("select interval '2 hours' * 3", "06:00:00"),
        ("select interval '1 day' + interval '1 hour'", "1 day 01:00:00"),
        ("select '1 day'::interval", "1 day"),
    ])
    func literals(_ sql: String, _ expected: String) throws {
        #expect(try db.value(sql) == expected)
    }

    @Test func dateArithmetic() throws {
        // date ± interval is a timestamp; months first, clamped to the month's end.
        #expect(try db.value("select date '2008-01-31' + interval '1 month'") == "2008-02-29 00:00:00")
        #expect(try db.value("select date '1998-12-01' - interval '90 days'") == "1998-09-02 00:00:00")
        #expect(try db.translate("select date '1998-12-01' - interval '90 days'").resultColumns[0].type == .timestamp)
        #expect(try db.text("select d + interval '1 month', ts - interval '1 hour' from events order by id")
            == [["2008-02-29 00:00:00", "2008-01-31 09:00:00"], ["2008-04-01 00:00:00", "2008-02-29 23:30:00"]])
        #expect(try db.value("select ts - timestamp '2008-01-30 09:00:00' from events where id = 1") == "1 day 01:00:00")
    }

    @Test func datesCompareWithIntervalArithmetic() throws {
        #expect(try db.text("select id from events where d < date '2008-01-01' + interval '2 months' order by id") == [["1"]])
        #expect(try db.text("select id from events where interval '1 day' < interval '25 hours'") .count == 2)
    }

    @Test func invalidInterval() throws {
        #expect(throws: SQLError.self) { try db.run("select interval 'banana'") }
    }
}

/// IS [NOT] DISTINCT FROM, INTERSECT/EXCEPT ALL and EXPLAIN; expected values from the SQL
/// standard's definitions that Redshift follows (r_UNION: ALL keeps duplicates; r_EXPLAIN).
@Suite struct SetAndPredicateTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            create table a (x int); insert into a values (1), (1), (1), (2), (null);
            create table b (x int); insert into b values (1), (1), (3), (null);
            """)
    }

    @Test func distinctFrom() throws {
        #expect(try db.text("select count(*) from a where x is distinct from 1") == [["2"]])
        #expect(try db.text("select count(*) from a where x is not distinct from null") == [["1"]])
        #expect(try db.value("select null is distinct from null") == "f")
    }

    @Test func multisetOperations() throws {
        #expect(try db.text("select x from a intersect all select x from b order by 1") == [["1"], ["1"], ["NULL"]])
        #expect(try db.text("select x from a except all select x from b order by 1") == [["1"], ["2"]])
        #expect(try db.text("select x from a intersect select x from b order by 1") == [["1"], ["NULL"]])
    }

    @Test func explainAnswersOneRowPerLine() throws {
        let translation = try db.translate("explain select x from a join b using (x) order by x")
        #expect(translation.resultColumns.map(\.name) == ["QUERY PLAN"])
        let lines = try db.run("explain select x from a join b using (x) order by x").map { $0[0] }
        #expect(lines.first == .text("XN Merge  (cost=0.00..0.00 rows=0 width=0)"))
        #expect(lines.contains(.text("                  ->  XN Seq Scan on a  (cost=0.00..0.00 rows=0 width=0)")) || lines.count > 3)
        #expect(throws: SQLError.self) { try db.run("explain select nosuch from a") }
    }
}
