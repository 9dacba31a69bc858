/// One typed field of a binary or structured bulk file (Parquet, Avro, JSON): what COPY converts
/// to a column's type, and what UNLOAD hands to a typed writer.
public enum BulkValue: Hashable, Sendable {
    case null
    case boolean(Bool)
    case int(Int64)
    case double(Double)
    /// A DECIMAL in its canonical text: an optional `-`, digits, and `.` with `scale` digits when
    /// the scale is not 0 ("-12.340" for scale 3).
    case decimal(String, scale: Int)
    case string(String)
    case bytes([UInt8])
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01 00:00:00; `utc` for an instant (TIMESTAMPTZ), false for a
    /// wall-clock time (TIMESTAMP).
    case timestamp(Int64, utc: Bool)
    /// Microseconds since midnight.
    case time(Int64)
}
