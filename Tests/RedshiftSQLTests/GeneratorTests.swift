import Testing
@testable import RedshiftSQL

/// The SQLite text the generator emits for representative statements.
struct GeneratorTests {
    struct Case: CustomStringConvertible, Sendable {
        let redshift: String
        let sqlite: String
        var description: String { redshift }
    }

    static let cases: [Case] = [
        Case(redshift: "SELECT 1", sqlite: #"SELECT 1 AS "?column?""#),
        Case(redshift: "select i4 from t order by i4", sqlite: #"SELECT "t"."i4" AS "i4" FROM "public.t" AS "t" ORDER BY 1 ASC NULLS LAST"#),
        Case(redshift: "select v from t order by i8 desc", sqlite: #"SELECT "t"."v" AS "v" FROM "public.t" AS "t" ORDER BY "t"."i8" DESC NULLS FIRST"#),
        Case(redshift: "select i4 x from t order by x desc", sqlite: #"SELECT "t"."i4" AS "x" FROM "public.t" AS "t" ORDER BY 1 DESC NULLS FIRST"#),
        Case(redshift: "select nvl(i8, 0) from t", sqlite: #"SELECT coalesce("t"."i8", 0) AS "coalesce" FROM "public.t" AS "t""#),
        Case(redshift: "select v from t where v like 'a%'", sqlite: #"SELECT "t"."v" AS "v" FROM "public.t" AS "t" WHERE rs_like("t"."v", 'a%')"#),
        Case(redshift: "select i4 / i8 from t", sqlite: #"SELECT "t"."i4" / rs_nonzero("t"."i8") AS "?column?" FROM "public.t" AS "t""#),
        Case(redshift: "select i4 / 2 from t", sqlite: #"SELECT "t"."i4" / 2 AS "?column?" FROM "public.t" AS "t""#),
        Case(redshift: "select top 3 i4 from t", sqlite: #"SELECT "t"."i4" AS "i4" FROM "public.t" AS "t" LIMIT 3"#),
        Case(redshift: "select i4 from t where i4 = '5'", sqlite: #"SELECT "t"."i4" AS "i4" FROM "public.t" AS "t" WHERE "t"."i4" = 5"#),
        Case(redshift: "select avg(i4) from t", sqlite: #"SELECT sum("t"."i4") / count("t"."i4") AS "avg" FROM "public.t" AS "t""#),
        Case(redshift: "select i4 from t offset 2", sqlite: #"SELECT "t"."i4" AS "i4" FROM "public.t" AS "t" LIMIT -1 OFFSET 2"#),
    ]

    @Test(arguments: cases)
    func translatesToSQLite(_ c: Case) throws {
        let translation = try Translator().translate(c.redshift, context: AnalyzerTypeTests.context())
        #expect(translation.steps.last?.sql == c.sqlite)
    }

    @Test func parametersAreBoundNeverSpliced() throws {
        var context = AnalyzerTypeTests.context()
        context.parameters = ["id": "42", "name": "x'); drop table t; --"]
        let translation = try Translator().translate("select v from t where i4 = :id and v = :name", context: context)
        let step = try #require(translation.steps.last)
        #expect(step.sql == #"SELECT "t"."v" AS "v" FROM "public.t" AS "t" WHERE ("t"."i4" = ?) AND ("t"."v" = ?)"#)
        #expect(step.arguments == [.integer(42), .text("x'); drop table t; --")])
    }

    /// A base-table read the RLS/masking rewrite did not replace reads no rows (fails closed).
    @Test func unsecuredRelationReadsNothing() {
        let table = TableDefinition(schema: "public", name: "t", columns: [ColumnDefinition(name: "a", type: .integer, ordinal: 1)])
        let item = Bound.FromItem.relation(Bound.RelationReference(table: table, alias: "x", correlated: false))
        #expect(SQLiteGenerator().fromItem(item) == #"(SELECT * FROM "public.t" WHERE 0) AS "x""#)
    }

    /// The Analyzer leaves no unsecured read in what it hands to the generator.
    @Test func analyzedQueriesHoldNoRelationReferences() throws {
        let catalog = AnalyzerTypeTests.context().catalog
        let analyzer = Analyzer(context: TranslationContext(catalog: catalog))
        let query = try Parser.parseStatement("select i4 from t where exists (select 1 from t u where u.i4 = t.i4) and i8 in (select i8 from (select * from t) s)")
        guard case .query(let ast) = query else { Issue.record("not a query"); return }
        var found = 0
        _ = try analyzer.analyzeQuery(ast, outer: nil).replacingFromItems { item in
            if case .relation = item { found += 1 }
            return nil
        }
        #expect(found == 0)
        #expect(analyzer.unsecuredReads == 0)
    }
}
