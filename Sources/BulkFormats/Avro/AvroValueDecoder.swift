/// Decodes one Avro datum into a `BulkValue`: what COPY loads into one column.
///
/// Scalars become typed values; the logical types become `.decimal`, `.date`, `.time` and
/// `.timestamp` (`timestamp-*` as instants, `local-timestamp-*` as wall-clock times); a union
/// is its branch's value; records, arrays and maps become their JSON text in `.string` (what
/// COPY loads into VARCHAR or SUPER), rendered by `AvroJSONRenderer`.
struct AvroValueDecoder {
    let names: AvroSchemaNames

    func value(_ schema: AvroSchema, from input: inout AvroBinaryDecoder) throws -> BulkValue {
        switch schema {
        case .null: return .null
        case .boolean: return .boolean(try input.readBoolean())
        case .int: return .int(Int64(try input.readInt()))
        case .long: return .int(try input.readLong())
        case .float: return .double(Double(try input.readFloat()))
        case .double: return .double(try input.readDouble())
        case .bytes: return .bytes(try input.readBytes())
        case .string, .uuid: return .string(try input.readString())
        case .fixed(_, let size): return .bytes(try input.readFixed(size))
        case .enumeration(_, let symbols): return .string(try Self.symbol(symbols, from: &input))
        case .union(let branches): return try value(Self.branch(branches, from: &input), from: &input)
        case .reference(let name): return try value(resolve(name), from: &input)
        case .record, .array, .map:
            var text = ""
            try AvroJSONRenderer(names: names).render(schema, from: &input, into: &text)
            return .string(text)
        case .decimal(_, let scale, let fixedSize):
            let unscaled = try fixedSize.map { try input.readFixed($0) } ?? input.readBytes()
            return .decimal(AvroDecimal.text(unscaled: unscaled, scale: scale), scale: scale)
        case .date: return .date(try input.readInt())
        case .timeMillis: return .time(try Self.scaled(Int64(try input.readInt()), by: 1000))
        case .timeMicros: return .time(try input.readLong())
        case .timestampMillis: return .timestamp(try Self.scaled(try input.readLong(), by: 1000), utc: true)
        case .timestampMicros: return .timestamp(try input.readLong(), utc: true)
        case .timestampNanos: return .timestamp(Self.floorMicros(nanos: try input.readLong()), utc: true)
        case .localTimestampMillis: return .timestamp(try Self.scaled(try input.readLong(), by: 1000), utc: false)
        case .localTimestampMicros: return .timestamp(try input.readLong(), utc: false)
        case .localTimestampNanos: return .timestamp(Self.floorMicros(nanos: try input.readLong()), utc: false)
        }
    }

    func resolve(_ name: String) throws -> AvroSchema {
        guard let schema = names[name] else { throw AvroError(.schema, "Invalid Avro schema: unknown type '\(name)'") }
        return schema
    }

    /// The union branch the next datum uses.
    static func branch(_ branches: [AvroSchema], from input: inout AvroBinaryDecoder) throws -> AvroSchema {
        let index = try input.readLong()
        guard index >= 0, index < branches.count else {
            throw AvroError(.corrupt, "Invalid Avro data: union branch \(index) of \(branches.count)")
        }
        return branches[Int(index)]
    }

    static func symbol(_ symbols: [String], from input: inout AvroBinaryDecoder) throws -> String {
        let index = try input.readInt()
        guard index >= 0, index < symbols.count else {
            throw AvroError(.corrupt, "Invalid Avro data: enum symbol \(index) of \(symbols.count)")
        }
        return symbols[Int(index)]
    }

    static func scaled(_ value: Int64, by factor: Int64) throws -> Int64 {
        let (result, overflow) = value.multipliedReportingOverflow(by: factor)
        guard !overflow else { throw AvroError(.corrupt, "Invalid Avro data: time value \(value) out of range") }
        return result
    }

    /// Nanoseconds to microseconds, rounding toward the past as a clock would.
    static func floorMicros(nanos: Int64) -> Int64 {
        nanos >= 0 ? nanos / 1000 : -((-(nanos + 1)) / 1000) - 1
    }
}
