import Testing
@testable import RedshiftSQL

/// The SQLite text of table storage changes (SQLiteGenerator+DDL.swift).
struct SQLiteGeneratorDDLTests {
    static let table = TableDefinition(schema: "public", name: "t", columns: [
        ColumnDefinition(name: "id", type: .bigint, nullable: false, ordinal: 1, identity: ColumnDefinition.Identity(seed: 1, step: 1)),
        ColumnDefinition(name: "v", type: .varchar(length: 10), nullable: false, ordinal: 2),
    ], distKey: "v", sortKeys: ["id"])

    static func sql(_ change: Bound.SchemaChange) -> [String] { SQLiteGenerator.steps([.schema(change)]).map(\.sql) }

    /// The counter key an identity column's INSERT of its counter row names.
    static func counterKey(_ step: String) -> String? {
        (step.firstMatch(of: #/VALUES \((\d+), NULL\)/#)?.1).map(String.init)
    }

    @Test func createTableWithIdentityCounterAndTrigger() throws {
        let steps = Self.sql(.createTable(Self.table))
        try #require(steps.count == 4)
        #expect(steps[0] == #"CREATE TABLE "public.t" ("id" INTEGER, "v" TEXT COLLATE RTRIM NOT NULL)"#)
        #expect(steps[1] == #"CREATE TABLE IF NOT EXISTS "_rs_identity_counter" (id INTEGER PRIMARY KEY, last INTEGER)"#)
        let key = try #require(Self.counterKey(steps[2]))
        #expect(steps[2] == #"INSERT OR REPLACE INTO "_rs_identity_counter" (id, last) VALUES (\#(key), NULL)"#)
        #expect(steps[3] == #"CREATE TRIGGER "_rs_identity.\#(key)" AFTER INSERT ON "public.t" FOR EACH ROW WHEN NEW."id" IS NULL BEGIN UPDATE "_rs_identity_counter" SET last = coalesce(last + 1, 1) WHERE id = \#(key); UPDATE "public.t" SET "id" = (SELECT last FROM "_rs_identity_counter" WHERE id = \#(key)) WHERE rowid = NEW.rowid; END"#)
        // Each creation draws its own key: a renamed table and its successor never share a counter.
        let again = try #require(Self.counterKey(Self.sql(.createTable(Self.table))[2]))
        #expect(again != key)
    }

    @Test func temporaryIdentityCounterLivesInTemp() {
        var temp = Self.table
        temp.kind = .temporary
        let steps = Self.sql(.createTable(temp))
        #expect(steps[1] == #"CREATE TABLE IF NOT EXISTS temp."_rs_temp_identity_counter" (id INTEGER PRIMARY KEY, last INTEGER)"#)
        #expect(steps[2].hasPrefix(#"INSERT OR REPLACE INTO temp."_rs_temp_identity_counter""#))
        #expect(steps[3].hasPrefix(#"CREATE TEMP TRIGGER "_rs_identity."#))
        #expect(steps[3].contains(#"UPDATE "_rs_temp_identity_counter" SET"#))
    }

    @Test func keyIndexes() {
        #expect(Self.sql(.createIndexes(Self.table)) == [
            #"CREATE INDEX IF NOT EXISTS "_rs_idx.public.t.dist" ON "public.t" ("v")"#,
            #"CREATE INDEX IF NOT EXISTS "_rs_idx.public.t.sort" ON "public.t" ("id")"#,
        ])
        #expect(Self.sql(.dropIndexes(Self.table)) == [#"DROP INDEX IF EXISTS "_rs_idx.public.t.dist""#, #"DROP INDEX IF EXISTS "_rs_idx.public.t.sort""#])
    }

    @Test func temporaryTable() {
        var temp = Self.table
        temp.kind = .temporary
        temp.columns[0].identity = nil
        #expect(Self.sql(.createTable(temp)) == [#"CREATE TABLE temp."pg_temp.t" ("id" INTEGER NOT NULL, "v" TEXT COLLATE RTRIM NOT NULL)"#])
        #expect(Self.sql(.renameTable(temp, to: "u")) == [#"ALTER TABLE temp."pg_temp.t" RENAME TO "pg_temp.u""#])
    }

    @Test func alterAndDrop() {
        #expect(Self.sql(.renameTable(Self.table, to: "u")) == [#"ALTER TABLE "public.t" RENAME TO "public.u""#])
        #expect(Self.sql(.renameColumn(Self.table, from: "v", to: "w")) == [#"ALTER TABLE "public.t" RENAME COLUMN "v" TO "w""#])
        #expect(Self.sql(.addColumn(Self.table, name: "n", type: .integer)) == [#"ALTER TABLE "public.t" ADD COLUMN "n" INTEGER"#])
        #expect(Self.sql(.dropColumn(Self.table, name: "v")) == [#"ALTER TABLE "public.t" DROP COLUMN "v""#])
        #expect(Self.sql(.dropTable(Self.table)) == [#"DROP TABLE "public.t""#])
    }
}
