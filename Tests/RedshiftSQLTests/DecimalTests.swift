import Testing
@testable import RedshiftSQL

/// Exact DECIMAL storage and arithmetic (scaled 64-bit integers); expected values from the Redshift
/// documentation: r_Numeric_types201, r_Examples_with_numeric_types201, r_numeric_computations201,
/// r_INSERT_30, r_ROUND, r_TRUNC, r_CEILING_FLOOR, r_AVG.
@Suite struct DecimalTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            create table money (id int, price decimal(8,2), rate decimal(4,2), big decimal(38,4), n int);
            insert into money values (1, 4323.8951, 35.512, 1.5, 7), (2, 20.259, 0.10, 2.25, 3), (3, 0.01, 0.20, null, null);
            """)
    }

    @Test func insertRoundsToTheColumnScale() throws {
        // 4323.8951 into DECIMAL(8,2) is 4323.90; 35.512 into (4,2) is 35.51; 20.259 into (8,2) is 20.26.
        #expect(try db.text("select price, rate from money where id in (1, 2) order by id") == [["4323.90", "35.51"], ["20.26", "0.10"]])
    }

    @Test func storedAsScaledIntegers() throws {
        let raw = try db.queue.read { db in try Int64.fetchOne(db, sql: #"SELECT price FROM "public.money" WHERE id = 1"#) }
        #expect(raw == 432390)
    }

    @Test func overflowOnInsert() throws {
        // DECIMAL(4,2) holds at most 99.99: "numeric field overflow" (r_Examples_with_numeric_types201).
        #expect(throws: SQLError(code: "22003", message: "numeric field overflow")) {
            try db.run("insert into money (id, rate) values (9, 100.00)")
        }
    }

    @Test func additionIsExact() throws {
        #expect(try db.value("select 0.1 + 0.2") == "0.3")
        #expect(try db.value("select sum(price) from money") == "4344.17")
        #expect(try db.value("select price + rate from money where id = 1") == "4359.41")
        #expect(try db.value("select 1 - rate from money where id = 2") == "0.90")
    }

    @Test func resultScales() throws {
        // * adds scales; / uses max(4, s1 + p2 - s2 + 1): DECIMAL(8,2)/DECIMAL(8,2) is DECIMAL(17,9).
        #expect(try db.value("select price * rate from money where id = 2") == "2.0260")
        #expect(try db.value("select price / price from money where id = 2") == "1.000000000")
        #expect(try db.translate("select price / price from money").resultColumns[0].type == .decimal(precision: 17, scale: 9))
        #expect(try db.value("select 1.00 / 3.00") == "0.3333")
        #expect(try db.value("select 2.00 / 3.00") == "0.6667")
        #expect(try db.value("select price / n from money where id = 1") == "617.7000000000000")
    }

    @Test func divisionByZero() throws {
        #expect(throws: SQLError(code: "22012", message: "division by zero")) {
            try db.run("select price / (rate - rate) from money")
        }
    }

    @Test func averageKeepsTheScale() throws {
        // AVG(DECIMAL(p,s)) is DECIMAL(38,s) (r_AVG), truncated to the scale (the PIVOT examples of
        // r_FROM_clause-pivot-unpivot-examples print 2.71 for 2.7166…): 1448.0566… → 1448.05.
        #expect(try db.value("select avg(price) from money") == "1448.05")
        #expect(try db.translate("select avg(price) from money").resultColumns[0].type == .decimal(precision: 38, scale: 2))
    }

    @Test func comparisonsAlignScales() throws {
        #expect(try db.text("select id from money where price > 20.2 order by id") == [["1"], ["2"]])
        #expect(try db.text("select id from money where rate between 0.05 and 0.15") == [["2"]])
        #expect(try db.text("select id from money where big = 1.5") == [["1"]])
        #expect(try db.text("select id from money where price > n order by id") == [["1"], ["2"]])
        #expect(try db.text("select id from money where rate in (0.1, 0.2) order by id") == [["2"], ["3"]])
    }

    @Test func roundingFunctions() throws {
        // ROUND half away from zero; TRUNC toward zero; CEILING/FLOOR (r_ROUND, r_TRUNC, r_CEILING_FLOOR).
        #expect(try db.text("select round(big), round(big, 1), trunc(big, 1), ceiling(big), floor(big) from money where id = 2")
            == [["2", "2.3", "2.2", "3", "2"]])
        #expect(try db.value("select round(-2.5)") == "-3")
        #expect(try db.value("select round(price, -2) from money where id = 1") == "4300")
    }

    @Test func mixedWithFloatingPoint() throws {
        #expect(try db.value("select price * 0.5::float from money where id = 2") == "10.13")
        #expect(try db.value("select price::float from money where id = 1") == "4323.9")
        #expect(try db.value("select price::int from money where id = 2") == "20")
        #expect(try db.value("select price::varchar from money where id = 2") == "20.26")
        #expect(try db.value("select cast(price as decimal(10,1)) from money where id = 1") == "4323.9")
    }

    @Test func unionAndCaseConvertScales() throws {
        #expect(try db.text("select rate from money where id = 2 union all select big from money where id = 2") == [["0.1000"], ["2.2500"]])
        #expect(try db.value("select case when id = 1 then price else 0 end from money where id = 3") == "0.00")
        #expect(try db.value("select coalesce(big, rate) from money where id = 3") == "0.2000")
    }

    @Test func windowAverage() throws {
        #expect(try db.text("select avg(price) over (partition by n is null) from money order by id")
            == [["2172.08"], ["2172.08"], ["0.01"]])
    }

    @Test func overflowInArithmeticIsAnError() throws {
        try db.script("create table ints (i int, s smallint, b bigint); insert into ints values (2147483647, 32767, 9223372036854775807)")
        #expect(throws: SQLError(code: "22003", message: "integer out of range")) { try db.run("select i + 1 from ints") }
        #expect(throws: SQLError(code: "22003", message: "smallint out of range")) { try db.run("select s * s from ints") }
        #expect(throws: SQLError(code: "22003", message: "bigint out of range")) { try db.run("select b + 1 from ints") }
        #expect(throws: SQLError(code: "22003", message: "integer out of range")) { try db.run("select 2147483647 + 1") }
        #expect(try db.value("select i - 1 from ints") == "2147483646")
    }
}
