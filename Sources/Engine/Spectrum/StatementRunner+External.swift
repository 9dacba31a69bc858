import Foundation
import ObjectStore
import GRDB
import RedshiftSQL

extension StatementRunner {
    /// Makes each external table reference of the statement a TEMP virtual table over the files
    /// it reads (`ExternalScanModule`): the partitions are pruned and the folders listed now, the
    /// files are read while the statement's SQL runs.
    static func openExternalScans(_ scans: [ExternalScan], bulk: BulkContext, db: Database) throws -> [(ExternalScanSource, String)] {
        var opened: [(ExternalScanSource, String)] = []
        do {
            for scan in scans {
                let source = try ExternalScanSource(scan, store: bulk.objectStore, start: bulk.clock())
                let token = ExternalScanModule.register(source)
                opened.append((source, token))
                try db.execute(sql: "DROP TABLE IF EXISTS \(scan.sqliteName)")
                try db.execute(sql: ExternalScanModule.createStatement(source, token: token))
            }
        } catch {
            opened.forEach { ExternalScanModule.unregister($0.1) }
            throw error
        }
        return opened
    }

    /// Ends the statement's external scans: logs what each read (SVL_S3QUERY_SUMMARY) unless
    /// reading a file failed.
    static func closeExternalScans(_ scans: [(ExternalScanSource, String)], identity: StatementIdentity, bulk: BulkContext) {
        for (source, token) in scans {
            ExternalScanModule.unregister(token)
            guard !source.failed else { continue }
            let scan = source.scan
            let format: String
            switch scan.table.format {
            case .parquet: format = "Parquet"
            case .json: format = "JSON"
            case .avro: format = "Avro"
            case .text: format = "Text"
            }
            bulk.spectrumLog?.record(SpectrumScanLog.Entry(
                target: bulk.target, user: identity.user, pid: identity.backendPid ?? 0, queryId: bulk.queryId,
                transactionId: bulk.transactionId, start: source.start, end: bulk.clock(), tableName: scan.schemaName + "." + scan.table.name,
                location: scan.table.location,
                fileFormat: format, isPartitioned: !scan.table.partitionKeys.isEmpty, summary: source.summary))
        }
    }

    /// Applies a Spectrum DDL statement's change to the cluster's data catalog.
    ///
    /// - Redshift: r_CREATE_EXTERNAL_TABLE ("You can't run CREATE EXTERNAL TABLE inside a
    ///   transaction (BEGIN … END)"); r_ALTER_TABLE says the same of ALTER TABLE on external tables.
    static func performExternalChange(_ change: ExternalCatalogChange, parsed: ParsedStatement, state: ConnectionState,
                                      bulk: BulkContext) throws -> StatementOutcome {
        switch change {
        case .createTable, .addPartitions, .dropPartition, .setLocation, .setProperties:
            if state.inExplicitTransaction {
                let what: String
                if case .createTable = change { what = "CREATE EXTERNAL TABLE" } else { what = "ALTER EXTERNAL TABLE" }
                throw SQLError(code: "25001", message: "\(what) cannot run inside a transaction block")
            }
        default:
            break
        }
        guard let catalog = bulk.externalCatalog else {
            throw SQLError(code: "0A000", message: "External schemas and tables need a cluster's data catalog")
        }
        try catalog.apply(change)
        return StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
    }
}

extension StatementRunner {
    /// CREATE EXTERNAL TABLE AS and INSERT INTO an external table: writes the query's rows under
    /// the table's location, then registers the table (or the new partitions) and 'numRows' in
    /// the data catalog; the files are logged in STL_UNLOAD_LOG as Redshift does.
    ///
    /// - Redshift: r_CREATE_EXTERNAL_TABLE_usage ("The Amazon S3 location must be empty"; "Amazon
    ///   Redshift automatically updates the 'numRows' table property"; "You can use STL_UNLOAD_LOG to
    ///   track the files"), r_INSERT_external_table ("You can't run INSERT (external table) within a
    ///   transaction block"; new partitions are registered after the INSERT completes; 'numRows' is
    ///   updated when the table has it).
    /// - The not-empty error's wording is the emulator's (unverified). When the catalog cannot be
    ///   updated after the files were written, the files are deleted again.
    static func performExternalWrite(_ write: ExternalWrite, _ translation: Translation, identity: StatementIdentity,
                                     state: ConnectionState, db: Database, bulk: BulkContext) throws -> StatementOutcome {
        if state.inExplicitTransaction {
            let what = write.mode == .create ? "CREATE EXTERNAL TABLE" : "INSERT (external table)"
            throw SQLError(code: "25001", message: "\(what) cannot run inside a transaction block")
        }
        guard let catalog = bulk.externalCatalog else {
            throw SQLError(code: "0A000", message: "External schemas and tables need a cluster's data catalog")
        }
        guard let store = bulk.objectStore, let step = translation.steps.last else {
            throw SQLError(code: "58000", message: "Writing external tables needs an S3 store: start emulatord with --s3-root DIR or --s3-endpoint URL")
        }
        var table = write.table
        let existing = catalog.snapshot.table(table.name, inExternalDatabase: table.database)
        switch write.mode {
        case .create:
            if existing != nil { throw SQLError(code: "42P07", message: "relation \"\(table.name)\" already exists") }
        case .insert:
            guard let existing else { throw SQLError(code: "42P01", message: "relation \"\(table.name)\" does not exist") }
            table = existing
        }
        let writer = ExternalTableWriter(table: table, columns: translation.resultColumns, store: store, queryId: bulk.queryId, clock: bulk.clock)
        guard let folder = writer.folder else { throw SQLError(code: "22023", message: "Invalid S3 location: \(table.location)") }
        if write.mode == .create {
            let found: [ObjectInfo]
            do { found = try store.list(bucket: folder.bucket, prefix: folder.key) } catch { throw UnloadErrors.map(error) }
            if !found.isEmpty {
                throw SQLError(code: "XX000", message: "CREATE EXTERNAL TABLE AS failed: the Amazon S3 location \(folder) is not empty. The location must be empty.")
            }
        }
        let start = bulk.clock()
        let options = writer.unloadOptions
        func log(_ result: ExternalTableWriter.Result?, error: Error?) {
            bulk.unloadLog?.record(UnloadLog.Entry(
                target: bulk.target, user: identity.user, database: identity.database, pid: identity.backendPid ?? 0,
                queryId: bulk.queryId, transactionId: bulk.transactionId, start: start, end: bulk.clock(),
                format: options.format, compression: options.compression, location: folder.description,
                rows: result?.rows ?? 0, files: result?.files ?? [], error: error.map { ErrorMapping.redshiftText($0) }))
        }
        let result: ExternalTableWriter.Result
        do {
            result = try writer.run(step, db: db, isInterrupted: bulk.isInterrupted)
        } catch {
            log(nil, error: error)
            throw error
        }
        do {
            switch write.mode {
            case .create:
                table.partitions = result.partitions
                table.properties.removeAll { $0[0] == "numrows" }
                table.properties.append(["numrows", String(result.rows)])
                try catalog.apply(.createTable(table, ifNotExists: false))
            case .insert:
                let added = result.partitions.filter { partition in !table.partitions.contains { $0.values == partition.values } }
                if !added.isEmpty {
                    try catalog.apply(.addPartitions(database: table.database, table: table.name, added, ifNotExists: true))
                }
                if let rows = table.property("numrows").flatMap(Int64.init) {
                    try catalog.apply(.setProperties(database: table.database, table: table.name, [["numrows", String(rows + result.rows)]]))
                }
            }
        } catch {
            try? store.delete(result.files.map(\.location))
            log(nil, error: error)
            throw error
        }
        log(result, error: nil)
        return StatementOutcome(hasResultSet: false, resultRows: result.rows, result: nil)
    }
}
