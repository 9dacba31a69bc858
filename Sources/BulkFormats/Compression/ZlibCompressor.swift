import CZlib

/// zlib's `deflate` writing a gzip member (GZIP in UNLOAD and Parquet) or raw deflate data
/// (Avro's `deflate` codec).
final class ZlibCompressor: StreamCompressor {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var output = [UInt8](repeating: 0, count: 64 * 1024)
    private let formatName: String

    /// - Parameter raw: raw deflate (RFC 1951) instead of a gzip member (RFC 1952).
    init(raw: Bool, level: Int32 = Z_DEFAULT_COMPRESSION) throws {
        stream.initialize(to: z_stream())
        formatName = raw ? "deflate" : "gzip"
        // 15 + 16: a 32 KB window with a gzip header and trailer; -15: raw deflate.
        let status = deflateInit2_(stream, level, Z_DEFLATED, raw ? -15 : 15 + 16, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw CompressionError(.library, "\(formatName): cannot initialise zlib (zlib error code: \(status))")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8] {
        try run(input, flush: Z_NO_FLUSH)
    }

    func finish() throws -> [UInt8] {
        try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH)
    }

    private func run(_ input: UnsafeRawBufferPointer, flush: Int32) throws -> [UInt8] {
        var result: [UInt8] = []
        let inputStart = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.next_in = inputStart.map { UnsafeMutablePointer(mutating: $0) }
        stream.pointee.avail_in = UInt32(input.count)
        defer { stream.pointee.next_in = nil }
        while true {
            let (status, produced) = output.withUnsafeMutableBufferPointer { buffer -> (Int32, Int) in
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = UInt32(buffer.count)
                let status = deflate(stream, flush)
                stream.pointee.next_out = nil
                return (status, buffer.count - Int(stream.pointee.avail_out))
            }
            result.append(contentsOf: output[0..<produced])
            switch status {
            case Z_STREAM_END:
                return result
            case Z_OK, Z_BUF_ERROR:
                // More to do while zlib filled the whole output buffer or input remains.
                if produced < output.count && stream.pointee.avail_in == 0 && flush == Z_NO_FLUSH { return result }
            default:
                throw CompressionError(.library, "\(formatName): compression failed (zlib error code: \(status))")
            }
        }
    }
}
