/// A value ready for a column's page: checked against the column's type, in its physical form.
enum EncodedValue {
    case null
    case boolean(Bool)
    case int32(Int32)
    case int64(Int64)
    case float(Float)
    case double(Double)
    /// BYTE_ARRAY contents or FIXED_LEN_BYTE_ARRAY bytes.
    case bytes([UInt8])
}

/// How a Redshift column type is stored in Parquet (see `ParquetColumnType`), and the check and
/// conversion of each `BulkValue` written to it.
struct ColumnTypeMapping {
    let column: ParquetWriterColumn
    let physical: PhysicalType
    let typeLength: Int

    init(_ column: ParquetWriterColumn) throws {
        self.column = column
        switch column.type {
        case .smallint, .integer, .date: physical = .int32; typeLength = 0
        case .bigint, .timestamp, .timestamptz, .time, .timetz: physical = .int64; typeLength = 0
        case .real: physical = .float; typeLength = 0
        case .double: physical = .double; typeLength = 0
        case .boolean: physical = .boolean; typeLength = 0
        case .string, .varbyte: physical = .byteArray; typeLength = 0
        case .decimal(let precision, let scale):
            guard (1...38).contains(precision), (0...precision).contains(scale) else {
                throw ParquetError(.invalidValue, "Invalid DECIMAL(\(precision),\(scale)) for Parquet column \(column.name)")
            }
            if precision <= 9 {
                physical = .int32; typeLength = 0
            } else if precision <= 18 {
                physical = .int64; typeLength = 0
            } else {
                physical = .fixedLenByteArray
                typeLength = Self.decimalWidth(precision: precision)
            }
        }
    }

    /// The bytes a two's complement integer needs to hold every value of `precision` digits.
    static func decimalWidth(precision: Int) -> Int {
        Int(((Double(precision) * 3.321928094887362 + 1) / 8).rounded(.up))
    }

    var schemaElement: SchemaElement {
        var element = SchemaElement(type: physical, repetition: column.nullable ? .optional : .required, name: column.name)
        if typeLength > 0 { element.typeLength = Int32(typeLength) }
        switch column.type {
        case .smallint:
            element.logicalType = .integer(bitWidth: 16, signed: true)
            element.convertedType = .int16
        case .integer, .bigint, .real, .double, .boolean, .varbyte:
            break
        case .decimal(let precision, let scale):
            element.logicalType = .decimal(scale: Int32(scale), precision: Int32(precision))
            element.convertedType = .decimal
            element.scale = Int32(scale)
            element.precision = Int32(precision)
        case .string:
            element.logicalType = .string
            element.convertedType = .utf8
        case .date:
            element.logicalType = .date
            element.convertedType = .date
        case .timestamp:
            element.logicalType = .timestamp(utc: false, unit: .micros)
        case .timestamptz:
            element.logicalType = .timestamp(utc: true, unit: .micros)
            element.convertedType = .timestampMicros
        case .time:
            element.logicalType = .time(utc: false, unit: .micros)
        case .timetz:
            element.logicalType = .time(utc: true, unit: .micros)
            element.convertedType = .timeMicros
        }
        return element
    }

    /// `value` in the column's physical form; throws `.invalidValue` when it does not fit.
    func encode(_ value: BulkValue) throws -> EncodedValue {
        switch (column.type, value) {
        case (_, .null):
            guard column.nullable else { throw invalid("a null (the column is NOT NULL)") }
            return .null
        case (.smallint, .int(let v)):
            guard let narrow = Int16(exactly: v) else { throw invalid("\(v), out of range for SMALLINT,") }
            return .int32(Int32(narrow))
        case (.integer, .int(let v)):
            guard let narrow = Int32(exactly: v) else { throw invalid("\(v), out of range for INTEGER,") }
            return .int32(narrow)
        case (.bigint, .int(let v)): return .int64(v)
        case (.decimal(let precision, let scale), .decimal(let text, _)): return try decimal(text, precision, scale)
        case (.decimal(let precision, let scale), .int(let v)): return try decimal(String(v), precision, scale)
        case (.real, .double(let v)): return .float(Float(v))
        case (.real, .int(let v)): return .float(Float(v))
        case (.double, .double(let v)): return .double(v)
        case (.double, .int(let v)): return .double(Double(v))
        case (.boolean, .boolean(let v)): return .boolean(v)
        case (.string, .string(let v)): return .bytes(Array(v.utf8))
        case (.varbyte, .bytes(let v)): return .bytes(v)
        case (.date, .date(let v)): return .int32(v)
        case (.timestamp, .timestamp(let v, _)), (.timestamptz, .timestamp(let v, _)): return .int64(v)
        case (.time, .time(let v)), (.timetz, .time(let v)): return .int64(v)
        default: throw invalid("\(value), not a \(column.type) value,")
        }
    }

    private func decimal(_ text: String, _ precision: Int, _ scale: Int) throws -> EncodedValue {
        if physical != .fixedLenByteArray, let unscaled = DecimalText.plainUnscaled(text, scale: scale, precision: precision) {
            if physical == .int64 { return .int64(unscaled) }
            if let narrow = Int32(exactly: unscaled) { return .int32(narrow) }
        }
        let outOfRange = invalid("\(text) that does not fit DECIMAL(\(precision),\(scale))")
        guard let (_, digits) = DecimalText.unscaledDigits(text, scale: scale),
              digits.drop(while: { $0 == 0 }).count <= precision else { throw outOfRange }
        switch physical {
        case .int32:
            guard let v = DecimalText.unscaledInt64(text, scale: scale), let narrow = Int32(exactly: v) else { throw outOfRange }
            return .int32(narrow)
        case .int64:
            guard let v = DecimalText.unscaledInt64(text, scale: scale) else { throw outOfRange }
            return .int64(v)
        default:
            guard let bytes = DecimalText.unscaledBytes(text, scale: scale, width: typeLength) else { throw outOfRange }
            return .bytes(bytes)
        }
    }

    private func invalid(_ detail: String) -> ParquetError {
        ParquetError(.invalidValue, "Cannot write \(detail) into Parquet column \(column.name)")
    }
}
