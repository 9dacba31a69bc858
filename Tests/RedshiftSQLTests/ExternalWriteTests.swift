import Foundation
import Testing
@testable import RedshiftSQL

/// CREATE EXTERNAL TABLE AS and INSERT INTO an external table: parsing, the table a CETAS
/// registers, the query whose rows are written, and the statements Redshift refuses.
///
/// - Redshift: r_CREATE_EXTERNAL_TABLE_usage › CREATE EXTERNAL TABLE AS, r_INSERT_external_table.
@Suite struct ExternalWriteTests {
    private static let role = "IAM_ROLE 'arn:aws:iam::123456789012:role/mySpectrumRole'"

    private func translate(_ sql: String, catalog: ExternalCatalog, db: TestDatabase) throws -> Translation {
        try db.queue.read { connection in
            var context = TranslationContext(catalog: StoredCatalog(executor: GRDBTestExecutor(db: connection)), database: "dev")
            context.externalCatalog = catalog
            return try Translator().translate(sql, context: context)
        }
    }

    private func setup() throws -> (TestDatabase, ExternalCatalog) {
        let db = try TestDatabase()
        try db.run("create table sales (id int, region varchar(10), amount decimal(8,2), sold date)")
        var catalog = ExternalCatalog()
        for sql in ["create external schema s from data catalog database 'db' \(Self.role) create external database if not exists",
                    "create external table s.t (id int, sold date) partitioned by (region varchar(10)) stored as parquet location 's3://b/t/'",
                    "create external table s.j (id int) row format serde 'org.openx.data.jsonserde.JsonSerDe' location 's3://b/j/'"] {
            try translate(sql, catalog: catalog, db: db).externalChange?.apply(to: &catalog)
        }
        return (db, catalog)
    }

    @Test func parsesCreateExternalTableAs() throws {
        let statement = try Parser.parseStatement("""
            create external table s.x partitioned by (region, day) row format delimited fields terminated by '|'
            stored as textfile location 's3://b/x/' table properties ('compression_type'='gzip') as select * from sales
            """)
        guard case .external(.createTableAs(let create)) = statement else { Issue.record("not a CETAS"); return }
        #expect(create.partitionKeys == ["region", "day"] && create.fieldDelimiter == "|" && create.storedAs == "textfile")
        #expect(create.location == "s3://b/x/" && create.properties == [["compression_type", "gzip"]])
        // Refused in the grammar: an outer LIMIT, ROW FORMAT SERDE, LINES TERMINATED BY, a column list with AS.
        for sql in ["create external table s.x stored as parquet location 's3://b/x/' as select 1 limit 1",
                    "create external table s.x row format serde 'x' location 's3://b/x/' as select 1",
                    "create external table s.x row format delimited lines terminated by '\\n' location 's3://b/x/' as select 1",
                    "create external table s.x (a int) stored as parquet location 's3://b/x/' as select 1"] {
            #expect(throws: SQLError.self) { try Parser.parseStatement(sql) }
        }
    }

    @Test func createAsDerivesTheTableFromTheQuery() throws {
        let (db, catalog) = try setup()
        let translation = try translate("create external table s.x partitioned by (region) stored as parquet location 's3://b/x/' "
                                        + "as select region, id, amount from sales", catalog: catalog, db: db)
        let write = try #require(translation.externalWrite)
        #expect(write.mode == .create && write.schemaName == "s")
        #expect(write.table.columns == [ExternalColumn(name: "id", type: .integer), ExternalColumn(name: "amount", type: .decimal(precision: 8, scale: 2))])
        #expect(write.table.partitionKeys == [ExternalColumn(name: "region", type: .varchar(length: 10))])
        #expect(write.table.format == .parquet && write.table.database == "db" && write.table.partitions.isEmpty)
        // The written query: data columns first, then the partition keys.
        #expect(translation.resultColumns.map(\.name) == ["id", "amount", "region"])
        for sql in ["create external table s.t stored as parquet location 's3://b/y/' as select id from sales",        // exists
                    "create external table s.y partitioned by (nope) stored as parquet location 's3://b/y/' as select id from sales",
                    "create external table s.y partitioned by (id) stored as parquet location 's3://b/y/' as select id from sales",
                    "create external table s.y stored as orc location 's3://b/y/' as select id from sales",
                    "create external table s.y stored as parquet location 's3://b/y/' table properties ('compression_type'='gzip') as select id from sales",
                    "create external table nope.y stored as parquet location 's3://b/y/' as select id from sales"] {
            #expect(throws: SQLError.self, "\(sql)") { try translate(sql, catalog: catalog, db: db) }
        }
    }

    @Test func insertConvertsToTheTableTypes() throws {
        let (db, catalog) = try setup()
        let translation = try translate("insert into s.t select id, sold, 'May' from sales", catalog: catalog, db: db)
        let write = try #require(translation.externalWrite)
        #expect(write.mode == .insert && write.table.name == "t" && translation.kind == .insert)
        #expect(translation.resultColumns.map(\.type) == [.integer, .date, .varchar(length: 10)])
        for sql in ["insert into s.t select id, sold from sales",             // too few
                    "insert into s.t select id, sold, region, id from sales", // too many
                    "insert into s.t select sold, id, region from sales",     // date into int
                    "insert into s.t values (1, '2024-01-01', 'x')",
                    "insert into s.t select id, sold, region from sales limit 1",
                    "insert into s.j select id from sales"] {                 // a JSON SerDe table
            #expect(throws: SQLError.self, "\(sql)") { try translate(sql, catalog: catalog, db: db) }
        }
    }

    @Test func allSchemaAndTableViewsReadTheExternalCatalog() throws {
        let (db, catalog) = try setup()
        let schemas = try translate("select schema_name from svv_all_schemas", catalog: catalog, db: db)
        #expect(schemas.engineRelations.map(\.name) == ["svv_external_schemas"])
        #expect(schemas.steps.last?.sql.contains("'external'") == true)
        #expect(try translate("select table_name from svv_all_tables", catalog: catalog, db: db).engineRelations.map(\.name) == ["svv_external_tables"])
        #expect(try translate("select table_name from svv_all_tables", catalog: ExternalCatalog(), db: db).engineRelations.isEmpty)
    }
}
