import Foundation

/// A small, fast JSON writer for the large responses (result pages), where Foundation's
/// `JSONEncoder` would dominate the cost of GetStatementResult.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func byte(_ byte: UInt8) { bytes.append(byte) }

    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string(utf8: $0) }
    }

    /// A JSON string from UTF-8 bytes, escaping quotes, backslashes and control characters.
    public mutating func string(utf8: UnsafeBufferPointer<UInt8>) { Self.appendString(utf8: utf8, to: &bytes) }

    /// Appends `text` as a quoted, escaped JSON string: shared with the recording writer.
    public static func appendString(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendString(utf8: $0, to: &bytes) }
    }

    public static func appendString(utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
            bytes.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]])
            }
            start = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<utf8.count]))
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Text written as it is (the caller knows it needs no escaping).
    public mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// Bytes written as they are.
    public mutating func raw(utf8: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: utf8) }

    public mutating func integer<I: BinaryInteger>(_ value: I) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// A finite double in the shortest form that reads back exactly.
    public mutating func double(_ value: Double) {
        bytes.append(contentsOf: value.description.utf8)
    }

    public mutating func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// `"Key":` — keys are written by the caller as static text.
    public mutating func key(_ key: StaticString) {
        byte(UInt8(ascii: "\""))
        raw(key)
        raw("\":")
    }

    public var data: Data { Data(bytes) }
}

/// An output shape with a hand-written encoder (see `AWSJSON.encode`).
public protocol FastJSONEncodable {
    func writeJSON(to writer: inout JSONWriter)
}

extension Field {
    public func writeJSON(to writer: inout JSONWriter) {
        switch self {
        case .isNull(let value): writer.raw("{\"isNull\":"); writer.bool(value)
        case .booleanValue(let value): writer.raw("{\"booleanValue\":"); writer.bool(value)
        case .longValue(let value): writer.raw("{\"longValue\":"); writer.integer(value)
        case .doubleValue(let value) where value.isFinite: writer.raw("{\"doubleValue\":"); writer.double(value)
        case .doubleValue(let value): writer.raw("{\"stringValue\":"); writer.string(value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity")
        case .stringValue(let value): writer.raw("{\"stringValue\":"); writer.string(value)
        case .blobValue(let value): writer.raw("{\"blobValue\":"); writer.string(value.base64EncodedString())
        }
        writer.byte(UInt8(ascii: "}"))
    }
}

extension ColumnMetadata {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.byte(UInt8(ascii: "{"))
        var first = true
        func separator(_ writer: inout JSONWriter) { if !first { writer.byte(UInt8(ascii: ",")) }; first = false }
        if let columnDefault { separator(&writer); writer.key("columnDefault"); writer.string(columnDefault) }
        if let isCaseSensitive { separator(&writer); writer.key("isCaseSensitive"); writer.bool(isCaseSensitive) }
        if let isCurrency { separator(&writer); writer.key("isCurrency"); writer.bool(isCurrency) }
        if let isSigned { separator(&writer); writer.key("isSigned"); writer.bool(isSigned) }
        if let label { separator(&writer); writer.key("label"); writer.string(label) }
        if let length { separator(&writer); writer.key("length"); writer.integer(length) }
        if let name { separator(&writer); writer.key("name"); writer.string(name) }
        if let nullable { separator(&writer); writer.key("nullable"); writer.integer(nullable) }
        if let precision { separator(&writer); writer.key("precision"); writer.integer(precision) }
        if let scale { separator(&writer); writer.key("scale"); writer.integer(scale) }
        if let schemaName { separator(&writer); writer.key("schemaName"); writer.string(schemaName) }
        if let tableName { separator(&writer); writer.key("tableName"); writer.string(tableName) }
        if let typeName { separator(&writer); writer.key("typeName"); writer.string(typeName) }
        writer.byte(UInt8(ascii: "}"))
    }
}

extension GetStatementResultResponse: FastJSONEncodable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.raw("{\"Records\":[")
        for (rowIndex, row) in records.enumerated() {
            if rowIndex > 0 { writer.byte(UInt8(ascii: ",")) }
            writer.byte(UInt8(ascii: "["))
            for (index, field) in row.enumerated() {
                if index > 0 { writer.byte(UInt8(ascii: ",")) }
                field.writeJSON(to: &writer)
            }
            writer.byte(UInt8(ascii: "]"))
        }
        writer.byte(UInt8(ascii: "]"))
        writeCommon(columnMetadata: columnMetadata, totalNumRows: totalNumRows, nextToken: nextToken, to: &writer)
        writer.byte(UInt8(ascii: "}"))
    }
}

extension GetStatementResultV2Response: FastJSONEncodable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.raw("{\"Records\":[")
        for (index, record) in records.enumerated() {
            if index > 0 { writer.byte(UInt8(ascii: ",")) }
            if case .csvRecords(let text) = record {
                writer.raw("{\"CSVRecords\":")
                writer.string(text)
                writer.byte(UInt8(ascii: "}"))
            }
        }
        writer.byte(UInt8(ascii: "]"))
        if let resultFormat { writer.raw(",\"ResultFormat\":"); writer.string(resultFormat.rawValue) }
        writeCommon(columnMetadata: columnMetadata, totalNumRows: totalNumRows, nextToken: nextToken, to: &writer)
        writer.byte(UInt8(ascii: "}"))
    }
}

private func writeCommon(columnMetadata: [ColumnMetadata]?, totalNumRows: Int64?, nextToken: String?,
                         to writer: inout JSONWriter) {
    if let columnMetadata {
        writer.raw(",\"ColumnMetadata\":[")
        for (index, column) in columnMetadata.enumerated() {
            if index > 0 { writer.byte(UInt8(ascii: ",")) }
            column.writeJSON(to: &writer)
        }
        writer.byte(UInt8(ascii: "]"))
    }
    if let totalNumRows { writer.raw(",\"TotalNumRows\":"); writer.integer(totalNumRows) }
    if let nextToken { writer.raw(",\"NextToken\":"); writer.string(nextToken) }
}
