/// Exact DECIMAL arithmetic. A DECIMAL(p ≤ 19, s) value is the INTEGER v × 10^s (`ScaledDecimal`):
/// the generator aligns scales with integer multiplications and leaves `+ - * %`, comparisons,
/// MIN/MAX and GROUP BY to SQLite's exact integer arithmetic. A DECIMAL(20…38, s) value is a
/// 16-byte order-preserving BLOB (`WideDecimal`): SQLite compares, sorts and groups it natively,
/// arithmetic whose operands or result are wide calls `rs_w…` functions. SUM/AVG (DECIMAL(38,s))
/// of a narrow column add the two 32-bit halves natively (no 64-bit overflow), of a product of
/// narrow factors use `rs_wsum_mul`, else the `rs_wsum`/`rs_wavg` aggregates.
///
/// - Redshift: Computations with numeric values (r_numeric_computations201) for result precision
///   and scale; SUM/AVG of DECIMAL(p,s) are DECIMAL(38,s) (r_SUM, r_AVG); DECIMAL(19…38) is 128-bit
///   (r_Numeric_types201).
extension Analyzer {
    /// The scale of an exact numeric type (integers: 0).
    func scale(of type: RedshiftType) -> Int {
        if case .decimal(_, let s) = type { return s }
        return 0
    }

    /// True for DECIMAL types stored as BLOBs (precision 20…38).
    func isWideDecimal(_ type: RedshiftType) -> Bool {
        if case .decimal(let p, _) = type { return WideDecimal.isWide(p) }
        return false
    }

    static func integerLiteral(_ value: Int64) -> Expr { .literal(.integer(value), value == Int64(Int32(truncatingIfNeeded: value)) ? .integer : .bigint) }

    /// (precision, scale) of an exact numeric expression; a constant counts the digits it has.
    func digits(of e: Expr) -> (Int, Int) {
        let (p, s) = TypeRules.asDecimal(e.type)
        guard let constant = e.literalValue, e.type.isInteger || e.type.isDecimal else { return (p, s) }
        let value: Int128?
        switch constant {
        case .integer(let i): value = Int128(i)
        case .blob(let bytes): value = WideDecimal.decode(bytes)
        default: value = nil
        }
        guard let value else { return (p, s) }
        return (max(String(value.magnitude).count, s, 1), s)
    }

    /// An integer or DECIMAL expression as DECIMAL(precision, target), stored as that type stores
    /// it (the precision defaults to the value's integer digits plus `target`): constants convert
    /// now, a narrow value scales up natively, anything else goes through `rs_rescale`/`rs_wide`
    /// (rounding half away from zero when the scale decreases).
    func scaled(_ e: Expr, to target: Int, precision: Int? = nil) throws -> Expr {
        let (p0, from) = digits(of: e)
        let p = precision ?? max(min(38, p0 - from + target + (target < from ? 1 : 0)), target, 1)
        let type = RedshiftType.decimal(precision: p, scale: target)
        if let constant = e.literalValue {
            if constant == .null { return e.retyped(type) }
            if p == WideDecimal.comparisonPrecision {
                let key = WideDecimal.comparisonKey(try ValueConversion.toWideDecimal(constant, from: e.type, scale: from), from: from, to: target)
                return .literal(.blob(WideDecimal.encode(key)), type)
            }
            return .literal(try ValueConversion.convert(constant, from: e.type, to: type, explicit: false), type)
        }
        let wideFrom = isWideDecimal(e.type), wideTo = WideDecimal.isWide(p)
        if wideFrom == wideTo && from == target { return e.retyped(type) }
        if !wideFrom && !wideTo {
            if target > from, let factor = ScaledDecimal.power(target - from) {
                return checked(.binary("*", e, Self.integerLiteral(factor), type: type))
            }
            return .call("rs_rescale", [e, Self.integerLiteral(Int64(from)), Self.integerLiteral(Int64(target))], type: type)
        }
        return .call("rs_wide", [e, Self.integerLiteral(Int64(from)), Self.integerLiteral(Int64(target)), Self.integerLiteral(Int64(p))], type: type)
    }

    /// `l op r` where one side is DECIMAL and neither is floating point; `type` from `TypeRules.arithmetic`.
    func bindDecimalArithmetic(_ op: String, _ l: Expr, _ r: Expr, type: RedshiftType) throws -> Expr {
        guard case .decimal(let p, let s) = type else { return .binary(op, l, r, type: type) }
        let sl = scale(of: l.type), sr = scale(of: r.type)
        let wideName = ["+": "rs_wadd", "-": "rs_wsub", "*": "rs_wmul", "/": "rs_wdiv"][op] ?? "rs_wmod"
        let wideArgs = [l, r] + [sl, sr, s, p].map { Self.integerLiteral(Int64($0)) }
        if let a = l.literalValue, let b = r.literalValue {
            // Constant arithmetic folds now (with the runtime's overflow and division errors).
            if a == .null || b == .null { return Expr.null.retyped(type) }
            guard let function = EmulatedFunctions.named(wideName) else { throw SQLError.unsupported(wideName, at: nil) }
            return .literal(try function.body(wideArgs.compactMap(\.literalValue)), type)
        }
        guard !isWideDecimal(l.type), !isWideDecimal(r.type), !WideDecimal.isWide(p) else {
            return .call(wideName, wideArgs, type: type)
        }
        // Narrow operands and result: SQLite's exact 64-bit integers (checked when p = 19 can overflow them).
        switch op {
        case "+", "-":
            return checked(.binary(op, try scaled(l, to: s), try scaled(r, to: s), type: type))
        case "*":
            return checked(.binary("*", l, r, type: type))   // scale sl + sr = s (capped only past 37)
        case "/":
            return .call("rs_decimal_div", [l, r, Self.integerLiteral(Int64(sl)), Self.integerLiteral(Int64(sr)), Self.integerLiteral(Int64(s))], type: type)
        default:  // %
            let divisor = try scaled(r, to: s)
            let nonzero: Expr = divisor.literalValue.map { $0 != .integer(0) && $0 != .null } == true ? divisor : .call("rs_nonzero", [divisor], type: divisor.type)
            return .binary("%", try scaled(l, to: s), nonzero, type: type)
        }
    }

    /// Wraps an integer arithmetic result that can leave its type's range in `rs_checked`, which
    /// raises Redshift's overflow error (SQLite silently turns an overflowing integer into a REAL).
    /// The generator drops the checks nested directly in `+ - *` (the REAL propagates to the outer one).
    /// DECIMAL(p ≤ 18) results cannot overflow 64 bits; DECIMAL(19) ones can; wide ones are checked by `rs_w…`.
    func checked(_ e: Expr) -> Expr {
        switch e.type {
        case .smallint, .integer, .bigint: break
        case .decimal(let p, _) where p == 19: break
        default: return e
        }
        if e.literalValue != nil { return e }
        return .call("rs_checked", [e, .literal(.text(e.type.catalogText), .varchar(length: 16))], type: e.type)
    }

    /// `values` converted for comparison with each other (integers and DECIMALs): all to the
    /// largest scale and the precision that holds every value's integer digits there, so that both
    /// sides are scaled INTEGERs (≤ 18 digits) or BLOBs and SQLite's comparison is numeric.
    func decimalComparable(_ values: [Expr]) throws -> [Expr] {
        var s = 0, integerDigits = 1
        for value in values where value.type.isNumeric {
            let (p, sc) = digits(of: value)
            s = max(s, sc)
            integerDigits = max(integerDigits, p - sc)
        }
        var p = values.contains { !$0.type.isNumeric } ? 38 : max(min(38, integerDigits + s), s)
        // Past 38 digits: comparison keys (values beyond clamp to ±10^38, still ordered against the rest).
        if integerDigits + s > 38 && !values.contains(where: { !$0.type.isNumeric }) { p = WideDecimal.comparisonPrecision }
        // A 19-digit alignment may leave 64 bits (DECIMAL(19) holds only up to 2^63 − 1): compare as BLOBs.
        if p == 19 && values.contains(where: { $0.type.isDecimal && scale(of: $0.type) < s }) { p = 20 }
        return try values.map { $0.type.isNumeric ? try scaled($0, to: s, precision: p) : try coerce($0, to: .decimal(precision: p, scale: s)) }
    }

    /// `x IN (subquery)` over exact numbers: both sides at the common scale and precision
    /// (`decimalComparable`); the subquery's column is converted in a wrapping SELECT when needed.
    func decimalInQuery(_ value: Expr, _ sub: Bound.Query) throws -> (Expr, Bound.Query) {
        let name = "_rs_c1"
        let column = Expr(kind: .column(relation: "_rs_in", name: name), type: sub.columns[0].type, nullable: sub.columns[0].nullable)
        let aligned = try decimalComparable([value, column])
        if aligned[1].kind == column.kind { return (aligned[0], sub) }
        var select = Bound.Select()
        select.items = [(aligned[1], name)]
        select.from = [.subquery(renameOutputs(sub, to: [name]), alias: "_rs_in")]
        var output = sub.columns[0]
        output.type = aligned[1].type
        return (aligned[0], Bound.Query(body: .select(select), columns: [output]))
    }

    /// SUM of a DECIMAL(p,s): DECIMAL(38,s), exact (r_SUM).
    func decimalSum(_ arg: Expr, distinct: Bool) -> Expr {
        let type = RedshiftType.decimal(precision: 38, scale: scale(of: arg.type))
        if !distinct, let factors = productFactors(arg) { return .call("rs_wsum_mul", factors, type: type) }
        if !distinct && !isWideDecimal(arg.type) { return .call("rs_wsum_parts", halfSums(arg), type: type) }
        return .call("rs_wsum", [arg], type: type, distinct: distinct)
    }

    /// AVG of a DECIMAL(p,s): DECIMAL(38,s), the exact sum divided by the count, rounded half away from zero (r_AVG).
    func decimalAverage(_ arg: Expr, distinct: Bool) -> Expr {
        let type = RedshiftType.decimal(precision: 38, scale: scale(of: arg.type))
        if !distinct && !isWideDecimal(arg.type) {
            return .call("rs_wavg_parts", halfSums(arg) + [.call("count", [arg], type: .bigint, nullable: false)], type: type)
        }
        return .call("rs_wavg", [arg], type: type, distinct: distinct)
    }

    /// The scalar functions over native aggregates that SUM/AVG of a DECIMAL become; a window
    /// function windows each aggregate argument.
    static let decimalAggregateCombiners: Set<String> = ["rs_wsum_parts", "rs_wavg_parts", "rs_decimal_div"]

    /// `sum(x >> 32)`, `sum(x & 4294967295)`: native sums of a 64-bit value's halves, which cannot
    /// overflow for fewer than 2^31 rows (`rs_wsum_parts` adds them exactly).
    private func halfSums(_ x: Expr) -> [Expr] {
        [.call("sum", [.binary(">>", x, Self.integerLiteral(32), type: .bigint)], type: .bigint),
         .call("sum", [.binary("&", x, Self.integerLiteral(4_294_967_295), type: .bigint)], type: .bigint)]
    }

    /// The narrow factors of a product computed by `rs_wmul` at its full scale, else nil.
    private func productFactors(_ e: Expr) -> [Expr]? {
        guard case .call("rs_wmul", let args, _) = e.kind, args.count == 6,
              case .integer(let sa) = args[2].literalValue ?? .null, case .integer(let sb) = args[3].literalValue ?? .null,
              case .integer(let s) = args[4].literalValue ?? .null, s == sa + sb else { return nil }
        func factors(_ x: Expr) -> [Expr]? {
            if case .call("rs_wmul", _, _) = x.kind { return productFactors(x) }
            return x.type.isInteger || (x.type.isDecimal && !isWideDecimal(x.type)) ? [x] : nil
        }
        guard let left = factors(args[0]), let right = factors(args[1]) else { return nil }
        return left + right
    }

    /// ROUND/TRUNC(decimal [, digits]) at scale min(digits, s); CEIL/FLOOR at scale 0.
    func decimalRounding(_ name: String, _ value: Expr, digits: Expr?) throws -> Expr {
        guard case .decimal(let p, let s) = value.type else { return value }
        let mode: String, places: Expr, resultScale: Int
        switch name {
        case "ceil", "ceiling", "floor":
            mode = name == "floor" ? "floor" : "ceil"
            places = Self.integerLiteral(0)
            resultScale = 0
        default:
            mode = name == "trunc" ? "trunc" : "round"
            places = try digits.map { try coerce($0, to: .integer) } ?? Self.integerLiteral(0)
            if case .integer(let d) = places.literalValue ?? .null { resultScale = max(0, min(Int(d), s)) } else { resultScale = digits == nil ? 0 : s }
        }
        let type = RedshiftType.decimal(precision: p, scale: resultScale)
        let common = [value, Self.integerLiteral(Int64(s)), places, .literal(.text(mode), .varchar(length: 5)), Self.integerLiteral(Int64(resultScale))]
        if WideDecimal.isWide(p) { return try folded(.call("rs_wround", common + [Self.integerLiteral(Int64(p))], type: type)) }
        return try folded(.call("rs_decimal_round", common, type: type))
    }

    /// `-x` of a DECIMAL(20…38) (SQLite cannot negate the BLOB).
    func wideNegation(_ value: Expr) throws -> Expr {
        guard case .decimal(let p, _) = value.type else { return value }
        return try folded(.call("rs_wneg", [value, Self.integerLiteral(Int64(p))], type: value.type))
    }

    /// ABS and SIGN of a DECIMAL (r_ABS, r_SIGN: SIGN of a DECIMAL is DECIMAL(1,0)... as an integer value).
    func decimalAbsOrSign(_ name: String, _ value: Expr) throws -> Expr {
        guard case .decimal(let p, _) = value.type else { return value }
        if name == "sign" {
            let sign: Expr = WideDecimal.isWide(p) ? .call("rs_wsign", [value], type: .decimal(precision: 1, scale: 0))
                : .call("rs_sign", [value], type: .decimal(precision: 1, scale: 0))
            return try folded(sign)
        }
        if WideDecimal.isWide(p) { return try folded(.call("rs_wabs", [value, Self.integerLiteral(Int64(p))], type: value.type)) }
        return .call("abs", [value], type: value.type)
    }

    /// A call of an emulated function on constants, evaluated now.
    private func folded(_ e: Expr) throws -> Expr {
        guard case .call(let name, let args, _) = e.kind, let function = EmulatedFunctions.named(name) else { return e }
        let constants = args.compactMap(\.literalValue)
        guard constants.count == args.count else { return e }
        return .literal(try function.body(constants), e.type)
    }
}
