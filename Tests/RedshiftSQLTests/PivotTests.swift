import Testing
@testable import RedshiftSQL

/// PIVOT and UNPIVOT with the tables and printed results of r_FROM_clause-pivot-unpivot-examples.
@Suite struct PivotTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            CREATE TABLE part (partname varchar, manufacturer varchar, quality int, price decimal(12, 2));
            INSERT INTO part VALUES ('prop', 'local parts co', 2, 10.00), ('prop', 'big parts co', NULL, 9.00),
                ('prop', 'small parts co', 1, 12.00), ('rudder', 'local parts co', 1, 2.50), ('rudder', 'big parts co', 2, 3.75),
                ('rudder', 'small parts co', NULL, 1.90), ('wing', 'local parts co', NULL, 7.50), ('wing', 'big parts co', 1, 15.20),
                ('wing', 'small parts co', NULL, 11.80);
            CREATE TABLE count_by_color (quality varchar, red int, green int, blue int);
            INSERT INTO count_by_color VALUES ('high', 15, 20, 7), ('normal', 35, NULL, 40), ('low', 10, 23, NULL);
            """)
    }

    @Test func pivotNamesColumnsAfterTheInValues() throws {
        let translation = try db.translate("SELECT * FROM (SELECT quality, manufacturer FROM part) PIVOT (count(*) AS count FOR quality IN (1 AS high, 2 AS low, NULL AS na))")
        #expect(translation.resultColumns.map(\.name) == ["manufacturer", "high_count", "low_count", "na_count"])
        let plain = try db.translate("SELECT * FROM (SELECT quality, manufacturer FROM part) PIVOT (count(*) FOR quality IN (1, 2, NULL))")
        #expect(plain.resultColumns.map(\.name) == ["manufacturer", "1", "2", "null"])
    }

    @Test func pivotCountsZeroAndMatchesNull() throws {
        let rows = try db.text("SELECT * FROM (SELECT quality, manufacturer FROM part) PIVOT (count(*) FOR quality IN (1, 2, NULL)) ORDER BY manufacturer")
        #expect(rows == [["big parts co", "1", "1", "1"], ["local parts co", "1", "1", "1"], ["small parts co", "1", "0", "2"]])
    }

    @Test func pivotWithoutImplicitColumnsIsOneRow() throws {
        let rows = try db.text("SELECT prop, wing FROM (SELECT partname, price FROM part) PIVOT (AVG(price) FOR partname IN ('prop', 'rudder', 'wing'))")
        #expect(rows == [["10.33", "11.50"]])
    }

    @Test func unpivotSkipsOrKeepsNulls() throws {
        #expect(try db.value("SELECT count(*) FROM count_by_color UNPIVOT (cnt FOR color IN (red, green, blue))") == "7")
        #expect(try db.value("SELECT count(*) FROM count_by_color UNPIVOT INCLUDE NULLS (cnt FOR color IN (red, green, blue))") == "9")
        let rows = try db.text("SELECT * FROM count_by_color UNPIVOT (cnt FOR color IN (red AS r, green AS g, blue AS b)) WHERE quality = 'low'")
        #expect(rows == [["low", "r", "10"], ["low", "g", "23"]])
    }

    @Test func rotationsRefuseWhatThePageRules() {
        #expect(throws: SQLError.self) { try db.run("SELECT * FROM part PIVOT (stddev(price) FOR partname IN ('prop'))") }
        #expect(throws: SQLError.self) { try db.run("SELECT * FROM part PIVOT (sum(price) FOR partname IN (manufacturer))") }
        #expect(throws: SQLError.self) { try db.run("SELECT * FROM part PIVOT (sum(price) FOR nothing IN ('prop'))") }
        #expect(throws: SQLError.self) { try db.run("SELECT * FROM count_by_color UNPIVOT (cnt FOR color IN (purple))") }
    }
}
