import RedshiftSQL

/// Result values in binary format (DataRow with format code 1), as PostgreSQL's `*send`
/// functions write them, except for a Redshift driver (one that sent `client_protocol_version`):
/// - `interval` is PostgreSQL 8.0's 12 bytes (microseconds including the days, then months),
///   which redshift_connector's `interval_recv_integer` reads;
/// - at protocol 2 (BINARY) a `numeric` is its unscaled value, an 8-byte (precision ≤ 18) or
///   16-byte big-endian integer, the scale being the column's typmod (`numeric_in_binary`).
enum BinaryResult {
    /// Which binary forms a client reads.
    enum Dialect: Sendable {
        /// PostgreSQL's (psycopg 3, pgjdbc).
        case postgres
        /// A Redshift driver below protocol 2: PostgreSQL 8.0's interval, PostgreSQL's numeric.
        case redshift
        /// A Redshift driver at protocol 2: 8.0's interval and the scaled-integer numeric.
        case redshiftBinary
    }

    /// Types with a binary form here. Others (SUPER, VARBYTE) fail a binary request with 42883,
    /// PostgreSQL's answer for a type without a send function.
    static func supports(_ type: RedshiftType) -> Bool {
        switch type {
        case .super, .varbyte: return false
        default: return true
        }
    }

    /// The bytes of one non-NULL value of a column of `type`; nil when the stored value cannot be
    /// read as that type.
    static func bytes(of value: SQLiteValue, type: RedshiftType, dialect: Dialect) -> [UInt8]? {
        switch type {
        case .smallint: return integer(value).flatMap { Int16(exactly: $0) }.map { bigEndian(UInt64(UInt16(bitPattern: $0)), 2) }
        case .integer: return integer(value).flatMap { Int32(exactly: $0) }.map { bigEndian(UInt64(UInt32(bitPattern: $0)), 4) }
        case .bigint: return integer(value).map { bigEndian(UInt64(bitPattern: $0), 8) }
        case .real: return double(value).map { bigEndian(UInt64(Float($0).bitPattern), 4) }
        case .doublePrecision: return double(value).map { bigEndian($0.bitPattern, 8) }
        case .boolean: return type.text(of: value).map { [$0 == "t" ? 1 : 0] }
        case .decimal(let precision, let scale):
            guard let text = type.text(of: value) else { return nil }
            return dialect == .redshiftBinary ? scaledNumeric(text, precision: precision) : PGNumeric.bytes(of: text)
        case .date:
            return type.text(of: value).flatMap(DateTimeText.days).map { bigEndian(UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: $0))), 4) }
        case .time:
            return type.text(of: value).flatMap(DateTimeText.timeMicros).map { bigEndian(UInt64(bitPattern: $0.micros), 8) }
        case .timetz:
            guard let time = type.text(of: value).flatMap(DateTimeText.timeMicros) else { return nil }
            return bigEndian(UInt64(bitPattern: time.micros), 8) + bigEndian(UInt64(UInt32(bitPattern: Int32(-time.zoneSeconds))), 4)
        case .timestamp, .timestamptz:
            return type.text(of: value).flatMap(DateTimeText.timestampMicros).map { bigEndian(UInt64(bitPattern: $0), 8) }
        case .interval:
            guard case .text(let encoded) = value else { return nil }
            // The engine stores an interval as `months:days:microseconds`.
            let parts = encoded.split(separator: ":").compactMap { Int64($0) }
            guard parts.count == 3 else { return nil }
            if dialect != .postgres {
                return bigEndian(UInt64(bitPattern: parts[2] &+ parts[1] &* PGDateTime.microsPerDay), 8)
                    + bigEndian(UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: parts[0]))), 4)
            }
            return bigEndian(UInt64(bitPattern: parts[2]), 8)
                + bigEndian(UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: parts[1]))), 4)
                + bigEndian(UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: parts[0]))), 4)
        case .char, .varchar, .unknown:
            return type.text(of: value).map { Array($0.utf8) }
        case .super, .varbyte:
            return nil
        }
    }

    private static func integer(_ value: SQLiteValue) -> Int64? {
        switch value {
        case .integer(let i): return i
        case .real(let d): return d.isFinite ? Int64(exactly: d.rounded(.toNearestOrAwayFromZero)) : nil
        case .text(let s): return Int64(s)
        default: return nil
        }
    }

    private static func double(_ value: SQLiteValue) -> Double? {
        switch value {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .text(let s): return Double(s)
        default: return nil
        }
    }

    /// Redshift's binary numeric: the digits without the point, as a signed 64- or 128-bit integer.
    static func scaledNumeric(_ text: String, precision: Int) -> [UInt8]? {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        var magnitude: (high: UInt64, low: UInt64) = (0, 0)
        for character in digits where character != "." {
            guard let digit = character.wholeNumberValue else { return nil }
            // magnitude = magnitude * 10 + digit, in 128 bits.
            let low = magnitude.low.multipliedFullWidth(by: 10)
            let (sum, carry) = low.low.addingReportingOverflow(UInt64(digit))
            magnitude = (magnitude.high &* 10 &+ low.high &+ (carry ? 1 : 0), sum)
        }
        if negative {   // two's complement
            let (low, carry) = (~magnitude.low).addingReportingOverflow(1)
            magnitude = (~magnitude.high &+ (carry ? 1 : 0), low)
        }
        return precision <= 18 ? bigEndian(magnitude.low, 8) : bigEndian(magnitude.high, 8) + bigEndian(magnitude.low, 8)
    }

    static func bigEndian(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64(count - 1 - $0))) }
    }
}
