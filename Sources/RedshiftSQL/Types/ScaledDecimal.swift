import Foundation

/// Exact DECIMAL arithmetic on scaled 64-bit integers.
///
/// A DECIMAL(p,s) value v is stored as the integer v × 10^s (`12.34` in DECIMAL(8,2) is `1234`).
/// Representation rule: DECIMAL(p ≤ 19) is this 64-bit INTEGER, so SQLite adds, subtracts,
/// compares, groups and sums decimals exactly with its own integer arithmetic (the generator aligns
/// scales; division and rounding go through `rs_` functions that use these helpers);
/// DECIMAL(20…38) is an `Int128` stored as an order-preserving 16-byte BLOB (`WideDecimal`).
///
/// - Redshift: DECIMAL(p,s) with p ≤ 19 is a 64-bit integer in Redshift too (DECIMAL(19,0) holds at
///   most 2^63 − 1), p 20…38 a 128-bit one (r_Numeric_types201).
enum ScaledDecimal {
    /// 10^n for 0 ≤ n ≤ 18.
    static let powers: [Int64] = (0...18).map { n in (0..<n).reduce(Int64(1)) { acc, _ in acc * 10 } }

    /// 10^n, nil when it does not fit 64 bits.
    static func power(_ n: Int) -> Int64? { n >= 0 && n <= 18 ? powers[n] : nil }

    static func overflow() -> SQLError { SQLError(code: "XX000", message: "Numeric data overflow (result precision)") }

    /// `numeric field overflow` (22003), the error of storing a value that does not fit DECIMAL(p,s).
    static func fieldOverflow(precision p: Int, scale s: Int) -> SQLError {
        SQLError(code: "22003", message: "numeric field overflow")
    }

    /// Parses decimal text (`-12.345`, `1e3`, ` 7 `) at `scale`, rounding half away from zero.
    static func parse(_ raw: String, scale: Int) throws -> Int64? {
        guard let wide = try WideDecimal.parse(raw, scale: scale) else { return nil }
        return try narrow(wide)
    }

    /// The text of a scaled value at its scale: `1234` at scale 2 is `12.34`, `-5` is `-0.05`.
    static func format(_ value: Int64, scale: Int) -> String {
        guard scale > 0 else { return String(value) }
        let magnitude = value.magnitude
        var digits = String(magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale - digits.count + 1) + digits }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        return (value < 0 ? "-" : "") + digits[..<point] + "." + digits[point...]
    }

    /// Integer division rounded half away from zero (or truncated toward zero).
    static func divide(_ a: Int128, _ b: Int128, truncate: Bool = false) -> Int128 {
        let q = a / b, r = a % b
        if truncate || r == 0 { return q }
        let twice = r.magnitude * 2
        if twice >= b.magnitude { return q + ((a < 0) != (b < 0) ? -1 : 1) }
        return q
    }

    /// Narrows a 128-bit intermediate to 64 bits or throws the overflow error.
    static func narrow(_ value: Int128) throws -> Int64 {
        guard let result = Int64(exactly: value) else { throw overflow() }
        return result
    }

    static func power128(_ n: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<max(0, n) { result *= 10 }
        return result
    }

    /// `value` (at scale `from`) at scale `to`: exact upward, rounded half away from zero (or truncated) downward.
    static func rescale(_ value: Int64, from: Int, to: Int, truncate: Bool = false) throws -> Int64 {
        if from == to { return value }
        if to > from { return try narrow(Int128(value) * power128(to - from)) }
        return try narrow(divide(Int128(value), power128(from - to), truncate: truncate))
    }

    /// `a / b` where a has scale sa and b scale sb, at result scale s, rounded half away from zero.
    static func quotient(_ a: Int64, scale sa: Int, by b: Int64, scale sb: Int, resultScale s: Int) throws -> Int64 {
        if b == 0 { throw SQLError(code: "22012", message: "division by zero") }
        // a/10^sa ÷ b/10^sb × 10^s = a × 10^(s − sa + sb) / b
        let shift = s - sa + sb
        if shift >= 0 {
            guard shift <= 38 else { throw overflow() }
            let numerator = Int128(a).multipliedReportingOverflow(by: power128(shift))
            if numerator.overflow { throw overflow() }
            return try narrow(divide(numerator.partialValue, Int128(b)))
        }
        return try narrow(divide(Int128(a), Int128(b) * power128(-shift)))
    }

    /// True when `value` at `scale` fits DECIMAL(precision, scale): |v| < 10^precision (as scaled digits).
    static func fits(_ value: Int64, precision: Int) -> Bool {
        guard let limit = power(precision) else { return true }
        return value.magnitude < UInt64(limit)
    }
}
