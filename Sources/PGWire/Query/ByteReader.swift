/// Big-endian reads from a byte array whose length the caller checked.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    var remaining: Int { bytes.count - offset }

    mutating func int16() -> Int16 { Int16(truncatingIfNeeded: read(2)) }
    mutating func int32() -> Int32 { Int32(truncatingIfNeeded: read(4)) }
    mutating func int64() -> Int64 { Int64(bitPattern: read(8)) }

    private mutating func read(_ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<count {
            value = value << 8 | UInt64(offset < bytes.count ? bytes[offset] : 0)
            offset += 1
        }
        return value
    }
}
