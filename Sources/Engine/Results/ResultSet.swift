import Foundation
import RedshiftSQL

/// The typed rows of one finished query, kept for paging.
///
/// Small results stay in memory; larger ones live in the `ResultSpill` file and are read back one
/// page at a time, so memory stays bounded whatever the result's size.
public final class ResultSet: Sendable {
    enum Storage {
        case memory([[SQLiteValue]])
        case spilled(table: String, spill: ResultSpill)
        /// Rows `offset ..< offset + rowCount` of another result (a FETCH from a cursor): no copy.
        case window(ResultSet, offset: Int)
    }

    public let columns: [ResultColumn]
    public let rowCount: Int
    /// Bytes of the rows' text form: DescribeStatement's ResultSize.
    public let byteSize: Int
    /// Bytes of the largest row's text form.
    let largestRowBytes: Int
    private let storage: Storage

    init(columns: [ResultColumn], rowCount: Int, byteSize: Int, largestRowBytes: Int = 0, storage: Storage) {
        self.columns = columns
        self.rowCount = rowCount
        self.byteSize = byteSize
        self.largestRowBytes = largestRowBytes
        self.storage = storage
    }

    /// A window of `base`: its rows in `range` (clamped to them), sharing its storage.
    convenience init(window base: ResultSet, range: Range<Int>) {
        let range = range.clamped(to: 0..<base.rowCount)
        let bytes = base.rowCount == 0 ? 0 : Int(Double(base.byteSize) * Double(range.count) / Double(base.rowCount))
        self.init(columns: base.columns, rowCount: range.count, byteSize: bytes,
                  storage: .window(base, offset: range.lowerBound))
    }

    /// Rows `offset ..< offset + limit`.
    public func rows(offset: Int, limit: Int) throws -> [[SQLiteValue]] {
        switch storage {
        case .window(let base, let start):
            guard offset < rowCount, limit > 0 else { return [] }
            return try base.rows(offset: start + offset, limit: min(limit, rowCount - offset))
        case .memory(let rows):
            guard offset < rows.count else { return [] }
            return Array(rows[offset..<min(rows.count, offset + limit)])
        case .spilled(let table, let spill):
            return try spill.rows(of: table, columnCount: columns.count, offset: offset, limit: limit)
        }
    }

    /// Visits rows from `offset` in order until `body` returns false, without copying them.
    public func scan(from offset: Int, _ body: (any ResultRow) throws -> Bool) throws {
        switch storage {
        case .window(let base, let start):
            var left = rowCount - offset
            guard left > 0 else { return }
            try base.scan(from: start + offset) { row in
                left -= 1
                return try body(row) && left > 0
            }
        case .memory(let rows):
            guard offset < rows.count else { return }
            for row in rows[offset...] where try !body(MemoryResultRow(values: row)) { return }
        case .spilled(let table, let spill):
            try spill.scan(table, columnCount: columns.count, from: offset) { try body($0) }
        }
    }

    deinit {
        if case .spilled(let table, let spill) = storage { spill.drop(table) }
    }
}

/// Collects rows while a query runs, moving them to disk once they pass `memoryRowLimit`.
struct ResultSetBuilder {
    static let memoryRowLimit = 5_000
    private static let spillBatch = 5_000

    let columns: [ResultColumn]
    let spill: ResultSpill
    private var buffer: [[SQLiteValue]] = []
    private var spillTable: String?
    private(set) var rowCount = 0
    private(set) var byteSize = 0
    private(set) var largestRowBytes = 0

    init(columns: [ResultColumn], spill: ResultSpill) {
        self.columns = columns
        self.spill = spill
    }

    mutating func append(_ row: [SQLiteValue]) throws {
        rowCount += 1
        var rowBytes = 0
        for value in row { rowBytes += value.approximateTextSize }
        byteSize += rowBytes
        largestRowBytes = max(largestRowBytes, rowBytes)
        buffer.append(row)
        if let table = spillTable {
            if buffer.count >= Self.spillBatch { try flush(to: table) }
        } else if buffer.count > Self.memoryRowLimit {
            let table = try spill.createTable(columnCount: columns.count)
            spillTable = table
            try flush(to: table)
        }
    }

    mutating func finish() throws -> ResultSet {
        if let table = spillTable {
            try flush(to: table)
            return ResultSet(columns: columns, rowCount: rowCount, byteSize: byteSize, largestRowBytes: largestRowBytes,
                             storage: .spilled(table: table, spill: spill))
        }
        return ResultSet(columns: columns, rowCount: rowCount, byteSize: byteSize, largestRowBytes: largestRowBytes,
                         storage: .memory(buffer))
    }

    private mutating func flush(to table: String) throws {
        try spill.append(buffer, to: table, columnCount: columns.count)
        buffer.removeAll(keepingCapacity: true)
    }
}

extension SQLiteValue {
    /// A cheap estimate of the value's size as text.
    var approximateTextSize: Int {
        switch self {
        case .null: return 0
        case .integer: return 8
        case .real: return 8
        case .text(let text): return text.utf8.count
        case .blob(let bytes): return bytes.count
        }
    }
}
