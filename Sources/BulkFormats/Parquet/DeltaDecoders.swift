/// The delta encodings (Encodings.md) some writers use, notably with data page v2:
/// DELTA_BINARY_PACKED for integers, DELTA_LENGTH_BYTE_ARRAY and DELTA_BYTE_ARRAY for byte
/// arrays; and BYTE_STREAM_SPLIT for fixed-width values.
enum DeltaDecoders {
    /// DELTA_BINARY_PACKED: a header (block size, miniblocks per block, value count, first value),
    /// then blocks of a minimum delta, one bit width per miniblock and the bit-packed miniblocks.
    static func binaryPacked(_ cursor: inout ByteCursor) throws -> [Int64] {
        let blockSize = Int(try cursor.readVarint())
        let miniblocks = Int(try cursor.readVarint())
        let total = Int(try cursor.readVarint())
        var value = try cursor.readZigZag()
        guard blockSize > 0, blockSize % 128 == 0, miniblocks > 0, blockSize % miniblocks == 0,
              (blockSize / miniblocks) % 32 == 0, total >= 0, total <= Int(Int32.max) else {
            throw ParquetError(.corruptPage, "Invalid Parquet page: bad DELTA_BINARY_PACKED header")
        }
        let perMiniblock = blockSize / miniblocks
        var values: [Int64] = []
        values.reserveCapacity(min(total, 1 << 20))
        if total == 0 { return values }
        values.append(value)
        while values.count < total {
            let minDelta = try cursor.readZigZag()
            let widths = try cursor.take(miniblocks).map { Int(cursor.bytes[$0]) }
            for width in widths where values.count < total {
                guard width <= 64 else { throw ParquetError(.corruptPage, "Invalid Parquet page: bit width \(width)") }
                let range = try cursor.take(perMiniblock * width / 8)
                var bitPosition = 0
                for _ in 0..<perMiniblock {
                    let delta = unpack(cursor.bytes, from: range.lowerBound, bit: bitPosition, width: width)
                    bitPosition += width
                    if values.count < total {
                        value = value &+ minDelta &+ Int64(bitPattern: delta)
                        values.append(value)
                    }
                }
            }
        }
        return values
    }

    /// DELTA_LENGTH_BYTE_ARRAY: the lengths (DELTA_BINARY_PACKED), then the bytes concatenated.
    static func lengthByteArray(_ cursor: inout ByteCursor) throws -> [[UInt8]] {
        let lengths = try binaryPacked(&cursor)
        var values: [[UInt8]] = []
        values.reserveCapacity(min(lengths.count, 1 << 20))
        for length in lengths {
            guard length >= 0, length <= Int64(cursor.remaining) else { throw ByteCursor.truncated }
            values.append(Array(cursor.bytes[try cursor.take(Int(length))]))
        }
        return values
    }

    /// DELTA_BYTE_ARRAY: prefix lengths shared with the previous value, then the suffixes.
    static func byteArray(_ cursor: inout ByteCursor) throws -> [[UInt8]] {
        let prefixes = try binaryPacked(&cursor)
        let suffixes = try lengthByteArray(&cursor)
        guard prefixes.count == suffixes.count else {
            throw ParquetError(.corruptPage, "Invalid Parquet page: DELTA_BYTE_ARRAY counts differ")
        }
        var values: [[UInt8]] = []
        values.reserveCapacity(min(prefixes.count, 1 << 20))
        var previous: [UInt8] = []
        for (prefix, suffix) in zip(prefixes, suffixes) {
            guard prefix >= 0, prefix <= Int64(previous.count) else {
                throw ParquetError(.corruptPage, "Invalid Parquet page: DELTA_BYTE_ARRAY prefix too long")
            }
            let value = Array(previous[0..<Int(prefix)]) + suffix
            values.append(value)
            previous = value
        }
        return values
    }

    /// BYTE_STREAM_SPLIT: byte k of every value in stream k; the streams one after the other.
    static func byteStreamSplit(_ cursor: inout ByteCursor, width: Int, count: Int) throws -> [[UInt8]] {
        guard width > 0, count <= cursor.remaining / width else { throw ByteCursor.truncated }
        let range = try cursor.take(width * count)
        var values = [[UInt8]](repeating: [UInt8](repeating: 0, count: width), count: count)
        for stream in 0..<width {
            for i in 0..<count { values[i][stream] = cursor.bytes[range.lowerBound + stream * count + i] }
        }
        return values
    }

    /// `width` bits starting `bit` bits after `start`, least significant first.
    private static func unpack(_ bytes: [UInt8], from start: Int, bit: Int, width: Int) -> UInt64 {
        if width == 0 { return 0 }
        var result: UInt64 = 0
        var taken = 0
        var position = bit
        while taken < width {
            let byte = UInt64(bytes[start + position / 8])
            let offset = position % 8
            let chunk = min(8 - offset, width - taken)
            result |= ((byte >> UInt64(offset)) & ((1 << UInt64(chunk)) - 1)) << UInt64(taken)
            taken += chunk
            position += chunk
        }
        return result
    }
}
