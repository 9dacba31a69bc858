import Testing
@testable import BulkFormats

/// Thrift's compact protocol as Parquet uses it (apache/parquet-format parquet.thrift; the
/// Thrift compact protocol specification).
@Suite struct ParquetThriftTests {
    @Test func roundTripsAPageHeader() throws {
        let header = PageHeader(
            type: .dataPage, uncompressedPageSize: 1234, compressedPageSize: 99, crc: -5,
            dataPageHeader: DataPageHeader(numValues: 300, encoding: .plainDictionary, definitionLevelEncoding: .rle,
                                           repetitionLevelEncoding: .rle,
                                           statistics: Statistics(max: [9], min: [1], nullCount: 4)))
        var reader = ThriftCompactReader(header.thriftBytes())
        #expect(try PageHeader(thrift: &reader) == header)
    }

    @Test func roundTripsAFooterWithEveryLogicalType() throws {
        let logicalTypes: [LogicalType] = [
            .string, .enumeration, .json, .uuid, .date, .decimal(scale: 2, precision: 9),
            .time(utc: true, unit: .millis), .timestamp(utc: false, unit: .nanos), .integer(bitWidth: 8, signed: false),
        ]
        let schema = [SchemaElement(name: "schema", numChildren: Int32(logicalTypes.count))]
            + logicalTypes.enumerated().map { SchemaElement(type: .int32, repetition: .optional, name: "c\($0.offset)", logicalType: $0.element) }
        let chunk = ColumnChunk(fileOffset: 4, metaData: ColumnMetaData(
            type: .int32, encodings: [.plain, .rle], pathInSchema: ["c0"], codec: .snappy, numValues: 3,
            totalUncompressedSize: 50, totalCompressedSize: 40, dataPageOffset: 4, dictionaryPageOffset: nil))
        let footer = FileMetaData(version: 1, schema: schema, numRows: 3,
                                  rowGroups: [RowGroup(columns: [chunk], totalByteSize: 50, numRows: 3, ordinal: 0)],
                                  keyValueMetadata: [KeyValue(key: "k", value: "v")], createdBy: "test")
        var reader = ThriftCompactReader(footer.thriftBytes())
        #expect(try FileMetaData(thrift: &reader) == footer)
    }

    /// Newer writers add fields this reader does not know: every Thrift type is skipped.
    @Test func skipsUnknownFieldsOfEveryType() throws {
        var w = ThriftCompactWriter()
        w.fieldI32(1, 0)                       // type = DATA_PAGE
        w.fieldI32(2, 10)
        w.fieldI32(3, 10)
        w.fieldBinary(20, [1, 2, 3])           // unknown, id delta > 15
        w.beginListField(21, element: .structure, count: 2)
        for _ in 0..<2 {
            w.beginStruct()
            w.fieldI64(1, -99)
            w.fieldBool(2, true)
            w.endStruct()
        }
        w.beginStructField(22)
        w.fieldI16(1, 7)
        w.fieldI8(2, -1)
        w.beginListField(3, element: .boolTrue, count: 20)
        var bytes = w.bytes
        bytes += [UInt8](repeating: 1, count: 20)   // bool elements, one byte each
        bytes.append(0)                                        // end of struct field 22
        bytes += [0x3B, 0x01, 0x58, 0x05, 0x02, 0xAA, 0xBB]     // field 25: map<i32, binary> {-3: AA BB}
        bytes += [0x17, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F]           // field 26: double 1.0
        bytes.append(0)                              // end of PageHeader
        var reader = ThriftCompactReader(bytes)
        let header = try PageHeader(thrift: &reader)
        #expect(header.type == .dataPage)
        #expect(header.compressedPageSize == 10)
        #expect(reader.position == bytes.count)
    }

    @Test func truncatedMetadataThrows() throws {
        let bytes = PageHeader(type: .dictionaryPage, uncompressedPageSize: 5, compressedPageSize: 5,
                               dictionaryPageHeader: DictionaryPageHeader(numValues: 1, encoding: .plain)).thriftBytes()
        for length in 0..<bytes.count {
            var reader = ThriftCompactReader(Array(bytes[0..<length]))
            #expect(throws: ParquetError.self) { try PageHeader(thrift: &reader) }
        }
    }

    @Test func missingRequiredFieldThrows() throws {
        var w = ThriftCompactWriter()
        w.fieldI32(1, 0)   // no sizes
        var reader = ThriftCompactReader(w.finish())
        let error = #expect(throws: ParquetError.self) { try PageHeader(thrift: &reader) }
        #expect(error?.kind == .corruptMetadata)
    }

    @Test func garbageNeverCrashes() {
        var state: UInt64 = 42
        for _ in 0..<300 {
            let bytes = (0..<64).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
            var reader = ThriftCompactReader(bytes)
            _ = try? FileMetaData(thrift: &reader)
        }
    }
}
