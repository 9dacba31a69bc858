import Foundation

extension EmulatedFunctions {
    /// Exact DECIMAL helpers over scaled integers (see `ScaledDecimal`):
    /// `rs_decimal_div(a, b, scaleA, scaleB, resultScale)`, `rs_rescale(x, from, to)`,
    /// `rs_decimal_round(x, scale, digits, 'round'|'trunc'|'ceil'|'floor', resultScale)` and
    /// `rs_checked(x, 'type')`, which raises the overflow error SQLite's integer arithmetic would
    /// hide (it turns an overflowing result into a REAL).
    ///
    /// - Redshift: numeric computations (r_numeric_computations201): overflow is an error; ROUND
    ///   (r_ROUND) rounds half away from zero; TRUNC (r_TRUNC); CEILING/FLOOR (r_CEILING_FLOOR).
    static var decimalFunctions: [EmulatedFunction] {
        @Sendable func integer(_ value: SQLiteValue) throws -> Int64? {
            switch value {
            case .null: return nil
            case .integer(let i): return i
            case .real: throw ScaledDecimal.overflow()  // an overflowed intermediate
            case .text(let t): return Int64(t)
            case .blob: return nil
            }
        }
        @Sendable func int(_ value: SQLiteValue) -> Int { Int(value.integerValue ?? 0) }
        return [
            EmulatedFunction("rs_decimal_div", argumentCount: 5) { args in
                guard let a = try integer(args[0]), let b = try integer(args[1]) else { return .null }
                return .integer(try ScaledDecimal.quotient(a, scale: int(args[2]), by: b, scale: int(args[3]), resultScale: int(args[4])))
            },
            EmulatedFunction("rs_rescale", argumentCount: 3) { args in
                guard let x = try integer(args[0]) else { return .null }
                return .integer(try ScaledDecimal.rescale(x, from: int(args[1]), to: int(args[2])))
            },
            EmulatedFunction("rs_decimal_round", argumentCount: 5) { args in
                guard let x = try integer(args[0]), let digits = args[2].integerValue else { return .null }
                let from = int(args[1]), to = int(args[4])
                let mode = args[3].textValue ?? "round"
                let drop = from - Int(digits)
                guard drop > 0 else { return .integer(try ScaledDecimal.rescale(x, from: from, to: to)) }
                guard drop <= 36 else { return .integer(0) }
                let unit = ScaledDecimal.power128(drop)
                var q = Int128(x) / unit
                let r = Int128(x) % unit
                switch mode {
                case "trunc": break
                case "ceil": if r > 0 { q += 1 }
                case "floor": if r < 0 { q -= 1 }
                default: if r.magnitude * 2 >= unit.magnitude { q += x < 0 ? -1 : 1 }
                }
                // q is at scale `digits`; bring it to the result scale.
                let atScale = Int(digits)
                if to >= atScale { return .integer(try ScaledDecimal.narrow(q * ScaledDecimal.power128(to - atScale))) }
                return .integer(try ScaledDecimal.narrow(q / ScaledDecimal.power128(atScale - to)))
            },
            EmulatedFunction("rs_checked", argumentCount: 2) { args in
                let typeName = args[1].textValue ?? ""
                func outOfRange() -> SQLError {
                    switch typeName {
                    case "int2": return SQLError(code: "22003", message: "smallint out of range")
                    case "int4": return SQLError(code: "22003", message: "integer out of range")
                    case "int8": return SQLError(code: "22003", message: "bigint out of range")
                    default: return ScaledDecimal.overflow()
                    }
                }
                switch args[0] {
                case .integer(let i):
                    if typeName == "int2", !(-32768...32767).contains(i) { throw outOfRange() }
                    if typeName == "int4", Int32(exactly: i) == nil { throw outOfRange() }
                    return args[0]
                case .real: throw outOfRange()
                default: return args[0]
                }
            },
        ]
    }
}
