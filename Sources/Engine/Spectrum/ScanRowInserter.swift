import Foundation
import GRDB
import GRDBSQLite
import RedshiftSQL

/// The prepared INSERT that fills an external scan's temp table: each converted field is bound
/// straight from the reader's buffer (no intermediate strings or argument arrays), and the values
/// that are the same for a whole file (partition keys, `$path`, `$size`) are bound once per file,
/// since SQLite keeps bindings across `sqlite3_reset`.
final class ScanRowInserter {
    private let statement: GRDB.Statement
    private let raw: OpaquePointer
    private let db: Database
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
        raw = statement.sqliteStatement
    }

    /// Binds `value` to column `column` (0-based).
    func bind(_ value: SQLiteValue, column: Int) {
        let index = Int32(column + 1)
        switch value {
        case .null: sqlite3_bind_null(raw, index)
        case .integer(let i): sqlite3_bind_int64(raw, index, i)
        case .real(let d): sqlite3_bind_double(raw, index, d)
        case .text(let t): sqlite3_bind_text(raw, index, t, -1, Self.transient)
        case .blob(let b): b.withUnsafeBytes { _ = sqlite3_bind_blob(raw, index, $0.baseAddress, Int32($0.count), Self.transient) }
        }
    }

    /// Binds a converted field; `field` is the source of `.fieldText`.
    @inline(__always)
    func bind(_ value: LoadedValue, column: Int, field: UnsafeBufferPointer<UInt8>) {
        let index = Int32(column + 1)
        switch value {
        case .null: sqlite3_bind_null(raw, index)
        case .integer(let i): sqlite3_bind_int64(raw, index, i)
        case .real(let d): sqlite3_bind_double(raw, index, d)
        case .text(let t): sqlite3_bind_text(raw, index, t, -1, Self.transient)
        case .fieldText:
            if let base = field.baseAddress {
                sqlite3_bind_text(raw, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(field.count), Self.transient)
            } else {
                sqlite3_bind_text(raw, index, "", 0, Self.transient)
            }
        case .blob(let b): b.withUnsafeBytes { _ = sqlite3_bind_blob(raw, index, $0.baseAddress, Int32($0.count), Self.transient) }
        }
    }

    /// Inserts the bound row.
    func step() throws {
        let code = sqlite3_step(raw)
        sqlite3_reset(raw)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
        }
    }
}
