import BulkFormats
import Foundation
import ObjectStore
import RedshiftSQL

/// Writes the rows of one format into one object; `UnloadStream` opens one per file.
protocol UnloadFileSink: AnyObject {
    /// Appends one row (the values of the file's columns, in order).
    func write(_ row: [SQLiteValue]) throws
    /// Appends the current row of a query: its cells at `columns`, in order.
    func write(_ row: SpilledResultRow, columns: [Int]) throws
    /// Bytes handed to the object so far (MAXFILESIZE compares them).
    var bytesWritten: Int64 { get }
    /// Makes the object appear; returns its stored size.
    func finish() throws -> Int64
    func abort()
}

extension UnloadFileSink {
    func write(_ row: SpilledResultRow, columns: [Int]) throws {
        try write(columns.map { row.value(at: $0) })
    }
}

/// A text format (delimited, CSV, fixed-width, JSON lines): rows encoded by a `RowEncoder`,
/// buffered and written in 64 KB chunks; the header line (HEADER) at the top of the file.
final class TextFileSink: UnloadFileSink {
    private let writer: any ObjectWriter
    private let encoder: any RowEncoder
    private let types: [RedshiftType]
    private var buffer: [UInt8] = []
    private var values: [OutputValue] = []
    /// CSV rows are written cell by cell from the query's columns (`UnloadCellText`).
    private let csv: CSVRowEncoder?
    private let cells: [UnloadCellText]
    private var cell: [UInt8] = []
    private(set) var bytesWritten: Int64 = 0
    private static let chunk = 64 * 1024

    init(writer: any ObjectWriter, encoder: any RowEncoder, types: [RedshiftType], header: [UInt8]?) {
        self.writer = writer
        self.encoder = encoder
        self.types = types
        csv = encoder as? CSVRowEncoder
        cells = types.map(UnloadCellText.init)
        buffer.reserveCapacity(Self.chunk + 4096)
        values.reserveCapacity(types.count)
        if let header { append(header) }
    }

    func write(_ row: [SQLiteValue]) throws {
        values.removeAll(keepingCapacity: true)
        for (index, value) in row.enumerated() { values.append(OutputValue(value, type: types[index])) }
        let before = buffer.count
        try encoder.encode(values, into: &buffer)
        bytesWritten += Int64(buffer.count - before)
        if buffer.count >= Self.chunk { try flush() }
    }

    func write(_ row: SpilledResultRow, columns: [Int]) throws {
        guard let csv else { return try write(columns.map { row.value(at: $0) }) }
        let before = buffer.count
        for (index, column) in columns.enumerated() {
            cell.removeAll(keepingCapacity: true)
            if cells[index].append(row, column, to: &cell) {
                cell.withUnsafeBufferPointer { csv.appendField($0, at: index, into: &buffer) }
            } else {
                csv.appendNull(at: index, into: &buffer)
            }
        }
        csv.endRow(into: &buffer)
        bytesWritten += Int64(buffer.count - before)
        if buffer.count >= Self.chunk { try flush() }
    }

    private func append(_ bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        bytesWritten += Int64(bytes.count)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try writer.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws -> Int64 {
        try flush()
        return try writer.finish().size
    }

    func abort() { writer.abort() }
}
