import ObjectStore
import Testing
@testable import BulkFormats

/// Bad input (issue 14: "a corrupt Parquet footer"): a clear `ParquetError`, never a crash.
/// Redshift's exact text for a corrupt file is not documented; these messages are ours.
@Suite struct ParquetCorruptFileTests {
    static let location = ParquetRoundTripTests.location

    static func validFile() throws -> [UInt8] {
        let columns = [ParquetWriterColumn(name: "id", type: .integer), ParquetWriterColumn(name: "s", type: .string)]
        let rows: [[BulkValue]] = (0..<200).map { [.int(Int64($0)), .string("row \($0 % 9)")] }
        let (store, _) = try ParquetRoundTripTests.write(columns, rows)
        return store.bytes(at: location)!
    }

    static func read(_ bytes: [UInt8]) throws -> [[BulkValue]] {
        let store = MemoryObjectStore()
        store.put(location, bytes)
        let reader = try ParquetReader(store: store, location: location)
        var rows: [[BulkValue]] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return rows
    }

    @Test func aFileWithoutTheMagicIsNotParquet() throws {
        let error = #expect(throws: ParquetError.self) { try Self.read(Array("id,name\n1,one\n2,two\n".utf8)) }
        #expect(error?.kind == .notParquet)
        #expect(error?.message.contains("not a Parquet file") == true)
    }

    @Test func aTinyFileIsNotParquet() throws {
        let error = #expect(throws: ParquetError.self) { try Self.read(Array("PAR1PAR1".utf8)) }
        #expect(error?.kind == .notParquet)
    }

    @Test func aTruncatedFileThrows() throws {
        let bytes = try Self.validFile()
        for cut in [bytes.count - 1, bytes.count - 9, bytes.count / 2, 20] {
            #expect(throws: ParquetError.self) { try Self.read(Array(bytes[0..<cut])) }
        }
    }

    @Test func aFooterLengthLargerThanTheFileThrows() throws {
        var bytes = try Self.validFile()
        bytes[bytes.count - 5] = 0x7F
        let error = #expect(throws: ParquetError.self) { try Self.read(bytes) }
        #expect(error?.kind == .corruptMetadata)
        #expect(error?.message.contains("corrupt footer") == true)
    }

    @Test func aScrambledFooterThrows() throws {
        var bytes = try Self.validFile()
        let length = Int(bytes[bytes.count - 8]) | Int(bytes[bytes.count - 7]) << 8
        let start = bytes.count - 8 - length
        for i in start..<start + length / 2 { bytes[i] = 0xEE }
        #expect(throws: ParquetError.self) { try Self.read(bytes) }
    }

    @Test func everySingleByteCorruptionThrowsOrReadsWithoutCrashing() throws {
        let bytes = try Self.validFile()
        for index in stride(from: 0, to: bytes.count, by: 3) {
            var damaged = bytes
            damaged[index] ^= 0x5A
            _ = try? Self.read(damaged)
        }
    }

    static func fileWithFooter(_ footer: FileMetaData) -> [UInt8] {
        let bytes = footer.thriftBytes()
        var file = Array("PAR1".utf8) + bytes
        file.appendLittleEndian(UInt32(bytes.count))
        return file + Array("PAR1".utf8)
    }

    @Test func nestedFieldsAreJSONColumns() throws {
        let schema = [SchemaElement(name: "schema", numChildren: 2),
                      SchemaElement(type: .int32, repetition: .required, name: "id"),
                      SchemaElement(repetition: .optional, name: "tags", numChildren: 1, convertedType: .list),
                      SchemaElement(repetition: .repeated, name: "list", numChildren: 1),
                      SchemaElement(type: .byteArray, repetition: .optional, name: "element", logicalType: .string)]
        let store = MemoryObjectStore()
        store.put(Self.location, Self.fileWithFooter(FileMetaData(version: 1, schema: schema, numRows: 0, rowGroups: [])))
        let reader = try ParquetReader(store: store, location: Self.location)
        #expect(reader.columns == [ParquetColumn(name: "id", type: .integer(bitWidth: 32, signed: true), nullable: false),
                                   ParquetColumn(name: "tags", type: .json, nullable: true)])
    }

    @Test func schemaChildCountsMustMatch() throws {
        let schema = [SchemaElement(name: "schema", numChildren: 3),
                      SchemaElement(type: .int32, repetition: .required, name: "id")]
        let error = #expect(throws: ParquetError.self) {
            try Self.read(Self.fileWithFooter(FileMetaData(version: 1, schema: schema, numRows: 0, rowGroups: [])))
        }
        #expect(error?.kind == .corruptMetadata)
    }

    @Test func aGroupWithoutChildrenOrTypeIsCorrupt() throws {
        let schema = [SchemaElement(name: "schema", numChildren: 1), SchemaElement(repetition: .optional, name: "g")]
        #expect(throws: ParquetError.self) {
            try Self.read(Self.fileWithFooter(FileMetaData(version: 1, schema: schema, numRows: 0, rowGroups: [])))
        }
    }

    @Test func aMissingObjectIsAStoreError() {
        let store = MemoryObjectStore(buckets: ["b"])
        #expect(throws: ObjectStoreError.self) { try ParquetReader(store: store, location: Self.location) }
    }
}

/// Pages that fail to decompress (issue 14's bad input) throw `.corruptPage` naming the codec.
@Suite struct ParquetPageCompressionTests {
    @Test func garbageFailsToDecompress() throws {
        for codec in [CompressionCodec.snappy, .gzip, .zstd] {
            let compression = try PageCompression(codec)
            let error = #expect(throws: ParquetError.self) {
                try compression.decompress([0xFF, 0xFE, 0xFD, 0x00, 0x13, 0x37], uncompressedSize: 100)
            }
            #expect(error?.kind == .corruptPage)
            #expect(error?.message.contains(PageCompression.name(codec)) == true)
        }
    }

    @Test func aWrongUncompressedSizeFails() throws {
        for codec in [CompressionCodec.snappy, .gzip, .zstd] {
            let compression = try PageCompression(codec)
            let page = try compression.compress(Array(repeating: 7, count: 500))
            #expect(try compression.decompress(page, uncompressedSize: 500) == Array(repeating: 7, count: 500))
            #expect(throws: ParquetError.self) { try compression.decompress(page, uncompressedSize: 400) }
        }
    }

    @Test func codecsWithoutALibraryAreRefused() {
        for codec in [CompressionCodec.lzo, .brotli, .lz4, .lz4Raw] {
            let error = #expect(throws: ParquetError.self) { try PageCompression(codec) }
            #expect(error?.kind == .unsupported)
        }
    }

    @Test func aCorruptSnappyPageInAFileThrows() throws {
        let columns = [ParquetWriterColumn(name: "x", type: .bigint, nullable: false)]
        let rows: [[BulkValue]] = (0..<2000).map { [.int(Int64($0 * 31))] }
        let (store, _) = try ParquetRoundTripTests.write(columns, rows, options: ParquetWriterOptions(compression: .snappy))
        var bytes = store.bytes(at: ParquetRoundTripTests.location)!
        // The first page's data starts after "PAR1" and its header; damage the middle of it.
        for i in 40..<200 { bytes[i] = 0xFF }
        #expect(throws: ParquetError.self) { try ParquetCorruptFileTests.read(bytes) }
    }
}
