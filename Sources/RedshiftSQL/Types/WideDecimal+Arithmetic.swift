/// Exact arithmetic on scaled `Int128` values with 256-bit intermediates (products and dividends
/// of two 38-digit values do not fit 128 bits), rounding half away from zero.
///
/// - Redshift: Computations with numeric values (r_numeric_computations201): results past 38
///   digits are `Numeric data overflow (result precision)`; division by zero is an error.
extension WideDecimal {
    private static func signed(_ magnitude: UInt128, negative: Bool) throws -> Int128 {
        guard magnitude < limit.magnitude else { throw ScaledDecimal.overflow() }
        return negative ? -Int128(magnitude) : Int128(magnitude)
    }

    /// 10^n as an unsigned 128-bit value, 0 ≤ n ≤ 38.
    private static func unit(_ n: Int) -> UInt128 { UInt128(ScaledDecimal.power128(n)) }

    /// `a ± b` (scales `sa`, `sb`) at scale `s` ≥ both.
    static func sum(_ a: Int128, _ sa: Int, _ b: Int128, _ sb: Int, scale s: Int, subtract: Bool = false) throws -> Int128 {
        let x = try rescale(a, from: sa, to: s), y = try rescale(b, from: sb, to: s)
        let (r, o) = subtract ? x.subtractingReportingOverflow(y) : x.addingReportingOverflow(y)
        guard !o, r.magnitude < limit.magnitude else { throw ScaledDecimal.overflow() }
        return r
    }

    /// `a × b` (scales `sa`, `sb`) at scale `s` (the product's scale sa+sb, or less when capped at 37).
    static func product(_ a: Int128, _ sa: Int, _ b: Int128, _ sb: Int, scale s: Int) throws -> Int128 {
        let negative = (a < 0) != (b < 0)
        let full = a.magnitude.multipliedFullWidth(by: b.magnitude)
        let drop = sa + sb - s
        if drop <= 0 {
            guard full.high == 0 else { throw ScaledDecimal.overflow() }
            return try rescale(try signed(full.low, negative: negative), from: sa + sb, to: s)
        }
        guard drop <= 38 else { return 0 }
        let divisor = unit(drop)
        guard full.high < divisor else { throw ScaledDecimal.overflow() }
        var (q, r) = divisor.dividingFullWidth((full.high, full.low))
        if r >= divisor - r { q += 1 }
        return try signed(q, negative: negative)
    }

    /// `a ÷ b` (scales `sa`, `sb`) at scale `s`, rounded half away from zero (or truncated).
    static func quotient(_ a: Int128, _ sa: Int, _ b: Int128, _ sb: Int, scale s: Int, truncate: Bool = false) throws -> Int128 {
        guard b != 0 else { throw SQLError(code: "22012", message: "division by zero") }
        let negative = (a < 0) != (b < 0)
        // a/10^sa ÷ b/10^sb × 10^s = a × 10^(s − sa + sb) / b
        var shift = s - sa + sb
        var divisor = b.magnitude
        if shift < 0 {
            guard -shift <= 38 else { return 0 }
            let wide = divisor.multipliedFullWidth(by: unit(-shift))
            guard wide.high == 0 else { return 0 }   // the divisor exceeds twice any dividend
            divisor = wide.low
            shift = 0
        }
        var q = a.magnitude / divisor, r = a.magnitude % divisor
        while shift > 0 {
            let step = min(shift, 38)
            let (qHigh, qLow) = q.multipliedFullWidth(by: unit(step))
            let (rHigh, rLow) = r.multipliedFullWidth(by: unit(step))   // r < divisor, so rHigh < divisor
            let (digits, rest) = divisor.dividingFullWidth((rHigh, rLow))
            let (next, carry) = qLow.addingReportingOverflow(digits)
            guard qHigh == 0, !carry, next < limit.magnitude else { throw ScaledDecimal.overflow() }
            q = next
            r = rest
            shift -= step
        }
        if !truncate, r >= divisor - r { q += 1 }
        return try signed(q, negative: negative)
    }

    /// `a % b` at the common scale `s` (the sign of the dividend, as PostgreSQL).
    static func remainder(_ a: Int128, _ sa: Int, _ b: Int128, _ sb: Int, scale s: Int) throws -> Int128 {
        let x = try rescale(a, from: sa, to: s), y = try rescale(b, from: sb, to: s)
        guard y != 0 else { throw SQLError(code: "22012", message: "division by zero") }
        return x % y
    }

    /// ROUND/TRUNC/CEIL/FLOOR of `value` (scale `from`) to `digits` decimal places, at scale `to`.
    static func rounded(_ value: Int128, from: Int, digits: Int, mode: String, to: Int) throws -> Int128 {
        let drop = from - digits
        guard drop > 0 else { return try rescale(value, from: from, to: to) }
        guard drop <= 38 else { return 0 }
        let unit = ScaledDecimal.power128(drop)
        var q = value / unit
        let r = value % unit
        switch mode {
        case "trunc": break
        case "ceil": if r > 0 { q += 1 }
        case "floor": if r < 0 { q -= 1 }
        default: if r.magnitude * 2 >= unit.magnitude { q += value < 0 ? -1 : 1 }
        }
        // q is at scale `digits` (possibly negative); bring it to the result scale.
        return try rescale(q, from: digits, to: to, truncate: true)
    }
}
