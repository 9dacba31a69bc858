import Foundation
import RedshiftSQL

/// Follows the explicit transaction blocks of one session from the statements it ran, in order,
/// so that `serve --record` can give the statements of one BEGIN … COMMIT the same
/// `transactionId` (a transaction across several round trips, from either door).
///
/// A block opens with a successful BEGIN or START TRANSACTION and closes with COMMIT, END,
/// ROLLBACK or ABORT (not `ROLLBACK TO SAVEPOINT`), which belong to it. Pure: no I/O.
public struct TransactionTracker: Sendable, Equatable {
    /// Transaction blocks seen so far in the session.
    public private(set) var blocks = 0
    /// The open block's number (1-based), nil outside a block.
    public private(set) var open: Int?

    public init() {}

    /// The block number of the statement `sql` that ended with `status`, and the state after it.
    public mutating func statement(_ sql: String, status: String) -> Int? {
        let tokens = SQLTokens(sql)
        let words = tokens.filter { $0.kind == .word }.prefix(2).map(\.text)
        switch words.first {
        case "begin", "start":
            if words.first == "start" && words.dropFirst().first != "transaction" { return open }
            if open == nil && status == "FINISHED" {
                blocks += 1
                open = blocks
            }
            return open
        case "commit", "end", "rollback", "abort":
            if words.first == "rollback" && words.dropFirst().first == "to" { return open }
            let block = open
            open = nil
            return block
        default:
            return open
        }
    }
}
