import Foundation

/// The rows of a finished statement, handed to event sinks so that they can read them (e.g.
/// fingerprint them) off the statement's path (``StatementEvent/result``). Equal only to itself.
public final class StatementResultRows: Sendable, Equatable {
    public let result: ResultSet

    init(_ result: ResultSet) { self.result = result }

    /// Rows in the result.
    public var rowCount: Int { result.rowCount }

    public static func == (lhs: StatementResultRows, rhs: StatementResultRows) -> Bool { lhs === rhs }
}
