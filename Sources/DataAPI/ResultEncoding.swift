import DataAPIModel
import Foundation
import RedshiftSQL

/// How typed result values and columns appear on the wire (reference data-api.md §6).
enum ResultEncoding {
    /// The `Field` union member for a value of a Redshift type: integers as longValue, floats as
    /// doubleValue, booleans as booleanValue, everything else as Redshift's text in stringValue.
    static func field(_ value: SQLiteValue, type: RedshiftType) -> Field {
        if case .null = value { return .isNull(true) }
        switch type {
        case .smallint, .integer, .bigint:
            switch value {
            case .integer(let i): return .longValue(i)
            case .real(let d) where d.isFinite && abs(d) < 9.2e18: return .longValue(Int64(d.rounded(.toNearestOrAwayFromZero)))
            case .text(let s): return Int64(s).map(Field.longValue) ?? .stringValue(s)
            default: break
            }
        case .real, .doublePrecision:
            switch value {
            case .integer(let i): return .doubleValue(Double(i))
            case .real(let d): return .doubleValue(d)
            case .text(let s): return Double(s).map(Field.doubleValue) ?? .stringValue(s)
            default: break
            }
        case .boolean:
            switch value {
            case .integer(let i): return .booleanValue(i != 0)
            case .real(let d): return .booleanValue(d != 0)
            case .text(let s): return .booleanValue(["t", "true", "1", "y", "yes", "on"].contains(s.lowercased()))
            default: break
            }
        case .unknown:
            switch value {
            case .integer(let i): return .longValue(i)
            case .real(let d): return .doubleValue(d)
            default: break
            }
        case .varbyte:
            // stringValue holding base64, as real Redshift Serverless answers `'abc'::varbyte`
            // with {"stringValue": "YWJj"} (issue 17); a client reading blobValue would see NULL.
            if case .blob(let bytes) = value { return .stringValue(Data(bytes).base64EncodedString()) }
        default:
            break
        }
        return .stringValue(text(value, type: type) ?? "")
    }

    /// The value as text, the way the Data API prints it: Redshift's text output, except that
    /// timestamps come in JDBC's `Timestamp.toString()` form, which always has a fraction
    /// (`2022-02-22 00:00:00.0`, reference §6.1).
    ///
    /// CHAR values come without their blank padding: the Management Guide's Data API example of
    /// `select * from stl_query` shows bpchar(32) values such as `"dev"` (data-api-calling). The
    /// engine's SQL semantics and the PostgreSQL door keep the padded text.
    static func text(_ value: SQLiteValue, type: RedshiftType) -> String? {
        guard let text = type.text(of: value) else { return nil }
        if type == .timestamp, text.count == 19 { return text + ".0" }
        if case .char = type { return unpadded(text) }
        return text
    }

    /// `text` without its trailing blanks.
    static func unpadded(_ text: String) -> String {
        guard text.last == " " else { return text }
        return String(text[..<(text.lastIndex { $0 != " " }.map { text.index(after: $0) } ?? text.startIndex)])
    }

    /// ColumnMetadata of a result column (reference §6.2). Only a column read straight from a
    /// NOT NULL table column reports `nullable` 0; computed columns report 1, as `SELECT current_user`
    /// does on the real service.
    static func metadata(_ column: ResultColumn) -> ColumnMetadata {
        let nullable = column.tableName.isEmpty || column.nullable ? 1 : 0
        return ColumnMetadata(isCaseSensitive: column.type.isCaseSensitive, isCurrency: false, isSigned: column.type.isSigned,
                       label: column.name, length: 0, name: column.name, nullable: nullable,
                       precision: column.isNullLiteral ? RedshiftType.unknown.metadataPrecision : column.type.metadataPrecision,
                       scale: column.type.metadataScale,
                       schemaName: column.schemaName, tableName: column.tableName, typeName: column.type.typeName)
    }

    /// One CSV field: RFC 4180 quoting; NULL as an empty field; booleans `t`/`f` (emulator decision,
    /// reference §6.5 marks these renderings unverified).
    static func csvField(_ value: SQLiteValue, type: RedshiftType) -> String {
        guard let text = text(value, type: type) else { return "" }
        return csvQuoted(text)
    }

    static func csvQuoted(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
