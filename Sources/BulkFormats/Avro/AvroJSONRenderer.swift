/// Renders an Avro datum as JSON text: nested records, arrays and maps, which COPY loads into a
/// VARCHAR or SUPER column as text.
///
/// Records and maps become objects (record fields in schema order), arrays become arrays, a
/// union is its branch's value (not Avro's `{"type": value}` JSON encoding), an enum its symbol,
/// `decimal` a JSON number with its scale, `bytes` and `fixed` a string of code points 0–255 (as
/// Avro's JSON encoding writes them), other logical types their underlying number or string.
/// NaN and infinities, which JSON cannot hold, become null.
struct AvroJSONRenderer {
    let names: AvroSchemaNames
    /// How deep values may nest (a recursive record's chain, arrays of arrays): a corrupt or
    /// hostile file throws instead of exhausting the stack.
    static let maximumDepth = 500

    func render(_ schema: AvroSchema, from input: inout AvroBinaryDecoder, into text: inout String, depth: Int = 0) throws {
        guard depth <= Self.maximumDepth else {
            throw AvroError(.corrupt, "Invalid Avro data: values nest more than \(Self.maximumDepth) levels deep")
        }
        switch schema {
        case .null: text += "null"
        case .boolean: text += try input.readBoolean() ? "true" : "false"
        case .int, .date, .timeMillis: text += String(try input.readInt())
        case .long, .timeMicros, .timestampMillis, .timestampMicros, .timestampNanos,
             .localTimestampMillis, .localTimestampMicros, .localTimestampNanos:
            text += String(try input.readLong())
        case .float:
            let value = try input.readFloat()
            text += value.isFinite ? "\(value)" : "null"
        case .double:
            let value = try input.readDouble()
            text += value.isFinite ? "\(value)" : "null"
        case .bytes: Self.string(latin1: try input.readBytes(), into: &text)
        case .fixed(_, let size): Self.string(latin1: try input.readFixed(size), into: &text)
        case .string, .uuid: Self.string(try input.readString(), into: &text)
        case .enumeration(_, let symbols): Self.string(try AvroValueDecoder.symbol(symbols, from: &input), into: &text)
        case .union(let branches): try render(AvroValueDecoder.branch(branches, from: &input), from: &input, into: &text, depth: depth + 1)
        case .reference(let name): try render(AvroValueDecoder(names: names).resolve(name), from: &input, into: &text, depth: depth + 1)
        case .decimal(_, let scale, let fixedSize):
            let unscaled = try fixedSize.map { try input.readFixed($0) } ?? input.readBytes()
            text += AvroDecimal.text(unscaled: unscaled, scale: scale)
        case .record(_, let fields):
            text += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { text += "," }
                Self.string(field.name, into: &text)
                text += ":"
                try render(field.schema, from: &input, into: &text, depth: depth + 1)
            }
            text += "}"
        case .array(let items):
            text += "["
            var first = true
            try Self.forEachItem(in: &input) { input in
                if !first { text += "," }
                first = false
                try render(items, from: &input, into: &text, depth: depth + 1)
            }
            text += "]"
        case .map(let values):
            text += "{"
            var first = true
            try Self.forEachItem(in: &input) { input in
                if !first { text += "," }
                first = false
                Self.string(try input.readString(), into: &text)
                text += ":"
                try render(values, from: &input, into: &text, depth: depth + 1)
            }
            text += "}"
        }
    }

    /// Calls `body` for each item of an array or map: blocks of a count (negative: followed by
    /// the block's size in bytes), ended by a zero count.
    static func forEachItem(in input: inout AvroBinaryDecoder, _ body: (inout AvroBinaryDecoder) throws -> Void) throws {
        while true {
            var count = try input.readLong()
            if count == 0 { return }
            if count < 0 {
                guard count != .min else { throw AvroError(.corrupt, "Invalid Avro data: block count out of range") }
                count = -count
                _ = try input.readLong()   // the block's size in bytes, for skipping
            }
            // Items take at least one byte (but nulls): a count beyond the block is corrupt, not a loop.
            guard count <= Int64(input.remaining) + (1 << 20) else {
                throw AvroError(.corrupt, "Invalid Avro data: \(count) items do not fit in the block")
            }
            for _ in 0..<count { try body(&input) }
        }
    }

    static func string(latin1 bytes: [UInt8], into text: inout String) {
        string(String(bytes.map { Character(Unicode.Scalar($0)) }), into: &text)
    }

    /// `value` as a JSON string literal.
    static func string(_ value: String, into text: inout String) { JSONStringLiteral.append(value, to: &text) }
}
