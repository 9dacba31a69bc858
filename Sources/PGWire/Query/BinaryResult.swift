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

/// PostgreSQL's numeric_send of a plain decimal text: ndigits, weight, sign, dscale and base-10000
/// digits aligned on the decimal point.
enum PGNumeric {
    static func bytes(of text: String) -> [UInt8]? {
        if text == "NaN" { return int16s([0, 0, Int16(bitPattern: 0xC000), 0]) }
        var body = Substring(text)
        let negative = body.first == "-"
        if negative || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholePart = parts.first, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let whole = String(wholePart.drop { $0 == "0" })
        // Pad the whole part on the left and the fraction on the right to groups of four.
        let paddedWhole = String(repeating: "0", count: (4 - whole.count % 4) % 4) + whole
        let paddedFraction = fraction + String(repeating: "0", count: (4 - fraction.count % 4) % 4)
        var groups = chunks(paddedWhole) + chunks(paddedFraction)
        var weight = paddedWhole.count / 4 - 1
        // Strip leading and trailing zero groups.
        while let first = groups.first, first == 0 { groups.removeFirst(); weight -= 1 }
        while let last = groups.last, last == 0 { groups.removeLast() }
        if groups.isEmpty { weight = 0 }
        guard groups.count < Int(Int16.max), fraction.count < Int(Int16.max), weight < Int(Int16.max) else { return nil }
        let sign: Int16 = negative && !groups.isEmpty ? 0x4000 : 0
        return int16s([Int16(groups.count), Int16(weight), sign, Int16(fraction.count)] + groups.map { Int16($0) })
    }

    private static func chunks(_ digits: String) -> [Int] {
        var result: [Int] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let end = digits.index(index, offsetBy: 4)
            result.append(Int(digits[index..<end])!)
            index = end
        }
        return result
    }

    private static func int16s(_ values: [Int16]) -> [UInt8] {
        values.flatMap { BinaryResult.bigEndian(UInt64(UInt16(bitPattern: $0)), 2) }
    }
}

/// The engine's date and time texts (`YYYY-MM-DD`, `HH:MM:SS[.ffffff][+hh[:mm]]`,
/// `YYYY-MM-DD HH:MM:SS[.ffffff][+00]`) read back into PostgreSQL's integer datetimes.
enum DateTimeText {
    /// Days since 2000-01-01.
    static func days(_ text: String) -> Int64? {
        let bc = text.hasSuffix(" BC")
        let body = bc ? text.dropLast(3) : Substring(text)
        let parts = body.split(separator: "-")
        guard parts.count == 3, let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        return PGDateTime.days(year: bc ? 1 - y : y, month: m, day: d)
    }

    /// Microseconds since midnight and the zone's offset east of UTC in seconds (0 when none).
    static func timeMicros(_ text: String) -> (micros: Int64, zoneSeconds: Int64)? {
        var body = Substring(text)
        var zone: Int64 = 0
        if let signIndex = body.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let offset = body[body.index(after: signIndex)...].split(separator: ":").compactMap { Int64($0) }
            guard !offset.isEmpty else { return nil }
            zone = (offset[0] * 3600 + (offset.count > 1 ? offset[1] * 60 : 0)) * (body[signIndex] == "-" ? -1 : 1)
            body = body[..<signIndex]
        }
        let parts = body.split(separator: ":")
        guard parts.count == 3, let h = Int64(parts[0]), let m = Int64(parts[1]) else { return nil }
        let secondParts = parts[2].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let s = Int64(secondParts[0]) else { return nil }
        var micros = ((h * 60 + m) * 60 + s) * 1_000_000
        if secondParts.count > 1 {
            let digits = String(secondParts[1].prefix(6))
            guard let fraction = Int64(digits) else { return nil }
            micros += fraction * Int64(pow10(6 - digits.count))
        }
        return (micros, zone)
    }

    /// Microseconds since 2000-01-01 00:00:00 (UTC for a `+00` timestamptz).
    static func timestampMicros(_ text: String) -> Int64? {
        let bc = text.hasSuffix(" BC")
        let body = bc ? String(text.dropLast(3)) : text
        let halves = body.split(separator: " ", maxSplits: 1)
        guard let first = halves.first, var days = days(String(first)) else { return nil }
        if bc, let plain = self.days(String(first) + " BC") { days = plain }
        var micros: Int64 = 0
        var zone: Int64 = 0
        if halves.count > 1 {
            guard let time = timeMicros(String(halves[1])) else { return nil }
            micros = time.micros
            zone = time.zoneSeconds
        }
        return days * PGDateTime.microsPerDay + micros - zone * 1_000_000
    }

    private static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { value, _ in value * 10 } }
}
