/// Exact DECIMAL(20…38, s) values: the scaled value v × 10^s as an `Int128`, stored as a 16-byte BLOB.
///
/// The BLOB is the big-endian two's complement of the scaled value with the sign bit flipped, so
/// SQLite's `memcmp` order of two such BLOBs is their numeric order and equal values have equal
/// bytes: comparisons, ORDER BY, GROUP BY, DISTINCT, joins and MIN/MAX on wide columns run natively.
/// Arithmetic, SUM/AVG, casts and rounding go through `rs_w…` functions (`WideDecimalFunctions`),
/// which accept both representations (a scaled INTEGER of a DECIMAL(p ≤ 19) or such a BLOB).
///
/// - Redshift: DECIMAL(p ≤ 19) is a 64-bit integer (DECIMAL(19,0) holds at most 2^63 − 1), with
///   precision 20…38 a 128-bit value, at most 38 digits (r_Numeric_types201);
///   a result past 38 digits is `Numeric data overflow (result precision)` (r_numeric_computations201).
enum WideDecimal {
    /// 10^38: every DECIMAL value's scaled magnitude is below it.
    static let limit: Int128 = ScaledDecimal.power128(38)

    /// True when DECIMAL(precision, s) values are `Int128` BLOBs rather than scaled 64-bit INTEGERs.
    static func isWide(_ precision: Int) -> Bool { precision > 19 }

    /// The order-preserving 16-byte form of a scaled value.
    static func encode(_ value: Int128) -> [UInt8] {
        let bits = UInt128(bitPattern: value) ^ (UInt128(1) << 127)
        return (0..<16).map { UInt8(truncatingIfNeeded: bits >> (8 * (15 - $0))) }
    }

    /// The scaled value of a 16-byte BLOB; nil for any other length.
    static func decode<C: Collection>(_ bytes: C) -> Int128? where C.Element == UInt8 {
        guard bytes.count == 16 else { return nil }
        var bits: UInt128 = 0
        for byte in bytes { bits = bits << 8 | UInt128(byte) }
        return Int128(bitPattern: bits ^ (UInt128(1) << 127))
    }

    /// A stored DECIMAL operand (scaled INTEGER or BLOB) as its scaled value; nil for NULL.
    /// A REAL is an overflowed 64-bit intermediate and raises the overflow error.
    static func operand(_ value: SQLiteValue) throws -> Int128? {
        switch value {
        case .null: return nil
        case .integer(let i): return Int128(i)
        case .blob(let bytes):
            guard let v = decode(bytes) else { throw SQLError(code: "22P02", message: "invalid input syntax for type numeric") }
            return v
        case .real: throw ScaledDecimal.overflow()
        case .text(let t):
            guard let v = try parse(t, scale: 0) else { throw SQLError(code: "22P02", message: "invalid input syntax for type numeric: \"\(t)\"") }
            return v
        }
    }

    /// A scaled result as DECIMAL(precision, ·) stores it: a BLOB when wide, else a 64-bit INTEGER.
    /// Past 38 digits (or 64 bits for a narrow type): `Numeric data overflow (result precision)`.
    static func stored(_ value: Int128, precision: Int) throws -> SQLiteValue {
        guard value.magnitude < limit.magnitude else { throw ScaledDecimal.overflow() }
        if isWide(precision) { return .blob(encode(value)) }
        return .integer(try ScaledDecimal.narrow(value))
    }

    /// Parses decimal text (`-12.345`, `1e3`, ` 7 `) at `scale`, rounding half away from zero;
    /// nil when it is not a number, the overflow error past 38 digits.
    static func parse(_ raw: String, scale: Int) throws -> Int128? {
        var bytes = Array(raw.utf8)[...]
        while bytes.first == 32 { bytes = bytes.dropFirst() }
        while bytes.last == 32 { bytes = bytes.dropLast() }
        var digits: [UInt8] = []
        var fractionDigits = 0, exponent = 0
        var negative = false, seenPoint = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        while let c = bytes.first {
            if c >= 48 && c <= 57 {
                digits.append(c - 48)
                if seenPoint { fractionDigits += 1 }
            } else if c == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                guard let e = Int(String(decoding: bytes.dropFirst(), as: UTF8.self)), abs(e) < 400 else { return nil }
                exponent = e
                bytes = []
                break
            } else {
                return nil
            }
            bytes = bytes.dropFirst()
        }
        guard !digits.isEmpty, scale.magnitude <= 1_000 else { return nil }
        // value = digits × 10^(exponent − fractionDigits); we want value × 10^scale.
        let shift = exponent - fractionDigits + scale
        var kept = digits[...]
        var roundUp = false
        if shift < 0 {
            let drop = min(-shift, kept.count + 1)
            let cut = kept.count - min(drop, kept.count)
            roundUp = drop <= kept.count && kept[kept.startIndex + cut] >= 5
            kept = kept.prefix(cut)
        }
        while kept.first == 0 { kept = kept.dropFirst() }
        if kept.isEmpty { return roundUp ? (negative ? -1 : 1) : 0 }
        guard kept.count + max(shift, 0) <= 39 else { throw ScaledDecimal.overflow() }
        var value: Int128 = 0
        for d in kept { value = value * 10 + Int128(d) }
        if shift > 0 { value *= ScaledDecimal.power128(shift) }
        if roundUp { value += 1 }
        guard value < limit else { throw ScaledDecimal.overflow() }
        return negative ? -value : value
    }

    /// The text of a scaled value at its scale: `1234` at scale 2 is `12.34`, `-5` is `-0.05`.
    static func format(_ value: Int128, scale: Int) -> String {
        var digits = String(value.magnitude)
        guard scale > 0 else { return value < 0 ? "-" + digits : digits }
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        return (value < 0 ? "-" : "") + digits[..<point] + "." + digits[point...]
    }

    /// `value` (at scale `from`) at scale `to`: exact upward, rounded half away from zero (or
    /// truncated) downward; the overflow error past 38 digits.
    static func rescale(_ value: Int128, from: Int, to: Int, truncate: Bool = false) throws -> Int128 {
        if from == to { return value }
        if to > from {
            guard to - from <= 38 else { if value == 0 { return 0 }; throw ScaledDecimal.overflow() }
            let (m, o) = value.multipliedReportingOverflow(by: ScaledDecimal.power128(to - from))
            guard !o, m.magnitude < limit.magnitude else { throw ScaledDecimal.overflow() }
            return m
        }
        guard from - to <= 38 else { return 0 }
        return ScaledDecimal.divide(value, ScaledDecimal.power128(from - to), truncate: truncate)
    }

    /// The "precision" of a comparison key: values aligned for a comparison that needs more than 38 digits.
    static let comparisonPrecision = 39

    /// `value` at scale `to` ≥ `from` for comparing, with values past 38 digits clamped to ±10^38 (which
    /// no stored value reaches): they still order correctly against every value that fits.
    static func comparisonKey(_ value: Int128, from: Int, to: Int) -> Int128 {
        if let aligned = try? rescale(value, from: from, to: to) { return aligned }
        return value < 0 ? -limit : limit
    }

    /// The value as a Double (for casts to REAL/DOUBLE PRECISION), correctly rounded via its text.
    static func double(_ value: Int128, scale: Int) -> Double {
        Double(format(value, scale: scale)) ?? 0
    }
}
