/// UNLOAD … FIXEDWIDTH 'col:width,…': each field left-aligned and padded with blanks to its
/// column's width, no delimiter.
///
/// - Redshift: r_UNLOAD › FIXEDWIDTH ("FIXEDWIDTH doesn't truncate data": a longer value is written
///   whole), NULL AS (a NULL is blanks unless NULL AS gives a string; a NULL AS string wider than
///   the column gives an empty field for non-character columns and an error for character ones);
///   r_UNLOAD_command_examples (`1  Toyota Park              Bridgeview  IL0`).
public struct FixedWidthRowEncoder: RowEncoder {
    public var widths: [Int]
    public var nullAs: String?

    /// Which columns are CHAR or VARCHAR (a NULL AS string too wide for them is an error).
    public var characterColumns: Set<Int>

    public init(widths: [Int], nullAs: String? = nil, characterColumns: Set<Int> = []) {
        self.widths = widths
        self.nullAs = nullAs
        self.characterColumns = characterColumns
    }

    public func header(_ names: [String]) throws -> [UInt8]? { nil }

    public func encode(_ row: [OutputValue], into buffer: inout [UInt8]) throws {
        for (index, value) in row.enumerated() {
            let width = index < widths.count ? widths[index] : 0
            var text: String
            if let value = value.text {
                text = value
            } else if let nullAs {
                if nullAs.count > width {
                    guard !characterColumns.contains(index) else {
                        throw RowEncodingError("NULL AS string '\(nullAs)' is wider than the fixed-width column \(index + 1) (\(width))")
                    }
                    text = ""
                } else {
                    text = nullAs
                }
            } else {
                text = ""
            }
            buffer.append(contentsOf: text.utf8)
            let used = text.count
            if used < width { buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: width - used)) }
        }
        buffer.append(UInt8(ascii: "\n"))
    }
}
