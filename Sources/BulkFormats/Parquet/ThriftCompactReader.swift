/// The wire types of Thrift's compact protocol (the low nibble of a field or list header).
enum ThriftType: UInt8 {
    case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
    case binary = 8, list = 9, set = 10, map = 11, structure = 12
}

/// Decodes Thrift compact-protocol structs from a byte buffer: Parquet's footer and page headers.
///
/// Callers walk a struct's fields with `nextField()` and skip what they do not know, so newer
/// writers' fields never break the reader. Any malformed input throws `.corruptMetadata`.
struct ThriftCompactReader {
    private let bytes: [UInt8]
    private(set) var position: Int
    private var lastFieldIDs: [Int16] = []
    private var depth = 0

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    // MARK: Structs

    /// Starts reading a struct's fields.
    mutating func beginStruct() throws {
        depth += 1
        guard depth < 64 else { throw corrupt("nesting too deep") }
        lastFieldIDs.append(0)
    }

    /// The next field's id and type, or nil at the struct's end (which also closes the struct).
    mutating func nextField() throws -> (id: Int16, type: ThriftType)? {
        let header = try readByte()
        if header == 0 {
            lastFieldIDs.removeLast()
            depth -= 1
            return nil
        }
        guard let type = ThriftType(rawValue: header & 0x0F), type != .stop else {
            throw corrupt("unknown field type \(header & 0x0F)")
        }
        let delta = Int16(header >> 4)
        let id: Int16
        if delta == 0 {
            id = Int16(truncatingIfNeeded: try readZigZag())
        } else {
            id = lastFieldIDs[lastFieldIDs.count - 1] &+ delta
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
        return (id, type)
    }

    // MARK: Values

    mutating func readBool(_ type: ThriftType) throws -> Bool {
        switch type {
        case .boolTrue: return true
        case .boolFalse: return false
        default: throw corrupt("expected a boolean field")
        }
    }

    mutating func readI32(_ type: ThriftType) throws -> Int32 {
        guard type == .i32 || type == .i16 || type == .byte else { throw corrupt("expected an i32 field") }
        if type == .byte { return Int32(Int8(bitPattern: try readByte())) }
        let value = try readZigZag()
        guard let narrow = Int32(exactly: value) else { throw corrupt("i32 out of range") }
        return narrow
    }

    mutating func readI64(_ type: ThriftType) throws -> Int64 {
        guard type == .i64 || type == .i32 || type == .i16 else { throw corrupt("expected an i64 field") }
        return try readZigZag()
    }

    mutating func readBinary(_ type: ThriftType) throws -> [UInt8] {
        guard type == .binary else { throw corrupt("expected a binary field") }
        let length = try readLength()
        guard length <= bytes.count - position else { throw corrupt("binary runs past the end") }
        defer { position += length }
        return Array(bytes[position..<position + length])
    }

    mutating func readString(_ type: ThriftType) throws -> String {
        String(decoding: try readBinary(type), as: UTF8.self)
    }

    /// A list's element type and count; the caller reads that many elements.
    mutating func readListHeader(_ type: ThriftType) throws -> (element: ThriftType, count: Int) {
        guard type == .list || type == .set else { throw corrupt("expected a list field") }
        let header = try readByte()
        guard let element = ThriftType(rawValue: header & 0x0F) else { throw corrupt("unknown list element type") }
        var count = Int(header >> 4)
        if count == 15 { count = try readLength() }
        guard count <= bytes.count - position else { throw corrupt("list longer than the buffer") }
        return (element, count)
    }

    /// A boolean list element (one byte: 1 true, anything else false).
    mutating func readBoolElement() throws -> Bool { try readByte() == 1 }

    /// Skips a value of `type`, whatever it holds.
    mutating func skip(_ type: ThriftType) throws {
        switch type {
        case .stop: throw corrupt("unexpected stop")
        case .boolTrue, .boolFalse: return
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double: try advance(8)
        case .binary: try advance(try readLength())
        case .list, .set:
            let (element, count) = try readListHeader(type)
            for _ in 0..<count {
                if element == .boolTrue || element == .boolFalse { try advance(1) } else { try skip(element) }
            }
        case .map:
            let count = try readLength()
            guard count > 0 else { return }
            let kinds = try readByte()
            guard let key = ThriftType(rawValue: kinds >> 4), let value = ThriftType(rawValue: kinds & 0x0F) else {
                throw corrupt("unknown map types")
            }
            for _ in 0..<count {
                if key == .boolTrue || key == .boolFalse { try advance(1) } else { try skip(key) }
                if value == .boolTrue || value == .boolFalse { try advance(1) } else { try skip(value) }
            }
        case .structure:
            try beginStruct()
            while let field = try nextField() { try skip(field.type) }
        }
    }

    // MARK: Primitives

    private mutating func readByte() throws -> UInt8 {
        guard position < bytes.count else { throw corrupt("unexpected end of metadata") }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func advance(_ count: Int) throws {
        guard count >= 0, count <= bytes.count - position else { throw corrupt("unexpected end of metadata") }
        position += count
    }

    private mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            guard shift < 64 else { throw corrupt("varint too long") }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
        }
    }

    private mutating func readZigZag() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    private mutating func readLength() throws -> Int {
        let raw = try readVarint()
        guard raw <= UInt64(Int32.max) else { throw corrupt("length out of range") }
        return Int(raw)
    }

    private func corrupt(_ detail: String) -> ParquetError {
        ParquetError(.corruptMetadata, "Invalid Parquet metadata: \(detail) at byte \(position)")
    }
}
