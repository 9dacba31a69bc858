/// Why compressed bytes could not be read or written: a truncated or corrupt input, a size that
/// does not match what a file's metadata promised, or a format this emulator cannot read.
///
/// COPY reports `message` as the statement's error, so it names the format first
/// ("gzip: unexpected end of stream. …").
public struct CompressionError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The input ended inside a compressed stream.
        case truncated
        /// The input is not valid data of the format (bad header, bad checksum, bad block).
        case corrupt
        /// The format has no implementation here (LZOP).
        case unsupported
        /// The library failed for another reason (out of memory, bad parameters).
        case library
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// COPY … LZOP and UNLOAD … LZOP: no LZO library is linked.
    static let lzopUnsupported = CompressionError(
        .unsupported, "LZOP is not supported by this emulator: decompress the files or use GZIP, BZIP2 or ZSTD")
}
