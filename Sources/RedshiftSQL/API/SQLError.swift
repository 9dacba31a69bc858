/// A Redshift-style SQL error. Becomes a FAILED statement whose Error reads "ERROR: <message>".
///
/// - Redshift: error texts follow /work/shared/reference/redshift-sql.md §5.
public struct SQLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// SQLSTATE, e.g. "42601" syntax, "42P01" undefined table, "42703" undefined column.
    public var code: String
    /// Redshift wording WITHOUT the "ERROR: " prefix.
    public var message: String
    /// 1-based character position when known.
    public var position: Int?

    /// Creates an error.
    public init(code: String, message: String, position: Int? = nil) {
        self.code = code
        self.message = message
        self.position = position
    }

    public var description: String { "ERROR: \(message)" + (position.map { " (position \($0))" } ?? "") }
}

extension SQLError {
    /// `syntax error at or near "X"` (42601).
    static func syntax(near text: String, at position: Int?) -> SQLError {
        SQLError(code: "42601", message: "syntax error at or near \"\(text)\"", position: position)
    }
    /// `syntax error at end of input` (42601).
    static func syntaxAtEnd(_ position: Int?) -> SQLError {
        SQLError(code: "42601", message: "syntax error at end of input", position: position)
    }
    /// `relation "x" does not exist` (42P01).
    static func undefinedTable(_ name: String, at position: Int? = nil) -> SQLError {
        SQLError(code: "42P01", message: "relation \"\(name)\" does not exist", position: position)
    }
    /// `column "x" does not exist` (42703).
    static func undefinedColumn(_ name: String, at position: Int? = nil) -> SQLError {
        SQLError(code: "42703", message: "column \"\(name)\" does not exist", position: position)
    }
    /// A construct this emulator does not support yet (0A000), naming it.
    static func unsupported(_ what: String, at position: Int? = nil) -> SQLError {
        SQLError(code: "0A000", message: "\(what) is not supported by the Redshift emulator yet", position: position)
    }
    /// A type mismatch (42804) or invalid operator use.
    static func datatype(_ message: String, at position: Int? = nil) -> SQLError {
        SQLError(code: "42804", message: message, position: position)
    }
    /// `function x(types) does not exist` (42883).
    static func undefinedFunction(_ signature: String, at position: Int? = nil) -> SQLError {
        SQLError(code: "42883", message: "function \(signature) does not exist", position: position)
    }
}
