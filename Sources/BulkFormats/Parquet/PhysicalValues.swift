/// A run of decoded values in their physical type, before logical conversion to `BulkValue`.
enum PhysicalValues {
    case booleans([Bool])
    case int32s([Int32])
    case int64s([Int64])
    /// INT96, BYTE_ARRAY and FIXED_LEN_BYTE_ARRAY values.
    case byteArrays([[UInt8]])
    case floats([Float])
    case doubles([Double])

    var count: Int {
        switch self {
        case .booleans(let v): return v.count
        case .int32s(let v): return v.count
        case .int64s(let v): return v.count
        case .byteArrays(let v): return v.count
        case .floats(let v): return v.count
        case .doubles(let v): return v.count
        }
    }
}

/// The PLAIN encoding (Encodings.md): booleans bit-packed, numbers little-endian, BYTE_ARRAY as a
/// 4-byte length then the bytes, FIXED_LEN_BYTE_ARRAY and INT96 as their bytes.
enum PlainDecoder {
    static func decode(_ cursor: inout ByteCursor, type: PhysicalType, typeLength: Int, count: Int) throws -> PhysicalValues {
        switch type {
        case .boolean:
            let range = try cursor.take((count + 7) / 8)
            var values: [Bool] = []
            values.reserveCapacity(count)
            for i in 0..<count { values.append(cursor.bytes[range.lowerBound + i / 8] >> UInt8(i % 8) & 1 == 1) }
            return .booleans(values)
        case .int32:
            return .int32s(try fixed(&cursor, count: count, width: 4) { Int32(truncatingIfNeeded: $0) })
        case .int64:
            return .int64s(try fixed(&cursor, count: count, width: 8) { Int64(bitPattern: $0) })
        case .float:
            return .floats(try fixed(&cursor, count: count, width: 4) { Float(bitPattern: UInt32(truncatingIfNeeded: $0)) })
        case .double:
            return .doubles(try fixed(&cursor, count: count, width: 8) { Double(bitPattern: $0) })
        case .int96:
            return .byteArrays(try fixedBytes(&cursor, count: count, width: 12))
        case .fixedLenByteArray:
            return .byteArrays(try fixedBytes(&cursor, count: count, width: typeLength))
        case .byteArray:
            guard count <= cursor.remaining / 4 else { throw ByteCursor.truncated }
            var values: [[UInt8]] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                let length = Int(try cursor.readUInt32())
                let range = try cursor.take(length)
                values.append(Array(cursor.bytes[range]))
            }
            return .byteArrays(values)
        default:
            throw ParquetError(.unsupported, "Unsupported Parquet physical type \(type.rawValue)")
        }
    }

    private static func fixed<T>(_ cursor: inout ByteCursor, count: Int, width: Int, _ make: (UInt64) -> T) throws -> [T] {
        guard count <= cursor.remaining / width else { throw ByteCursor.truncated }
        var values: [T] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(make(try cursor.readLittleEndian(width))) }
        return values
    }

    private static func fixedBytes(_ cursor: inout ByteCursor, count: Int, width: Int) throws -> [[UInt8]] {
        guard width > 0 || count == 0 else { throw ParquetError(.corruptMetadata, "Invalid Parquet metadata: fixed length \(width)") }
        guard width == 0 || count <= cursor.remaining / width else { throw ByteCursor.truncated }
        var values: [[UInt8]] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(Array(cursor.bytes[try cursor.take(width)])) }
        return values
    }
}
