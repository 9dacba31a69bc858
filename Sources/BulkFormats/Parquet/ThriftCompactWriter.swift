/// Encodes Thrift compact-protocol structs: the footer and page headers the Parquet writer emits.
struct ThriftCompactWriter {
    private(set) var bytes: [UInt8] = []
    private var lastFieldIDs: [Int16] = [0]

    // MARK: Fields

    mutating func fieldI32(_ id: Int16, _ value: Int32) {
        fieldHeader(id, .i32)
        writeZigZag(Int64(value))
    }

    mutating func fieldI8(_ id: Int16, _ value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    mutating func fieldI16(_ id: Int16, _ value: Int16) {
        fieldHeader(id, .i16)
        writeZigZag(Int64(value))
    }

    mutating func fieldI64(_ id: Int16, _ value: Int64) {
        fieldHeader(id, .i64)
        writeZigZag(value)
    }

    mutating func fieldBool(_ id: Int16, _ value: Bool) {
        fieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    mutating func fieldBinary(_ id: Int16, _ value: [UInt8]) {
        fieldHeader(id, .binary)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func fieldString(_ id: Int16, _ value: String) { fieldBinary(id, Array(value.utf8)) }

    /// Opens a struct-typed field; close it with `endStruct()`.
    mutating func beginStructField(_ id: Int16) {
        fieldHeader(id, .structure)
        beginStruct()
    }

    /// Opens a struct that is a list element; close it with `endStruct()`.
    mutating func beginStruct() { lastFieldIDs.append(0) }

    mutating func endStruct() {
        bytes.append(0)
        lastFieldIDs.removeLast()
    }

    /// Opens a list field of `count` elements of `element` type; the caller writes the elements.
    mutating func beginListField(_ id: Int16, element: ThriftType, count: Int) {
        fieldHeader(id, .list)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | element.rawValue)
        } else {
            bytes.append(0xF0 | element.rawValue)
            writeVarint(UInt64(count))
        }
    }

    // MARK: List elements

    mutating func elementI32(_ value: Int32) { writeZigZag(Int64(value)) }

    mutating func elementString(_ value: String) {
        writeVarint(UInt64(value.utf8.count))
        bytes.append(contentsOf: value.utf8)
    }

    /// Ends the top-level struct (the footer or a page header).
    mutating func finish() -> [UInt8] {
        bytes.append(0)
        return bytes
    }

    // MARK: Primitives

    private mutating func fieldHeader(_ id: Int16, _ type: ThriftType) {
        let last = lastFieldIDs[lastFieldIDs.count - 1]
        let delta = id - last
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigZag(Int64(id))
        }
        lastFieldIDs[lastFieldIDs.count - 1] = id
    }

    private mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    private mutating func writeZigZag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }
}
