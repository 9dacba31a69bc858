/// Exact DECIMAL arithmetic: values are integers scaled by 10^scale (`ScaledDecimal`), so the
/// generator aligns scales with integer multiplications and leaves `+ - * %`, comparisons, SUM,
/// MIN/MAX and GROUP BY to SQLite's exact integer arithmetic. Division, AVG and rounding down to a
/// smaller scale call `rs_decimal_div` / `rs_rescale`, which round half away from zero.
///
/// - Redshift: Computations with numeric values (r_numeric_computations201) for result precision
///   and scale; AVG of DECIMAL(p,s) is DECIMAL(38,s) (r_AVG).
extension Analyzer {
    /// The scale of an exact numeric type (integers: 0).
    func scale(of type: RedshiftType) -> Int {
        if case .decimal(_, let s) = type { return s }
        return 0
    }

    static func integerLiteral(_ value: Int64) -> Expr { .literal(.integer(value), value == Int64(Int32(truncatingIfNeeded: value)) ? .integer : .bigint) }

    /// An integer or DECIMAL expression as a scaled integer of scale `target`: constants convert now,
    /// a smaller scale is multiplied up (native), a larger one is rounded down by `rs_rescale`.
    /// The result is typed DECIMAL(38, target); callers retype it.
    func scaled(_ e: Expr, to target: Int) throws -> Expr {
        let type = RedshiftType.decimal(precision: 38, scale: target)
        let from = scale(of: e.type)
        if let constant = e.literalValue {
            if constant == .null { return e.retyped(type) }
            return .literal(.integer(try ValueConversion.toScaledDecimal(constant, from: e.type, scale: target)), type)
        }
        if from == target { return e.retyped(type) }
        if target > from {
            guard let factor = ScaledDecimal.power(target - from) else { throw ScaledDecimal.overflow() }
            return .binary("*", e, Self.integerLiteral(factor), type: type)
        }
        return .call("rs_rescale", [e, Self.integerLiteral(Int64(from)), Self.integerLiteral(Int64(target))], type: type)
    }

    /// `l op r` where one side is DECIMAL and neither is floating point; `type` from `TypeRules.arithmetic`.
    func bindDecimalArithmetic(_ op: String, _ l: Expr, _ r: Expr, type: RedshiftType) throws -> Expr {
        let s = scale(of: type), sl = scale(of: l.type), sr = scale(of: r.type)
        switch op {
        case "+", "-":
            return checked(.binary(op, try scaled(l, to: s), try scaled(r, to: s), type: type))
        case "*":
            let product = Expr.binary("*", l, r, type: .decimal(precision: 38, scale: sl + sr))
            if sl + sr == s { return checked(product.retyped(type)) }
            return .call("rs_rescale", [product, Self.integerLiteral(Int64(sl + sr)), Self.integerLiteral(Int64(s))], type: type)
        case "/":
            return .call("rs_decimal_div", [l, r, Self.integerLiteral(Int64(sl)), Self.integerLiteral(Int64(sr)), Self.integerLiteral(Int64(s))], type: type)
        default:  // %
            let divisor = try scaled(r, to: s)
            let nonzero: Expr = divisor.literalValue.map { $0 != .integer(0) && $0 != .null } == true ? divisor : .call("rs_nonzero", [divisor], type: divisor.type)
            return .binary("%", try scaled(l, to: s), nonzero, type: type)
        }
    }

    /// Wraps an arithmetic result that can leave its type's range in `rs_checked`, which raises
    /// Redshift's overflow error (SQLite silently turns an overflowing integer into a REAL).
    /// The generator drops the checks nested directly in `+ - *` (the REAL propagates to the outer one).
    func checked(_ e: Expr) -> Expr {
        switch e.type {
        case .smallint, .integer, .bigint: break
        case .decimal(let p, _) where p > 18: break
        default: return e
        }
        if e.literalValue != nil { return e }
        return .call("rs_checked", [e, .literal(.text(e.type.catalogText), .varchar(length: 16))], type: e.type)
    }

    /// AVG of a DECIMAL(p,s): DECIMAL(38,s), the exact sum divided by the count, rounded half away from zero.
    func decimalAverage(_ arg: Expr, distinct: Bool) -> Expr {
        let s = scale(of: arg.type)
        let type = RedshiftType.decimal(precision: 38, scale: s)
        let sum = Expr.call("sum", [arg], type: type, distinct: distinct)
        let count = Expr.call("count", [arg], type: .bigint, distinct: distinct)
        return .call("rs_decimal_div", [sum, count, Self.integerLiteral(Int64(s)), Self.integerLiteral(0), Self.integerLiteral(Int64(s))], type: type)
    }

    /// ROUND/TRUNC(decimal [, digits]) at scale min(digits, s); CEIL/FLOOR at scale 0.
    func decimalRounding(_ name: String, _ value: Expr, digits: Expr?) throws -> Expr {
        guard case .decimal(let p, let s) = value.type else { return value }
        switch name {
        case "ceil", "ceiling", "floor":
            return .call("rs_decimal_round", [value, Self.integerLiteral(Int64(s)), Self.integerLiteral(0), .literal(.text(name == "floor" ? "floor" : "ceil"), .varchar(length: 5)),
                                              Self.integerLiteral(0)],
                         type: .decimal(precision: p, scale: 0))
        default:
            var resultScale = s
            let places = try digits.map { try coerce($0, to: .integer) } ?? Self.integerLiteral(0)
            if case .integer(let d) = places.literalValue ?? .null { resultScale = max(0, min(Int(d), s)) } else if digits == nil { resultScale = 0 }
            return .call("rs_decimal_round", [value, Self.integerLiteral(Int64(s)), places, .literal(.text(name == "trunc" ? "trunc" : "round"), .varchar(length: 5)),
                                              Self.integerLiteral(Int64(resultScale))],
                         type: .decimal(precision: p, scale: resultScale))
        }
    }
}
