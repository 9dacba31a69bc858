import Testing
@testable import BulkFormats

/// Parquet pages (SNAPPY, GZIP, ZSTD) and Avro blocks (snappy, deflate, zstandard) are compressed
/// one block at a time.
@Suite struct BlockCodecTests {
    @Test(arguments: BlockCodec.allCases, TestData.sizes)
    func roundTrip(codec: BlockCodec, size: Int) throws {
        let input = TestData.bytes(size)
        let compressed = try codec.compress(input)
        #expect(try codec.decompress(compressed) == input)
        #expect(try codec.decompress(compressed, uncompressedSize: size) == input)
    }

    @Test(arguments: BlockCodec.allCases)
    func aWrongPromisedSizeThrows(codec: BlockCodec) throws {
        let input = TestData.bytes(5000)
        let compressed = try codec.compress(input)
        #expect(throws: CompressionError.self) { try codec.decompress(compressed, uncompressedSize: 4999) }
        #expect(throws: CompressionError.self) { try codec.decompress(compressed, uncompressedSize: 5001) }
    }

    @Test(arguments: BlockCodec.allCases)
    func aTruncatedBlockThrows(codec: BlockCodec) throws {
        let compressed = try codec.compress(TestData.bytes(20_000))
        let truncated = Array(compressed.prefix(compressed.count / 2))
        #expect(throws: CompressionError.self) { try codec.decompress(truncated) }
        #expect(throws: CompressionError.self) { try codec.decompress([]) }   // an empty block is not a valid one
    }

    @Test(arguments: BlockCodec.allCases)
    func garbageThrows(codec: BlockCodec) throws {
        // Bytes that start no valid block: a flipped header, then pure noise.
        let noise: [UInt8] = [0xff, 0xfe, 0xfd, 0xfc, 0x13, 0x37, 0x00, 0x42, 0x99, 0xaa, 0xbb, 0xcc]
        #expect(throws: CompressionError.self) { try codec.decompress(noise, uncompressedSize: 100) }
    }

    @Test func gzipBlockWithACorruptedBodyFailsItsChecksum() throws {
        var compressed = try BlockCodec.gzip.compress(TestData.bytes(50_000))
        compressed[compressed.count / 2] ^= 0x55
        #expect(throws: CompressionError.self) { try BlockCodec.gzip.decompress(compressed) }
    }

    // Avro spec, "Required Codecs": deflate is RFC 1951 without a zlib header or checksum.
    // Writers such as fastavro strip zlib's 2-byte header and last byte, leaving 3 checksum
    // bytes after the deflate data, which readers ignore.
    @Test func deflateIgnoresBytesAfterTheData() throws {
        let input = Array("avro block body".utf8)
        let compressed = try BlockCodec.deflate.compress(input) + [0x01, 0x02, 0x03]
        #expect(try BlockCodec.deflate.decompress(compressed) == input)
    }

    @Test func gzipReadsConcatenatedMembers() throws {
        let first = TestData.bytes(3000, seed: 1), second = TestData.bytes(4000, seed: 2)
        let compressed = try BlockCodec.gzip.compress(first) + BlockCodec.gzip.compress(second)
        #expect(try BlockCodec.gzip.decompress(compressed, uncompressedSize: 7000) == first + second)
    }

    // Snappy's format description: the block starts with the uncompressed length as a varint,
    // then literals; 0x05 then a literal tag 0x10 (length 5) then "hello" is a valid block.
    @Test func snappyReadsAHandWrittenBlock() throws {
        let block: [UInt8] = [0x05, 0x10] + Array("hello".utf8)
        #expect(try BlockCodec.snappy.decompress(block, uncompressedSize: 5) == Array("hello".utf8))
    }
}

extension BlockCodecTests {
    // A damaged Parquet page header may promise any size: it must throw, not allocate or trap.
    @Test(arguments: BlockCodec.allCases, [-1, Int(Int32.max), Int.max])
    func anAbsurdPromisedSizeThrows(codec: BlockCodec, size: Int) throws {
        let compressed = try codec.compress(TestData.bytes(1000))
        #expect(throws: CompressionError.self) { try codec.decompress(compressed, uncompressedSize: size) }
    }

    // Snappy's header is a varint length: a damaged one claiming 4 GB is rejected before allocating.
    @Test func aSnappyBlockClaimingFourGigabytesThrows() throws {
        let block: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0x0f, 0x10] + Array("hello".utf8)
        #expect(throws: CompressionError.self) { try BlockCodec.snappy.decompress(block) }
        #expect(throws: CompressionError.self) { try BlockCodec.snappy.decompress(block, uncompressedSize: 4_294_967_295) }
    }
}
