import ObjectStore
import Testing
@testable import BulkFormats

/// A file that is not Avro, is cut short or damaged throws a clear `AvroError`, never traps.
@Suite struct AvroErrorTests {
    static let schema = #"{"type":"record","name":"r","fields":[{"name":"a","type":"long"}]}"#

    static func readAll(_ bytes: [UInt8]) throws {
        _ = try AvroFixtures.reader(bytes).all()
    }

    @Test func aFileThatIsNotAvroThrows() throws {
        let error = try #require(throws: AvroError.self) { try Self.readAll(Array("PAR1 not avro at all".utf8)) }
        #expect(error.kind == .corrupt)
        #expect(error.message.contains("magic"))
    }

    @Test func anEmptyFileThrows() throws {
        let error = try #require(throws: AvroError.self) { try Self.readAll([]) }
        #expect(error.kind == .truncated)
    }

    @Test(arguments: [10, 200, 1000, 5000, 9000])
    func aTruncatedFileThrows(length: Int) throws {
        let bytes = try AvroFixtures.bytes("many-snappy.avro")
        let error = try #require(throws: AvroError.self) { try Self.readAll(Array(bytes.prefix(length))) }
        #expect(error.kind == .truncated)
    }

    @Test func aDamagedSyncMarkerThrows() throws {
        var bytes = try AvroFixtures.bytes("many-deflate.avro")
        bytes[bytes.count - 1] ^= 0xff
        let error = try #require(throws: AvroError.self) { try Self.readAll(bytes) }
        #expect(error.message.contains("sync marker"))
    }

    @Test func aDamagedSnappyBlockFailsItsChecksum() throws {
        var bytes = try AvroFixtures.bytes("many-snappy.avro")
        bytes[bytes.count / 2] ^= 0x01
        #expect(throws: AvroError.self) { try Self.readAll(bytes) }
    }

    @Test func aDamagedZstandardBlockThrows() throws {
        var bytes = try AvroFixtures.bytes("many-zstandard.avro")
        for index in stride(from: bytes.count / 2, to: bytes.count / 2 + 40, by: 3) { bytes[index] ^= 0x5a }
        #expect(throws: AvroError.self) { try Self.readAll(bytes) }
    }

    @Test func anUnsupportedCodecThrows() throws {
        let file = AvroFixtures.file(metadata: [("avro.schema", Self.schema), ("avro.codec", "xz")])
        let error = try #require(throws: AvroError.self) { try Self.readAll(file) }
        #expect(error.kind == .unsupported)
        #expect(error.message.contains("'xz'"))
    }

    @Test(arguments: [#""long""#, #"{"type":"array","items":"int"}"#, "{not json", #"{"type":"record","name":"r"}"#,
                      #"{"type":"record","name":"r","fields":[{"name":"a","type":"Unknown"}]}"#])
    func aSchemaThatIsNotARecordOrInvalidThrows(schema: String) throws {
        let error = try #require(throws: AvroError.self) { try Self.readAll(AvroFixtures.file(metadata: [("avro.schema", schema)])) }
        #expect(error.kind == .schema)
    }

    @Test func aMissingSchemaThrows() throws {
        let error = try #require(throws: AvroError.self) { try Self.readAll(AvroFixtures.file(metadata: [])) }
        #expect(error.kind == .schema)
    }

    @Test func aBlockWithFewerBytesThanItsRecordsThrows() throws {
        let file = AvroFixtures.file(metadata: [("avro.schema", Self.schema)], blocks: [(3, AvroFixtures.long(1))])
        let error = try #require(throws: AvroError.self) { try Self.readAll(file) }
        #expect(error.kind == .truncated)
    }

    @Test func aBlockWithBytesAfterItsRecordsThrows() throws {
        let file = AvroFixtures.file(metadata: [("avro.schema", Self.schema)], blocks: [(1, AvroFixtures.long(1) + [0x02])])
        let error = try #require(throws: AvroError.self) { try Self.readAll(file) }
        #expect(error.message.contains("after its records"))
    }

    @Test func aNegativeBlockCountThrows() throws {
        let file = AvroFixtures.file(metadata: [("avro.schema", Self.schema)], blocks: [(-1, AvroFixtures.long(1))])
        #expect(throws: AvroError.self) { try Self.readAll(file) }
    }

    @Test func aUnionBranchOutOfRangeThrows() throws {
        let schema = #"{"type":"record","name":"r","fields":[{"name":"a","type":["null","long"]}]}"#
        let file = AvroFixtures.file(metadata: [("avro.schema", schema)], blocks: [(1, AvroFixtures.long(2))])
        let error = try #require(throws: AvroError.self) { try Self.readAll(file) }
        #expect(error.message.contains("union branch"))
    }

    @Test func invalidUTF8InAStringThrows() throws {
        let schema = #"{"type":"record","name":"r","fields":[{"name":"s","type":"string"}]}"#
        let file = AvroFixtures.file(metadata: [("avro.schema", schema)], blocks: [(1, AvroFixtures.long(2) + [0xc3, 0x28])])
        let error = try #require(throws: AvroError.self) { try Self.readAll(file) }
        #expect(error.message.contains("UTF-8"))
    }
}

extension AvroErrorTests {
    @Test func aChainNestedTooDeeplyThrowsInsteadOfOverflowingTheStack() throws {
        // A linked list 100,000 nodes long: each node is branch 1 (a Node) with value 0, then null.
        let schema = #"{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}"#
        let nodes = 100_000
        let data = AvroFixtures.long(0) + [UInt8]((0..<nodes).flatMap { _ in AvroFixtures.long(1) + AvroFixtures.long(0) }) + AvroFixtures.long(0)
        let file = AvroFixtures.file(metadata: [("avro.schema", schema)], blocks: [(1, data)])
        let error = try #require(throws: AvroError.self) { try Self.readAll(file) }
        #expect(error.message.contains("nest"))
    }
}

extension AvroErrorTests {
    @Test func aSchemaNestedTooDeeplyThrows() throws {
        let depth = 20_000
        let items = String(repeating: #"{"type":"array","items":"#, count: depth) + #""int""# + String(repeating: "}", count: depth)
        let schema = #"{"type":"record","name":"r","fields":[{"name":"a","type":"# + items + "}]}"
        let error = try #require(throws: AvroError.self) { try Self.readAll(AvroFixtures.file(metadata: [("avro.schema", schema)])) }
        #expect(error.kind == .schema)
    }
}
