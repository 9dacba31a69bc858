import Foundation
import BulkFormats
import ObjectStore
import RedshiftSQL

/// Typed rows (Parquet, Avro) as COPY's text fields: each `BulkValue` is written as the text the
/// column's conversion reads (dates `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS.ffffff`,
/// decimals at their scale, VARBYTE as hexadecimal), so one set of conversion rules and load
/// errors serves every format.
final class BulkRowRecordSource: TextRecordSource {
    private let nextRow: () throws -> [BulkValue]?
    /// For each loaded column, the index of its value in a row (nil: absent, loads NULL).
    private let sources: [Int?]
    /// Loaded columns of type VARBYTE (bytes are written as hexadecimal for them).
    private let hexColumns: [Bool]
    private var fields: [[UInt8]?] = []
    private var row = 0

    init(columns: [CopyPlan.Column], sources: [Int?], nextRow: @escaping () throws -> [BulkValue]?) {
        self.nextRow = nextRow
        self.sources = sources
        hexColumns = columns.map { if case .varbyte = $0.type { return true } else { return false } }
    }

    func next() throws -> Bool {
        guard let values = try nextRow() else { return false }
        row += 1
        fields = sources.enumerated().map { column, source in
            guard let source, source < values.count else { return nil }
            return Self.text(values[source], hex: hexColumns[column])
        }
        return true
    }

    static func text(_ value: BulkValue, hex: Bool) -> [UInt8]? {
        switch value {
        case .null: return nil
        case .boolean(let b): return Array((b ? "true" : "false").utf8)
        case .int(let i): return Array(String(i).utf8)
        case .double(let d): return Array("\(d)".utf8)
        case .decimal(let text, _): return Array(text.utf8)
        case .string(let s): return Array(s.utf8)
        case .bytes(let bytes):
            guard hex else { return bytes }
            let digits = Array("0123456789abcdef".utf8)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count * 2)
            for byte in bytes { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 15)]) }
            return out
        case .date(let days): return Array(dateText(Int(days)).utf8)
        case .timestamp(let micros, _):
            var days = micros / 86_400_000_000
            var rest = micros % 86_400_000_000
            if rest < 0 { rest += 86_400_000_000; days -= 1 }
            return Array((dateText(Int(days)) + " " + timeText(rest)).utf8)
        case .time(let micros): return Array(timeText(micros).utf8)
        }
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
    var fieldCount: Int { fields.count }
    func withField<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try (fields[index] ?? []).withUnsafeBufferPointer(body)
    }
    /// Typed values are never NULL AS matches; an empty string stays a string.
    func isQuoted(_ index: Int) -> Bool { true }
    func isNull(_ index: Int) -> Bool { fields[index] == nil }
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
