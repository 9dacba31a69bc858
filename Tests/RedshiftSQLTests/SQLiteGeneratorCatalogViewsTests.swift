import Testing
@testable import RedshiftSQL

/// Catalog view templates with their placeholders written out (SQLiteGenerator+CatalogViews.swift).
struct SQLiteGeneratorCatalogViewsTests {
    @Test func placeholders() {
        let view = Bound.CatalogView(segments: [
            .text("SELECT "), .literal("o'neil"), .text(", "), .flag(true), .text(", "),
            .searchPathRank(expression: "n.name", path: ["o'neil", "public", "public"]), .text(" FROM "), .tempTables(exists: false),
        ])
        #expect(SQLiteGenerator.catalogView(view) == "SELECT 'o''neil', 1, (CASE n.name WHEN 'pg_temp' THEN 0 WHEN 'o''neil' THEN 1 WHEN 'public' THEN 2 END) FROM (SELECT rowid AS rid, * FROM _rs_tables WHERE 0)")
    }

    @Test func visibility() {
        let all = Bound.CatalogView(segments: [.tableVisible(alias: "vr", tables: nil), .text(" "), .schemaVisible(expression: "name", schemas: nil)])
        #expect(SQLiteGenerator.catalogView(all) == "1 1")
        let none = Bound.CatalogView(segments: [.tableVisible(alias: "vr", tables: []), .text(" "), .schemaVisible(expression: "name", schemas: [])])
        #expect(SQLiteGenerator.catalogView(none) == "0 0")
        let some = Bound.CatalogView(segments: [.tableVisible(alias: "vr", tables: [.init(schema: "s", name: "t")]), .text(" "), .schemaVisible(expression: "name", schemas: ["s"])])
        #expect(SQLiteGenerator.catalogView(some) == "((vr.schema_name, vr.table_name) IN (VALUES ('s', 't'))) (name IN ('s'))")
    }

    @Test func rowCountsAndHiddenRows() {
        let counts = Bound.CatalogView(segments: [.rowCounts([.init(schema: "public", name: "t", sqliteName: "\"public.t\"")])], hidden: true)
        #expect(SQLiteGenerator.catalogView(counts) == #"SELECT * FROM (SELECT 'public' AS schema_name, 't' AS table_name, (SELECT count(*) FROM "public.t") AS row_count) WHERE 0"#)
        #expect(SQLiteGenerator.catalogView(Bound.CatalogView(segments: [.rowCounts([])])) == "SELECT NULL AS schema_name, NULL AS table_name, 0 AS row_count WHERE 0")
    }
}
