import ObjectStore

/// Writes a Parquet file into an `ObjectWriter` as rows arrive (UNLOAD … FORMAT PARQUET).
///
/// The file starts with `PAR1`; each row group is written out once its buffered size reaches
/// `options.rowGroupSize`, so memory is bounded by one row group; `close()` writes the last row
/// group and the footer. The caller owns `output` and calls its `finish()` (or `abort()`)
/// after `close()`. For example:
///
///     let writer = try ParquetWriter(columns: [.init(name: "id", type: .integer, nullable: false),
///                                              .init(name: "name", type: .string)],
///                                    output: try store.writer(for: location))
///     try writer.append([.int(1), .string("one")])
///     try writer.close()
///     try output.finish()
///
/// A value that does not fit its column (a null in a NOT NULL column, a string in an INTEGER
/// column, an out-of-range number) throws `ParquetError(.invalidValue)`; the row is not added.
public final class ParquetWriter {
    public let columns: [ParquetWriterColumn]
    public let options: ParquetWriterOptions
    /// Bytes handed to the output so far (the magic and every finished row group).
    public private(set) var bytesWritten: Int64 = 0
    /// Rows appended so far.
    @exclusivity(unchecked) public private(set) var rowCount: Int64 = 0

    private let output: any ObjectWriter
    // Per-row state, `@exclusivity(unchecked)` as in ColumnChunkWriter (private, one thread).
    @exclusivity(unchecked) private var chunks: [ColumnChunkWriter]
    private var rowGroups: [RowGroup] = []
    @exclusivity(unchecked) private var rowsInGroup = 0
    private var closed = false
    /// The row being appended, checked (reused from row to row).
    @exclusivity(unchecked) private var encodedRow: [EncodedValue] = []
    /// The chunks' buffered size when last summed, and the rows appended since: summing every
    /// chunk after every row cost more than encoding the row.
    @exclusivity(unchecked) private var bufferedSize = 0
    @exclusivity(unchecked) private var rowsSinceSizeCheck = 0
    /// How many rows may pass between two sums of the buffered size (a row group may exceed
    /// `rowGroupSize` by at most these rows).
    static let sizeCheckInterval = 32

    /// Starts a file: checks the schema and writes the leading magic.
    public init(columns: [ParquetWriterColumn], output: any ObjectWriter,
                options: ParquetWriterOptions = ParquetWriterOptions()) throws {
        guard !columns.isEmpty else { throw ParquetError(.invalidValue, "A Parquet file needs at least one column") }
        self.columns = columns
        self.options = options
        self.output = output
        let compression = try PageCompression(options.compression.codec)
        chunks = try columns.map { try ColumnChunkWriter(column: $0, options: options, compression: compression) }
        try emit(ParquetReader.magic)
    }

    /// The size the file would have if closed now: what was written, plus the buffered row
    /// group (as summed at most `sizeCheckInterval` rows ago), plus an estimate of the footer.
    /// UNLOAD's MAXFILESIZE compares against this.
    public var estimatedFileSize: Int64 {
        let buffered = bufferedSize
        let footer = 200 + (rowGroups.count + 1) * columns.count * 120
        return bytesWritten + Int64(buffered + footer)
    }

    /// Adds a row (one value per column, in column order).
    public func append(_ row: [BulkValue]) throws {
        guard !closed else { throw ParquetError(.invalidValue, "The Parquet writer is closed") }
        guard row.count == columns.count else {
            throw ParquetError(.invalidValue, "A row of \(row.count) values for \(columns.count) Parquet columns")
        }
        encodedRow.removeAll(keepingCapacity: true)
        for index in chunks.indices { encodedRow.append(try chunks[index].check(row[index])) }
        for index in chunks.indices { try chunks[index].append(encodedRow[index]) }
        rowsInGroup += 1
        rowCount += 1
        rowsSinceSizeCheck += 1
        if rowsSinceSizeCheck >= Self.sizeCheckInterval {
            rowsSinceSizeCheck = 0
            bufferedSize = chunks.reduce(0) { $0 + $1.bufferedSize }
            if bufferedSize >= options.rowGroupSize { try flushRowGroup() }
        }
    }

    /// Writes out the rows buffered so far as a row group now (nothing if there are none).
    public func flushRowGroup() throws {
        guard rowsInGroup > 0 else { return }
        let start = bytesWritten
        var metadata: [ColumnChunk] = []
        var uncompressed: Int64 = 0
        for chunk in chunks {
            let offset = bytesWritten
            let (bytes, meta) = try chunk.finishChunk(at: offset)
            try emit(bytes)
            uncompressed += meta.totalUncompressedSize
            metadata.append(ColumnChunk(filePath: nil, fileOffset: offset, metaData: meta))
        }
        rowGroups.append(RowGroup(columns: metadata, totalByteSize: uncompressed, numRows: Int64(rowsInGroup),
                                  fileOffset: start, totalCompressedSize: bytesWritten - start,
                                  ordinal: Int16(truncatingIfNeeded: rowGroups.count)))
        rowsInGroup = 0
        bufferedSize = 0
        rowsSinceSizeCheck = 0
    }

    /// Writes the last row group and the footer. The file is then complete in `output`.
    public func close() throws {
        guard !closed else { return }
        try flushRowGroup()
        closed = true
        let schema = [SchemaElement(name: "schema", numChildren: Int32(columns.count))] + chunks.map(\.schemaElement)
        let footer = FileMetaData(version: 1, schema: schema, numRows: rowCount, rowGroups: rowGroups,
                                  createdBy: options.createdBy).thriftBytes()
        var tail: [UInt8] = []
        tail.appendLittleEndian(UInt32(footer.count))
        try emit(footer + tail + ParquetReader.magic)
    }

    private func emit(_ bytes: [UInt8]) throws {
        try output.write(bytes)
        bytesWritten += Int64(bytes.count)
    }
}
