import BulkFormats
import Foundation
import RedshiftSQL

/// Redshift's text output of one UNLOAD cell, written straight from SQLite's column into a byte
/// buffer: the text formats' hot path, without the `SQLiteValue` and `String` of each cell.
///
/// Gives exactly the bytes of `OutputValue(row.value(at:), type:).text` (`RedshiftType.text(of:)`,
/// with PostgreSQL's float output): integers and scaled decimals digit by digit, floats through
/// `vsnprintf`, stored texts as they are (CHAR blank-padded); the other storages and types
/// (wide decimals, intervals, time zones, blobs) go through `text(of:)`.
struct UnloadCellText {
    private enum Kind {
        case integer, boolean, decimal(scale: Int), double, real, character(padding: Int), text, other
    }

    let type: RedshiftType
    private let kind: Kind

    init(_ type: RedshiftType) {
        self.type = type
        switch type {
        case .smallint, .integer, .bigint: kind = .integer
        case .boolean: kind = .boolean
        case .decimal(_, let scale): kind = .decimal(scale: scale)
        case .doublePrecision: kind = .double
        case .real: kind = .real
        case .char(let length): kind = .character(padding: length)
        case .varchar, .date, .timestamp, .time, .super, .varbyte, .unknown: kind = .text
        case .timestamptz, .timetz, .interval: kind = .other
        }
    }

    /// Appends the text of cell `index` of `row` to `out`; false (nothing appended) for NULL.
    func append<Row: ResultRow>(_ row: Row, _ index: Int, to out: inout [UInt8]) -> Bool {
        switch row.storage(at: index) {
        case .null:
            return false
        case .integer:
            let value = row.int64(at: index)
            switch kind {
            case .boolean: out.append(value != 0 ? 116 : 102)
            case .decimal(let scale): Self.appendScaled(value, scale: scale, to: &out)
            default: Self.appendInteger(value, to: &out)
            }
            return true
        case .real:
            let value = row.double(at: index)
            switch kind {
            case .double: FloatText.append(value, significantDigits: 15, to: &out)
            case .real: FloatText.append(Double(Float(value)), significantDigits: 6, to: &out)
            case .integer: Self.appendInteger(Int64(value.rounded(.toNearestOrAwayFromZero)), to: &out)
            case .boolean: out.append(value != 0 ? 116 : 102)
            default: return appendGeneric(row, index, to: &out)
            }
            return true
        case .text:
            switch kind {
            case .text, .integer, .double, .real:
                row.withText(at: index) { out.append(contentsOf: $0) }
            case .character(let padding):
                let count = row.withText(at: index) { bytes -> Int in
                    out.append(contentsOf: bytes)
                    return bytes.count
                }
                if count < padding { out.append(contentsOf: repeatElement(32, count: padding - count)) }
            case .boolean, .decimal, .other:
                return appendGeneric(row, index, to: &out)
            }
            return true
        case .blob:
            return appendGeneric(row, index, to: &out)
        }
    }

    private func appendGeneric<Row: ResultRow>(_ row: Row, _ index: Int, to out: inout [UInt8]) -> Bool {
        guard let text = OutputValue(row.value(at: index), type: type).text else { return false }
        out.append(contentsOf: text.utf8)
        return true
    }

    /// The decimal digits of `value`.
    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(45) }
        appendDigits(value.magnitude, minimumCount: 1, to: &out)
    }

    /// `ScaledDecimal.format`: the unscaled `value` with a point before its last `scale` digits
    /// (at least one digit before the point).
    static func appendScaled(_ value: Int64, scale: Int, to out: inout [UInt8]) {
        guard scale > 0 else { return appendInteger(value, to: &out) }
        if value < 0 { out.append(45) }
        appendDigits(value.magnitude, minimumCount: scale + 1, to: &out)
        out.insert(46, at: out.count - scale)
    }

    /// The digits of `value`, zero-padded on the left to `minimumCount`.
    static func appendDigits(_ value: UInt64, minimumCount: Int, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { scratch in
            var position = 40
            var rest = value
            repeat {
                position -= 1
                scratch[position] = 48 + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            while 40 - position < minimumCount, position > 0 {
                position -= 1
                scratch[position] = 48
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[position..<40]))
        }
    }
}
