import Foundation
import GRDB
import RedshiftSQL
import GRDBSQLite

/// A connection's SQLite statements kept prepared for translated SQL that runs again (a client
/// repeating the same query): preparing is a good part of a short query's cost.
///
/// Reuse needs no invalidation of ours: SQLite re-prepares a statement whose schema changed
/// (DDL, temp tables created or dropped, functions registered) before its next step, so it
/// resolves names as a fresh one would; grants and policies are applied by the translation,
/// whose SQL text is the key. Touched only on the connection's serial queue; emptied before the
/// connection closes (an unfinalized statement keeps SQLite from closing the file).
final class PreparedStatements {
    static let capacity = 64
    private var statements = RecentlyUsed<String, Statement>(capacity: PreparedStatements.capacity)

    /// A prepared statement for `sql`, reset and without bindings.
    func statement(_ sql: String, db: Database) throws -> Statement {
        if let statement = statements.value(for: sql) {
            sqlite3_reset(statement.sqliteStatement)
            sqlite3_clear_bindings(statement.sqliteStatement)
            return statement
        }
        let statement = try db.makeStatement(sql: sql)
        statements.store(statement, for: sql)
        return statement
    }

    /// Forgets `sql`'s statement (after it failed: the next run prepares it anew).
    func forget(_ sql: String) { statements.removeValue(for: sql) }

    func removeAll() { statements.removeAll() }

    var count: Int { statements.count }
}

extension Statement {
    /// Binds `values` to the statement's `?` parameters in order, straight through SQLite's C API
    /// (GRDB's `StatementArguments` costs more than a short query's step). A count that does not
    /// match goes through GRDB, which reports it.
    func bind(_ values: [SQLiteValue]) throws {
        let raw = sqliteStatement
        guard Int(sqlite3_bind_parameter_count(raw)) == values.count else {
            try setArguments(StatementArguments(values.map(\.databaseValue)))
            return
        }
        let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(raw, index)
            case .integer(let integer): code = sqlite3_bind_int64(raw, index, integer)
            case .real(let real): code = sqlite3_bind_double(raw, index, real)
            case .text(let text): code = sqlite3_bind_text(raw, index, text, -1, transient)
            case .blob(let bytes):   // as GRDB binds Data
                code = Data(bytes).withUnsafeBytes { sqlite3_bind_blob(raw, index, $0.baseAddress, Int32($0.count), transient) }
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code),
                                    message: String(cString: sqlite3_errmsg(sqlite3_db_handle(raw))), sql: sql)
            }
        }
    }
}
