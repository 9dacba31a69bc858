/// UNLOAD … CSV: fields separated by `,` (or DELIMITER); a field holding the delimiter, a double
/// quotation mark, a line feed or a carriage return is enclosed in double quotation marks, and a
/// double quotation mark inside is doubled.
///
/// Rows can be encoded whole (`encode(_:into:)`) or field by field from bytes (`appendField`,
/// `appendNull`, `endRow`), which UNLOAD uses to write cells without making Strings.
///
/// - Redshift: r_UNLOAD › FORMAT CSV; r_UNLOAD_command_examples (`2,"Columbus ""Crew"" Stadium",…`).
/// - Divergence: with ADDQUOTES every non-NULL field is quoted (unverified for CSV).
public struct CSVRowEncoder: RowEncoder {
    public var delimiter: UInt8
    public var nullAs: String
    public var addQuotes: Bool

    public init(delimiter: Character = ",", nullAs: String? = nil, addQuotes: Bool = false) {
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: ",")
        self.nullAs = nullAs ?? ""
        self.addQuotes = addQuotes
    }

    public func header(_ names: [String]) throws -> [UInt8]? {
        var line: [UInt8] = []
        try encode(names.map { .text($0, character: true) }, into: &line)
        return line
    }

    public func encode(_ row: [OutputValue], into buffer: inout [UInt8]) throws {
        for (index, value) in row.enumerated() {
            guard var text = value.text else {
                appendNull(at: index, into: &buffer)
                continue
            }
            text.withUTF8 { appendField($0, at: index, into: &buffer) }
        }
        endRow(into: &buffer)
    }

    /// Appends field number `index` (0-based) of a row, `bytes` being its text, quoted if needed.
    @inline(__always)
    public func appendField(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, into buffer: inout [UInt8]) {
        if index > 0 { buffer.append(delimiter) }
        let quote = UInt8(ascii: "\"")
        var needsQuotes = addQuotes
        if !needsQuotes {
            for byte in bytes where byte == delimiter || byte == quote || byte == 10 || byte == 13 {
                needsQuotes = true
                break
            }
        }
        guard needsQuotes else {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(quote)
        for byte in bytes {
            if byte == quote { buffer.append(quote) }
            buffer.append(byte)
        }
        buffer.append(quote)
    }

    /// Appends field number `index` of a row as NULL (NULL AS, empty by default).
    public func appendNull(at index: Int, into buffer: inout [UInt8]) {
        if index > 0 { buffer.append(delimiter) }
        buffer.append(contentsOf: nullAs.utf8)
    }

    /// Ends the row.
    public func endRow(into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\n"))
    }
}
