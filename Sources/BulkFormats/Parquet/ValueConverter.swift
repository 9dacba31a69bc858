/// Turns a column's decoded physical values into `BulkValue`s according to its annotation.
struct ValueConverter {
    /// The conversion a column needs, resolved once from its schema element.
    enum Conversion: Hashable {
        case boolean, signed, unsigned32, unsigned64, float, double
        case decimal(scale: Int)
        case string, bytes, uuid, float16
        case date
        case time(TimeUnit)
        case timestamp(TimeUnit, utc: Bool)
        case int96Timestamp
    }

    let conversion: Conversion
    let valueType: ParquetValueType

    /// The conversion for a primitive schema element; throws `.unsupported` for annotations
    /// that do not fit the physical type or that this reader does not know.
    init(_ element: SchemaElement) throws {
        guard let physical = element.type else {
            throw ParquetError(.unsupported, "Parquet column \(element.name) has no physical type")
        }
        let resolved = try Self.resolve(element, physical)
        conversion = resolved.0
        valueType = resolved.1
    }

    private static func resolve(_ e: SchemaElement, _ physical: PhysicalType) throws -> (Conversion, ParquetValueType) {
        let isInteger = physical == .int32 || physical == .int64
        let isBinary = physical == .byteArray || physical == .fixedLenByteArray
        let defaultBits = physical == .int32 ? 32 : 64
        func unsupported() -> ParquetError {
            ParquetError(.unsupported, "Parquet column \(e.name) has an unsupported type annotation")
        }
        func decimal(_ scale: Int32?, _ precision: Int32?) throws -> (Conversion, ParquetValueType) {
            guard isInteger || isBinary, let scale = scale.map(Int.init), scale >= 0 else { throw unsupported() }
            return (.decimal(scale: scale), .decimal(precision: Int(precision ?? 38), scale: scale))
        }
        if let logical = e.logicalType {
            switch (logical, physical) {
            case (.string, .byteArray), (.enumeration, .byteArray): return (.string, .string)
            case (.json, .byteArray): return (.string, .json)
            case (.bson, .byteArray): return (.bytes, .bytes)
            case (.uuid, .fixedLenByteArray): return (.uuid, .uuid)
            case (.float16, .fixedLenByteArray): return (.float16, .float)
            case (.decimal(let scale, let precision), _): return try decimal(scale, precision)
            case (.date, .int32): return (.date, .date)
            case (.time(_, let unit), .int32) where unit == .millis, (.time(_, let unit), .int64) where unit != .millis:
                return (.time(unit), .time)
            case (.timestamp(let utc, let unit), .int64): return (.timestamp(unit, utc: utc), .timestamp(utc: utc))
            case (.integer(let bits, let signed), _) where isInteger:
                let conversion: Conversion = signed ? .signed : (physical == .int32 ? .unsigned32 : .unsigned64)
                return (conversion, .integer(bitWidth: Int(bits), signed: signed))
            case (.unknown, _): break
            default: throw unsupported()
            }
        }
        if let converted = e.convertedType {
            switch (converted, physical) {
            case (.utf8, .byteArray), (.enumeration, .byteArray): return (.string, .string)
            case (.json, .byteArray): return (.string, .json)
            case (.bson, .byteArray): return (.bytes, .bytes)
            case (.decimal, _): return try decimal(e.scale ?? 0, e.precision)
            case (.date, .int32): return (.date, .date)
            case (.timeMillis, .int32): return (.time(.millis), .time)
            case (.timeMicros, .int64): return (.time(.micros), .time)
            case (.timestampMillis, .int64): return (.timestamp(.millis, utc: true), .timestamp(utc: true))
            case (.timestampMicros, .int64): return (.timestamp(.micros, utc: true), .timestamp(utc: true))
            case (.int8, _) where isInteger: return (.signed, .integer(bitWidth: 8, signed: true))
            case (.int16, _) where isInteger: return (.signed, .integer(bitWidth: 16, signed: true))
            case (.int32, _) where isInteger: return (.signed, .integer(bitWidth: 32, signed: true))
            case (.int64, _) where isInteger: return (.signed, .integer(bitWidth: 64, signed: true))
            case (.uint8, _) where isInteger: return (.signed, .integer(bitWidth: 8, signed: false))
            case (.uint16, _) where isInteger: return (.signed, .integer(bitWidth: 16, signed: false))
            case (.uint32, _) where isInteger:
                return (physical == .int32 ? .unsigned32 : .signed, .integer(bitWidth: 32, signed: false))
            case (.uint64, _) where isInteger: return (.unsigned64, .integer(bitWidth: 64, signed: false))
            case (.interval, .fixedLenByteArray): return (.bytes, .bytes)
            default: throw unsupported()
            }
        }
        switch physical {
        case .boolean: return (.boolean, .boolean)
        case .int32, .int64: return (.signed, .integer(bitWidth: defaultBits, signed: true))
        case .int96: return (.int96Timestamp, .timestamp(utc: false))
        case .float: return (.float, .float)
        case .double: return (.double, .double)
        case .byteArray, .fixedLenByteArray: return (.bytes, .bytes)
        default: throw unsupported()
        }
    }

    /// Whether values of `physical` type convert (`convert(_:)` throws for the other pairs).
    func accepts(_ physical: PhysicalType) -> Bool {
        switch (physical, conversion) {
        case (.boolean, .boolean), (.float, .float), (.double, .double): return true
        case (.int32, .signed), (.int32, .unsigned32), (.int32, .date), (.int32, .time), (.int32, .decimal): return true
        case (.int64, .signed), (.int64, .unsigned64), (.int64, .time), (.int64, .timestamp), (.int64, .decimal): return true
        case (.byteArray, _), (.fixedLenByteArray, _), (.int96, _):
            switch conversion {
            case .string, .bytes, .decimal, .uuid, .float16, .int96Timestamp: return true
            default: return false
            }
        default: return false
        }
    }

    /// One INT32 value (of a column whose type `accepts` INT32), as `convert(_:)` converts it.
    @inline(__always)
    func convert(int32 value: Int32) -> BulkValue {
        switch conversion {
        case .unsigned32: return .int(Int64(UInt32(bitPattern: value)))
        case .date: return .date(value)
        case .time(let unit): return .time(Self.micros(Int64(value), unit))
        case .decimal(let scale): return .decimal(DecimalText.format(Int64(value), scale: scale), scale: scale)
        default: return .int(Int64(value))
        }
    }

    /// One INT64 value (of a column whose type `accepts` INT64), as `convert(_:)` converts it.
    @inline(__always)
    func convert(int64 value: Int64) -> BulkValue {
        switch conversion {
        case .unsigned64: return Self.unsigned(value)
        case .time(let unit): return .time(Self.micros(value, unit))
        case .timestamp(let unit, let utc): return .timestamp(Self.micros(value, unit), utc: utc)
        case .decimal(let scale): return .decimal(DecimalText.format(value, scale: scale), scale: scale)
        default: return .int(value)
        }
    }

    /// The values as `BulkValue`s; throws `.corruptPage` for bytes that do not fit the type
    /// (invalid UTF-8 in a STRING column, a UUID that is not 16 bytes).
    func convert(_ values: PhysicalValues) throws -> [BulkValue] {
        switch (values, conversion) {
        case (.booleans(let v), .boolean): return v.map { .boolean($0) }
        case (.int32s(let v), .signed): return v.map { .int(Int64($0)) }
        case (.int32s(let v), .unsigned32): return v.map { .int(Int64(UInt32(bitPattern: $0))) }
        case (.int32s(let v), .date): return v.map { .date($0) }
        case (.int32s(let v), .time(let unit)): return v.map { .time(Self.micros(Int64($0), unit)) }
        case (.int32s(let v), .decimal(let scale)): return v.map { .decimal(DecimalText.format(Int64($0), scale: scale), scale: scale) }
        case (.int64s(let v), .signed): return v.map { .int($0) }
        case (.int64s(let v), .unsigned64): return v.map { Self.unsigned($0) }
        case (.int64s(let v), .time(let unit)): return v.map { .time(Self.micros($0, unit)) }
        case (.int64s(let v), .timestamp(let unit, let utc)): return v.map { .timestamp(Self.micros($0, unit), utc: utc) }
        case (.int64s(let v), .decimal(let scale)): return v.map { .decimal(DecimalText.format($0, scale: scale), scale: scale) }
        case (.floats(let v), .float): return v.map { .double(Double($0)) }
        case (.doubles(let v), .double): return v.map { .double($0) }
        case (.byteArrays(let v), _): return try v.map { try convertBytes($0) }
        default:
            throw ParquetError(.corruptPage, "Invalid Parquet page: values do not match the column's type")
        }
    }

    /// PLAIN BYTE_ARRAY (`fixedLength` nil) or FIXED_LEN_BYTE_ARRAY values of a STRING or DECIMAL
    /// column, converted in place from the page (no array per value); nil for other conversions,
    /// which `convert(_:)` handles. Same values and errors as decoding then converting.
    func convertPlainBytes(_ cursor: inout ByteCursor, fixedLength: Int?, count: Int) throws -> [BulkValue]? {
        switch conversion {
        case .string, .decimal: break
        default: return nil
        }
        if let fixedLength {
            guard fixedLength > 0 else { return nil }
            guard count <= cursor.remaining / fixedLength else { throw ByteCursor.truncated }
        } else {
            guard count <= cursor.remaining / 4 else { throw ByteCursor.truncated }
        }
        var values: [BulkValue] = []
        values.reserveCapacity(count)
        let page = cursor.bytes
        try page.withUnsafeBufferPointer { all in
            for _ in 0..<count {
                let length = try fixedLength ?? Int(cursor.readUInt32())
                let bytes = UnsafeBufferPointer(rebasing: all[try cursor.take(length)])
                switch conversion {
                case .decimal(let scale):
                    values.append(.decimal(DecimalText.format(bigEndianTwosComplement: bytes, scale: scale), scale: scale))
                default:
                    guard let text = String(validating: bytes, as: UTF8.self) else {
                        throw ParquetError(.corruptPage, "Invalid UTF-8 in a Parquet STRING column")
                    }
                    values.append(.string(text))
                }
            }
        }
        return values
    }

    private func convertBytes(_ bytes: [UInt8]) throws -> BulkValue {
        try bytes.withUnsafeBufferPointer { try convertBytes($0) }
    }

    /// One BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY or INT96 value read in place.
    func convertBytes(_ bytes: UnsafeBufferPointer<UInt8>) throws -> BulkValue {
        switch conversion {
        case .string:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw ParquetError(.corruptPage, "Invalid UTF-8 in a Parquet STRING column")
            }
            return .string(text)
        case .bytes: return .bytes(Array(bytes))
        case .decimal(let scale): return .decimal(DecimalText.format(bigEndianTwosComplement: bytes, scale: scale), scale: scale)
        case .uuid:
            guard bytes.count == 16 else { throw ParquetError(.corruptPage, "Invalid Parquet UUID of \(bytes.count) bytes") }
            let hex = bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }
            return .string([hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-"))
        case .float16:
            guard bytes.count == 2 else { throw ParquetError(.corruptPage, "Invalid Parquet FLOAT16 value") }
            return .double(Double(Float16Bits.toFloat(UInt16(bytes[0]) | UInt16(bytes[1]) << 8)))
        case .int96Timestamp:
            guard bytes.count == 12 else { throw ParquetError(.corruptPage, "Invalid Parquet INT96 value") }
            var nanos: UInt64 = 0
            for i in 0..<8 { nanos |= UInt64(bytes[i]) << UInt64(8 * i) }
            var julian: UInt32 = 0
            for i in 0..<4 { julian |= UInt32(bytes[8 + i]) << UInt32(8 * i) }
            let days = Int64(Int32(bitPattern: julian)) - 2_440_588
            return .timestamp(days &* 86_400_000_000 &+ Int64(bitPattern: nanos) / 1000, utc: false)
        default:
            throw ParquetError(.corruptPage, "Invalid Parquet page: values do not match the column's type")
        }
    }

    private static func micros(_ value: Int64, _ unit: TimeUnit) -> Int64 {
        switch unit {
        case .millis: return value &* 1000
        case .micros: return value
        case .nanos: return value >= 0 ? value / 1000 : (value - 999) / 1000
        }
    }

    private static func unsigned(_ value: Int64) -> BulkValue {
        value >= 0 ? .int(value) : .decimal(String(UInt64(bitPattern: value)), scale: 0)
    }
}

/// IEEE half-precision bits to a Float.
enum Float16Bits {
    static func toFloat(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F)
        let fraction = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * Float(pow2: -24)
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Float(pow2: exponent - 15)
        }
    }
}

private extension Float {
    init(pow2 exponent: Int) { self = Float(sign: .plus, exponent: exponent, significand: 1) }
}
