import CZlib
import ObjectStore

/// The `avro.codec` of an object container file: how each block's data is compressed
/// (specification, "Required Codecs" and "Optional Codecs").
public enum AvroCodec: String, Sendable, CaseIterable {
    case null, deflate, snappy, zstandard, bzip2

    /// The codec the header names ("null" when it names none).
    ///
    /// - Throws: `AvroError(.unsupported)` for `xz` and unknown names.
    init(headerValue: String?) throws {
        guard let codec = AvroCodec(rawValue: headerValue ?? "null") else {
            throw AvroError(.unsupported, "Unsupported Avro codec '\(headerValue ?? "")': this emulator reads null, deflate, snappy, zstandard and bzip2")
        }
        self = codec
    }

    /// A block's data, decompressed.
    func decompress(_ data: [UInt8]) throws -> [UInt8] {
        do {
            switch self {
            case .null: return data
            case .deflate: return try BlockCodec.deflate.decompress(data)
            case .zstandard: return try BlockCodec.zstd.decompress(data)
            case .bzip2:
                return try DecompressingReader(source: ArrayByteReader(data), decompressor: BZip2Decompressor()).readAll()
            case .snappy:
                // Snappy data followed by the CRC32 (big-endian) of the uncompressed data.
                guard data.count >= 4 else { throw AvroError(.corrupt, "Invalid Avro file: a snappy block is shorter than its checksum") }
                let block = try BlockCodec.snappy.decompress(Array(data.dropLast(4)))
                let expected = data.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
                guard Self.crc32(block) == expected else {
                    throw AvroError(.corrupt, "Invalid Avro file: a snappy block fails its CRC32 checksum")
                }
                return block
            }
        } catch let error as CompressionError {
            throw AvroError(error.kind == .truncated ? .truncated : .corrupt, "Invalid Avro file: \(rawValue) block: \(error.message)")
        }
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(CZlib.crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
    }
}
