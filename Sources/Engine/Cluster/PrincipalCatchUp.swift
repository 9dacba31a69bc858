import GRDB
import RedshiftSQL

/// Before a statement runs outside a transaction, the database applies the renames and drops of
/// users, groups and roles made from its cluster's other databases (`PrincipalLog`), in one
/// transaction of its own. A failure (another writer holding the file) is left for the next statement.
enum PrincipalCatchUp {
    static func apply(_ db: Database) {
        guard !db.isInsideTransaction else { return }
        // The check runs before every statement: its query is prepared once per connection.
        let steps = PrincipalLog.pendingSteps(CachedStatementExecutor(db: db))
        guard !steps.isEmpty else { return }
        try? db.inTransaction(.deferred) {
            for step in steps { try db.execute(sql: step.sql, arguments: step.statementArguments) }
            return .commit
        }
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
