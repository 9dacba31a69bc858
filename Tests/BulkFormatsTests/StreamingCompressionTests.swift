import ObjectStore
import Testing
@testable import BulkFormats

/// COPY reads GZIP, BZIP2 and ZSTD files as streams; UNLOAD writes them (r_COPY's file
/// compression parameters, r_UNLOAD's GZIP | BZIP2 | ZSTD).
@Suite struct StreamingCompressionTests {
    static let formats: [CompressionFormat] = [.gzip, .bzip2, .zstd]

    /// Compresses `input` through the streaming writer into a memory store, `slice` bytes per write.
    static func compress(_ input: [UInt8], _ format: CompressionFormat, slice: Int = 7000) throws -> [UInt8] {
        let store = MemoryObjectStore(buckets: ["b"])
        let location = S3Location(bucket: "b", key: "out\(format.fileExtension)")
        let writer = try format.writer(compressingInto: store.writer(for: location))
        var start = 0
        while start < input.count {
            try writer.write(Array(input[start..<min(start + slice, input.count)]))
            start += slice
        }
        try writer.finish()
        return try #require(store.bytes(at: location))
    }

    static func decompress(_ bytes: [UInt8], _ format: CompressionFormat, step: Int = 65_536) throws -> [UInt8] {
        try TestData.readAll(format.reader(decompressing: TrickleByteReader(bytes, step: step)))
    }

    @Test(arguments: formats, TestData.sizes)
    func roundTrip(format: CompressionFormat, size: Int) throws {
        let input = TestData.bytes(size)
        let compressed = try Self.compress(input, format)
        #expect(try Self.decompress(compressed, format) == input)
    }

    @Test(arguments: formats)
    func inputArrivingAFewBytesAtATimeDecompresses(format: CompressionFormat) throws {
        let input = TestData.bytes(50_000)
        let compressed = try Self.compress(input, format)
        #expect(try Self.decompress(compressed, format, step: 7) == input)
    }

    @Test(arguments: formats)
    func oneLargeWriteIsCompressedInSlices(format: CompressionFormat) throws {
        let input = TestData.bytes(1_000_000)
        let compressed = try Self.compress(input, format, slice: input.count)
        #expect(try Self.decompress(compressed, format) == input)
    }

    // `gzip -c a >> f`, `bzip2 -c a >> f` and `zstd -c a >> f` append whole streams; the tools
    // read them back as one file, and so does COPY.
    @Test(arguments: formats)
    func concatenatedStreamsReadAsOne(format: CompressionFormat) throws {
        let parts = [TestData.bytes(100_000, seed: 1), TestData.bytes(0, seed: 2), TestData.bytes(70_000, seed: 3)]
        let compressed = try parts.flatMap { try Self.compress($0, format) }
        #expect(try Self.decompress(compressed, format) == parts.flatMap { $0 })
    }

    @Test(arguments: formats, [1, 10, 2])
    func aTruncatedInputThrows(format: CompressionFormat, divisor: Int) throws {
        let compressed = try Self.compress(TestData.bytes(200_000), format)
        // Cut at the end (1 byte short), at 10% and in the middle.
        let length = divisor == 1 ? compressed.count - 1 : compressed.count / divisor
        let error = try #require(throws: CompressionError.self) {
            _ = try Self.decompress(Array(compressed.prefix(length)), format)
        }
        #expect(error.kind == .truncated)
        #expect(error.message.contains("unexpected end of stream"))
    }

    @Test func aTruncatedGzipReportsRedshiftsWording() throws {
        let compressed = try Self.compress(TestData.bytes(10_000), .gzip)
        let error = try #require(throws: CompressionError.self) {
            _ = try Self.decompress(Array(compressed.prefix(100)), .gzip)
        }
        #expect(error.message == "gzip: unexpected end of stream. Unknown zlib error code. zlib error code: -5")
    }

    @Test(arguments: formats)
    func aCorruptInputThrows(format: CompressionFormat) throws {
        var compressed = try Self.compress(TestData.bytes(200_000), format)
        for index in stride(from: compressed.count / 3, to: compressed.count / 3 + 64, by: 4) { compressed[index] ^= 0xa5 }
        let error = try #require(throws: CompressionError.self) { _ = try Self.decompress(compressed, format) }
        #expect(error.kind == .corrupt)
    }

    @Test(arguments: formats)
    func dataThatIsNotCompressedThrows(format: CompressionFormat) throws {
        let plain = Array("1|one\n2|two\n3|three\n".utf8)
        let error = try #require(throws: CompressionError.self) { _ = try Self.decompress(plain, format) }
        #expect(error.kind == .corrupt)
        #expect(error.message.hasPrefix(format == .gzip ? "gzip: " : format == .bzip2 ? "bzip2: " : "zstd: "))
    }

    @Test func garbageAfterAGzipMemberThrows() throws {
        let compressed = try Self.compress(TestData.bytes(1000), .gzip) + Array("trailing text".utf8)
        #expect(throws: CompressionError.self) { _ = try Self.decompress(compressed, .gzip) }
    }

    @Test(arguments: formats)
    func anEmptyObjectReadsAsEmpty(format: CompressionFormat) throws {
        #expect(try Self.decompress([], format) == [])
    }

    @Test func lzopIsReportedAsUnsupported() throws {
        let error = try #require(throws: CompressionError.self) {
            _ = try CompressionFormat.lzop.reader(decompressing: ArrayByteReader([]))
        }
        #expect(error.kind == .unsupported)
        #expect(error.message.contains("LZOP is not supported by this emulator"))
        let store = MemoryObjectStore(buckets: ["b"])
        #expect(throws: CompressionError.self) {
            _ = try CompressionFormat.lzop.writer(compressingInto: store.writer(for: S3Location(bucket: "b", key: "x")))
        }
    }

    @Test func noneIsThePlainStream() throws {
        let input = TestData.bytes(1234)
        #expect(try TestData.readAll(CompressionFormat.none.reader(decompressing: ArrayByteReader(input))) == input)
    }

    @Test func abortLeavesNoObject() throws {
        let store = MemoryObjectStore(buckets: ["b"])
        let location = S3Location(bucket: "b", key: "x.gz")
        let writer = try CompressionFormat.gzip.writer(compressingInto: store.writer(for: location))
        try writer.write(TestData.bytes(1000))
        writer.abort()
        #expect(store.bytes(at: location) == nil)
    }

    @Test func readsNeverReturnMoreThanAsked() throws {
        let compressed = try Self.compress(TestData.bytes(100_000), .zstd)
        let reader = try CompressionFormat.zstd.reader(decompressing: ArrayByteReader(compressed))
        var total = 0
        while case let chunk = try reader.read(maxLength: 333), !chunk.isEmpty {
            #expect(chunk.count <= 333)
            total += chunk.count
        }
        #expect(total == 100_000)
    }
}
