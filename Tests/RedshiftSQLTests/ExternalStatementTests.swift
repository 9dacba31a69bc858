import Foundation
import Testing
@testable import RedshiftSQL

/// Spectrum DDL: parsing, the data catalog changes and their errors, external tables in FROM and
/// partition pruning predicates.
///
/// - Redshift: r_CREATE_EXTERNAL_SCHEMA, r_CREATE_EXTERNAL_TABLE, r_ALTER_TABLE (external tables),
///   r_DROP_SCHEMA, c-spectrum-external-tables (partitioning, pseudocolumns), r_CREATE_VIEW.
@Suite struct ExternalStatementTests {
    private static let role = "IAM_ROLE 'arn:aws:iam::123456789012:role/mySpectrumRole'"

    @Test func parsesCreateExternalSchemaForms() throws {
        let glue = try Parser.parseStatement("create external schema spectrum from data catalog database 'SpectrumDB' \(Self.role) create external database if not exists")
        #expect(glue == .external(.createSchema(AST.CreateExternalSchema(
            name: "spectrum", ifNotExists: false, source: "DATA CATALOG", database: "spectrumdb",
            iamRole: "arn:aws:iam::123456789012:role/mySpectrumRole", createDatabase: true, position: 1))))
        let hive = try Parser.parseStatement("create external schema if not exists h from hive metastore database 'hdb' uri '10.0.0.1' port 9083 iam_role default")
        guard case .external(.createSchema(let schema)) = hive else { Issue.record("not a schema"); return }
        #expect(schema.source == "HIVE METASTORE" && schema.ifNotExists && schema.iamRole == "default" && !schema.createDatabase)
        #expect(throws: SQLError.self) { try Parser.parseStatement("create external schema s from data catalog \(Self.role)") }
        #expect(throws: SQLError.self) { try Parser.parseStatement("create external schema s from postgres database 'x' \(Self.role)") }
    }

    @Test func parsesCreateExternalTable() throws {
        let statement = try Parser.parseStatement("""
            create external table spectrum.sales (salesid integer, price decimal(8,2))
            partitioned by (saledate date)
            row format delimited fields terminated by '\\t' lines terminated by '\\n'
            stored as textfile location 's3://b/sales/' table properties ('numRows'='172000', 'skip.header.line.count'='1')
            """)
        guard case .external(.createTable(let table)) = statement else { Issue.record("not a table"); return }
        #expect(table.name.parts == ["spectrum", "sales"])
        #expect(table.columns.map(\.name) == ["salesid", "price"] && table.partitionKeys.map(\.name) == ["saledate"])
        #expect(table.fieldDelimiter == "\t" && table.storedAs == "textfile" && table.location == "s3://b/sales/")
        #expect(table.properties == [["numrows", "172000"], ["skip.header.line.count", "1"]])
        let serde = try Parser.parseStatement("create external table s.c (a int) row format serde 'org.apache.hadoop.hive.serde2.OpenCSVSerde' with serdeproperties ('separatorChar'=';') stored as textfile location 's3://b/c/'")
        guard case .external(.createTable(let csv)) = serde else { Issue.record("not a table"); return }
        #expect(csv.serde == "org.apache.hadoop.hive.serde2.OpenCSVSerde" && csv.serdeProperties == [["separatorchar", ";"]])
        #expect(Parser.hiveDelimiter("\\001") == "\u{1}" && Parser.hiveDelimiter("|") == "|")
    }

    @Test func parsesAlterTableForms() throws {
        #expect(try Parser.parseStatement("alter table s.t add if not exists partition (d='2008-01', n=1) location 's3://b/1/' partition (d='2008-02', n=2) location 's3://b/2/'")
                == .external(.alterTable(name: AST.Name(parts: ["s", "t"], position: 13), action: .addPartitions(
                    [([["d", "2008-01"], ["n", "1"]], "s3://b/1/"), ([["d", "2008-02"], ["n", "2"]], "s3://b/2/")], ifNotExists: true))))
        #expect(try Parser.parseStatement("alter table s.t drop partition (d='2008-01')")
                == .external(.alterTable(name: AST.Name(parts: ["s", "t"], position: 13), action: .dropPartition([["d", "2008-01"]]))))
        #expect(try Parser.parseStatement("alter table s.t partition (d='x') set location 's3://b/x/'")
                == .external(.alterTable(name: AST.Name(parts: ["s", "t"], position: 13), action: .setLocation(partition: [["d", "x"]], location: "s3://b/x/"))))
        #expect(try Parser.parseStatement("alter table s.t set table properties ('numRows'='5')")
                == .external(.alterTable(name: AST.Name(parts: ["s", "t"], position: 13), action: .setProperties([["numrows", "5"]]))))
        #expect(try Parser.parseStatement("drop schema s drop external database")
                == .external(.dropSchema(names: ["s"], ifExists: false, position: 6)))
    }

    /// A database with the data catalog `catalog`; translates as the engine does.
    private func translate(_ sql: String, catalog: ExternalCatalog, db: TestDatabase) throws -> Translation {
        try db.queue.read { connection in
            var context = TranslationContext(catalog: StoredCatalog(executor: GRDBTestExecutor(db: connection)), database: "dev")
            context.externalCatalog = catalog
            return try Translator().translate(sql, context: context)
        }
    }

    /// Applies the DDL statements in order, as the engine does; the resulting catalog.
    private func catalog(after statements: [String], db: TestDatabase) throws -> ExternalCatalog {
        var catalog = ExternalCatalog()
        for sql in statements {
            guard let change = try translate(sql, catalog: catalog, db: db).externalChange else { throw SQLError(code: "XX000", message: "no change: \(sql)") }
            try change.apply(to: &catalog)
        }
        return catalog
    }

    private var setup: [String] {
        ["create external schema s from data catalog database 'db' \(Self.role) create external database if not exists",
         "create external table s.t (id int, name varchar(10)) partitioned by (year int, tag char(2)) stored as parquet location 's3://b/t/'",
         "alter table s.t add partition (year=2019, tag='a') location 's3://b/t/2019/' partition (year=2020, tag='a') location 's3://b/t/2020a/' partition (year=2020, tag='b') location 's3://b/t/2020b/'"]
    }

    @Test func catalogChangesAndTheirErrors() throws {
        let db = try TestDatabase()
        let catalog = try self.catalog(after: setup, db: db)
        #expect(catalog.databases == ["db"])
        #expect(catalog.table("t", inExternalDatabase: "db")?.partitions.map(\.values) == [["2019", "a"], ["2020", "a"], ["2020", "b"]])
        // A schema on a missing external database, a duplicate table, a duplicate partition, a wrong partition spec.
        #expect(throws: SQLError.self) { try translate("create external schema x from data catalog database 'nope' \(Self.role)", catalog: catalog, db: db) }
        #expect(throws: SQLError.self) { try translate("create external table s.t (a int) stored as parquet location 's3://b/x/'", catalog: catalog, db: db) }
        #expect(throws: SQLError.self) { try translate("alter table s.t add partition (year=2019, tag='a') location 's3://b/y/'", catalog: catalog, db: db) }
        #expect(throws: SQLError.self) { try translate("alter table s.t add partition (year=2021) location 's3://b/y/'", catalog: catalog, db: db) }
        #expect(throws: SQLError.self) { try translate("create external table s.u (a int) stored as parquet location '/local/path'", catalog: catalog, db: db) }
        #expect(throws: SQLError.self) { try translate("create external table nope.u (a int) stored as parquet location 's3://b/u/'", catalog: catalog, db: db) }
        // IF NOT EXISTS skips a partition that exists.
        let again = try translate("alter table s.t add if not exists partition (year=2019, tag='a') location 's3://b/y/'", catalog: catalog, db: db)
        var copy = catalog
        try again.externalChange?.apply(to: &copy)
        #expect(copy == catalog)
        // DROP SCHEMA keeps the external database and its tables; DROP EXTERNAL DATABASE removes them.
        let dropped = try self.catalog(after: setup + ["drop schema s"], db: db)
        #expect(dropped.schemas.isEmpty && dropped.tables.count == 1)
        let gone = try self.catalog(after: setup + ["drop schema s drop external database"], db: db)
        #expect(gone.databases.isEmpty && gone.tables.isEmpty)
    }

    @Test func catalogRoundTripsThroughJSON() throws {
        let catalog = try self.catalog(after: setup, db: TestDatabase())
        let decoded = try JSONDecoder().decode(ExternalCatalog.self, from: JSONEncoder().encode(catalog))
        #expect(decoded == catalog)
    }

    @Test func externalTableInFromIsAnEngineFilledRelation() throws {
        let db = try TestDatabase()
        let catalog = try self.catalog(after: setup, db: db)
        let translation = try translate("select id, \"$path\" from s.t where year = 2020 and tag in ('b', 'c') and id > 3", catalog: catalog, db: db)
        #expect(translation.externalScans.count == 1)
        let scan = try #require(translation.externalScans.first)
        #expect(scan.predicates == [PartitionPredicate(column: "year", op: "=", values: ["2020"]),
                                    PartitionPredicate(column: "tag", op: "in", values: ["b", "c"])])
        #expect(scan.selectedPartitions.map(\.values) == [["2020", "b"]])
        #expect(translation.steps.last?.sql.contains(scan.sqliteName) == true)
        // `*` leaves out the pseudocolumns; OR keeps every partition; a reversed comparison prunes.
        #expect(try translate("select * from s.t", catalog: catalog, db: db).resultColumns.map(\.name) == ["id", "name", "year", "tag"])
        #expect(try translate("select id from s.t where year = 2019 or id = 1", catalog: catalog, db: db).externalScans[0].selectedPartitions.count == 3)
        #expect(try translate("select id from s.t x where 2020 <= x.year", catalog: catalog, db: db).externalScans[0].selectedPartitions.count == 2)
        #expect(try translate("select id from s.t where year between 2018 and 2019", catalog: catalog, db: db).externalScans[0].selectedPartitions.count == 1)
    }

    @Test func refusedStatements() throws {
        let db = try TestDatabase()
        let catalog = try self.catalog(after: setup, db: db)
        for sql in ["update s.t set id = 1", "delete from s.t", "create view v as select id from s.t"] {
            #expect(throws: SQLError.self) { try translate(sql, catalog: catalog, db: db) }
        }
        do {
            _ = try translate("create view v as select id from s.t", catalog: catalog, db: db)
        } catch let error as SQLError {
            #expect(error.message == "External tables are not supported in views")
        }
        #expect(try translate("create view v as select id from s.t with no schema binding", catalog: catalog, db: db).kind == .ddl)
        #expect(throws: SQLError.self) { try translate("select * from s.missing", catalog: catalog, db: db) }
    }
}
