import Foundation
import GRDB
import RedshiftSQL

/// Runs an UNLOAD translation on its connection: the executor, then the session's
/// PG_LAST_UNLOAD_COUNT/ID and the unload log.
///
/// - Redshift: PG_LAST_UNLOAD_COUNT ("updated … even if the operation failed"; 0 when the last
///   UNLOAD failed during the unload operation; unchanged after a syntax or privilege error, which
///   never reach here), PG_LAST_UNLOAD_ID, r_STL_UNLOAD_LOG, SYS_UNLOAD_HISTORY.
/// - What clients see: a FINISHED statement without a result set whose row count is the number of
///   rows unloaded (the Data API's ResultRows, the PostgreSQL door's `UNLOAD` tag; unverified).
enum UnloadStatement {
    static func perform(_ plan: UnloadPlan, _ translation: Translation, identity: StatementIdentity, db: Database,
                        state: inout ConnectionState, bulk: BulkContext) throws -> StatementOutcome {
        guard let store = bulk.objectStore, let step = translation.steps.last else {
            throw SQLError(code: "58000", message: "UNLOAD needs an S3 store: start emulatord with --s3-root DIR or --s3-endpoint URL")
        }
        let start = bulk.clock()
        let executor = UnloadExecutor(plan: plan, columns: translation.resultColumns, store: store, clock: bulk.clock)
        state.lastUnloadId = bulk.queryId
        func log(_ result: UnloadResult?, error: Error?) {
            guard let unloadLog = bulk.unloadLog else { return }
            unloadLog.record(UnloadLog.Entry(
                target: bulk.target, user: identity.user, database: identity.database, pid: identity.backendPid ?? 0,
                queryId: bulk.queryId, transactionId: bulk.transactionId, start: start, end: bulk.clock(),
                format: plan.options.format, compression: plan.options.compression, location: plan.location,
                rows: result?.rows ?? 0, files: result?.files ?? [], error: error.map { ErrorMapping.redshiftText($0) }))
        }
        do {
            let result = try executor.run(step, db: db)
            state.lastUnloadCount = result.rows
            log(result, error: nil)
            return StatementOutcome(hasResultSet: false, resultRows: result.rows, result: nil)
        } catch {
            state.lastUnloadCount = 0
            log(nil, error: error)
            throw error
        }
    }
}
