import Testing
@testable import RedshiftSQL

/// Prepared statements and EXPLAIN rows (SQLiteGenerator+Session.swift): names and texts only as
/// arguments; plan lines as quoted literals in order.
struct SQLiteGeneratorSessionTests {
    @Test func preparedStatements() {
        let store = SQLiteGenerator.steps([.prepared(.store(name: "q", sql: "PREPARE q AS SELECT $1", types: "integer"))])
        #expect(store.map(\.sql) == [
            #"CREATE TEMP TABLE IF NOT EXISTS "_rs_prepared" (name TEXT PRIMARY KEY, sql TEXT NOT NULL, types TEXT NOT NULL)"#,
            #"INSERT INTO temp."_rs_prepared" (name, sql, types) VALUES (?, ?, ?)"#,
        ])
        #expect(store[1].arguments == [.text("q"), .text("PREPARE q AS SELECT $1"), .text("integer")])
        let forget = SQLiteGenerator.steps([.prepared(.forget(name: "q"))])
        #expect(forget.map(\.sql) == [#"DELETE FROM temp."_rs_prepared" WHERE name = ?"#])
        #expect(forget[0].arguments == [.text("q")])
        #expect(SQLiteGenerator.steps([.prepared(.forgetAll)]).last?.sql == #"DELETE FROM temp."_rs_prepared""#)
    }

    @Test func planRowsKeepTheirOrderAndQuoting() {
        let statement = SQLiteGenerator.planRows(["XN Limit", "  ->  XN Seq Scan on o'brien"])
        #expect(statement.sql == #"WITH "_rs_plan" ("n", "line") AS (VALUES (0, 'XN Limit'), (1, '  ->  XN Seq Scan on o''brien')) SELECT "line" AS "QUERY PLAN" FROM "_rs_plan" ORDER BY "n""#)
    }
}
