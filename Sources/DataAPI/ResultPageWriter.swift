import DataAPIModel
import Engine
import Foundation
import RedshiftSQL

/// Writes one page of a stored result straight to JSON: GetStatementResult's `Records` of typed
/// `Field`s, or GetStatementResultV2's CSV text. The hot path of fetching: rows are read from
/// storage without copies and common column types are written without intermediate values.
///
/// Pages are cut by a byte budget; ColumnMetadata and TotalNumRows come on every page
/// (awswrangler reads them from each page, reference data-api.md §6.3).
struct ResultPageWriter {
    /// How a column's cells are written.
    private enum Writer {
        case integer, float, text
        case generic(RedshiftType)

        init(_ type: RedshiftType) {
            switch type {
            case .smallint, .integer, .bigint: self = .integer
            case .real, .doublePrecision: self = .float
            case .varchar, .date: self = .text   // stored as the text Redshift prints (CHAR is padded on output: generic)
            default: self = .generic(type)
            }
        }
    }

    let result: ResultSet
    let statementId: String
    let budget: Int

    /// A GetStatementResult page starting at row `offset`.
    func jsonPage(from offset: Int) throws -> Data {
        var writer = JSONWriter(capacity: min(budget + 64 * 1024, 16 * 1024 * 1024))
        let writers = result.columns.map { Writer($0.type) }
        var next = offset
        writer.raw("{\"Records\":[")
        try result.scan(from: offset) { row in
            if next > offset {
                if writer.bytes.count >= budget { return false }
                writer.byte(UInt8(ascii: ","))
            }
            writer.byte(UInt8(ascii: "["))
            for index in 0..<writers.count {
                if index > 0 { writer.byte(UInt8(ascii: ",")) }
                Self.writeField(row, index, writers[index], to: &writer)
            }
            writer.byte(UInt8(ascii: "]"))
            next += 1
            return true
        }
        writer.byte(UInt8(ascii: "]"))
        writeTrailer(next: next, scope: "result", to: &writer)
        return writer.data
    }

    /// A GetStatementResultV2 page: one CSVRecords chunk, the header row on the first page only.
    func csvPage(from offset: Int) throws -> Data {
        var csv = JSONWriter(capacity: min(budget + 64 * 1024, 16 * 1024 * 1024))
        if offset == 0 {
            for (index, column) in result.columns.enumerated() {
                if index > 0 { csv.byte(UInt8(ascii: ",")) }
                Self.appendCSV(column.name, to: &csv)
            }
            csv.raw("\r\n")
        }
        let writers = result.columns.map { Writer($0.type) }
        var next = offset
        try result.scan(from: offset) { row in
            if next > offset && csv.bytes.count >= budget { return false }
            for index in 0..<writers.count {
                if index > 0 { csv.byte(UInt8(ascii: ",")) }
                Self.writeCSVCell(row, index, writers[index], to: &csv)
            }
            csv.raw("\r\n")
            next += 1
            return true
        }
        var writer = JSONWriter(capacity: csv.bytes.count + csv.bytes.count / 8 + 4096)
        writer.raw("{\"Records\":[")
        if !csv.bytes.isEmpty {
            writer.raw("{\"CSVRecords\":")
            csv.bytes.withUnsafeBufferPointer { writer.string(utf8: $0) }
            writer.byte(UInt8(ascii: "}"))
        }
        writer.raw("],\"ResultFormat\":\"CSV\"")
        writeTrailer(next: next, scope: "csv", to: &writer)
        return writer.data
    }

    private func writeTrailer(next: Int, scope: String, to writer: inout JSONWriter) {
        writer.raw(",\"ColumnMetadata\":[")
        for (index, column) in result.columns.enumerated() {
            if index > 0 { writer.byte(UInt8(ascii: ",")) }
            ResultEncoding.metadata(column).writeJSON(to: &writer)
        }
        writer.raw("],\"TotalNumRows\":")
        writer.integer(result.rowCount)
        if next < result.rowCount {
            writer.raw(",\"NextToken\":")
            writer.string(PageToken.encode(Int64(next), scope: scope, extra: statementId))
        }
        writer.byte(UInt8(ascii: "}"))
    }

    private static func writeField(_ row: any ResultRow, _ index: Int, _ kind: Writer, to writer: inout JSONWriter) {
        let storage = row.storage(at: index)
        if storage == .null { writer.raw("{\"isNull\":true}"); return }
        switch kind {
        case .integer where storage == .integer:
            writer.raw("{\"longValue\":")
            writer.integer(row.int64(at: index))
            writer.byte(UInt8(ascii: "}"))
        case .float where storage == .real && row.double(at: index).isFinite:
            writer.raw("{\"doubleValue\":")
            writer.double(row.double(at: index))
            writer.byte(UInt8(ascii: "}"))
        case .text where storage == .text:
            writer.raw("{\"stringValue\":")
            row.withText(at: index) { writer.string(utf8: $0) }
            writer.byte(UInt8(ascii: "}"))
        case .generic(let type):
            ResultEncoding.field(row.value(at: index), type: type).writeJSON(to: &writer)
        default:
            ResultEncoding.field(row.value(at: index), type: Self.type(of: kind)).writeJSON(to: &writer)
        }
    }

    private static func writeCSVCell(_ row: any ResultRow, _ index: Int, _ kind: Writer, to csv: inout JSONWriter) {
        let storage = row.storage(at: index)
        if storage == .null { return }
        switch kind {
        case .integer where storage == .integer:
            csv.integer(row.int64(at: index))
        case .text where storage == .text:
            row.withText(at: index) { appendCSV(utf8: $0, to: &csv) }
        case .float where storage == .real:
            let value = row.double(at: index)
            if let text = Self.shortFloatText(value) { csv.raw(text) } else {
                appendCSV(ResultEncoding.text(.real(value), type: .doublePrecision) ?? "", to: &csv)
            }
        case .generic(let type):
            appendCSV(ResultEncoding.text(row.value(at: index), type: type) ?? "", to: &csv)
        default:
            appendCSV(ResultEncoding.text(row.value(at: index), type: Self.type(of: kind)) ?? "", to: &csv)
        }
    }

    /// The type behind a specialised writer, for cells stored in an unexpected class.
    private static func type(of kind: Writer) -> RedshiftType {
        switch kind {
        case .integer: return .bigint
        case .float: return .doublePrecision
        case .text: return .varchar(length: 65535)
        case .generic(let type): return type
        }
    }

    /// PostgreSQL's `%.15g` text of a double, when Swift's shortest representation already is it:
    /// a finite value written without exponent in at most 15 significant digits. Such a value's
    /// 15-digit rounding is its shortest representation, since a double's error is below half a unit
    /// of the 15th digit. nil otherwise (the caller takes the general path).
    static func shortFloatText(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let text = value.description
        var digits = 0
        var leading = true
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            case UInt8(ascii: "0") where leading: continue
            case UInt8(ascii: "0")...UInt8(ascii: "9"): leading = false; digits += 1
            default: continue
            }
        }
        return digits <= 15 ? text : nil
    }

    private static func appendCSV(_ text: String, to csv: inout JSONWriter) {
        var text = text
        text.withUTF8 { appendCSV(utf8: $0, to: &csv) }
    }

    private static func needsQuoting(_ byte: UInt8) -> Bool {
        byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D   // , " LF CR
    }

    /// RFC 4180: quote a field containing `,` `"` CR or LF, doubling embedded quotes.
    private static func appendCSV(utf8: UnsafeBufferPointer<UInt8>, to csv: inout JSONWriter) {
        let needsQuotes = utf8.contains(where: Self.needsQuoting)
        guard needsQuotes else { csv.raw(utf8: utf8); return }
        csv.byte(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { csv.byte(byte) }
            csv.byte(byte)
        }
        csv.byte(UInt8(ascii: "\""))
    }
}
