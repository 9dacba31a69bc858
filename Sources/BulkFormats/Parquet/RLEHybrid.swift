/// The RLE / bit-packing hybrid (Encodings.md): definition levels, dictionary indices and RLE
/// booleans. A run header's low bit says which: 0 for a value repeated `header >> 1` times,
/// 1 for `header >> 1` groups of 8 values packed `bitWidth` bits each, least significant first.
enum RLEHybrid {
    /// `count` values of `bitWidth` bits from the cursor's bytes (to its end).
    static func decode(_ cursor: inout ByteCursor, bitWidth: Int, count: Int) throws -> [UInt32] {
        guard (0...32).contains(bitWidth) else {
            throw ParquetError(.corruptPage, "Invalid Parquet page: bit width \(bitWidth)")
        }
        var values: [UInt32] = []
        values.reserveCapacity(min(count, 1 << 20))
        if bitWidth == 0 {
            return [UInt32](repeating: 0, count: count)
        }
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        while values.count < count {
            let header = try cursor.readVarint()
            if header & 1 == 0 {
                let run = Int(min(header >> 1, UInt64(count - values.count)))
                let value = UInt32(truncatingIfNeeded: try cursor.readLittleEndian((bitWidth + 7) / 8))
                values.append(contentsOf: repeatElement(value, count: run))
                if header >> 1 == 0 { throw ParquetError(.corruptPage, "Invalid Parquet page: empty RLE run") }
            } else {
                let groups = Int(header >> 1)
                guard groups > 0, groups <= cursor.remaining else {
                    throw ParquetError(.corruptPage, "Invalid Parquet page: bad bit-packed run")
                }
                // Full groups are always present; the last run may stop early at the data's end.
                let available = min(groups * bitWidth, cursor.remaining)
                let range = try cursor.take(available)
                let wanted = min(groups * 8, count - values.count)
                var buffer: UInt64 = 0
                var bits = 0
                var index = range.lowerBound
                for _ in 0..<wanted {
                    while bits < bitWidth {
                        guard index < range.upperBound else { throw ByteCursor.truncated }
                        buffer |= UInt64(cursor.bytes[index]) << UInt64(bits)
                        index += 1
                        bits += 8
                    }
                    values.append(UInt32(truncatingIfNeeded: buffer & mask))
                    buffer >>= UInt64(bitWidth)
                    bits -= bitWidth
                }
            }
        }
        return values
    }

    /// Encodes `values` (each below `1 << bitWidth`): repeated runs of 8 or more as RLE runs, the
    /// rest bit-packed in groups of 8 (the last group padded with zeros).
    static func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var out: [UInt8] = []
        let byteWidth = (bitWidth + 7) / 8
        var i = 0
        let n = values.count
        func runLength(at start: Int) -> Int {
            var end = start + 1
            while end < n && values[end] == values[start] { end += 1 }
            return end - start
        }
        while i < n {
            let run = runLength(at: i)
            if run >= 8 || bitWidth == 0 {
                out.appendVarint(UInt64(run) << 1)
                var value = values[i]
                for _ in 0..<byteWidth {
                    out.append(UInt8(value & 0xFF))
                    value >>= 8
                }
                i += run
                continue
            }
            // Bit-pack groups of 8 until a long run starts at a group boundary.
            var end = i
            repeat { end += 8 } while end < n && runLength(at: end) < 8
            let groups = (end - i) / 8
            out.appendVarint(UInt64(groups) << 1 | 1)
            var buffer: UInt64 = 0
            var bits = 0
            for index in i..<end {
                let value = index < n ? UInt64(values[index]) : 0
                buffer |= value << UInt64(bits)
                bits += bitWidth
                while bits >= 8 {
                    out.append(UInt8(buffer & 0xFF))
                    buffer >>= 8
                    bits -= 8
                }
            }
            i = end
        }
        return out
    }

    /// The bits needed for values up to `maxValue`.
    static func bitWidth(for maxValue: Int) -> Int {
        maxValue <= 0 ? 0 : Int.bitWidth - maxValue.leadingZeroBitCount
    }
}
