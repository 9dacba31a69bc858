/// What one call to a streaming decompressor did.
struct DecompressionStep {
    /// Input bytes used.
    var consumed: Int
    /// Output bytes written.
    var produced: Int
    /// The current stream (a gzip member, a bzip2 stream, a zstd frame) ended with this call,
    /// its checksum verified.
    var streamEnded: Bool
}

/// A streaming decompressor over a C library: input and output in caller-owned buffers.
///
/// `DecompressingReader` drives it: it feeds input as it arrives, starts a new stream after one
/// ends when more input follows (concatenated gzip members, bzip2 streams, zstd frames), and
/// reports the input ending inside a stream as truncated.
protocol StreamDecompressor: AnyObject {
    /// The format's name in error messages ("gzip").
    var formatName: String { get }
    /// Whether more input after a stream's end starts another stream (gzip, bzip2, zstd) or is
    /// ignored (raw deflate, whose container knows where the data ends).
    var readsConcatenatedStreams: Bool { get }
    /// Decompresses from `input` into `output` (either may be empty).
    func step(input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer) throws -> DecompressionStep
    /// Prepares for the next stream after `streamEnded`.
    func startNextStream() throws
    /// The error for input that ended inside a stream.
    var truncatedError: CompressionError { get }
}

/// A streaming compressor over a C library that writes one stream.
protocol StreamCompressor: AnyObject {
    /// Compresses all of `input`, returning the compressed bytes produced so far (maybe none).
    func compress(_ input: UnsafeRawBufferPointer) throws -> [UInt8]
    /// Ends the stream, returning its remaining bytes (trailer, checksum).
    func finish() throws -> [UInt8]
}
