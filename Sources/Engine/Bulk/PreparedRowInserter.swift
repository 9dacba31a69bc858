import Foundation
import GRDB
import GRDBSQLite
import RedshiftSQL

/// One prepared INSERT that bulk loads step row after row — COPY's into its table, an external
/// scan's into its temp table: each value is bound straight to the statement (a converted field
/// from the reader's buffer, without a copy), and values bound once stay bound across rows, since
/// SQLite keeps bindings across `sqlite3_reset` (COPY's constant columns, a file's partition keys).
final class PreparedRowInserter {
    private let statement: GRDB.Statement
    private let raw: OpaquePointer
    private let db: Database
    private let sql: String
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(db: Database, sql: String) throws {
        self.db = db
        self.sql = sql
        statement = try db.makeStatement(sql: sql)
        raw = statement.sqliteStatement
    }

    /// COPY's INSERT, with the constant values of the columns it does not load bound once.
    convenience init(db: Database, plan: CopyPlan) throws {
        try self.init(db: db, sql: plan.insertSQL)
        for (offset, value) in plan.constantArguments.enumerated() { bind(value, column: plan.columns.count + offset) }
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

    /// Binds a converted field to column `column` (0-based); `field` is the source of `.fieldText`.
    @inline(__always)
    func bind(_ value: LoadedValue, column: Int, field: UnsafeBufferPointer<UInt8>) {
        let index = Int32(column + 1)
        switch value {
        case .null: sqlite3_bind_null(raw, index)
        case .integer(let i): sqlite3_bind_int64(raw, index, i)
        case .real(let d): sqlite3_bind_double(raw, index, d)
        case .text(let t): sqlite3_bind_text(raw, index, t, -1, Self.transient)
        case .fieldText:
            // An empty buffer may have no base address; SQLite needs a pointer for an empty text.
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
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
        }
    }
}
