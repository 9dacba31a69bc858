import Foundation
import RedshiftSQL

/// DECLARE, FETCH and CLOSE on a session's connection state (`ConnectionState.cursor`).
///
/// - Redshift: DECLARE (declare): a cursor must be declared within a transaction block; only one
///   cursor at a time can be open per session (the emulator closes the earlier one when another is
///   declared). FETCH (fetch), CLOSE (close). Errors are PostgreSQL 8.0's, which Redshift keeps:
///   `DECLARE CURSOR may only be used in transaction blocks` (25P01), `cursor "c" does not exist`
///   (34000), `cursor "c" already exists` (42P03).
enum CursorStatements {
    /// Refuses a DECLARE outside a transaction block or with the name of the open cursor.
    static func checkDeclare(_ kind: StatementKind, state: ConnectionState) throws {
        guard case .declareCursor(let name) = kind else { return }
        guard state.inExplicitTransaction else {
            throw SQLError(code: "25P01", message: "DECLARE CURSOR may only be used in transaction blocks")
        }
        if state.cursor?.name == name {
            throw SQLError(code: "42P03", message: "cursor \"\(name)\" already exists")
        }
    }

    /// FETCH (a window of the cursor's rows) or CLOSE.
    static func perform(_ kind: StatementKind, state: inout ConnectionState) throws -> StatementOutcome {
        switch kind {
        case .fetchCursor(let name, let count):
            guard var cursor = state.cursor, cursor.name == name else { throw missing(name) }
            let rows = cursor.fetch(count)
            state.cursor = cursor
            return StatementOutcome(hasResultSet: true, resultRows: Int64(rows.rowCount), result: rows)
        case .closeCursor(let name):
            guard state.cursor?.name == name else { throw missing(name) }
            state.cursor = nil
            return StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
        default:
            return StatementOutcome(hasResultSet: false, resultRows: 0, result: nil)
        }
    }

    private static func missing(_ name: String) -> SQLError {
        SQLError(code: "34000", message: "cursor \"\(name)\" does not exist")
    }
}
