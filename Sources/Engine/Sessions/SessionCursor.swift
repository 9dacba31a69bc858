import Foundation

/// A cursor DECLAREd in a session: its rows, computed once when it is declared (Redshift
/// materializes a cursor's whole result on the leader node, in memory or on disk), and where it
/// stands. FETCH hands out windows of those rows without copying them.
///
/// - Redshift: DECLARE (declare): only one cursor at a time can be open per session, and only inside
///   a transaction block; FETCH (fetch); CLOSE (close). The cursor closes when the transaction ends.
struct SessionCursor {
    let name: String
    let rows: ResultSet
    var position: CursorPosition

    init(name: String, rows: ResultSet) {
        self.name = name
        self.rows = rows
        self.position = CursorPosition(rowCount: rows.rowCount)
    }

    /// FETCH: the next `count` rows (nil: all the rest) as a window of the cursor's rows.
    mutating func fetch(_ count: Int?) -> ResultSet {
        ResultSet(window: rows, range: position.fetch(count))
    }
}

/// Where a cursor stands, as the FETCH page defines it: before the first row when declared, on the
/// last row fetched after a FETCH, after the last row once a FETCH runs off the end. `FORWARD 0`
/// re-reads the current row without moving (nothing before the first or after the last row).
struct CursorPosition: Equatable, Sendable {
    let rowCount: Int
    /// 0: before the first row; 1 … rowCount: on that row; rowCount + 1: after the last row.
    private(set) var current = 0

    init(rowCount: Int) { self.rowCount = rowCount }

    /// Moves forward by `count` rows (nil: to the end) and returns the 0-based rows passed over.
    mutating func fetch(_ count: Int?) -> Range<Int> {
        if count == 0 {
            return current >= 1 && current <= rowCount ? (current - 1)..<current : 0..<0
        }
        guard current <= rowCount else { return 0..<0 }
        let wanted = min(count ?? rowCount, rowCount + 1)   // FORWARD 9223372036854775807 must not overflow
        let end = min(rowCount, current + wanted)
        let rows = current..<end
        current = current + wanted <= rowCount ? current + wanted : rowCount + 1
        return rows.isEmpty ? 0..<0 : rows
    }
}
