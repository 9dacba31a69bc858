import ObjectStore

/// Streams one column chunk's values page by page, reading the chunk from the store in windows
/// of about a megabyte: memory holds one window and one decoded page per column, not the chunk.
final class ColumnChunkCursor {
    private let store: any ObjectStore
    private let location: S3Location
    private let column: ColumnDescriptor
    private var decoder: ColumnChunkDecoder
    private let end: Int64
    private var position: Int64
    private var window: [UInt8] = []
    private var windowStart: Int64 = 0
    private var values: [BulkValue] = []
    private var index = 0
    /// Values the row group still expects from pages not yet read.
    private var expected: Int

    static let windowSize = 1 << 20

    init(store: any ObjectStore, location: S3Location, fileSize: Int64, chunk: ColumnChunk,
         column: ColumnDescriptor, rows: Int) throws {
        func corrupt(_ detail: String) -> ParquetError {
            ParquetError(.corruptMetadata, "Parquet file \(location) has a corrupt footer: column \(column.column.name) \(detail)")
        }
        guard chunk.filePath == nil else {
            throw ParquetError(.unsupported, "Parquet column \(column.column.name) is stored in another file")
        }
        guard let meta = chunk.metaData else { throw corrupt("has no metadata") }
        guard meta.type == column.physical else { throw corrupt("has a chunk of another type") }
        var start = meta.dataPageOffset
        if let dictionaryOffset = meta.dictionaryPageOffset, dictionaryOffset > 0, dictionaryOffset < start {
            start = dictionaryOffset
        }
        let length = meta.totalCompressedSize
        guard start >= 4, length >= 0, start <= Int64.max - length else { throw corrupt("has a bad offset") }
        guard start + length <= fileSize - 8 else {
            throw ParquetError(.truncated, "Parquet file \(location) is truncated: column \(column.column.name) runs past the end")
        }
        self.store = store
        self.location = location
        self.column = column
        decoder = try ColumnChunkDecoder(column: column, codec: meta.codec)
        position = start
        end = start + length
        expected = rows
    }

    /// The column's next value.
    func next() throws -> BulkValue {
        while index >= values.count { try readPage() }
        defer { index += 1 }
        return values[index]
    }

    /// The next data page's levels and values (nested leaves), or nil at the chunk's end.
    func nextLeveledPage() throws -> LeveledPage? {
        while let (header, page) = try fetchPage() {
            do {
                if let leveled = try decoder.decodeLeveledPage(header, page) { return leveled }
            } catch let error as ParquetError {
                throw failure(error.kind, error.message)
            }
        }
        return nil
    }

    private func readPage() throws {
        let (header, page) = try fetchCheckedPage()
        do {
            guard let decoded = try decoder.decodePage(header, page) else { return }
            values = decoded
            index = 0
            expected -= decoded.count
        } catch let error as ParquetError {
            throw failure(error.kind, error.message)
        }
    }

    /// The next data page's values in physical form (`ColumnChunkDecoder.decodePhysicalPage`), with
    /// `next()`'s checks against the row group's rows; for flat columns read only this way.
    func nextPhysicalPage() throws -> PhysicalDataPage {
        while true {
            let (header, page) = try fetchCheckedPage()
            do {
                guard let decoded = try decoder.decodePhysicalPage(header, page) else { continue }
                expected -= decoded.rowCount
                return decoded
            } catch let error as ParquetError {
                throw failure(error.kind, error.message)
            }
        }
    }

    /// The next page; a data page must not hold more values than the row group has rows left.
    private func fetchCheckedPage() throws -> (PageHeader, [UInt8]) {
        guard let (header, page) = try fetchPage() else {
            throw failure(.corruptPage, "column \(column.column.name) has fewer values than its row group's rows")
        }
        let count = Int(header.dataPageHeader?.numValues ?? header.dataPageHeaderV2?.numValues ?? 0)
        if header.type == .dataPage || header.type == .dataPageV2, count > expected {
            throw failure(.corruptPage, "column \(column.column.name)'s pages hold more values than its row group's rows")
        }
        return (header, page)
    }

    /// The next page's header and (compressed) bytes, or nil at the chunk's end.
    private func fetchPage() throws -> (PageHeader, [UInt8])? {
        guard position < end else { return nil }
        var headerWindow = 64 << 10
        var header: PageHeader
        var headerLength: Int
        while true {
            let base = try ensure(position, Int(min(Int64(headerWindow), end - position)))
            var thrift = ThriftCompactReader(window, at: base)
            do {
                header = try PageHeader(thrift: &thrift)
                headerLength = thrift.position - base
                break
            } catch let error as ParquetError {
                // A page header longer than the window (large statistics): read more and retry.
                guard windowStart + Int64(window.count) < end, headerWindow < 64 << 20 else {
                    throw failure(error.kind, error.message)
                }
                headerWindow *= 4
            }
        }
        let size = Int(header.compressedPageSize)
        let bodyStart = position + Int64(headerLength)
        guard Int64(size) <= end - bodyStart else {
            throw failure(.truncated, "a page of column \(column.column.name) runs past its column chunk")
        }
        let base = try ensure(bodyStart, size)
        let page = Array(window[base..<base + size])
        position = bodyStart + Int64(size)
        return (header, page)
    }

    /// Makes the window hold `count` bytes from `offset` (within the chunk); returns the index
    /// of `offset` in the window.
    private func ensure(_ offset: Int64, _ count: Int) throws -> Int {
        if offset >= windowStart, offset + Int64(count) <= windowStart + Int64(window.count) {
            return Int(offset - windowStart)
        }
        let length = Int(min(Int64(max(count, Self.windowSize)), end - offset))
        let bytes = try store.read(location, offset: offset, length: length)
        guard bytes.count == length else { throw failure(.truncated, "the file is shorter than its footer says") }
        window = bytes
        windowStart = offset
        return 0
    }

    private func failure(_ kind: ParquetError.Kind, _ detail: String) -> ParquetError {
        ParquetError(kind, "Parquet file \(location): \(detail)")
    }
}
