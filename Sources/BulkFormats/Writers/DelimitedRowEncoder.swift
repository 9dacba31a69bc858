/// UNLOAD's default text format: fields separated by a delimiter (`|` unless DELIMITER says
/// otherwise), one row a line.
///
/// - Redshift: r_UNLOAD › NULL AS (NULL is an empty field unless NULL AS gives a string),
///   ADDQUOTES (every field in double quotation marks), ESCAPE (for CHAR and VARCHAR fields a `\`
///   before a line feed, a carriage return, the delimiter, `\` itself, and — with ADDQUOTES — `"`
///   and `'`), HEADER (the column names, with the same transformations).
/// - Divergence: a NULL is not put in quotation marks by ADDQUOTES (unverified).
public struct DelimitedRowEncoder: RowEncoder {
    public var delimiter: UInt8
    public var nullAs: String
    public var addQuotes: Bool
    public var escape: Bool

    public init(delimiter: Character = "|", nullAs: String? = nil, addQuotes: Bool = false, escape: Bool = false) {
        self.delimiter = delimiter.asciiValue ?? UInt8(ascii: "|")
        self.nullAs = nullAs ?? ""
        self.addQuotes = addQuotes
        self.escape = escape
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
            if addQuotes { buffer.append(UInt8(ascii: "\"")) }
            if escape && value.isCharacter {
                for byte in text.utf8 {
                    if needsEscape(byte) { buffer.append(UInt8(ascii: "\\")) }
                    buffer.append(byte)
                }
            } else {
                buffer.append(contentsOf: text.utf8)
            }
            if addQuotes { buffer.append(UInt8(ascii: "\"")) }
        }
        buffer.append(UInt8(ascii: "\n"))
    }

    private func needsEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\\"), delimiter: return true
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return addQuotes
        default: return false
        }
    }
}
