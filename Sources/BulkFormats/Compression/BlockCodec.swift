import ObjectStore

/// One-shot compression of a whole block: Parquet pages (SNAPPY, GZIP, ZSTD) and Avro blocks
/// (`snappy`, `deflate`, `zstandard`).
///
/// A corrupt block throws `CompressionError`, never crashes. For example:
///
///     let page = try BlockCodec.snappy.decompress(bytes, uncompressedSize: header.uncompressedPageSize)
public enum BlockCodec: String, Sendable, CaseIterable {
    /// Raw Snappy (no framing).
    case snappy
    /// A gzip stream (Parquet's GZIP codec); concatenated members and zlib streams are read too.
    case gzip
    /// Raw deflate (RFC 1951): Avro's `deflate` codec. Bytes after the end of the data are ignored.
    case deflate
    /// A Zstandard frame (Parquet's ZSTD, Avro's `zstandard`).
    case zstd

    /// The compressed form of `bytes`.
    public func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        switch self {
        case .snappy: return try Snappy.compress(bytes)
        case .gzip: return try Self.compress(bytes, with: ZlibCompressor(raw: false))
        case .deflate: return try Self.compress(bytes, with: ZlibCompressor(raw: true))
        case .zstd: return try Self.compress(bytes, with: ZstdCompressor())
        }
    }

    /// The decompressed form of `bytes`.
    ///
    /// - Parameter uncompressedSize: the size the container promises (a Parquet page header's
    ///   `uncompressed_page_size`), checked when given; nil when unknown (Avro).
    /// - Throws: `CompressionError` for a truncated or corrupt block, or one of the wrong size.
    public func decompress(_ bytes: [UInt8], uncompressedSize: Int? = nil) throws -> [UInt8] {
        if let uncompressedSize, !(0...Int(Int32.max)).contains(uncompressedSize) {
            throw CompressionError(.corrupt, "\(rawValue): invalid uncompressed size \(uncompressedSize)")
        }
        // Every codec writes at least a header: no bytes is no block (a stream may be empty, a block not).
        guard !bytes.isEmpty else { throw CompressionError(.truncated, "\(rawValue): the compressed block is empty") }
        let decompressor: any StreamDecompressor
        switch self {
        case .snappy: return try Snappy.decompress(bytes, uncompressedSize: uncompressedSize)
        case .gzip: decompressor = try ZlibDecompressor(.gzipOrZlib)
        case .deflate: decompressor = try ZlibDecompressor(.raw)
        case .zstd: decompressor = try ZstdDecompressor()
        }
        let reader = DecompressingReader(source: ArrayByteReader(bytes), decompressor: decompressor,
                                         inputChunkSize: max(bytes.count, 1))
        guard let uncompressedSize else { return try reader.readAll() }
        // Read one byte more than promised, so a longer block is caught without reading all of it.
        var output: [UInt8] = []
        output.reserveCapacity(min(uncompressedSize, 1 << 24))   // a damaged size must not allocate much
        while output.count <= uncompressedSize {
            let chunk = try reader.read(maxLength: uncompressedSize + 1 - output.count)
            if chunk.isEmpty { break }
            output.append(contentsOf: chunk)
        }
        guard output.count == uncompressedSize else {
            throw CompressionError(.corrupt, "\(rawValue): the block holds \(output.count > uncompressedSize ? "more than " : "")"
                + "\(output.count) bytes where \(uncompressedSize) were expected")
        }
        return output
    }

    private static func compress(_ bytes: [UInt8], with compressor: any StreamCompressor) throws -> [UInt8] {
        var output: [UInt8] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + (1 << 20), bytes.count)
            output += try bytes[start..<end].withUnsafeBytes { try compressor.compress($0) }
            start = end
        }
        return output + (try compressor.finish())
    }
}
