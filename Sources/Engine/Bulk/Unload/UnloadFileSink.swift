import BulkFormats
import Foundation
import ObjectStore
import RedshiftSQL

/// Writes the rows of one format into one object; `UnloadStream` opens one per file.
protocol UnloadFileSink: AnyObject {
    /// Appends one row (the values of the file's columns, in order).
    func write(_ row: [SQLiteValue]) throws
    /// Bytes handed to the object so far (MAXFILESIZE compares them).
    var bytesWritten: Int64 { get }
    /// Makes the object appear; returns its stored size.
    func finish() throws -> Int64
    func abort()
}

/// A text format (delimited, CSV, fixed-width, JSON lines): rows encoded by a `RowEncoder`,
/// buffered and written in 64 KB chunks; the header line (HEADER) at the top of the file.
final class TextFileSink: UnloadFileSink {
    private let writer: any ObjectWriter
    private let encoder: any RowEncoder
    private let types: [RedshiftType]
    private var buffer: [UInt8] = []
    private var values: [OutputValue] = []
    private(set) var bytesWritten: Int64 = 0
    private static let chunk = 64 * 1024

    init(writer: any ObjectWriter, encoder: any RowEncoder, types: [RedshiftType], header: [UInt8]?) {
        self.writer = writer
        self.encoder = encoder
        self.types = types
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
