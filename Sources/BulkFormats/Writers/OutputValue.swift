/// One field of a row UNLOAD writes to a text format (delimited, CSV, fixed-width, JSON): the
/// value already rendered as Redshift prints it, and what the formats need to know of its type.
public enum OutputValue: Equatable, Sendable {
    case null
    /// Redshift's text output of the value; `character` for CHAR and VARCHAR (ESCAPE applies to
    /// them only; JSON quotes every text).
    case text(String, character: Bool)
    /// A number as printed (`363.00`, `42`, `1.5`): unquoted in JSON.
    case number(String)
    /// A BOOLEAN (`t`/`f` in text files).
    case boolean(Bool)
    /// A SUPER value: its JSON text, nested as is in JSON files.
    case json(String)

    /// The text a delimited, CSV or fixed-width file shows; nil for NULL.
    public var text: String? {
        switch self {
        case .null: return nil
        case .text(let text, _), .number(let text), .json(let text): return text
        case .boolean(let value): return value ? "t" : "f"
        }
    }

    var isCharacter: Bool {
        if case .text(_, true) = self { return true }
        return false
    }
}

/// Turns UNLOAD rows into the bytes of one text format, line by line.
public protocol RowEncoder {
    /// The header line for these column names (HEADER), or nil when the format has none.
    func header(_ names: [String]) throws -> [UInt8]?
    /// Appends one row, with its line end.
    func encode(_ row: [OutputValue], into buffer: inout [UInt8]) throws
}

/// An UNLOAD row that cannot be written in the requested format.
public struct RowEncodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
