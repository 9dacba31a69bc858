import BulkFormats
import Foundation
import RedshiftSQL

extension OutputValue {
    /// A stored value of a Redshift type as the text formats write it: Redshift's text output
    /// (`RedshiftType.text(of:)`: `363.00`, `t`, `2008-01-04 00:00:00`), with its kind.
    init(_ value: SQLiteValue, type: RedshiftType) {
        if case .real(let d) = value, type == .doublePrecision || type == .real {
            // The hot path of float columns: `text(of:)`'s rendering without Foundation's String(format:).
            self = .number(FloatText.format(type == .real ? Double(Float(d)) : d, significantDigits: type == .real ? 6 : 15))
            return
        }
        guard let text = type.text(of: value) else {
            self = .null
            return
        }
        switch type {
        case .char, .varchar, .unknown: self = .text(text, character: true)
        case .smallint, .integer, .bigint, .decimal, .real, .doublePrecision: self = .number(text)
        case .boolean: self = .boolean(text == "t")
        case .super: self = .json(text)
        default: self = .text(text, character: false)
        }
    }
}

/// PostgreSQL's float output (`extra_float_digits` 0), as `RedshiftType.text(of:)` renders REAL and
/// DOUBLE PRECISION: integral values below 1e15 as integers, else `%.<digits>g`.
enum FloatText {
    static func format(_ value: Double, significantDigits: Int) -> String {
        var bytes: [UInt8] = []
        append(value, significantDigits: significantDigits, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text of `value` to `out` (UNLOAD's hot path: no String is made).
    static func append(_ value: Double, significantDigits: Int, to out: inout [UInt8]) {
        if value.isNaN { return out.append(contentsOf: "NaN".utf8) }
        if value.isInfinite { return out.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8) }
        if value == value.rounded(), abs(value) < 1e15 { return UnloadCellText.appendInteger(Int64(value), to: &out) }
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 40) { buffer in
            let count = withVaList([value]) { vsnprintf(buffer.baseAddress!, 40, significantDigits == 6 ? "%.6g" : "%.15g", $0) }
            let written = UnsafeRawBufferPointer(start: buffer.baseAddress!, count: Int(max(0, min(count, 39))))
            out.append(contentsOf: written.bindMemory(to: UInt8.self))
        }
    }
}
