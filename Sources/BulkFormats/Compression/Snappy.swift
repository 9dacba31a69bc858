import CSnappy

/// One Snappy block (the raw format, no framing), as Parquet pages and Avro blocks hold it.
enum Snappy {
    static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        var length = snappy_max_compressed_length(bytes.count)
        var output = [UInt8](repeating: 0, count: length)
        // An empty array may have no address; Snappy reads nothing from it then.
        let input = bytes.isEmpty ? [0] : bytes
        let status = input.withUnsafeBytes { raw in
            output.withUnsafeMutableBytes { out in
                snappy_compress(raw.baseAddress!.assumingMemoryBound(to: CChar.self), bytes.count,
                                out.baseAddress!.assumingMemoryBound(to: CChar.self), &length)
            }
        }
        guard status == SNAPPY_OK else { throw CompressionError(.library, "snappy: compression failed") }
        output.removeSubrange(length...)
        return output
    }

    static func decompress(_ bytes: [UInt8], uncompressedSize: Int?) throws -> [UInt8] {
        try bytes.withUnsafeBytes { raw in
            let input = raw.baseAddress?.assumingMemoryBound(to: CChar.self)
            var length = 0
            guard let input, snappy_uncompressed_length(input, raw.count, &length) == SNAPPY_OK else {
                throw CompressionError(.corrupt, "snappy: invalid compressed block")
            }
            if let uncompressedSize, uncompressedSize != length {
                throw CompressionError(.corrupt,
                    "snappy: the block holds \(length) bytes where \(uncompressedSize) were expected")
            }
            // A damaged length must not allocate much: without a promised size or for a large
            // block, validate first (a pass that writes nothing). `snappy_uncompress` itself
            // rejects invalid input safely.
            if uncompressedSize == nil || length > 1 << 24, snappy_validate_compressed_buffer(input, raw.count) != SNAPPY_OK {
                throw CompressionError(.corrupt, "snappy: invalid compressed block")
            }
            var output = [UInt8](repeating: 0, count: max(length, 1))
            let status = output.withUnsafeMutableBytes { out in
                snappy_uncompress(input, raw.count, out.baseAddress!.assumingMemoryBound(to: CChar.self), &length)
            }
            output.removeSubrange(length...)
            guard status == SNAPPY_OK else { throw CompressionError(.corrupt, "snappy: invalid compressed block") }
            return output
        }
    }
}
