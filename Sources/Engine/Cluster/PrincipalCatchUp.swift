import Foundation
import GRDB
import RedshiftSQL

/// Before a statement runs outside a transaction, the database applies the renames and drops of
/// users, groups and roles made from its cluster's other databases (`PrincipalLog`), in one
/// transaction of its own. A failure (another writer holding the file) is left for the next statement.
///
/// The log is read only when it may have grown: after a statement that may have written it ended
/// anywhere in the process (`WriteGeneration`), or a second after the connection last read it
/// (another process sharing the data directory).
enum PrincipalCatchUp {
    private static let recheckNanos: UInt64 = 1_000_000_000

    static func apply(_ db: Database, state: inout ConnectionState) {
        guard !db.isInsideTransaction else { return }
        // Read before the log: a write committed after this read is caught by the next statement.
        let seen = WriteGeneration.current
        let now = DispatchTime.now().uptimeNanoseconds
        if let last = state.principalLogRead, last.writes == seen, now &- last.at < recheckNanos { return }
        // The check runs before every statement that gets here: its query is prepared once per connection.
        let steps = PrincipalLog.pendingSteps(CachedStatementExecutor(db: db))
        if !steps.isEmpty {
            do {
                try db.inTransaction(.deferred) {
                    for step in steps { try db.execute(sql: step.sql, arguments: step.statementArguments) }
                    return .commit
                }
                WriteGeneration.bump()   // names in this database's grants and policies changed
            } catch {
                return   // read again before the next statement
            }
        }
        state.principalLogRead = (seen, now)
    }
}

/// Queries through the connection's cache of prepared statements (GRDB's `cachedStatement`),
/// for a fixed query text run again and again; SQLite prepares it again by itself after a schema
/// change. Only for texts from a small fixed set: the cache keeps every text it sees.
private struct CachedStatementExecutor: SQLiteExecutor {
    let db: Database

    func execute(_ statement: RedshiftSQL.SQLiteStatement) throws {
        try db.execute(sql: statement.sql, arguments: statement.statementArguments)
    }

    func query(_ statement: RedshiftSQL.SQLiteStatement) throws -> [[SQLiteValue]] {
        let prepared = try db.cachedStatement(sql: statement.sql)
        let cursor = try Row.fetchCursor(prepared, arguments: statement.statementArguments)
        var rows: [[SQLiteValue]] = []
        while let row = try cursor.next() {
            rows.append((0..<row.count).map { SQLiteValue(row[$0] as DatabaseValue) })
        }
        return rows
    }
}
