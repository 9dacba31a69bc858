/// A value as SQLite stores it.
///
/// The engine converts GRDB's `DatabaseValue` to and from this type; nothing in `RedshiftSQL`
/// depends on GRDB.
public enum SQLiteValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// One statement to run on SQLite, with bound arguments (positional `?`).
///
/// For example, `SELECT :id` with parameter `id = 7` becomes `SQLiteStatement(sql: "SELECT ?", arguments: [.text("7")])`.
public struct SQLiteStatement: Equatable, Sendable {
    /// SQLite SQL text; every value that came from the user is a `?` placeholder.
    public var sql: String
    /// Values for the `?` placeholders, in order.
    public var arguments: [SQLiteValue]

    /// Creates a statement.
    public init(sql: String, arguments: [SQLiteValue] = []) {
        self.sql = sql
        self.arguments = arguments
    }
}

/// Runs SQL on the connection the statement executes on (implemented by the engine over GRDB).
public protocol SQLiteExecutor {
    /// Runs a statement that returns no rows.
    func execute(_ statement: SQLiteStatement) throws
    /// Runs a query and returns every row.
    func query(_ statement: SQLiteStatement) throws -> [[SQLiteValue]]
}
