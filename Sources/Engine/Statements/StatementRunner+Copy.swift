import Foundation
import GRDB
import RedshiftSQL

/// COPY on the statement's connection: inside the statement's savepoint, so a failure, a cancel or
/// a statement timeout leaves the table as it was (COPY is transactional, r_COPY).
extension StatementRunner {
    static func performCopy(_ plan: CopyPlan, db: Database, state: inout ConnectionState, identity: StatementIdentity,
                            bulk: BulkContext, now: Date) throws -> StatementOutcome {
        guard let store = bulk.objectStore else {
            throw SQLError(code: "XX000", message: "COPY needs an object store: start the server with --s3-root DIR or --s3-endpoint URL")
        }
        // PG_LAST_COPY_ID/COUNT: updated when the load begins, 0 rows until it succeeds.
        state.lastCopyId = bulk.queryId
        state.lastCopyCount = 0
        let load = LoadLog.LoadIdentity(target: bulk.target, user: identity.user, database: identity.database,
                                        pid: identity.backendPid ?? 0, queryId: bulk.queryId, start: now)
        let executor = CopyExecutor(plan: plan, store: store, db: db, log: bulk.loadLog ?? LoadLog(), identity: load,
                                    clock: { Date() }, isInterrupted: bulk.isInterrupted)
        try db.execute(sql: "SAVEPOINT rs_statement")
        do {
            let outcome = try executor.run()
            try db.execute(sql: plan.noLoad ? "ROLLBACK TO rs_statement" : "RELEASE rs_statement")
            if plan.noLoad { try db.execute(sql: "RELEASE rs_statement") }
            state.lastCopyCount = outcome.rowsLoaded
            return StatementOutcome(hasResultSet: false, resultRows: outcome.rowsLoaded, result: nil)
        } catch {
            try? db.execute(sql: "ROLLBACK TO rs_statement")
            try? db.execute(sql: "RELEASE rs_statement")
            throw error
        }
    }
}
