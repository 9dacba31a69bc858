import CZlib

/// zlib's `inflate` for gzip streams (concatenated members), zlib streams and raw deflate data.
final class ZlibDecompressor: StreamDecompressor {
    /// The framing zlib expects.
    enum Framing {
        /// A gzip member (RFC 1952) or a zlib stream (RFC 1950), detected from the header.
        case gzipOrZlib
        /// Raw deflate data (RFC 1951), as in Avro's `deflate` codec.
        case raw
    }

    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    let formatName: String
    let readsConcatenatedStreams: Bool

    init(_ framing: Framing) throws {
        stream.initialize(to: z_stream())
        // 15 + 32: a 32 KB window, gzip or zlib header detected; -15: raw deflate, no header.
        let windowBits: Int32 = framing == .raw ? -15 : 15 + 32
        formatName = framing == .raw ? "deflate" : "gzip"
        readsConcatenatedStreams = framing == .gzipOrZlib
        let status = inflateInit2_(stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw CompressionError(.library, "\(formatName): cannot initialise zlib (zlib error code: \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws -> DecompressionStep {
        guard output.count > 0 else { return DecompressionStep(consumed: 0, produced: 0, streamEnded: false) }
        let inputStart = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.next_in = inputStart.map { UnsafeMutablePointer(mutating: $0) }
        stream.pointee.avail_in = UInt32(input.count)
        stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(output.count)
        let status = inflate(stream, Z_NO_FLUSH)
        let step = DecompressionStep(
            consumed: input.count - Int(stream.pointee.avail_in),
            produced: output.count - Int(stream.pointee.avail_out),
            streamEnded: status == Z_STREAM_END)
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        switch status {
        case Z_OK, Z_STREAM_END, Z_BUF_ERROR:   // Z_BUF_ERROR: no progress possible with this input
            return step
        default:
            let reason = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
            throw CompressionError(.corrupt, "\(formatName): \(reason). zlib error code: \(status)")
        }
    }

    func startNextStream() throws {
        let status = inflateReset(stream)
        guard status == Z_OK else {
            throw CompressionError(.library, "\(formatName): cannot reset zlib (zlib error code: \(status))")
        }
    }

    /// Redshift's wording for a truncated gzip file (as users report it from COPY; not in the
    /// documentation): zlib's Z_BUF_ERROR at the end of the input.
    var truncatedError: CompressionError {
        CompressionError(.truncated, "\(formatName): unexpected end of stream. Unknown zlib error code. zlib error code: -5")
    }
}
