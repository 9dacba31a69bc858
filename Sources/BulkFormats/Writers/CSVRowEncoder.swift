/// UNLOAD … CSV: fields separated by `,` (or DELIMITER); a field holding the delimiter, a double
/// quotation mark, a line feed or a carriage return is enclosed in double quotation marks, and a
/// double quotation mark inside is doubled.
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
            if index > 0 { buffer.append(delimiter) }
            guard let text = value.text else {
                buffer.append(contentsOf: nullAs.utf8)
                continue
            }
            let quote = UInt8(ascii: "\"")
            let needsQuotes = addQuotes || text.utf8.contains {
                $0 == delimiter || $0 == quote || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
            }
            guard needsQuotes else {
                buffer.append(contentsOf: text.utf8)
                continue
            }
            buffer.append(quote)
            for byte in text.utf8 {
                if byte == quote { buffer.append(quote) }
                buffer.append(byte)
            }
            buffer.append(quote)
        }
        buffer.append(UInt8(ascii: "\n"))
    }
}
