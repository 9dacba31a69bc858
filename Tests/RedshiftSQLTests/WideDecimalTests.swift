import Foundation
import GRDB
import Testing
@testable import RedshiftSQL

/// DECIMAL(20…38): 128-bit values stored as order-preserving BLOBs (`WideDecimal`). Expected values
/// follow the Redshift documentation: r_Numeric_types201 (38 digits, DECIMAL(19,0) tops out at
/// 2^63 − 1), r_numeric_computations201 (result precision/scale, overflow), r_SUM, r_AVG, r_ROUND,
/// r_TRUNC, r_CEILING_FLOOR, r_ABS, r_SIGN; computed by hand.
@Suite struct WideDecimalTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            create table w (id int, a numeric(38,0), b numeric(38,9), n numeric(15,2));
            insert into w values (1, 99999999999999999999999999999999999999, 12345678901234567890.123456789, 9999999999999.99),
                                 (2, -99999999999999999999999999999999999999, -0.000000001, 0.01),
                                 (3, 12345678901234567890, 1.5, 9999999999999.99),
                                 (4, null, null, null);
            """)
    }

    @Test func encodingOrderIsNumericOrder() throws {
        let values: [Int128] = [-WideDecimal.limit + 1, -Int128(Int64.max) - 10, -1, 0, 1, Int128(Int64.max) + 1, WideDecimal.limit - 1]
        let encoded = values.map(WideDecimal.encode)
        for (x, y) in zip(encoded, encoded.dropFirst()) { #expect(x.lexicographicallyPrecedes(y)) }
        #expect(encoded.map { WideDecimal.decode($0) } == values)
        #expect(encoded.allSatisfy { $0.count == 16 })
    }

    @Test func parseAndFormat() throws {
        #expect(try WideDecimal.parse("12345678901234567890.123456789", scale: 9).map { WideDecimal.format($0, scale: 9) } == "12345678901234567890.123456789")
        #expect(try WideDecimal.parse("-0.0000000015", scale: 9).map { WideDecimal.format($0, scale: 9) } == "-0.000000002")   // half away from zero
        #expect(try WideDecimal.parse("1e37", scale: 0).map { WideDecimal.format($0, scale: 0) } == "1" + String(repeating: "0", count: 37))
        #expect(throws: SQLError.self) { try WideDecimal.parse("1e38", scale: 0) }
        #expect(try WideDecimal.parse("abc", scale: 0) == nil)
    }

    @Test func arithmeticNeeds256BitIntermediates() throws {
        // (10^19 + 1)² = 10^38 + 2·10^19 + 1: past 38 digits at scale 0 — overflow.
        let big = ScaledDecimal.power128(19) + 1
        #expect(throws: SQLError(code: "XX000", message: "Numeric data overflow (result precision)")) { try WideDecimal.product(big, 0, big, 0, scale: 0) }
        // The same product at scales 19 + 19 kept at 37: 1.0000000000000000001² = 1.0000000000000000002000… (37 places).
        let one = try WideDecimal.product(big, 19, big, 19, scale: 37)
        #expect(WideDecimal.format(one, scale: 37) == "1.0000000000000000002000000000000000000")
        // 10^37 / (3 × 10^10) at scale 4: the dividend 10^41 does not fit 128 bits, the quotient does.
        let third = try WideDecimal.quotient(ScaledDecimal.power128(37), 0, 30_000_000_000, 0, scale: 4)
        #expect(WideDecimal.format(third, scale: 4) == "333333333333333333333333333.3333")
        // 10^37 / 3 at scale 4 has 41 digits: overflow.
        #expect(throws: SQLError.self) { try WideDecimal.quotient(ScaledDecimal.power128(37), 0, 3, 0, scale: 4) }
        #expect(throws: SQLError(code: "22012", message: "division by zero")) { try WideDecimal.quotient(1, 0, 0, 0, scale: 4) }
    }

    @Test func storedAsSixteenByteBlobs() throws {
        let raw = try db.queue.read { db in try Data.fetchOne(db, sql: #"SELECT a FROM "public.w" WHERE id = 3"#) }
        #expect(raw.flatMap { WideDecimal.decode(Array($0)) } == Int128(12_345_678_901_234_567_890 as UInt64))
    }

    @Test func valuesReadBackExactly() throws {
        #expect(try db.text("select a, b from w order by id") == [
            ["99999999999999999999999999999999999999", "12345678901234567890.123456789"],
            ["-99999999999999999999999999999999999999", "-0.000000001"],
            ["12345678901234567890", "1.500000000"],
            ["NULL", "NULL"],
        ])
    }

    @Test func comparisonsOrderAndGrouping() throws {
        #expect(try db.text("select id from w order by a") == [["2"], ["3"], ["1"], ["4"]])
        #expect(try db.text("select id from w where a > 9223372036854775807 order by id") == [["1"], ["3"]])
        #expect(try db.text("select id from w where b between 1 and 2") == [["3"]])
        #expect(try db.text("select id from w where a in (12345678901234567890, 5)") == [["3"]])
        #expect(try db.text("select min(a), max(b) from w") == [["-99999999999999999999999999999999999999", "12345678901234567890.123456789"]])
        #expect(try db.text("select n, count(*) from w group by n order by n") == [["0.01", "1"], ["9999999999999.99", "2"], ["NULL", "1"]])
        #expect(try db.text("select greatest(a, 0), least(b, 0) from w where id = 2") == [["0", "-0.000000001"]])
    }

    @Test func narrowSumIsExactPast64Bits() throws {
        // SUM(DECIMAL(15,2)) is NUMERIC(38,2) (r_SUM): 2^14 rows of 9999999999999.99, 1.6 × 10^19 scaled.
        for _ in 0..<13 { try db.run("insert into w (id, n) select 5, n from w where n > 1") }
        #expect(try db.value("select count(*) from w where n > 1") == "16384")
        #expect(try db.value("select sum(n) from w where n > 1") == "163839999999999836.16")
        #expect(try db.value("select avg(n) from w where n > 1") == "9999999999999.99")
        #expect(try db.translate("select sum(n), avg(n) from w").resultColumns.map(\.type) == [.decimal(precision: 38, scale: 2), .decimal(precision: 38, scale: 2)])
    }

    @Test func arithmeticResultTypes() throws {
        // r_numeric_computations201: (38,0) + (38,9) → (38,9); (15,2) * (15,2) → (31,4); (38,0) - INT4 → (38,0).
        #expect(try db.translate("select a + b, n * n, a - 1 from w").resultColumns.map(\.type) == [
            .decimal(precision: 38, scale: 9), .decimal(precision: 31, scale: 4), .decimal(precision: 38, scale: 0),
        ])
        #expect(try db.text("select a - 1, b * 2, n * n, -a from w where id = 3") == [
            ["12345678901234567889", "3.000000000", "99999999999999800000000000.0001", "-12345678901234567890"],
        ])
        // (38,9) / INT4: s = max(4, 9 + 10 + 1) = 20, p = 49 > 38, so the scale gives way to 9 (TypeRules).
        #expect(try db.value("select b / 3 from w where id = 3") == "0.500000000")
    }

    @Test func overflowErrors() throws {
        #expect(throws: SQLError(code: "XX000", message: "Numeric data overflow (result precision)")) { try db.run("select a + 1 from w where id = 1") }
        #expect(throws: SQLError(code: "22003", message: "numeric field overflow")) { try db.run("insert into w (id, b) values (9, 123456789012345678901234567890)") }
        // r_Numeric_types201: DECIMAL(19,0) holds at most 9223372036854775807.
        try db.run("create table d19 (x numeric(19,0))")
        try db.run("insert into d19 values (9223372036854775807)")
        #expect(throws: SQLError(code: "22003", message: "numeric field overflow")) { try db.run("insert into d19 values (9999999999999999999)") }
    }

    @Test func roundingAndSigns() throws {
        let v = "(-12345678901234567890.125)::numeric(38,3)"
        #expect(try db.text("select round(\(v), 2), trunc(\(v), 1), ceil(\(v)), floor(\(v)), abs(\(v)), sign(\(v))") == [[
            "-12345678901234567890.13", "-12345678901234567890.1", "-12345678901234567890", "-12345678901234567891", "12345678901234567890.125", "-1",
        ]])
        #expect(try db.text("select round(b), abs(a), sign(a) from w where id = 2") == [["0", "99999999999999999999999999999999999999", "-1"]])
    }

    @Test func castsToAndFromOtherTypes() throws {
        #expect(try db.text("select a::varchar, b::float8, (b * 0)::int, '-98765432109876543210.55'::numeric(38,2) from w where id = 3") == [
            ["12345678901234567890", "1.5", "0", "-98765432109876543210.55"],
        ])
        #expect(try db.text("select n::numeric(38,4), cast(a as numeric(20,0)) from w where id = 3") == [["9999999999999.9900", "12345678901234567890"]])
        #expect(throws: SQLError.self) { try db.run("select a::bigint from w where id = 1") }
    }

    @Test func aggregatesAccumulateExactly() throws {
        let sum = try #require(EmulatedAggregates.named("rs_wsum")).makeAccumulator()
        for value in ["99999999999999999999999999999999999998", "1", "-5"] {
            try sum.step([.blob(WideDecimal.encode(try #require(try WideDecimal.parse(value, scale: 0))))])
        }
        try sum.step([.integer(2)])
        try sum.step([.null])
        #expect(try sum.finish() == .blob(WideDecimal.encode(try #require(try WideDecimal.parse("99999999999999999999999999999999999996", scale: 0)))))
        let product = try #require(EmulatedAggregates.named("rs_wsum_mul")).makeAccumulator()
        try product.step([.integer(Int64.max), .integer(Int64.max)])
        try product.step([.integer(1), .null])
        #expect(try product.finish() == .blob(WideDecimal.encode(Int128(Int64.max) * Int128(Int64.max))))
        let average = try #require(EmulatedAggregates.named("rs_wavg")).makeAccumulator()
        #expect(try average.finish() == .null)
    }
}
