import CBZip2

/// libbz2's decompressor; a file may hold several bzip2 streams one after another (as
/// `bzip2 -c a >> f` or parallel compressors such as pbzip2 write).
final class BZip2Decompressor: StreamDecompressor {
    private let stream = UnsafeMutablePointer<bz_stream>.allocate(capacity: 1)
    private var initialised = false
    let formatName = "bzip2"
    let readsConcatenatedStreams = true

    init() throws {
        stream.initialize(to: bz_stream())
        try begin()
    }

    deinit {
        if initialised { BZ2_bzDecompressEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    private func begin() throws {
        let status = BZ2_bzDecompressInit(stream, 0, 0)
        guard status == BZ_OK else {
            throw CompressionError(.library, "bzip2: cannot initialise libbz2 (error code: \(status))")
        }
        initialised = true
    }

    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws -> DecompressionStep {
        guard output.count > 0 else { return DecompressionStep(consumed: 0, produced: 0, streamEnded: false) }
        let inputStart = input.baseAddress?.assumingMemoryBound(to: CChar.self)
        stream.pointee.next_in = inputStart.map { UnsafeMutablePointer(mutating: $0) }
        stream.pointee.avail_in = UInt32(input.count)
        stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: CChar.self)
        stream.pointee.avail_out = UInt32(output.count)
        let status = BZ2_bzDecompress(stream)
        let step = DecompressionStep(
            consumed: input.count - Int(stream.pointee.avail_in),
            produced: output.count - Int(stream.pointee.avail_out),
            streamEnded: status == BZ_STREAM_END)
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        switch status {
        case BZ_OK, BZ_STREAM_END:
            return step
        case BZ_DATA_ERROR_MAGIC:
            throw CompressionError(.corrupt, "bzip2: not a bzip2 stream (BZ_DATA_ERROR_MAGIC)")
        case BZ_DATA_ERROR:
            throw CompressionError(.corrupt, "bzip2: data integrity error in the compressed stream (BZ_DATA_ERROR)")
        default:
            throw CompressionError(.library, "bzip2: decompression failed (error code: \(status))")
        }
    }

    func startNextStream() throws {
        BZ2_bzDecompressEnd(stream)
        initialised = false
        stream.pointee = bz_stream()
        try begin()
    }

    var truncatedError: CompressionError {
        CompressionError(.truncated, "bzip2: unexpected end of stream (the compressed file is truncated)")
    }
}
