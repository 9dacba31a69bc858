import ObjectStore
import Testing
@testable import BulkFormats

/// The reader streams a row group page by page through windows of the column chunk.
@Suite struct ParquetStreamingTests {
    static let location = ParquetRoundTripTests.location

    @Test func chunksLargerThanAWindowStream() throws {
        let columns = [ParquetWriterColumn(name: "n", type: .bigint, nullable: false),
                       ParquetWriterColumn(name: "s", type: .string)]
        let rows: [[BulkValue]] = (0..<200_000).map { i in [.int(Int64(i) * 7), i % 5 == 0 ? .null : .string("v\(i % 50)")] }
        let options = ParquetWriterOptions(rowGroupSize: 64 << 20, pageSize: 32 << 10, compression: .uncompressed)
        let (store, _) = try ParquetRoundTripTests.write(columns, rows, options: options)
        let reader = try ParquetReader(store: store, location: Self.location)
        #expect(reader.rowGroupCount == 1)
        var read: [[BulkValue]] = []
        while let row = try reader.nextRow() { read.append(row) }
        #expect(read == rows)
        #expect(store.bytes(at: Self.location)!.count > ColumnChunkCursor.windowSize + (400 << 10))   // the "n" chunk alone is 1.6 MB
    }

    /// A page header larger than the first header window (big page statistics) is read whole.
    @Test func pageHeadersLongerThanTheWindowAreRead() throws {
        let big = [UInt8](repeating: 0x61, count: 200_000)
        var body: [UInt8] = []
        for v: Int32 in [5, -6, 7] { body.appendLittleEndian(v) }
        let header = PageHeader(
            type: .dataPage, uncompressedPageSize: Int32(body.count), compressedPageSize: Int32(body.count),
            dataPageHeader: DataPageHeader(numValues: 3, encoding: .plain, definitionLevelEncoding: .rle,
                                           repetitionLevelEncoding: .rle,
                                           statistics: Statistics(maxValue: big, minValue: big))).thriftBytes()
        let chunkBytes = header + body
        let meta = ColumnMetaData(type: .int32, encodings: [.plain], pathInSchema: ["x"], codec: .uncompressed,
                                  numValues: 3, totalUncompressedSize: Int64(chunkBytes.count),
                                  totalCompressedSize: Int64(chunkBytes.count), dataPageOffset: 4)
        let schema = [SchemaElement(name: "schema", numChildren: 1), SchemaElement(type: .int32, repetition: .required, name: "x")]
        let footer = FileMetaData(version: 1, schema: schema, numRows: 3, rowGroups: [
            RowGroup(columns: [ColumnChunk(fileOffset: 4, metaData: meta)], totalByteSize: Int64(chunkBytes.count), numRows: 3),
        ]).thriftBytes()
        var file = Array("PAR1".utf8) + chunkBytes + footer
        file.appendLittleEndian(UInt32(footer.count))
        file += Array("PAR1".utf8)
        #expect(try ParquetCorruptFileTests.read(file) == [[.int(5)], [.int(-6)], [.int(7)]])
    }
}
