/// Reads Avro's binary encoding (specification, "Binary Encoding") from one decompressed block:
/// zig-zag variable-length longs, little-endian floats and doubles, length-prefixed bytes and
/// strings, fixed-size bytes. Reading past the block's end throws, never traps.
struct AvroBinaryDecoder {
    private let bytes: [UInt8]
    private(set) var position: Int

    init(_ bytes: [UInt8], position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position >= bytes.count }
    var remaining: Int { bytes.count - position }

    mutating func readLong() throws -> Int64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else { throw Self.truncated }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
            guard shift < 64 else { throw AvroError(.corrupt, "Invalid Avro data: a variable-length integer is longer than 10 bytes") }
        }
        return Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))   // zig-zag
    }

    mutating func readInt() throws -> Int32 {
        let value = try readLong()
        guard let int = Int32(exactly: value) else { throw AvroError(.corrupt, "Invalid Avro data: int \(value) out of range") }
        return int
    }

    mutating func readBoolean() throws -> Bool {
        switch try readFixed(1)[0] {
        case 0: return false
        case 1: return true
        case let byte: throw AvroError(.corrupt, "Invalid Avro data: boolean byte \(byte)")
        }
    }

    mutating func readFloat() throws -> Float {
        Float(bitPattern: UInt32(truncatingIfNeeded: try readLittleEndian(4)))
    }

    mutating func readDouble() throws -> Double {
        Double(bitPattern: try readLittleEndian(8))
    }

    /// A length-prefixed byte sequence (`bytes`, `string`).
    mutating func readBytes() throws -> [UInt8] {
        let length = try readLong()
        guard length >= 0 else { throw AvroError(.corrupt, "Invalid Avro data: negative length \(length)") }
        guard length <= remaining else { throw Self.truncated }
        return try readFixed(Int(length))
    }

    mutating func readString() throws -> String {
        let raw = try readBytes()
        guard let string = String(validating: raw, as: UTF8.self) else {
            throw AvroError(.corrupt, "Invalid Avro data: a string is not valid UTF-8")
        }
        return string
    }

    mutating func readFixed(_ count: Int) throws -> [UInt8] {
        guard count <= remaining else { throw Self.truncated }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    /// Skips `count` bytes.
    mutating func skip(_ count: Int) throws {
        guard count >= 0, count <= remaining else { throw Self.truncated }
        position += count
    }

    private mutating func readLittleEndian(_ count: Int) throws -> UInt64 {
        guard count <= remaining else { throw Self.truncated }
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += count
        return value
    }

    static let truncated = AvroError(.truncated, "Invalid Avro data: a value runs past the end of its block")
}
