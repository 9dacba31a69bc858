import CZlib
import Foundation

/// Decompresses a gzip stream as it is read (zlib's `inflate`, constant memory). Concatenated gzip
/// members, as `cat a.gz b.gz` makes and as some log shippers write, are read one after another.
public final class GzipByteSource: ByteSource {
    private let input: FileByteSource
    private var stream = z_stream()
    private var inputBuffer = [UInt8](repeating: 0, count: 256 * 1024)
    private var inputEnded = false
    private var finished = false

    public init(_ input: FileByteSource) throws {
        self.input = input
        // 15 + 32: a window of 32 KB, with automatic gzip/zlib header detection.
        guard inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw InputError(path: input.path, message: "cannot initialise zlib")
        }
    }

    deinit { inflateEnd(&stream) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        return try inflateChunk(into: buffer)
    }

    private func inflateChunk(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            if stream.avail_in == 0 {
                if inputEnded { finished = true; return 0 }
                let count = try inputBuffer.withUnsafeMutableBytes { try input.read(into: $0) }
                if count == 0 {
                    inputEnded = true
                    finished = true
                    if inMember { throw InputError(path: input.path, message: "truncated gzip stream") }
                    return 0
                }
                inMember = true
                pendingOffset = 0
                stream.avail_in = UInt32(count)
            }
            let (status, produced, consumed) = inputBuffer.withUnsafeMutableBytes { raw -> (Int32, Int, Int) in
                let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.next_in = base + pendingOffset
                stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.avail_out = UInt32(buffer.count)
                let before = stream.avail_in
                let status = inflate(&stream, Z_NO_FLUSH)
                return (status, buffer.count - Int(stream.avail_out), Int(before - stream.avail_in))
            }
            pendingOffset += consumed
            switch status {
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
            case Z_STREAM_END:
                // Another member may follow.
                inflateReset(&stream)
                inMember = false
                if produced > 0 { return produced }
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "code \(status)"
                throw InputError(path: input.path, message: "gzip: \(message)")
            }
        }
    }

    private var pendingOffset = 0
    /// Inside a gzip member (its end not yet seen).
    private var inMember = false
}
