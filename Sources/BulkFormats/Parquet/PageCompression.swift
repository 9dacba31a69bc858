/// Compresses and decompresses Parquet pages with the column chunk's codec (SNAPPY raw blocks,
/// GZIP streams, ZSTD frames: `BlockCodec`).
struct PageCompression {
    let codec: CompressionCodec
    private let block: BlockCodec?

    /// Throws `.unsupported` for codecs without a library here (LZO, BROTLI, LZ4).
    init(_ codec: CompressionCodec) throws {
        switch codec {
        case .uncompressed: block = nil
        case .snappy: block = .snappy
        case .gzip: block = .gzip
        case .zstd: block = .zstd
        default:
            throw ParquetError(.unsupported, "Unsupported Parquet compression codec \(Self.name(codec))")
        }
        self.codec = codec
    }

    /// The page's bytes; a block that does not decompress to `uncompressedSize` bytes throws
    /// `.corruptPage`.
    func decompress(_ bytes: [UInt8], uncompressedSize: Int) throws -> [UInt8] {
        guard let block else {
            guard bytes.count == uncompressedSize else {
                throw ParquetError(.corruptPage, "Invalid Parquet page: \(bytes.count) bytes where \(uncompressedSize) were expected")
            }
            return bytes
        }
        do {
            return try block.decompress(bytes, uncompressedSize: uncompressedSize)
        } catch let error as CompressionError {
            throw ParquetError(.corruptPage, "Invalid Parquet page: \(Self.name(codec)) decompression failed: \(error.message)")
        }
    }

    func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        guard let block else { return bytes }
        return try block.compress(bytes)
    }

    static func name(_ codec: CompressionCodec) -> String {
        switch codec {
        case .uncompressed: return "UNCOMPRESSED"
        case .snappy: return "SNAPPY"
        case .gzip: return "GZIP"
        case .lzo: return "LZO"
        case .brotli: return "BROTLI"
        case .lz4: return "LZ4"
        case .zstd: return "ZSTD"
        case .lz4Raw: return "LZ4_RAW"
        default: return "\(codec.rawValue)"
        }
    }
}
