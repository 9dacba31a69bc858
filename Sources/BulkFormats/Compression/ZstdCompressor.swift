import CZstd

/// libzstd's streaming compressor writing one frame with a checksum (UNLOAD … ZSTD), level 3 as
/// the `zstd` tool uses by default.
final class ZstdCompressor: StreamCompressor {
    private let context: OpaquePointer
    private var output = [UInt8](repeating: 0, count: 64 * 1024)

    init(level: Int32 = 3) throws {
        guard let context = ZSTD_createCCtx() else {
            throw CompressionError(.library, "zstd: cannot create a compression context")
        }
        self.context = context
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
        ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
    }

    deinit { ZSTD_freeCCtx(context) }

    func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        try run(input, directive: ZSTD_e_continue)
    }

    func finish() throws -> [UInt8] {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), directive: ZSTD_e_end)
    }

    private func run(_ input: UnsafeRawBufferPointer, directive: ZSTD_EndDirective) throws -> [UInt8] {
        var result: [UInt8] = []
        var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        while true {
            let (remaining, produced) = output.withUnsafeMutableBytes { buffer -> (Int, Int) in
                var destination = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                let remaining = ZSTD_compressStream2(context, &destination, &source, directive)
                return (remaining, destination.pos)
            }
            if ZSTD_isError(remaining) != 0 {
                throw CompressionError(.library, "zstd: \(String(cString: ZSTD_getErrorName(remaining)))")
            }
            result.append(contentsOf: output[0..<produced])
            let done = directive == ZSTD_e_end ? remaining == 0 : source.pos == source.size
            if done { return result }
        }
    }
}
