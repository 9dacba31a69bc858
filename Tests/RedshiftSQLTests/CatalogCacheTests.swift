import Foundation
import GRDB
import Testing
@testable import RedshiftSQL

/// `StoredCatalog` answers from `CatalogCache`, keyed by the catalog generation: every DDL, rollback
/// and temp table must still be seen.
@Suite struct CatalogCacheTests {
    @Test func ddlRollbackAndTempTablesAreSeenThroughTheCache() throws {
        let db = try TestDatabase()
        try db.run("create table t (a int)")
        #expect(try db.translate("select * from t").resultColumns.map(\.name) == ["a"])
        try db.run("alter table t add column b varchar(3)")
        #expect(try db.translate("select * from t").resultColumns.map(\.name) == ["a", "b"])
        // A temp table shadows the permanent one, and disappears with its DROP.
        try db.run("create temp table t (z int)")
        #expect(try db.translate("select * from t").resultColumns.map(\.name) == ["z"])
        try db.run("drop table t")
        #expect(try db.translate("select * from t").resultColumns.map(\.name) == ["a", "b"])
        // A rolled-back CREATE restores the old generation: the table is gone again.
        try db.queue.inDatabase { sqlite in
            try sqlite.execute(sql: "BEGIN")
            let executor = GRDBTestExecutor(db: sqlite)
            for step in try Translator().translate("create table u (x int)", context: TranslationContext(catalog: StoredCatalog(executor: executor))).steps {
                try executor.execute(step)
            }
            #expect(try StoredCatalog(executor: executor).table(schema: "public", name: "u") != nil)
            try sqlite.execute(sql: "ROLLBACK")
            #expect(try StoredCatalog(executor: executor).table(schema: "public", name: "u") == nil)
        }
        // Views and schemas have no SQLite object; their meta rows change the generation too.
        try db.run("create view v as select a from t")
        #expect(try db.translate("select * from v").resultColumns.map(\.name) == ["a"])
        try db.run("create schema s")
        try db.run("create table s.t (q int)")
        #expect(try db.translate("select * from s.t").resultColumns.map(\.name) == ["q"])
    }

    @Test func anotherConnectionsDDLIsSeen() throws {
        let path = NSTemporaryDirectory() + "catalog-cache-\(UInt64.random(in: 0...UInt64.max)).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let one = try DatabaseQueue(path: path), two = try DatabaseQueue(path: path)
        try one.write { db in for statement in PhysicalLayout.bootstrap { try GRDBTestExecutor(db: db).execute(statement) } }
        func run(_ queue: DatabaseQueue, _ sql: String) throws -> Translation {
            try queue.inDatabase { db in
                let executor = GRDBTestExecutor(db: db)
                let translation = try Translator().translate(sql, context: TranslationContext(catalog: StoredCatalog(executor: executor)))
                for step in translation.steps where translation.kind != .query { try executor.execute(step) }
                return translation
            }
        }
        _ = try run(one, "create table t (a int)")
        #expect(try run(two, "select * from t").resultColumns.map(\.name) == ["a"])
        _ = try run(one, "alter table t add column b int")
        #expect(try run(two, "select * from t").resultColumns.map(\.name) == ["a", "b"])
    }

    @Test func withoutGenerationTablesLookupsStillWork() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE _rs_schemas (name TEXT PRIMARY KEY, owner TEXT NOT NULL DEFAULT '', is_system INTEGER NOT NULL DEFAULT 0)")
            try db.execute(sql: "CREATE TABLE _rs_tables (\(PhysicalLayout.tableColumns))")
            try db.execute(sql: "CREATE TABLE _rs_columns (\(PhysicalLayout.columnColumns))")
            try db.execute(sql: "INSERT INTO _rs_schemas (name) VALUES ('public')")
            try db.execute(sql: "INSERT INTO _rs_tables (schema_name, table_name, kind) VALUES ('public', 'x', 'table')")
            try db.execute(sql: "INSERT INTO _rs_columns (schema_name, table_name, ordinal, column_name, type, nullable) VALUES ('public', 'x', 1, 'c', 'int4', 1)")
            let catalog = StoredCatalog(executor: GRDBTestExecutor(db: db))
            #expect(try catalog.table(schema: "public", name: "x")?.columns.map(\.name) == ["c"])
            #expect(try catalog.schemaExists("public"))
        }
    }
}
