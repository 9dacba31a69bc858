import Foundation
import GRDB
import GRDBSQLite
import RedshiftSQL

/// The one prepared INSERT of a COPY: each loaded value is bound straight from the converted field
/// (text fields from the reader's buffer, no copy), then the row is stepped.
final class CopyRowInserter {
    private let statement: GRDB.Statement
    private let raw: OpaquePointer
    private let db: Database
    private let sql: String

    init(db: Database, plan: CopyPlan) throws {
        self.db = db
        sql = plan.insertSQL
        statement = try db.makeStatement(sql: plan.insertSQL)
        raw = statement.sqliteStatement
        for (offset, value) in plan.constantArguments.enumerated() {
            try bindConstant(value, at: Int32(plan.columns.count + offset + 1))
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bindConstant(_ value: SQLiteValue, at index: Int32) throws {
        switch value {
        case .null: sqlite3_bind_null(raw, index)
        case .integer(let i): sqlite3_bind_int64(raw, index, i)
        case .real(let d): sqlite3_bind_double(raw, index, d)
        case .text(let t): sqlite3_bind_text(raw, index, t, -1, Self.transient)
        case .blob(let b): b.withUnsafeBytes { _ = sqlite3_bind_blob(raw, index, $0.baseAddress, Int32($0.count), Self.transient) }
        }
    }

    /// Binds loaded column `column` (0-based); `field` is the source of `.fieldText`.
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
