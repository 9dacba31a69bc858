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
        ]
    }
}
