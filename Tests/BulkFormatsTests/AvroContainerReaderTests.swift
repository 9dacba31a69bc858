import ObjectStore
import Testing
@testable import BulkFormats

/// COPY … FORMAT AS AVRO reads object container files (Avro 1.11 specification, "Object
/// Container Files"); the fixtures come from fastavro (Fixtures/make_fixtures.py), whose written
/// values are restated here.
@Suite struct AvroContainerReaderTests {
    static let typeColumns = ["id", "name", "score", "ratio", "flag", "small", "amount", "big", "day", "t_ms", "t_us",
                              "ts_ms", "ts_us", "lts_ms", "lts_us", "uid", "color", "raw", "fx", "maybe_name",
                              "maybe_int", "tags", "attrs", "address", "color2"]

    @Test func readsTheFieldNamesInSchemaOrder() throws {
        let avro = try AvroFixtures.reader(AvroFixtures.bytes("types.avro"))
        #expect(avro.reader.fieldNames == Self.typeColumns)
        #expect(avro.reader.codec == .null)
    }

    @Test func readsEveryTypeAndLogicalType() throws {
        let records = try AvroFixtures.reader(AvroFixtures.bytes("types.avro")).all()
        try #require(records.count == 3)
        // Epoch days and microseconds of make_fixtures.py's dates, computed by hand and checked
        // with Python's datetime.
        #expect(records[0] == [
            .int(1), .string("alpha"), .double(1.5), .double(0.25), .boolean(true), .int(-7),
            .decimal("12345.67", scale: 2), .decimal("-123456789012345678901234567890.12345", scale: 5),
            .date(19782), .time(45_296_789_000), .time(86_399_999_999),
            .timestamp(1_709_208_000_123_000, utc: true), .timestamp(-500_000, utc: true),
            .timestamp(981_173_106_007_000, utc: false), .timestamp(981_173_106_789_012, utc: false),
            .string("12345678-1234-5678-1234-567812345678"), .string("GREEN"),
            .bytes([0x00, 0xff, 0x61, 0x62]), .bytes([1, 2, 3, 4]), .string("x"), .null,
            .string(#"["a","b\"q"]"#), .string(#"{"k":1}"#), .string(#"{"street":"Main St","zip":12345}"#),
            .string("BLUE"),
        ])
        #expect(records[1] == [
            .int(-2), .string(""), .double(-0.0), .double(-3.5), .boolean(false), .int(2_147_483_647),
            .decimal("-0.05", scale: 2), .decimal("0.00000", scale: 5),
            .date(-1), .time(0), .time(1),
            .timestamp(0, utc: true), .timestamp(2_147_483_648_000_000, utc: true),
            .timestamp(-2_208_988_800_000_000, utc: false), .timestamp(253_402_300_799_999_999, utc: false),
            .string("00000000-0000-0000-0000-000000000000"), .string("RED"),
            .bytes([]), .bytes([0xff, 0xff, 0xff, 0xff]), .null, .int(-5),
            .string("[]"), .string("{}"), .string(#"{"street":"Elm\n","zip":null}"#), .null,
        ])
        #expect(records[2] == [
            .int(Int64.max), .string("h\u{e9}llo \u{2713}"), .double(1e300), .double(1.0), .boolean(true),
            .int(Int64(Int32.min)), .decimal("99999999.99", scale: 2), .decimal("1.50000", scale: 5),
            .date(-719_162), .time(86_399_999_000), .time(3_723_000_000),
            .timestamp(1_704_067_200_000_000, utc: true), .timestamp(1_704_067_200_000_001, utc: true),
            .timestamp(0, utc: false), .timestamp(0, utc: false),
            .string("ffffffff-ffff-ffff-ffff-ffffffffffff"), .string("BLUE"),
            .bytes([0x5c]), .bytes(Array("abcd".utf8)), .string("y"), .int(0),
            .string(#"["only"]"#), .string(#"{"a":-1,"b":2}"#), .string(#"{"street":"","zip":0}"#),
            .string("RED"),
        ])
    }

    @Test(arguments: AvroCodec.allCases)
    func readsEveryCodecAcrossSeveralBlocks(codec: AvroCodec) throws {
        let avro = try AvroFixtures.reader(AvroFixtures.bytes("many-\(codec.rawValue).avro"))
        #expect(avro.reader.codec == codec)
        #expect(avro.reader.fieldNames == ["id", "name", "value"])
        let records = try avro.all()
        #expect(records.count == 1000)   // written in 9 blocks of about 2 KB
        for (index, record) in records.enumerated() {
            let name: BulkValue = index % 10 == 0 ? .null : .string("row\(index)")
            #expect(record == [.int(Int64(index)), name, .double(Double(index) * 0.5)])
        }
    }

    @Test func readsARecursiveNamedType() throws {
        let bytes = try AvroFixtures.bytes("recursive.avro")
        let records = try AvroFixtures.reader(bytes).all()
        #expect(records == [[.int(1), .string(#"{"value":2,"next":null}"#)], [.int(3), .null]])
        let reader = try AvroContainerReader(ArrayByteReader(bytes))
        #expect(try reader.nextRecordJSON() == #"{"value":1,"next":{"value":2,"next":null}}"#)
        #expect(try reader.nextRecordJSON() == #"{"value":3,"next":null}"#)
        #expect(try reader.nextRecordJSON() == nil)
    }

    @Test func opensAnObjectInAStore() throws {
        let store = MemoryObjectStore()
        let location = try #require(S3Location(url: "s3://bucket/data/rows.avro"))
        store.put(location, try AvroFixtures.bytes("many-snappy.avro"))
        let reader = try AvroContainerReader(store: store, location: location)
        var count = 0
        while try reader.nextRecord() != nil { count += 1 }
        #expect(count == 1000)
    }

    @Test func aFileWithNoBlocksHasNoRecords() throws {
        let schema = #"{"type":"record","name":"r","fields":[{"name":"a","type":"int"}]}"#
        let avro = try AvroFixtures.reader(AvroFixtures.file(metadata: [("avro.schema", schema)]))
        #expect(avro.reader.fieldNames == ["a"])
        #expect(try avro.all().isEmpty)
    }

    @Test func aHandMadeFileDecodes() throws {
        // Two records {a: 3, b: "hi"} and {a: -1, b: null} in one block, then an empty block.
        let schema = #"{"type":"record","name":"r","fields":[{"name":"a","type":"int"},{"name":"b","type":["null","string"]}]}"#
        let data = AvroFixtures.long(3) + AvroFixtures.long(1) + AvroFixtures.string("hi")
            + AvroFixtures.long(-1) + AvroFixtures.long(0)
        let file = AvroFixtures.file(metadata: [("avro.schema", schema), ("avro.codec", "null")], blocks: [(2, data), (0, [])])
        #expect(try AvroFixtures.reader(file).all() == [[.int(3), .string("hi")], [.int(-1), .null]])
    }
}
