import Foundation

extension EmulatedFunctions {
    /// `rs_cast(value, 'target', 'source')` (CAST semantics: strings truncate) and
    /// `rs_assign(value, 'target', 'source')` (INSERT/UPDATE semantics: too-long strings fail),
    /// `rs_nonzero(x)` (division by zero is an error), `rs_mod`, `rs_power`.
    ///
    /// - Redshift: CAST (r_CAST_function); numeric computations (r_numeric_computations201).
    static var conversionFunctions: [EmulatedFunction] {
        @Sendable func convert(_ args: [SQLiteValue], explicit: Bool) throws -> SQLiteValue {
            guard let target = RedshiftType(catalogText: args[1].textValue ?? ""),
                  let source = RedshiftType(catalogText: args[2].textValue ?? "") else {
                throw SQLError(code: "XX000", message: "rs_cast: unknown type")
            }
            return explicit ? try ValueConversion.convert(args[0], from: source, to: target, explicit: true)
                            : try ValueConversion.assign(args[0], from: source, to: target)
        }
        return [
            EmulatedFunction("rs_cast", argumentCount: 3) { try convert($0, explicit: true) },
            EmulatedFunction("rs_assign", argumentCount: 3) { try convert($0, explicit: false) },
            EmulatedFunction("rs_nonzero", argumentCount: 1) { args in
                if let d = args[0].doubleValue, d == 0 { throw SQLError(code: "22012", message: "division by zero") }
                return args[0]
            },
            EmulatedFunction("rs_mod", argumentCount: 2) { args in
                guard let a = args[0].doubleValue, let b = args[1].doubleValue else { return .null }
                if b == 0 { throw SQLError(code: "22012", message: "division by zero") }
                return .real(fmod(a, b))
            },
            EmulatedFunction("rs_power", argumentCount: 2) { args in
                guard let a = args[0].doubleValue, let b = args[1].doubleValue else { return .null }
                return .real(pow(a, b))
            },
            // rs_raise(code, message): fails the statement (used by checks such as MERGE's multiple matches).
            EmulatedFunction("rs_raise", argumentCount: 2, isDeterministic: false) { args in
                throw SQLError(code: args[0].textValue ?? "XX000", message: args[1].textValue ?? "")
            },
            EmulatedFunction("rs_greatest", argumentCount: nil) { args in extreme(args, greatest: true) },
            EmulatedFunction("rs_least", argumentCount: nil) { args in extreme(args, greatest: false) },
        ]
    }

    /// GREATEST/LEAST skip NULLs (r_GREATEST_LEAST); SQLite's max()/min() scalars would return NULL.
    private static func extreme(_ args: [SQLiteValue], greatest: Bool) -> SQLiteValue {
        var best: SQLiteValue = .null
        for value in args where !value.isNull {
            if best.isNull { best = value; continue }
            let ordered: Bool
            if case .blob(let a) = value, case .blob(let b) = best {
                ordered = greatest ? b.lexicographicallyPrecedes(a) : a.lexicographicallyPrecedes(b)  // DECIMAL(19…38): WideDecimal
            } else if let a = value.doubleValue, let b = best.doubleValue, !(value.textValue != nil && { if case .text = value { return true }; return false }()) {
                ordered = greatest ? a > b : a < b
            } else {
                let a = value.textValue ?? "", b = best.textValue ?? ""
                ordered = greatest ? a > b : a < b
            }
            if ordered { best = value }
        }
        return best
    }
}
