import CBZip2

/// libbz2's compressor writing one bzip2 stream (UNLOAD … BZIP2), 900 KB blocks as the `bzip2`
/// tool writes by default.
final class BZip2Compressor: StreamCompressor {
    private let stream = UnsafeMutablePointer<bz_stream>.allocate(capacity: 1)
    private var output = [UInt8](repeating: 0, count: 64 * 1024)

    init(blockSize100k: Int32 = 9) throws {
        stream.initialize(to: bz_stream())
        let status = BZ2_bzCompressInit(stream, blockSize100k, 0, 0)
        guard status == BZ_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw CompressionError(.library, "bzip2: cannot initialise libbz2 (error code: \(status))")
        }
    }

    deinit {
        BZ2_bzCompressEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        try run(input, action: BZ_RUN)
    }

    func finish() throws -> [UInt8] {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), action: BZ_FINISH)
    }

    private func run(_ input: UnsafeRawBufferPointer, action: Int32) throws -> [UInt8] {
        var result: [UInt8] = []
        let inputStart = input.baseAddress?.assumingMemoryBound(to: CChar.self)
        stream.pointee.next_in = inputStart.map { UnsafeMutablePointer(mutating: $0) }
        stream.pointee.avail_in = UInt32(input.count)
        defer { stream.pointee.next_in = nil }
        while true {
            let (status, produced) = output.withUnsafeMutableBytes { buffer -> (Int32, Int) in
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: CChar.self)
                stream.pointee.avail_out = UInt32(buffer.count)
                let status = BZ2_bzCompress(stream, action)
                stream.pointee.next_out = nil
                return (status, buffer.count - Int(stream.pointee.avail_out))
            }
            result.append(contentsOf: output[0..<produced])
            switch status {
            case BZ_STREAM_END:
                return result
            case BZ_RUN_OK:
                if stream.pointee.avail_in == 0 { return result }
            case BZ_FINISH_OK:
                continue
            default:
                throw CompressionError(.library, "bzip2: compression failed (error code: \(status))")
            }
        }
    }
}
