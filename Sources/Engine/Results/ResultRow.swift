import Foundation
import GRDBSQLite
import RedshiftSQL

/// One stored result row, read without copying: the page writers use the typed accessors on the
/// hot path and `value(at:)` for everything else.
public protocol ResultRow {
    var columnCount: Int { get }
    /// SQLite's storage class of a cell.
    func storage(at index: Int) -> CellStorage
    func int64(at index: Int) -> Int64
    func double(at index: Int) -> Double
    /// The cell's UTF-8 bytes (TEXT cells only).
    func withText<T>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T
    func value(at index: Int) -> SQLiteValue
}

/// SQLite's storage class of a cell (its `SQLITE_*` code as the raw value).
public enum CellStorage: Int32, Sendable {
    case integer = 1, real = 2, text = 3, blob = 4, null = 5
}

/// A row of a result kept in memory.
struct MemoryResultRow: ResultRow {
    let values: [SQLiteValue]

    var columnCount: Int { values.count }

    func storage(at index: Int) -> CellStorage {
        switch values[index] {
        case .null: return .null
        case .integer: return .integer
        case .real: return .real
        case .text: return .text
        case .blob: return .blob
        }
    }

    func int64(at index: Int) -> Int64 {
        if case .integer(let value) = values[index] { return value }
        return 0
    }

    func double(at index: Int) -> Double {
        switch values[index] {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return 0
        }
    }

    func withText<T>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard case .text(var text) = values[index] else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return text.withUTF8 { body($0) }
    }

    func value(at index: Int) -> SQLiteValue { values[index] }
}

/// The current row of a SQLite statement reading a spilled result.
struct SpilledResultRow: ResultRow {
    let statement: OpaquePointer
    let columnCount: Int

    func storage(at index: Int) -> CellStorage { CellStorage(rawValue: sqlite3_column_type(statement, Int32(index))) ?? .null }

    func int64(at index: Int) -> Int64 { sqlite3_column_int64(statement, Int32(index)) }

    func double(at index: Int) -> Double { sqlite3_column_double(statement, Int32(index)) }

    func withText<T>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let bytes = sqlite3_column_text(statement, Int32(index))
        let count = Int(sqlite3_column_bytes(statement, Int32(index)))
        return body(UnsafeBufferPointer(start: bytes, count: count))
    }

    func value(at index: Int) -> SQLiteValue {
        switch storage(at: index) {
        case .integer: return .integer(int64(at: index))
        case .real: return .real(double(at: index))
        case .text: return .text(withText(at: index) { String(decoding: $0, as: UTF8.self) })
        case .blob:
            let count = Int(sqlite3_column_bytes(statement, Int32(index)))
            guard count > 0, let pointer = sqlite3_column_blob(statement, Int32(index)) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        case .null: return .null
        }
    }
}
