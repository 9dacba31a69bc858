/// Compresses and decompresses Parquet pages with the column chunk's codec.
struct PageCompression {
    let codec: CompressionCodec

    /// Throws `.unsupported` for codecs without a library here (LZO, BROTLI, LZ4).
    init(_ codec: CompressionCodec) throws {
        switch codec {
        case .uncompressed: break
        default:
            throw ParquetError(.unsupported, "Unsupported Parquet compression codec \(Self.name(codec))")
        }
        self.codec = codec
    }

    func decompress(_ bytes: [UInt8], uncompressedSize: Int) throws -> [UInt8] {
        guard bytes.count == uncompressedSize else {
            throw ParquetError(.corruptPage, "Invalid Parquet page: \(bytes.count) bytes where \(uncompressedSize) were expected")
        }
        return bytes
    }

    func compress(_ bytes: [UInt8]) throws -> [UInt8] { bytes }

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
