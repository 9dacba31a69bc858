/// A column visible to an expression: its qualified SQL name and type.
public struct ScopedColumn: Sendable {
    public var sql: String
    public var type: FuzzType
}

/// Random well-typed expressions over the columns in scope: comparisons, three-valued logic,
/// arithmetic at the types' bounds, CASE, casts, subqueries and a slice of the function library
/// (r_Math_functions, r_String_functions, Date_functions_header, r_conditional_expressions).
final class ExpressionGenerator {
    var rng: FuzzRandom
    let tables: [FuzzTable]
    private var aliasCounter = 0

    init(rng: FuzzRandom, tables: [FuzzTable]) {
        self.rng = rng
        self.tables = tables
    }

    /// A fresh alias (`a1`, `a2`, …) unique within the query being built.
    func alias(_ prefix: String = "a") -> String {
        aliasCounter += 1
        return "\(prefix)\(aliasCounter)"
    }

    /// A table reference as a placeholder (`⟦t0⟧`), replaced at render time (the RLS oracle points
    /// it at a table of admitted rows).
    static func placeholder(_ table: FuzzTable) -> String { "⟦\(table.name)⟧" }

    func predicate(_ scope: [ScopedColumn], depth: Int = 3) -> FuzzExpr { expression(.boolean, scope, depth: depth) }

    func expression(_ family: FuzzType.Family, _ scope: [ScopedColumn], depth: Int) -> FuzzExpr {
        let columns = scope.filter { $0.type.family == family }
        if depth <= 0 || rng.chance(0.2) {
            if !columns.isEmpty && rng.chance(0.75) { return .leaf(rng.pick(columns).sql, family) }
            return rng.chance(0.1) ? .leaf("NULL", family) : .leaf(family.literal(&rng), family)
        }
        switch family {
        case .boolean: return boolean(scope, depth: depth - 1)
        case .number: return number(scope, depth: depth - 1)
        case .text: return text(scope, depth: depth - 1)
        case .date: return date(scope, depth: depth - 1)
        case .timestamp: return timestamp(scope, depth: depth - 1)
        case .timestamptz, .time: return expression(family, scope, depth: 0)
        }
    }

    /// A family that has a column in scope (or any family, sometimes).
    private func someFamily(_ scope: [ScopedColumn]) -> FuzzType.Family {
        if !scope.isEmpty && rng.chance(0.85) { return rng.pick(scope).type.family }
        return rng.pick(FuzzType.Family.allCases)
    }

    private func boolean(_ scope: [ScopedColumn], depth: Int) -> FuzzExpr {
        let e = { (f: FuzzType.Family) in self.expression(f, scope, depth: depth) }
        switch rng.int(0...15) {
        case 0, 1, 2:
            let f = someFamily(scope)
            let g = rng.pick(f.comparable)
            return FuzzExpr("($0 \(rng.pick(["=", "<>", "<", "<=", ">", ">="])) $1)", .boolean, [e(f), e(g)])
        case 3: return FuzzExpr("(NOT $0)", .boolean, [e(.boolean)])
        case 4: return FuzzExpr("($0 AND $1)", .boolean, [e(.boolean), e(.boolean)])
        case 5: return FuzzExpr("($0 OR $1)", .boolean, [e(.boolean), e(.boolean)])
        case 6: return FuzzExpr(rng.chance(0.5) ? "($0 IS NULL)" : "($0 IS NOT NULL)", .boolean, [e(someFamily(scope))])
        case 7:
            let f = someFamily(scope)
            return FuzzExpr("($0 \(rng.chance(0.3) ? "NOT " : "")BETWEEN $1 AND $2)", .boolean, [e(f), e(f), e(f)])
        case 8:
            let f = someFamily(scope)
            return FuzzExpr("($0 \(rng.chance(0.3) ? "NOT " : "")IN ($1, $2, $3))", .boolean, [e(f), e(f), e(f), e(f)])
        case 9:
            let pattern = rng.pick(["'a%'", "'%a'", "'_'", "'%'", "'A%'", "'%é%'", "'a_'", "''", "'x%'"])
            return FuzzExpr("($0 \(rng.pick(["LIKE", "NOT LIKE", "ILIKE"])) \(pattern))", .boolean, [e(.text)])
        case 10: return FuzzExpr("(CASE WHEN $0 THEN $1 ELSE $2 END)", .boolean, [e(.boolean), e(.boolean), e(.boolean)])
        case 11: return FuzzExpr("COALESCE($0, $1)", .boolean, [e(.boolean), e(.boolean)])
        case 12, 13: return subqueryPredicate(scope, depth: depth)
        case 14:
            let f = someFamily(scope)
            return FuzzExpr("(NULLIF($0, $1) IS NULL)", .boolean, [e(f), e(f)])
        default:
            return FuzzExpr("($0 \(rng.pick(["=", "<>"])) $1)", .boolean, [e(.boolean), e(.boolean)])
        }
    }

    /// EXISTS, IN and a scalar subquery against a random table, correlated with the outer scope sometimes.
    private func subqueryPredicate(_ scope: [ScopedColumn], depth: Int) -> FuzzExpr {
        guard !tables.isEmpty else { return .leaf("TRUE", .boolean) }
        let table = rng.pick(tables)
        let inner = alias("q")
        let innerScope = table.columns.map { ScopedColumn(sql: "\(inner).\($0.name)", type: $0.type) }
        let correlated = rng.chance(0.5) ? scope + innerScope : innerScope
        let filter = predicate(correlated, depth: min(depth, 2))
        let from = "FROM \(Self.placeholder(table)) \(inner) WHERE $0"
        switch rng.int(0...2) {
        case 0:
            return FuzzExpr("(\(rng.chance(0.3) ? "NOT " : "")EXISTS (SELECT 1 \(from)))", .boolean, [filter])
        case 1:
            let column = rng.pick(innerScope)
            let probe = expression(column.type.family, scope, depth: 1)
            return FuzzExpr("($1 \(rng.chance(0.3) ? "NOT " : "")IN (SELECT \(column.sql) \(from)))", .boolean, [filter, probe])
        default:
            let column = rng.pick(innerScope)
            let probe = expression(column.type.family, scope, depth: 1)
            let aggregate = column.type.family == .boolean ? "COUNT" : rng.pick(["MIN", "MAX", "COUNT"])
            let op = rng.pick(["=", "<", ">="])
            if aggregate == "COUNT" {
                return FuzzExpr("((SELECT COUNT(\(column.sql)) \(from)) \(op) \(rng.int(0...2)))", .boolean, [filter])
            }
            return FuzzExpr("($1 \(op) (SELECT \(aggregate)(\(column.sql)) \(from)))", .boolean, [filter, probe])
        }
    }

    private func number(_ scope: [ScopedColumn], depth: Int) -> FuzzExpr {
        let n = { self.expression(.number, scope, depth: depth) }
        let e = { (f: FuzzType.Family) in self.expression(f, scope, depth: depth) }
        switch rng.int(0...17) {
        case 0: return FuzzExpr("($0 \(rng.pick(["+", "-", "*"])) $1)", .number, [n(), n()])
        case 1: return FuzzExpr("($0 \(rng.pick(["/", "%"])) $1)", .number, [n(), n()])
        case 2: return FuzzExpr(rng.pick(["ABS($0)", "(- $0)", "SIGN($0)", "FLOOR($0)", "CEILING($0)", "ROUND($0)", "TRUNC($0)"]), .number, [n()])
        case 3: return FuzzExpr(rng.pick(["COALESCE($0, $1)", "NULLIF($0, $1)", "GREATEST($0, $1)", "LEAST($0, $1)", "NVL($0, $1)"]), .number, [n(), n()])
        case 4: return FuzzExpr("(CASE WHEN $0 THEN $1 ELSE $2 END)", .number, [e(.boolean), n(), n()])
        case 5: return FuzzExpr("CAST($0 AS \(rng.pick(["INTEGER", "BIGINT", "SMALLINT", "DECIMAL(12,2)", "DOUBLE PRECISION", "REAL", "DECIMAL(38,4)"])))", .number, [n()])
        case 6: return FuzzExpr(rng.pick(["LEN($0)", "CHAR_LENGTH($0)", "OCTET_LENGTH($0)", "POSITION('a' IN $0)", "ASCII($0)", "CHARINDEX('b', $0)"]), .number, [e(.text)])
        case 7: return FuzzExpr("DATEDIFF(\(rng.pick(["day", "month", "year", "week"])), $0, $1)", .number, [e(.date), e(.date)])
        case 8: return FuzzExpr("EXTRACT(\(rng.pick(["YEAR", "MONTH", "DAY", "DOW", "DOY"])) FROM $0)", .number, [e(rng.pick([.date, .timestamp]))])
        case 9: return FuzzExpr("DATE_PART(\(rng.pick(["hour", "minute", "epoch", "day"])), $0)", .number, [e(.timestamp)])
        case 10: return FuzzExpr("MOD($0, $1)", .number, [n(), n()])
        case 11: return FuzzExpr(rng.pick(["ROUND($0, 1)", "TRUNC($0, 1)", "POWER($0, 2)", "SQRT(ABS($0))"]), .number, [n()])
        case 12: return FuzzExpr("(CASE $0 WHEN $1 THEN $2 ELSE $3 END)", .number, [n(), n(), n(), n()])
        case 13: return FuzzExpr("CAST($0 AS INTEGER)", .number, [e(.boolean)])
        case 14: return FuzzExpr("NVL2($0, $1, $2)", .number, [e(someFamily(scope)), n(), n()])
        case 15: return FuzzExpr("DECODE($0, $1, $2, $3)", .number, [n(), n(), n(), n()])
        case 16: return FuzzExpr("REGEXP_COUNT($0, '[a-z]')", .number, [e(.text)])
        default: return FuzzExpr("($0 \(rng.pick(["+", "-"])) $1)", .number, [n(), n()])
        }
    }

    private func text(_ scope: [ScopedColumn], depth: Int) -> FuzzExpr {
        let t = { self.expression(.text, scope, depth: depth) }
        let e = { (f: FuzzType.Family) in self.expression(f, scope, depth: depth) }
        switch rng.int(0...12) {
        case 0: return FuzzExpr(rng.pick(["UPPER($0)", "LOWER($0)", "TRIM($0)", "RTRIM($0)", "LTRIM($0)", "REVERSE($0)", "INITCAP($0)", "BTRIM($0)"]), .text, [t()])
        case 1: return FuzzExpr(rng.pick(["SUBSTRING($0, 1, 2)", "SUBSTRING($0, 2)", "LEFT($0, 1)", "RIGHT($0, 2)", "SUBSTR($0, 2, 1)"]), .text, [t()])
        case 2: return FuzzExpr(rng.pick(["($0 || $1)", "CONCAT($0, $1)"]), .text, [t(), t()])
        case 3: return FuzzExpr(rng.pick(["COALESCE($0, $1)", "NULLIF($0, $1)", "NVL($0, $1)"]), .text, [t(), t()])
        case 4: return FuzzExpr("CAST($0 AS VARCHAR(64))", .text, [e(rng.pick([.number, .date, .timestamp, .text]))])
        case 5: return FuzzExpr("(CASE WHEN $0 THEN $1 ELSE $2 END)", .text, [e(.boolean), t(), t()])
        case 6: return FuzzExpr(rng.pick(["REPLACE($0, 'a', 'b')", "LPAD($0, 4, '*')", "RPAD($0, 4, '.')", "TRANSLATE($0, 'ab', 'AB')", "REPEAT($0, 2)"]), .text, [t()])
        case 7: return FuzzExpr("TO_CHAR($0, '\(rng.pick(["YYYY-MM-DD", "YYYY", "MON DD", "HH24:MI"]))')", .text, [e(rng.pick([.date, .timestamp]))])
        case 8: return FuzzExpr("CAST($0 AS CHAR(4))", .text, [t()])
        case 9: return FuzzExpr("SPLIT_PART($0, ' ', 1)", .text, [t()])
        case 10: return FuzzExpr("REGEXP_REPLACE($0, '[a-c]', 'z')", .text, [t()])
        case 11: return FuzzExpr("GREATEST($0, $1)", .text, [t(), t()])
        default: return FuzzExpr("TO_CHAR($0, '\(rng.pick(["999", "FM9990.00", "S999"]))')", .text, [e(.number)])
        }
    }

    private func date(_ scope: [ScopedColumn], depth: Int) -> FuzzExpr {
        switch rng.int(0...3) {
        case 0: return FuzzExpr("TRUNC($0)", .date, [expression(.timestamp, scope, depth: depth)])
        case 1: return FuzzExpr("CAST($0 AS DATE)", .date, [expression(.timestamp, scope, depth: depth)])
        case 2: return FuzzExpr("LAST_DAY($0)", .date, [expression(.date, scope, depth: depth)])
        default: return FuzzExpr("COALESCE($0, $1)", .date, [expression(.date, scope, depth: depth), expression(.date, scope, depth: depth)])
        }
    }

    private func timestamp(_ scope: [ScopedColumn], depth: Int) -> FuzzExpr {
        let source = { self.expression(self.rng.pick([.date, .timestamp]), scope, depth: depth) }
        switch rng.int(0...3) {
        case 0: return FuzzExpr("DATEADD(\(rng.pick(["day", "month", "hour", "year"])), \(rng.pick(["1", "-1", "12", "-400"])), $0)", .timestamp, [source()])
        case 1: return FuzzExpr("DATE_TRUNC('\(rng.pick(["month", "day", "week", "year", "hour"]))', $0)", .timestamp, [source()])
        case 2: return FuzzExpr("ADD_MONTHS($0, \(rng.pick(["1", "-1", "13"])))", .timestamp, [source()])
        default: return FuzzExpr("CAST($0 AS TIMESTAMP)", .timestamp, [expression(.date, scope, depth: depth)])
        }
    }
}
