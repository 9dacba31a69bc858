import Testing
@testable import RedshiftSQL

/// GROUPING SETS / ROLLUP / CUBE / GROUPING(), with the `orders` table and queries of the Redshift
/// documentation (r_GROUP_BY_aggregation-extensions). Expected rows are the documentation's (its
/// GROUPING SETS result, and ROLLUP/CUBE as the grouping sets it defines them to be).
@Suite struct GroupingSetsTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            CREATE TABLE ORDERS (ID INT, PRODUCT CHAR(20), CATEGORY CHAR(20), PRE_OWNED CHAR(1), COST DECIMAL);
            INSERT INTO ORDERS VALUES
                (0, 'laptop', 'computers', 'T', 1000), (1, 'smartphone', 'cellphones', 'T', 800),
                (2, 'smartphone', 'cellphones', 'T', 810), (3, 'laptop', 'computers', 'F', 1050),
                (4, 'mouse', 'computers', 'F', 50);
            """)
    }

    /// Rows as text with CHAR padding removed (NULL stays "NULL").
    func rows(_ sql: String) throws -> [[String]] {
        try db.text(sql).map { $0.map { $0.hasSuffix(" ") ? String($0.reversed().drop { $0 == " " }.reversed()) : $0 } }
    }

    @Test func groupingSetsMatchTheDocumentation() throws {
        // Documentation result: computers 2100, cellphones 1610, laptop 2050, smartphone 1610, mouse 50.
        let result = try rows("SELECT category, product, sum(cost) as total FROM orders GROUP BY GROUPING SETS(category, product)")
        #expect(Set(result) == [["computers", "NULL", "2100"], ["cellphones", "NULL", "1610"], ["NULL", "laptop", "2050"],
                                ["NULL", "smartphone", "1610"], ["NULL", "mouse", "50"]])
        #expect(result.count == 5)
    }

    @Test func rollupAddsSubtotalsAndGrandTotal() throws {
        #expect(try rows("SELECT category, product, sum(cost) as total FROM orders GROUP BY ROLLUP(category, product) ORDER BY 1, 2") == [
            ["cellphones", "smartphone", "1610"], ["cellphones", "NULL", "1610"],
            ["computers", "laptop", "2050"], ["computers", "mouse", "50"], ["computers", "NULL", "2100"],
            ["NULL", "NULL", "3710"],
        ])
    }

    @Test func cubeAddsEveryCombination() throws {
        #expect(try rows("SELECT category, product, sum(cost) as total FROM orders GROUP BY CUBE(category, product) ORDER BY 1, 2") == [
            ["cellphones", "smartphone", "1610"], ["cellphones", "NULL", "1610"],
            ["computers", "laptop", "2050"], ["computers", "mouse", "50"], ["computers", "NULL", "2100"],
            ["NULL", "laptop", "2050"], ["NULL", "mouse", "50"], ["NULL", "smartphone", "1610"],
            ["NULL", "NULL", "3710"],
        ])
    }

    @Test func groupingFlagsRolledUpColumns() throws {
        // GROUPING(c) is 1 where c is rolled up; with several arguments, a bit mask (first argument highest).
        #expect(try rows("""
            SELECT category, product, GROUPING(category) AS cat_agg, GROUPING(product) AS prod_agg,
                   GROUPING(category, product) AS mask, sum(cost) AS total
            FROM orders GROUP BY CUBE(category, product) ORDER BY 1, 2
            """) == [
            ["cellphones", "smartphone", "0", "0", "0", "1610"], ["cellphones", "NULL", "0", "1", "1", "1610"],
            ["computers", "laptop", "0", "0", "0", "2050"], ["computers", "mouse", "0", "0", "0", "50"],
            ["computers", "NULL", "0", "1", "1", "2100"],
            ["NULL", "laptop", "1", "0", "2", "2050"], ["NULL", "mouse", "1", "0", "2", "50"],
            ["NULL", "smartphone", "1", "0", "2", "1610"], ["NULL", "NULL", "1", "1", "3", "3710"],
        ])
    }

    @Test func orderByGroupingAndHavingPerSet() throws {
        // ORDER BY an expression over the combined rows; HAVING applies to each grouping set's groups.
        #expect(try rows("""
            SELECT category, sum(cost) AS total FROM orders GROUP BY ROLLUP(category)
            HAVING sum(cost) > 1700 ORDER BY GROUPING(category) DESC, sum(cost)
            """) == [["NULL", "3710"], ["computers", "2100"]])
    }

    @Test func plainColumnsCrossRollup() throws {
        // GROUP BY a, ROLLUP(b) is GROUPING SETS((a, b), (a)).
        #expect(try rows("SELECT pre_owned, category, count(*) FROM orders GROUP BY pre_owned, ROLLUP(category) ORDER BY 1, 2") == [
            ["F", "computers", "2"], ["F", "NULL", "2"],
            ["T", "cellphones", "2"], ["T", "computers", "1"], ["T", "NULL", "3"],
        ])
    }

    @Test func resultTypesFollowTheNormalRules() throws {
        let translation = try db.translate("SELECT category, sum(cost) AS total, GROUPING(category) AS g FROM orders GROUP BY ROLLUP(category)")
        #expect(translation.resultColumns.map(\.type) == [.char(length: 20), .decimal(precision: 38, scale: 0), .integer])
        #expect(translation.resultColumns.map(\.name) == ["category", "total", "g"])
        #expect(translation.resultColumns[0].nullable)
    }

    @Test func groupingArgumentsMustBeGroupingKeys() throws {
        #expect(throws: SQLError.self) { try db.run("SELECT GROUPING(id) FROM orders GROUP BY ROLLUP(category)") }
        #expect(throws: SQLError.self) { try db.run("SELECT count(*) FROM orders WHERE GROUPING(category) = 0 GROUP BY ROLLUP(category)") }
        // GROUPING() with a plain GROUP BY is 0.
        #expect(try rows("SELECT category, GROUPING(category) FROM orders GROUP BY category ORDER BY 1") == [["cellphones", "0"], ["computers", "0"]])
    }

    @Test func windowFunctionsAreNotSupportedYet() throws {
        do {
            try db.run("SELECT category, rank() OVER (ORDER BY category) FROM orders GROUP BY ROLLUP(category)")
            Issue.record("expected 0A000")
        } catch let error as SQLError {
            #expect(error.code == "0A000")
        }
    }

    @Test func emptyGroupingSetOnEmptyTableGivesOneRow() throws {
        try db.run("DELETE FROM orders")
        #expect(try rows("SELECT category, count(*) FROM orders GROUP BY ROLLUP(category)") == [["NULL", "0"]])
    }
}
