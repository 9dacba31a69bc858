/// Reads little-endian numbers and varints from a page's bytes; running past the end throws
/// `.corruptPage`.
struct ByteCursor {
    let bytes: [UInt8]
    private(set) var position: Int
    let end: Int

    init(_ bytes: [UInt8], from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = min(end ?? bytes.count, bytes.count)
    }

    var remaining: Int { end - position }

    mutating func take(_ count: Int) throws -> Range<Int> {
        guard count >= 0, count <= remaining else { throw ByteCursor.truncated }
        defer { position += count }
        return position..<position + count
    }

    mutating func skip(_ count: Int) throws { _ = try take(count) }

    mutating func readByte() throws -> UInt8 {
        guard position < end else { throw ByteCursor.truncated }
        defer { position += 1 }
        return bytes[position]
    }

    /// `width` bytes (at most 8) as a little-endian unsigned number.
    mutating func readLittleEndian(_ width: Int) throws -> UInt64 {
        let range = try take(width)
        var value: UInt64 = 0
        for (shift, index) in range.enumerated() { value |= UInt64(bytes[index]) << (8 * UInt64(shift)) }
        return value
    }

    mutating func readUInt32() throws -> UInt32 { UInt32(truncatingIfNeeded: try readLittleEndian(4)) }

    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw ParquetError(.corruptPage, "Invalid Parquet page: varint too long") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    mutating func readZigZag() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    static let truncated = ParquetError(.corruptPage, "Invalid Parquet page: the data ends early")
}

/// Appends little-endian numbers and varints.
extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }

    mutating func appendVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        append(UInt8(rest))
    }
}
