import Foundation
import BulkFormats
import ObjectStore
import RedshiftSQL

/// Typed rows (Parquet, Avro) as COPY's text fields: each `BulkValue` is written as the text the
/// column's conversion reads (dates `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS[.ffffff]`,
/// decimals at their scale, VARBYTE as hexadecimal), so one set of conversion rules and load
/// errors serves every format.
///
/// A field's text is made only when it is asked for: strings and decimals lend their own UTF-8
/// bytes, and `storedValue(_:for:)` gives integers, floats and booleans their stored value with no
/// text at all (the same value and errors as converting the text).
final class BulkRowRecordSource: TextRecordSource {
    /// Replaces the row's values with the next row's; false after the last row.
    private let fillRow: (inout [BulkValue]) throws -> Bool
    private var values: [BulkValue] = []
    /// For each loaded column, the index of its value in a row (nil: absent, loads NULL).
    private let sources: [Int?]
    /// Loaded columns of type VARBYTE (bytes are written as hexadecimal for them).
    private let hexColumns: [Bool]
    /// The text of the current row's fields made so far, one after the other, and where each is
    /// (nil: not made yet).
    private var bytes: [UInt8] = []
    private var ranges: [Range<Int>?] = []
    private var row = 0

    init(columns: [CopyPlan.Column], sources: [Int?], nextRow: @escaping () throws -> [BulkValue]?) {
        self.fillRow = { row in
            guard let values = try nextRow() else { return false }
            row = values
            return true
        }
        self.sources = sources
        hexColumns = columns.map { if case .varbyte = $0.type { return true } else { return false } }
        bytes.reserveCapacity(4096)
        ranges = Array(repeating: nil, count: sources.count)
    }

    /// A source filling one reused row (`ParquetReader.nextRow(into:)`): no array per row.
    init(columns: [CopyPlan.Column], sources: [Int?], fillRow: @escaping (inout [BulkValue]) throws -> Bool) {
        self.fillRow = fillRow
        self.sources = sources
        hexColumns = columns.map { if case .varbyte = $0.type { return true } else { return false } }
        bytes.reserveCapacity(4096)
        ranges = Array(repeating: nil, count: sources.count)
    }

    func next() throws -> Bool {
        guard try fillRow(&values) else { return false }
        row += 1
        bytes.removeAll(keepingCapacity: true)
        for index in ranges.indices { ranges[index] = nil }
        return true
    }

    /// The current row's value for loaded column `index` (`.null` when the column is absent).
    @inline(__always)
    func value(_ index: Int) -> BulkValue {
        guard let source = sources[index], source < values.count else { return .null }
        return values[source]
    }

    /// The stored value of field `index` for `converter`'s column made straight from the typed
    /// value, or nil when it has no direct form (then the field's text is converted).
    @inline(__always)
    func storedValue(_ index: Int, for converter: LoadFieldConverter) throws(LoadFieldError) -> LoadedValue? {
        try converter.storedValue(of: value(index))
    }

    /// The range of field `index`'s text in `bytes`, made on first use.
    private func range(_ index: Int) -> Range<Int> {
        if let range = ranges[index] { return range }
        let start = bytes.count
        _ = Self.appendText(value(index), hex: hexColumns[index], to: &bytes)
        let range = start..<bytes.count
        ranges[index] = range
        return range
    }

    /// The text of `value`, or nil for NULL.
    static func text(_ value: BulkValue, hex: Bool) -> [UInt8]? {
        var out: [UInt8] = []
        return appendText(value, hex: hex, to: &out) ? out : nil
    }

    /// Appends the text of `value` to `out`; false (nothing appended) for NULL. Numbers, dates and
    /// times are written digit by digit, without making Strings.
    static func appendText(_ value: BulkValue, hex: Bool, to out: inout [UInt8]) -> Bool {
        switch value {
        case .null: return false
        case .boolean(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): appendInteger(i, to: &out)
        case .double(let d): out.append(contentsOf: d.description.utf8)
        case .decimal(let text, _): out.append(contentsOf: text.utf8)
        case .string(let s): out.append(contentsOf: s.utf8)
        case .bytes(let bytes):
            guard hex else { out.append(contentsOf: bytes); return true }
            let digits: StaticString = "0123456789abcdef"
            let table = UnsafeBufferPointer(start: digits.utf8Start, count: 16)
            out.reserveCapacity(out.count + bytes.count * 2)
            for byte in bytes { out.append(table[Int(byte >> 4)]); out.append(table[Int(byte & 15)]) }
        case .date(let days): appendDate(Int(days), to: &out)
        case .timestamp(let micros, _):
            var days = micros / 86_400_000_000
            var rest = micros % 86_400_000_000
            if rest < 0 { rest += 86_400_000_000; days -= 1 }
            appendDate(Int(days), to: &out)
            out.append(32)
            appendTime(rest, to: &out)
        case .time(let micros): appendTime(micros, to: &out)
        }
        return true
    }

    private static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(45) }
        appendDigits(value.magnitude, width: 1, to: &out)
    }

    /// The decimal digits of `value`, zero-padded to `width`.
    private static func appendDigits(_ value: UInt64, width: Int, to out: inout [UInt8]) {
        let start = out.count
        var rest = value
        repeat {
            out.append(48 + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        while out.count - start < width { out.append(48) }
        out[start...].reverse()
    }

    /// `YYYY-MM-DD` (years outside 0…9999 as `dateText` writes them).
    private static func appendDate(_ days: Int, to out: inout [UInt8]) {
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        guard (0...9999).contains(year) else {
            out.append(contentsOf: dateText(days).utf8)
            return
        }
        appendDigits(UInt64(year), width: 4, to: &out)
        out.append(45)
        appendDigits(UInt64(month), width: 2, to: &out)
        out.append(45)
        appendDigits(UInt64(day), width: 2, to: &out)
    }

    /// `HH:MM:SS`, then `.` and the fraction without trailing zeros when it is not 0 (the form
    /// TIMESTAMP values are stored in).
    private static func appendTime(_ micros: Int64, to out: inout [UInt8]) {
        guard micros >= 0 else {
            out.append(contentsOf: timeText(micros).utf8)
            return
        }
        let seconds = UInt64(micros / 1_000_000)
        let fraction = UInt64(micros % 1_000_000)
        appendDigits(seconds / 3600, width: 2, to: &out)
        out.append(58)
        appendDigits(seconds / 60 % 60, width: 2, to: &out)
        out.append(58)
        appendDigits(seconds % 60, width: 2, to: &out)
        guard fraction != 0 else { return }
        out.append(46)
        appendDigits(fraction, width: 6, to: &out)
        while out.last == 48 { out.removeLast() }
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func dateText(_ days: Int) -> String {
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func timeText(_ micros: Int64) -> String {
        let seconds = Int(micros / 1_000_000)
        let fraction = Int(micros % 1_000_000)
        return pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
            + (fraction == 0 ? "" : "." + pad(fraction, 6))
    }

    func skipLines(_ count: Int) throws {}
    var fieldCount: Int { sources.count }
    func withField<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let range = range(index)
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
    func withFieldBytes(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        switch value(index) {
        case .string(let text), .decimal(let text, _):
            // The string's own UTF-8 is the field's text: no copy.
            if text.utf8.withContiguousStorageIfAvailable(body) != nil { return }
        default: break
        }
        let range = range(index)
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
    /// Typed values are never NULL AS matches; an empty string stays a string.
    func isQuoted(_ index: Int) -> Bool { true }
    func isNull(_ index: Int) -> Bool {
        if case .null = value(index) { return true }
        return false
    }
    /// The row's number in the file (STL_LOAD_ERRORS.line_number).
    var lineNumber: Int { row }
    var rawLine: [UInt8] { [] }
    var recordError: DelimitedRecordReader.RecordError? { nil }
}

/// Turns Avro records into JSON lines for COPY … AVRO 's3://…jsonpaths' (paths reach into nested
/// records, arrays and maps).
final class AvroJSONLines: ByteReader {
    private let reader: AvroContainerReader
    private var pending: [UInt8] = []
    private var offset = 0

    init(_ reader: AvroContainerReader) { self.reader = reader }

    func read(maxLength: Int) throws -> [UInt8] {
        while offset == pending.count {
            guard let record = try reader.nextRecordJSON() else { return [] }
            pending = Array(record.utf8) + [10]
            offset = 0
        }
        let end = min(pending.count, offset + maxLength)
        defer { offset = end }
        return Array(pending[offset..<end])
    }
}
