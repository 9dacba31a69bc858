import ObjectStore

extension CompressionFormat {
    /// A reader of `source`'s bytes decompressed in this format (`source` itself for `.none`).
    ///
    /// - Throws: `CompressionError(.unsupported)` for `.lzop`.
    public func reader(decompressing source: any ByteReader) throws -> any ByteReader {
        switch self {
        case .none: return source
        case .gzip: return DecompressingReader(source: source, decompressor: try ZlibDecompressor(.gzipOrZlib))
        case .bzip2: return DecompressingReader(source: source, decompressor: try BZip2Decompressor())
        case .zstd: return DecompressingReader(source: source, decompressor: try ZstdDecompressor())
        case .lzop: throw CompressionError.lzopUnsupported
        }
    }

    /// A writer that compresses in this format into `destination` (`destination` itself for
    /// `.none`).
    ///
    /// - Throws: `CompressionError(.unsupported)` for `.lzop` (UNLOAD has no LZOP option).
    public func writer(compressingInto destination: any ObjectWriter) throws -> any ObjectWriter {
        switch self {
        case .none: return destination
        case .gzip: return CompressingWriter(destination: destination, compressor: try ZlibCompressor(raw: false))
        case .bzip2: return CompressingWriter(destination: destination, compressor: try BZip2Compressor())
        case .zstd: return CompressingWriter(destination: destination, compressor: try ZstdCompressor())
        case .lzop: throw CompressionError.lzopUnsupported
        }
    }
}
