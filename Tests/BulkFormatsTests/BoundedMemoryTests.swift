import ObjectStore
import Testing
@testable import BulkFormats

/// Issue 14: "a 1 GB input streams with bounded memory (no file held whole in memory)". The
/// readers pull their input a chunk at a time and the writers pass output on as they go.
@Suite struct BoundedMemoryTests {
    static let input = TestData.bytes(3_000_000, seed: 99)

    @Test(arguments: [CompressionFormat.gzip, .bzip2, .zstd])
    func readersPullTheirInputAChunkAtATime(format: CompressionFormat) throws {
        let compressed = try StreamingCompressionTests.compress(Self.input, format)
        let source = CountingByteReader(ArrayByteReader(compressed))
        let reader = try format.reader(decompressing: source)
        let first = try reader.read(maxLength: 1000)
        #expect(first == Array(Self.input.prefix(1000)))
        // bzip2 needs a whole 900 KB block before its first byte; gzip and zstd one 64 KB chunk.
        #expect(source.bytesRead <= (format == .bzip2 ? 1_000_000 : 64 * 1024))
        #expect(source.bytesRead < compressed.count)
    }

    @Test(arguments: [CompressionFormat.gzip, .bzip2, .zstd])
    func writersPassOutputOnAsTheyGo(format: CompressionFormat) throws {
        let destination = RecordingObjectWriter()
        let writer = try format.writer(compressingInto: destination)
        try writer.write(Self.input)   // one large write
        #expect(destination.writeSizes.count > 1, "compressed output was written before finish")
        #expect(destination.writeSizes.allSatisfy { $0 <= 1_000_000 })
        try writer.finish()
        #expect(destination.finished)
        #expect(try TestData.readAll(format.reader(decompressing: ArrayByteReader(destination.bytes))) == Self.input)
    }

    @Test func theAvroReaderReadsOneBlockAtATime() throws {
        // 50 blocks of 10,000 longs (about 30 KB each): 1.5 MB in all.
        let schema = #"{"type":"record","name":"r","fields":[{"name":"a","type":"long"}]}"#
        let blocks = (0..<50).map { block in
            (Int64(10_000), (0..<10_000).flatMap { AvroFixtures.long(Int64(block * 10_000 + $0) * 1000) })
        }
        let file = AvroFixtures.file(metadata: [("avro.schema", schema)], blocks: blocks)
        let source = CountingByteReader(ArrayByteReader(file))
        let reader = try AvroContainerReader(source)
        #expect(try reader.nextRecord() == [.int(0)])
        #expect(source.bytesRead <= 64 * 1024, "the first record needs the header and the first block only")
        var count = 1, mismatches = 0
        while let record = try reader.nextRecord() {
            if record != [.int(Int64(count) * 1000)] { mismatches += 1 }
            count += 1
        }
        #expect(count == 500_000)
        #expect(mismatches == 0)
        #expect(source.bytesRead == file.count)
    }
}
