import CZstd

/// libzstd's streaming decompressor; a file may hold several frames (as `zstd -c a >> f` or
/// multi-threaded compressors write), and skippable frames are skipped.
final class ZstdDecompressor: StreamDecompressor {
    private let context: OpaquePointer
    let formatName = "zstd"
    let readsConcatenatedStreams = true

    init() throws {
        guard let context = ZSTD_createDCtx() else {
            throw CompressionError(.library, "zstd: cannot create a decompression context")
        }
        self.context = context
    }

    deinit { ZSTD_freeDCtx(context) }

    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws -> DecompressionStep {
        guard output.count > 0 else { return DecompressionStep(consumed: 0, produced: 0, streamEnded: false) }
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var destination = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        let result = ZSTD_decompressStream(context, &destination, &source)
        if ZSTD_isError(result) != 0 {
            let reason = String(cString: ZSTD_getErrorName(result))
            throw CompressionError(.corrupt, "zstd: \(reason)")
        }
        // 0: a frame is completely decoded and flushed.
        return DecompressionStep(consumed: source.pos, produced: destination.pos, streamEnded: result == 0)
    }

    func startNextStream() throws {
        // libzstd starts the next frame by itself once one ends.
    }

    var truncatedError: CompressionError {
        CompressionError(.truncated, "zstd: unexpected end of stream (the compressed file is truncated)")
    }
}
