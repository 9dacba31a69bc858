/// An Avro schema (Avro 1.11 specification, "Schema Declaration"): what the file's `avro.schema`
/// header says each datum is.
///
/// Logical types this reader converts have their own cases; an unknown or invalid logical type
/// falls back to its underlying type, as the specification requires. Named types (records, enums,
/// fixed) are inlined where they are referenced; a record that refers to itself holds a
/// `.reference` resolved through `AvroSchemaNames` while decoding.
public indirect enum AvroSchema: Hashable, Sendable {
    case null, boolean, int, long, float, double, bytes, string
    case record(name: String, fields: [AvroField])
    case enumeration(name: String, symbols: [String])
    case array(items: AvroSchema)
    case map(values: AvroSchema)
    case union([AvroSchema])
    case fixed(name: String, size: Int)
    /// A reference to a named type being defined (a recursive record), by full name.
    case reference(String)

    /// `decimal` on `bytes` (size nil) or `fixed` (its size): a two's-complement big-endian
    /// unscaled integer.
    case decimal(precision: Int, scale: Int, fixedSize: Int?)
    /// `date` on `int`: days since 1970-01-01.
    case date
    /// `time-millis` on `int`, `time-micros` on `long`.
    case timeMillis, timeMicros
    /// `timestamp-*` on `long`: an instant since the epoch (UTC).
    case timestampMillis, timestampMicros, timestampNanos
    /// `local-timestamp-*` on `long`: a wall-clock time, no time zone.
    case localTimestampMillis, localTimestampMicros, localTimestampNanos
    /// `uuid` on `string`.
    case uuid
}

/// One field of an Avro record.
public struct AvroField: Hashable, Sendable {
    public var name: String
    public var schema: AvroSchema

    public init(name: String, schema: AvroSchema) {
        self.name = name
        self.schema = schema
    }
}

/// The named types of a schema by full name, for `.reference`s.
typealias AvroSchemaNames = [String: AvroSchema]
