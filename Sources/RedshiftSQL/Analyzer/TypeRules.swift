/// Redshift's result-type rules for operators, CASE/COALESCE/UNION and aggregates.
///
/// - Redshift: Computations with numeric values (r_numeric_computations201), reference §1.9–1.10.
enum TypeRules {
    /// Rank of a numeric type in the promotion order.
    private static func rank(_ t: RedshiftType) -> Int {
        switch t {
        case .smallint: return 1
        case .integer: return 2
        case .bigint: return 3
        case .decimal: return 4
        case .real: return 5
        case .doublePrecision: return 6
        default: return 0
        }
    }

    /// An integer type seen as a DECIMAL: INT2 → (5,0), INT4 → (10,0), INT8 → (19,0).
    static func asDecimal(_ t: RedshiftType) -> (Int, Int) {
        switch t {
        case .smallint: return (5, 0)
        case .integer: return (10, 0)
        case .bigint: return (19, 0)
        case .decimal(let p, let s): return (p, s)
        default: return (38, 6)
        }
    }

    /// Result of `l op r` for `+ - * /` (and `%`) on numbers, per the r_numeric_computations201 table.
    static func arithmetic(_ op: String, _ l: RedshiftType, _ r: RedshiftType) -> RedshiftType {
        if l.isFloat || r.isFloat {
            return (l == .real && r == .real) ? .real : .doublePrecision
        }
        if case .decimal = l {} else if case .decimal = r {} else {
            return rank(l) >= rank(r) ? l : r   // integers: the wider one
        }
        let (p1, s1) = asDecimal(l), (p2, s2) = asDecimal(r)
        var p: Int, s: Int
        switch op {
        case "*": s = s1 + s2; p = p1 + p2 + 1
        case "/":
            s = max(4, s1 + p2 - s2 + 1); p = p1 - s1 + s2 + s
            // Past 38 digits the scale gives way, down to 4: DECIMAL(19,0)/DECIMAL(19,0) is
            // DECIMAL(38,19) and DECIMAL(19,2)/DECIMAL(38,19) is DECIMAL(38,4) (observed on Redshift,
            // the doc formula stops at the cap).
            if p > 38 { s = max(4, s - (p - 38)) }
        case "%": s = max(s1, s2); p = min(p1 - s1, p2 - s2) + s
        default: s = max(s1, s2); p = max(p1 - s1, p2 - s2) + 1 + s
        }
        // Multiplication keeps its scale at the cap: DECIMAL(19,2)*DECIMAL(38,19) is DECIMAL(38,21).
        s = min(s, 37)
        return .decimal(precision: max(min(p, 38), s), scale: s)
    }

    /// The common type of CASE/COALESCE/UNION branches, or nil when they cannot be matched.
    static func common(_ types: [RedshiftType]) -> RedshiftType? {
        let known = types.filter { $0 != .unknown }
        guard var result = known.first else { return .unknown }
        for t in known.dropFirst() {
            guard let next = common(result, t) else { return nil }
            result = next
        }
        return result
    }

    static func common(_ a: RedshiftType, _ b: RedshiftType) -> RedshiftType? {
        if a == b { return a }
        if a.isNumeric && b.isNumeric {
            if case .decimal = a, b.isInteger || b.isDecimal {
                return unionDecimal(a, b)
            }
            if case .decimal = b, a.isInteger || a.isDecimal { return unionDecimal(a, b) }
            if a.isFloat || b.isFloat { return .doublePrecision }
            return rank(a) >= rank(b) ? a : b
        }
        switch (a, b) {
        case (.varchar(let m), .varchar(let n)), (.varchar(let m), .char(let n)), (.char(let m), .varchar(let n)):
            return .varchar(length: max(m, n))
        case (.char(let m), .char(let n)): return .char(length: max(m, n))
        case (.date, .timestamp), (.timestamp, .date): return .timestamp
        case (.date, .timestamptz), (.timestamptz, .date), (.timestamp, .timestamptz), (.timestamptz, .timestamp): return .timestamptz
        default: return nil
        }
    }

    /// UNION/COALESCE over DECIMALs: s = max(s1,s2); p = min(max(p1−s1,p2−s2)+s, 19) — reference §1.9.
    private static func unionDecimal(_ a: RedshiftType, _ b: RedshiftType) -> RedshiftType {
        let (p1, s1) = asDecimal(a), (p2, s2) = asDecimal(b)
        let s = max(s1, s2)
        let cap = max(p1, p2) > 19 ? 38 : 19
        return .decimal(precision: max(min(max(p1 - s1, p2 - s2) + s, cap), s), scale: s)
    }
}

extension RedshiftType {
    var isDecimal: Bool { if case .decimal = self { return true }; return false }
}
