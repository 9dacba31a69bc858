import Testing
@testable import RedshiftSQL

/// The SQLite text of table storage changes (SQLiteGenerator+DDL.swift).
struct SQLiteGeneratorDDLTests {
    static let table = TableDefinition(schema: "public", name: "t", columns: [
        ColumnDefinition(name: "id", type: .bigint, nullable: false, ordinal: 1, identity: ColumnDefinition.Identity(seed: 1, step: 1)),
        ColumnDefinition(name: "v", type: .varchar(length: 10), nullable: false, ordinal: 2),
    ], distKey: "v", sortKeys: ["id"])

    static func sql(_ change: Bound.SchemaChange) -> [String] { SQLiteGenerator.steps([.schema(change)]).map(\.sql) }

    @Test func createTableWithIdentityTrigger() {
        #expect(Self.sql(.createTable(Self.table)) == [
            #"CREATE TABLE "public.t" ("id" INTEGER, "v" TEXT COLLATE RTRIM NOT NULL)"#,
            #"CREATE TRIGGER "_rs_identity.public.t.id" AFTER INSERT ON "public.t" FOR EACH ROW WHEN NEW."id" IS NULL BEGIN UPDATE "public.t" SET "id" = (SELECT coalesce(max("id") + 1, 1) FROM "public.t") WHERE rowid = NEW.rowid; END"#,
        ])
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
