import Foundation
import GRDB
import GRDBSQLite
import RedshiftSQL

/// Disk storage for large statement results: one SQLite file per server, one table per result.
///
/// Results above `ResultSetBuilder.memoryRowLimit` rows move here, so paging through a million-row
/// result keeps the server's memory bounded. The file lives in the data directory (or a private
/// temporary directory in memory mode) and is recreated at every start: results are kept 24 hours
/// by the real service, but not across restarts of the emulator.
final class ResultSpill: Sendable {
    private let queue: DatabaseQueue
    private let nextTable = Locked(0)

    init(path: String) throws {
        try? FileManager.default.removeItem(atPath: path)
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF")
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Creates an empty table for a result with `columnCount` columns and returns its name.
    func createTable(columnCount: Int) throws -> String {
        let name = nextTable.withLock { counter -> String in counter += 1; return "r\(counter)" }
        let columns = (0..<max(columnCount, 1)).map { "c\($0)" }.joined(separator: ", ")
        try queue.write { db in try db.execute(sql: "CREATE TABLE \(name) (\(columns))") }
        return name
    }

    /// Appends rows, in one transaction.
    func append(_ rows: [[SQLiteValue]], to table: String, columnCount: Int) throws {
        guard !rows.isEmpty else { return }
        let placeholders = Array(repeating: "?", count: max(columnCount, 1)).joined(separator: ", ")
        try queue.write { db in
            DataQuota.capCurrent(db)
            let statement = try db.cachedStatement(sql: "INSERT INTO \(table) VALUES (\(placeholders))")
            let raw = statement.sqliteStatement
            for row in rows {
                sqlite3_reset(raw)
                for (index, value) in row.enumerated() { Self.bind(value, at: Int32(index + 1), to: raw) }
                let code = sqlite3_step(raw)
                guard code == SQLITE_DONE else {
                    sqlite3_reset(raw)
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "storing a result failed")
                }
            }
            sqlite3_reset(raw)
            sqlite3_clear_bindings(raw)
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ value: SQLiteValue, at index: Int32, to statement: OpaquePointer) {
        switch value {
        case .null: sqlite3_bind_null(statement, index)
        case .integer(let value): sqlite3_bind_int64(statement, index, value)
        case .real(let value): sqlite3_bind_double(statement, index, value)
        case .text(let text):
            var text = text
            text.withUTF8 { _ = sqlite3_bind_text(statement, index, $0.baseAddress, Int32($0.count), transient) }
        case .blob(let bytes): bytes.withUnsafeBytes { _ = sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), transient) }
        }
    }

    /// Reads `limit` rows starting after row `offset` (0-based), in insertion order.
    func rows(of table: String, columnCount: Int, offset: Int, limit: Int) throws -> [[SQLiteValue]] {
        try queue.read { db in
            let statement = try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE rowid > ? ORDER BY rowid LIMIT ?")
            var result: [[SQLiteValue]] = []
            result.reserveCapacity(limit)
            let cursor = try Row.fetchCursor(statement, arguments: [offset, limit])
            while let row = try cursor.next() {
                result.append((0..<columnCount).map { SQLiteValue(row[$0] as DatabaseValue) })
            }
            return result
        }
    }

    /// Visits rows from row `offset` (0-based) in insertion order until `body` returns false.
    func scan(_ table: String, columnCount: Int, from offset: Int, _ body: (SpilledResultRow) throws -> Bool) throws {
        try queue.read { db in
            let statement = try db.cachedStatement(sql: "SELECT * FROM \(table) WHERE rowid > ? ORDER BY rowid")
            try statement.setArguments([offset])
            let raw = statement.sqliteStatement
            defer { sqlite3_reset(raw) }
            let row = SpilledResultRow(statement: raw, columnCount: columnCount)
            while true {
                let code = sqlite3_step(raw)
                if code == SQLITE_DONE { return }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "reading a stored result failed")
                }
                if try !body(row) { return }
            }
        }
    }

    func drop(_ table: String) {
        try? queue.write { db in try db.execute(sql: "DROP TABLE IF EXISTS \(table)") }
    }
}
