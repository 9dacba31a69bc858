import GRDB
import RedshiftSQL

/// Before a statement runs outside a transaction, the database applies the renames and drops of
/// users, groups and roles made from its cluster's other databases (`PrincipalLog`), in one
/// transaction of its own. A failure (another writer holding the file) is left for the next statement.
enum PrincipalCatchUp {
    static func apply(_ db: Database) {
        guard !db.isInsideTransaction else { return }
        let steps = PrincipalLog.pendingSteps(GRDBExecutor(db: db))
        guard !steps.isEmpty else { return }
        try? db.inTransaction(.deferred) {
            for step in steps { try db.execute(sql: step.sql, arguments: step.statementArguments) }
            return .commit
        }
    }
}
