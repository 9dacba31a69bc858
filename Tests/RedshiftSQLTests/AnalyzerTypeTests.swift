import Testing
@testable import RedshiftSQL

/// Result names and types the Analyzer infers; expected values from the Redshift docs (reference §1.9–1.10, data-api §6.2).
struct AnalyzerTypeTests {
    struct Case: CustomStringConvertible, Sendable {
        let sql: String
        let name: String
        let type: RedshiftType
        var description: String { sql }
    }

    static let cases: [Case] = [
        Case(sql: "select 1", name: "?column?", type: .integer),
        Case(sql: "select 3000000000", name: "?column?", type: .bigint),
        Case(sql: "select count(*) from t", name: "count", type: .bigint),
        Case(sql: "select 1.5", name: "?column?", type: .decimal(precision: 2, scale: 1)),
        Case(sql: "select 'a'", name: "?column?", type: .varchar(length: 1)),
        Case(sql: "select 7/2", name: "?column?", type: .integer),
        Case(sql: "select sum(i4) from t", name: "sum", type: .bigint),
        Case(sql: "select avg(i4) from t", name: "avg", type: .bigint),
        Case(sql: "select avg(d) from t", name: "avg", type: .decimal(precision: 38, scale: 2)),
        Case(sql: "select sum(f) from t", name: "sum", type: .doublePrecision),
        Case(sql: "select max(v) from t", name: "max", type: .varchar(length: 20)),
        Case(sql: "select i2 + i4 from t", name: "?column?", type: .integer),
        Case(sql: "select i2 + i2 from t", name: "?column?", type: .smallint),
        Case(sql: "select i4 * i8 from t", name: "?column?", type: .bigint),
        Case(sql: "select i4 + d from t", name: "?column?", type: .decimal(precision: 13, scale: 2)),
        Case(sql: "select d * d from t", name: "?column?", type: .decimal(precision: 17, scale: 4)),
        Case(sql: "select d / d from t", name: "?column?", type: .decimal(precision: 17, scale: 9)),
        Case(sql: "select r * r from t", name: "?column?", type: .real),
        Case(sql: "select r * i4 from t", name: "?column?", type: .doublePrecision),
        Case(sql: "select i4 as x from t", name: "x", type: .integer),
        Case(sql: "select \"I4\" from t", name: "i4", type: .integer),
        Case(sql: "select current_user", name: "current_user", type: .char(length: 63)),
        Case(sql: "select current_database()", name: "current_database", type: .varchar(length: 63)),
        Case(sql: "select getdate()", name: "getdate", type: .timestamp),
        Case(sql: "select current_date", name: "current_date", type: .date),
        Case(sql: "select i4::varchar(10) from t", name: "i4", type: .varchar(length: 10)),
        Case(sql: "select '1'::integer", name: "int4", type: .integer),
        Case(sql: "select cast(d as int) from t", name: "d", type: .integer),
        Case(sql: "select i4 = 1 from t", name: "?column?", type: .boolean),
        Case(sql: "select coalesce(i2, i8) from t", name: "coalesce", type: .bigint),
        Case(sql: "select nvl(v, 'x') from t", name: "coalesce", type: .varchar(length: 20)),
        Case(sql: "select case when b then 1 else 2.5 end from t", name: "case", type: .decimal(precision: 11, scale: 1)),
        Case(sql: "select v || 'abc' from t", name: "?column?", type: .varchar(length: 23)),
        Case(sql: "select dateadd(day, 1, dt) from t", name: "date_add", type: .timestamp),
        Case(sql: "select datediff(day, dt, ts) from t", name: "date_diff", type: .bigint),
        Case(sql: "select row_number() over (order by i4) from t", name: "row_number", type: .bigint),
        Case(sql: "select rank() over (order by i4) from t", name: "rank", type: .integer),
        Case(sql: "select i4 from t union select i8 from t", name: "i4", type: .bigint),
        Case(sql: "select (select max(i4) from t)", name: "max", type: .integer),
        Case(sql: "select length(v) from t", name: "length", type: .integer),
        // DECIMAL result precision and scale (r_numeric_computations201 and observed caps).
        Case(sql: "select d + 1 from t", name: "?column?", type: .decimal(precision: 13, scale: 2)),
        Case(sql: "select cast(d as decimal(19,0)) / cast(i8 as decimal(19,0)) from t", name: "?column?", type: .decimal(precision: 38, scale: 19)),
        Case(sql: "select cast(d as decimal(19,2)) / (cast(i8 as decimal(19,0)) / cast(i8 as decimal(19,0))) from t", name: "?column?", type: .decimal(precision: 38, scale: 4)),
        Case(sql: "select cast(d as decimal(19,2)) * (cast(i8 as decimal(19,0)) / cast(i8 as decimal(19,0))) from t", name: "?column?", type: .decimal(precision: 38, scale: 21)),
        Case(sql: "select sum(d * d) from t", name: "sum", type: .decimal(precision: 38, scale: 4)),
        Case(sql: "select dt - interval '1 day' from t", name: "?column?", type: .timestamp),
        Case(sql: "select ts - ts from t", name: "?column?", type: .interval),
    ]

    static func context() -> TranslationContext {
        let table = TableDefinition(schema: "public", name: "t", columns: [
            ColumnDefinition(name: "i2", type: .smallint, ordinal: 1),
            ColumnDefinition(name: "i4", type: .integer, nullable: false, ordinal: 2),
            ColumnDefinition(name: "i8", type: .bigint, ordinal: 3),
            ColumnDefinition(name: "d", type: .decimal(precision: 8, scale: 2), ordinal: 4),
            ColumnDefinition(name: "r", type: .real, ordinal: 5),
            ColumnDefinition(name: "f", type: .doublePrecision, ordinal: 6),
            ColumnDefinition(name: "v", type: .varchar(length: 20), ordinal: 7),
            ColumnDefinition(name: "b", type: .boolean, ordinal: 8),
            ColumnDefinition(name: "dt", type: .date, ordinal: 9),
            ColumnDefinition(name: "ts", type: .timestamp, ordinal: 10),
        ])
        var context = TranslationContext.empty
        context.catalog = FixedCatalog(tables: [table])
        return context
    }

    @Test(arguments: cases)
    func resultType(_ c: Case) throws {
        let translation = try Translator().translate(c.sql, context: Self.context())
        #expect(translation.kind == .query)
        #expect(translation.resultColumns.first?.name == c.name)
        #expect(translation.resultColumns.first?.type == c.type)
    }

    @Test func columnMetadataCarriesSourceTable() throws {
        let columns = try Translator().translate("select i4, i4 + 1 as y from t", context: Self.context()).resultColumns
        #expect(columns[0] == ResultColumn(name: "i4", type: .integer, nullable: false, schemaName: "public", tableName: "t"))
        #expect(columns[1].schemaName == "" && columns[1].tableName == "")
    }

    struct ErrorCase: CustomStringConvertible, Sendable {
        let sql: String
        let code: String
        let message: String
        var description: String { sql }
    }

    static let errors: [ErrorCase] = [
        ErrorCase(sql: "select * from nope", code: "42P01", message: "relation \"nope\" does not exist"),
        ErrorCase(sql: "select * from s.nope", code: "42P01", message: "relation \"s.nope\" does not exist"),
        ErrorCase(sql: "select nope from t", code: "42703", message: "column \"nope\" does not exist"),
        ErrorCase(sql: "select t.nope from t", code: "42703", message: "column t.nope does not exist"),
        ErrorCase(sql: "select i4, count(*) from t", code: "42803", message: "column \"t.i4\" must appear in the GROUP BY clause or be used in an aggregate function"),
        ErrorCase(sql: "select * from t where count(*) > 1", code: "42803", message: "aggregates not allowed in WHERE"),
        ErrorCase(sql: "select * from t where i4", code: "42804", message: "argument of WHERE must be type boolean, not type integer"),
        ErrorCase(sql: "select i4 from t a join t b on a.i4 = b.i4", code: "42702", message: "column reference \"i4\" is ambiguous"),
        ErrorCase(sql: "select 1 union select 1, 2", code: "42601", message: "each UNION query must have the same number of columns"),
        ErrorCase(sql: "select sum(i4) over (order by i4) from t", code: "42601", message: "Aggregate window functions with an ORDER BY clause require a frame clause"),
        ErrorCase(sql: "select nosuchfunction(1)", code: "42883", message: "function nosuchfunction(integer) does not exist"),
        ErrorCase(sql: "select 'abc'::int", code: "22P02", message: "invalid input syntax for integer: \"abc\""),
        ErrorCase(sql: "select 40000::smallint", code: "22003", message: "smallint out of range"),
        ErrorCase(sql: "select :missing", code: "42P02", message: "no value specified for parameter \"missing\""),
        ErrorCase(sql: "select interval 'soon'", code: "22007", message: "invalid input syntax for type interval: \"soon\""),
        ErrorCase(sql: "select 9223372036854775807 + 1", code: "22003", message: "bigint out of range"),
    ]

    @Test(arguments: errors)
    func analysisErrors(_ c: ErrorCase) {
        do {
            _ = try Translator().translate(c.sql, context: Self.context())
            Issue.record("expected an error")
        } catch let error as SQLError {
            #expect(error.code == c.code)
            #expect(error.message == c.message)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

/// A catalog holding fixed tables in `public`.
struct FixedCatalog: CatalogReader {
    var tables: [TableDefinition]
    func table(schema: String, name: String) throws -> TableDefinition? { tables.first { $0.schema == schema && $0.name == name } }
    func schemaExists(_ schema: String) throws -> Bool { schema == "public" }
    func schemas() throws -> [String] { ["public"] }
    func tables(inSchema schema: String) throws -> [TableDefinition] { tables.filter { $0.schema == schema } }
    /// No security catalog: these tests translate without privileges, RLS or masking.
    func policySnapshot() throws -> PolicySnapshot { .unenforced }
}
