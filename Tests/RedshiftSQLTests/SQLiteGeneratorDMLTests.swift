import Testing
@testable import RedshiftSQL

/// The SQLite text of bound INSERT, UPDATE, DELETE and MERGE (SQLiteGenerator+DML.swift).
struct SQLiteGeneratorDMLTests {
    typealias Expr = Bound.Expression
    static let t = "\"public.t\""
    static func column(_ relation: String?, _ name: String) -> Expr { Expr(kind: .column(relation: relation, name: name), type: .integer) }
    static let one = Expr.literal(.integer(1), .integer)
    static let parameter = Expr(kind: .argument(.text("x")), type: .varchar(length: 10))

    static func sql(_ step: Bound.Step) -> [String] { SQLiteGenerator.steps([step]).map(\.sql) }

    @Test func insertValuesBindsArgumentsInOrder() {
        let insert = Bound.Insert(table: Self.t, columns: ["a", "b"], source: .values([[Self.one, Self.parameter], [.null, .null]]))
        let steps = SQLiteGenerator.steps([.insert(insert)])
        #expect(steps.map(\.sql) == [#"INSERT INTO "public.t" ("a", "b") VALUES (1, ?), (NULL, NULL)"#])
        #expect(steps.first?.arguments == [.text("x")])
    }

    @Test func insertFromQuery() {
        var select = Bound.Select()
        select.items = [(Self.one, "c1")]
        let query = Bound.Query(body: .select(select), columns: [ResultColumn(name: "c1", type: .integer)])
        let projection = Bound.Insert(table: Self.t, columns: ["a"], source: .projection([Self.column("_rs_source", "c1")], from: query))
        #expect(Self.sql(.insert(projection)) == [#"INSERT INTO "public.t" ("a") SELECT "_rs_source"."c1" FROM (SELECT 1 AS "c1") AS "_rs_source""#])
        let plain = Bound.Insert(table: Self.t, columns: ["a"], source: .query(query))
        #expect(Self.sql(.insert(plain)) == [#"INSERT INTO "public.t" ("a") SELECT 1 AS "c1""#])
    }

    @Test func updateCombinesWhereAndRowSecurity() {
        var update = Bound.Update(table: Self.t, alias: "t", assignments: [Bound.Assignment(column: "a", value: Self.one)])
        #expect(Self.sql(.update(update)) == [#"UPDATE "public.t" AS "t" SET "a" = 1"#])
        update.whereClause = .binary("=", Self.column("t", "a"), Self.one, type: .boolean)
        update.rowSecurity = .literal(.integer(0), .boolean)
        #expect(Self.sql(.update(update)) == [#"UPDATE "public.t" AS "t" SET "a" = 1 WHERE ("t"."a" = 1) AND (0)"#])
        let whole = Bound.Update(table: Self.t, assignments: [Bound.Assignment(column: "a", value: Self.one)])
        #expect(Self.sql(.update(whole)) == [#"UPDATE "public.t" SET "a" = 1"#])
    }

    @Test func deleteForms() {
        #expect(Self.sql(.delete(Bound.Delete(table: Self.t))) == [#"DELETE FROM "public.t""#])
        var delete = Bound.Delete(table: Self.t, alias: "t", rowSecurity: .literal(.integer(0), .boolean))
        #expect(Self.sql(.delete(delete)) == [#"DELETE FROM "public.t" AS "t" WHERE (0)"#])
        delete.whereClause = .binary(">", Self.column("t", "a"), Self.one, type: .boolean)
        #expect(Self.sql(.delete(delete)) == [#"DELETE FROM "public.t" AS "t" WHERE ("t"."a" > 1) AND (0)"#])
        var select = Bound.Select()
        select.items = [(Self.one, "one")]
        delete.using = Bound.Query(body: .select(select), columns: [ResultColumn(name: "one", type: .integer)])
        delete.whereClause = nil
        #expect(Self.sql(.delete(delete)) == [#"DELETE FROM "public.t" AS "t" WHERE EXISTS (SELECT 1 AS "one") AND (0)"#])
    }

    @Test func mergeSteps() {
        let source = Bound.FromItem.table("\"public.s\"", alias: "s")
        let condition = Expr.binary("=", Self.column("t", "a"), Self.column("s", "a"), type: .boolean)
        var merge = Bound.Merge(table: Self.t, alias: "t", columns: ["a", "b"], source: source, condition: condition, insertSource: source)
        merge.matched = .delete
        merge.insertValues = [Self.column("s", "a"), .null]
        #expect(Self.sql(.merge(merge)) == [
            #"DROP TABLE IF EXISTS temp."_rs_merge""#,
            #"CREATE TEMP TABLE "_rs_merge" (inserting INTEGER, c1, c2)"#,
            #"SELECT rs_raise('XX000', 'Found multiple matches to update the same tuple.') FROM "public.t" AS "t" JOIN "public.s" AS "s" ON "t"."a" = "s"."a" GROUP BY "t".rowid HAVING count(*) > 1"#,
            #"INSERT INTO temp."_rs_merge" (inserting) SELECT 0 FROM "public.t" AS "t" WHERE EXISTS (SELECT 1 FROM "public.s" AS "s" WHERE "t"."a" = "s"."a")"#,
            #"INSERT INTO temp."_rs_merge" (inserting, c1, c2) SELECT 1, "s"."a", NULL FROM "public.s" AS "s" WHERE NOT EXISTS (SELECT 1 FROM "public.t" AS "t" WHERE "t"."a" = "s"."a")"#,
            #"DELETE FROM "public.t" AS "t" WHERE EXISTS (SELECT 1 FROM "public.s" AS "s" WHERE "t"."a" = "s"."a")"#,
            #"INSERT INTO "public.t" ("a", "b") SELECT c1, c2 FROM temp."_rs_merge" WHERE inserting = 1"#,
            #"DELETE FROM temp."_rs_merge""#,
        ])
        merge.insertValues = nil
        merge.matched = .update([Bound.Assignment(column: "b", value: Self.one)])
        merge.rowSecurity = .literal(.integer(0), .boolean)
        #expect(Self.sql(.merge(merge))[4] == #"UPDATE "public.t" AS "t" SET "b" = 1 FROM "public.s" AS "s" WHERE "t"."a" = "s"."a" AND (0)"#)
    }
}
