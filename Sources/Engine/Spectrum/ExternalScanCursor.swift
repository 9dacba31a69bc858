import Foundation
import ObjectStore
import RedshiftSQL

/// One pass over an external scan's files, in order, record by record: what a cursor of the
/// statement's virtual table reads (`ExternalScanModule`).
///
/// Only the columns the query uses are decoded (`used`, from SQLite's colUsed mask). A pass
/// opens each file when it reaches it and drops it at its end, so memory holds one file's
/// reader (for Parquet, about a page per used column). When SQLite scans the table again (a
/// correlated subquery, the inner loop of a join), the second pass keeps its rows in memory, up
/// to `ExternalScanSource.keptValueLimit` values, and later passes replay them.
final class ExternalScanCursor {
    private let source: ExternalScanSource
    // Single-threaded: SQLite calls a cursor from its connection only, one call at a time, so
    // the per-row properties skip dynamic exclusivity checks.
    @exclusivity(unchecked) private var used: [Bool] = []
    @exclusivity(unchecked) private var fileIndex = 0
    @exclusivity(unchecked) private var rows: ExternalFileRows?
    @exclusivity(unchecked) private var constants: [SQLiteValue] = []
    @exclusivity(unchecked) private(set) var rowid: Int64 = 0
    @exclusivity(unchecked) private(set) var atEnd = true
    /// The rows this pass keeps for later passes (the current row last), or nil.
    @exclusivity(unchecked) private var keeping: [[SQLiteValue]]?
    @exclusivity(unchecked) private var keptValues = 0
    /// The rows a previous pass kept, replayed instead of reading the files.
    @exclusivity(unchecked) private var replay: [[SQLiteValue]]?

    /// The table's data columns (the constant columns follow them).
    private let dataCount: Int

    init(_ source: ExternalScanSource) {
        self.source = source
        dataCount = source.scan.table.columns.count
    }

    /// Starts a pass reading the columns `used` (indexes into the virtual table's columns).
    func start(using used: [Bool]) throws {
        self.used = Array(used.prefix(source.scan.table.columns.count))
        fileIndex = -1
        rowid = 0
        rows = nil
        atEnd = false
        let pass = source.beginPass(using: self.used)
        replay = pass.kept
        keeping = pass.keep ? [] : nil
        keptValues = 0
        try advance()
    }

    /// Moves to the next row, opening the next file at the end of one.
    func advance() throws {
        if let replay {
            atEnd = Int(rowid) >= replay.count
            if !atEnd { rowid += 1 }
            return
        }
        do {
            while true {
                if let rows, try rows.next() {
                    rowid += 1
                    if keeping != nil { try keepRow(rows) }
                    return
                }
                rows = nil
                fileIndex += 1
                guard fileIndex < source.files.count, let store = source.store else {
                    atEnd = true
                    source.passRead(Int(rowid))
                    if let keeping { source.keep(keeping, using: used) }
                    keeping = nil
                    return
                }
                let file = source.files[fileIndex]
                constants = file.constants
                rows = try ExternalFileRows(file: file.info, table: source.scan.table, store: store, used: used)
            }
        } catch {
            source.failed = true
            atEnd = true
            throw error
        }
    }

    private func keepRow(_ rows: ExternalFileRows) throws {
        var row: [SQLiteValue] = []
        row.reserveCapacity(used.count + constants.count)
        for (column, isUsed) in used.enumerated() { row.append(isUsed ? try rows.value(column: column) : .null) }
        row.append(contentsOf: constants)
        keptValues += row.count
        if keptValues > ExternalScanSource.keptValueLimit {
            keeping = nil
        } else {
            keeping?.append(row)
        }
    }

    /// Sets column `column` of the current row as the result of an xColumn call.
    func result(column: Int, into context: OpaquePointer?) throws {
        if replay != nil || keeping != nil, let row = replay.map({ $0[Int(rowid) - 1] }) ?? keeping?.last {
            return SQLiteResult.set(column < row.count ? row[column] : .null, context)
        }
        if column < dataCount {
            guard let rows else { return SQLiteResult.set(SQLiteValue.null, context) }
            do {
                try rows.result(column: column, into: context)
            } catch {
                source.failed = true
                throw error
            }
        } else if column - dataCount < constants.count {
            SQLiteResult.set(constants[column - dataCount], context)
        } else {
            SQLiteResult.set(SQLiteValue.null, context)
        }
    }
}
