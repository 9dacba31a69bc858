import Foundation

extension EmulatedFunctions {
    /// Math functions (SQLite's math extension is not always compiled in, and Redshift's errors differ).
    ///
    /// - Redshift: ROUND (r_ROUND) rounds half away from zero; TRUNC (r_TRUNC); LOG is base 10 (r_LOG);
    ///   CEILING/FLOOR (r_CEILING_FLOOR); RANDOM (r_RANDOM).
    static var mathFunctions: [EmulatedFunction] {
        func double(_ name: String, _ f: @escaping @Sendable (Double) throws -> Double) -> EmulatedFunction {
            EmulatedFunction(name, argumentCount: 1) { args in
                guard let x = args[0].doubleValue else { return .null }
                return .real(try f(x))
            }
        }
        func scaled(_ name: String, _ rule: FloatingPointRoundingRule) -> EmulatedFunction {
            EmulatedFunction(name, argumentCount: nil) { args in
                guard let x = args.first?.doubleValue else { return .null }
                var digits = 0.0
                if args.count > 1 { guard let d = args[1].doubleValue else { return .null }; digits = d }
                let factor = pow(10.0, digits)
                return .real((x * factor).rounded(rule) / factor)
            }
        }
        func logarithm(_ name: String, _ f: @escaping @Sendable (Double) -> Double) -> EmulatedFunction {
            double(name) { x in
                if x == 0 { throw SQLError(code: "2201E", message: "cannot take logarithm of zero") }
                if x < 0 { throw SQLError(code: "2201E", message: "cannot take logarithm of a negative number") }
                return f(x)
            }
        }
        return [
            scaled("rs_round", .toNearestOrAwayFromZero),
            scaled("rs_trunc", .towardZero),
            double("rs_ceil") { $0.rounded(.up) },
            double("rs_floor") { $0.rounded(.down) },
            EmulatedFunction("rs_sign", argumentCount: 1) { args in
                guard let x = args[0].doubleValue else { return .null }
                return .integer(x > 0 ? 1 : x < 0 ? -1 : 0)
            },
            double("rs_sqrt") { x in
                if x < 0 { throw SQLError(code: "2201F", message: "cannot take square root of a negative number") }
                return x.squareRoot()
            },
            double("rs_cbrt") { cbrt($0) },
            double("rs_exp") { exp($0) },
            logarithm("rs_ln") { log($0) },
            logarithm("rs_log10") { log10($0) },
            double("rs_sin") { sin($0) },
            double("rs_cos") { cos($0) },
            double("rs_tan") { tan($0) },
            double("rs_asin") { asin($0) },
            double("rs_acos") { acos($0) },
            double("rs_atan") { atan($0) },
            double("rs_cot") { 1 / tan($0) },
            double("rs_degrees") { $0 * 180 / .pi },
            double("rs_radians") { $0 * .pi / 180 },
            EmulatedFunction("rs_atan2", argumentCount: 2) { args in
                guard let y = args[0].doubleValue, let x = args[1].doubleValue else { return .null }
                return .real(atan2(y, x))
            },
            EmulatedFunction("rs_random", argumentCount: 0, isDeterministic: false) { _ in .real(Double.random(in: 0..<1)) },
            EmulatedFunction("rs_strtol", argumentCount: 2) { args in
                guard let s = args[0].textValue, let base = args[1].clampedInt else { return .null }
                return try strtol(s, base: base).map(SQLiteValue.integer) ?? .null
            },
        ]
    }

    /// STRTOL(num_string, base) (r_STRTOL): blanks, one sign, `0x` for base 16, then the longest run of
    /// digits valid in the base (as C's strtol); '' or a string starting with NUL is 0.
    static func strtol(_ text: String, base: Int) throws -> Int64? {
        guard (2...36).contains(base) else { throw SQLError(code: "22023", message: "The base must be between 2 and 36") }
        var chars = Substring(text).drop { $0 == " " || $0 == "\t" || $0 == "\n" }
        var negative = false
        if let sign = chars.first, sign == "+" || sign == "-" { negative = sign == "-"; chars = chars.dropFirst() }
        if base == 16, chars.lowercased().hasPrefix("0x") { chars = chars.dropFirst(2) }
        var value: Int64 = 0
        for c in chars {
            guard let digit = c.hexDigitValue ?? (c.isASCII && c.isLetter ? Int(c.lowercased().unicodeScalars.first!.value) - 87 : nil), digit < base else { break }
            let (shifted, o1) = value.multipliedReportingOverflow(by: Int64(base))
            let (sum, o2) = shifted.addingReportingOverflow(Int64(digit))
            if o1 || o2 { throw SQLError(code: "22003", message: "bigint out of range") }
            value = sum
        }
        return negative ? -value : value
    }
}
