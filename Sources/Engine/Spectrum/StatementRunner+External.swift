import Foundation
import GRDB
import RedshiftSQL

extension StatementRunner {
    /// Reads an external table into its scan's temp table and logs the scan.
    static func scanExternalTable(_ scan: ExternalScan, identity: StatementIdentity, bulk: BulkContext, db: Database) throws {
        let start = bulk.clock()
        let summary = try ExternalTableScanner.fill(scan, store: bulk.objectStore, db: db)
        let format: String
        switch scan.table.format {
        case .parquet: format = "Parquet"
        case .json: format = "JSON"
        case .text: format = "Text"
        }
        bulk.spectrumLog?.record(SpectrumScanLog.Entry(
            target: bulk.target, user: identity.user, pid: identity.backendPid ?? 0, queryId: bulk.queryId,
            transactionId: bulk.transactionId, start: start, end: bulk.clock(), tableName: scan.schemaName + "." + scan.table.name,
            fileFormat: format, isPartitioned: !scan.table.partitionKeys.isEmpty, summary: summary))
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
