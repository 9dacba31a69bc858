/// One column of a Parquet file as a reader sees it: its name, the kind of value it yields and
/// whether it may be null. COPY maps columns to a table's columns by position; Spectrum by name.
public struct ParquetColumn: Hashable, Sendable {
    public var name: String
    public var type: ParquetValueType
    public var nullable: Bool

    public init(name: String, type: ParquetValueType, nullable: Bool) {
        self.name = name
        self.type = type
        self.nullable = nullable
    }
}

/// What a Parquet column holds once its physical type and annotation are combined, and the
/// `BulkValue` case it reads as.
public enum ParquetValueType: Hashable, Sendable {
    /// `.boolean`.
    case boolean
    /// INT32/INT64, with or without an INT(bitWidth, signed) annotation: `.int` (an unsigned
    /// 64-bit value above `Int64.max` reads as a `.decimal` with scale 0).
    case integer(bitWidth: Int, signed: Bool)
    /// FLOAT (and FLOAT16): `.double`.
    case float
    /// DOUBLE: `.double`.
    case double
    /// DECIMAL on INT32, INT64, BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY: `.decimal`.
    case decimal(precision: Int, scale: Int)
    /// BYTE_ARRAY annotated STRING, UTF8 or ENUM: `.string`.
    case string
    /// BYTE_ARRAY annotated JSON, or a nested field (a group, LIST or MAP, or a repeated
    /// field) rendered as JSON text: `.string`.
    case json
    /// BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY without annotation (or BSON): `.bytes`.
    case bytes
    /// FIXED_LEN_BYTE_ARRAY(16) annotated UUID: `.string` in the 8-4-4-4-12 hex form.
    case uuid
    /// INT32 DATE: `.date`.
    case date
    /// TIME(millis, micros or nanos): `.time` in microseconds.
    case time
    /// TIMESTAMP(millis, micros or nanos) or a legacy INT96 timestamp: `.timestamp` in
    /// microseconds; `utc` is the annotation's isAdjustedToUTC (false for INT96).
    case timestamp(utc: Bool)
}
