import RedshiftSQL

/// Ternary Logic Partitioning of HAVING (SQLancer): the groups of `… GROUP BY g` are the multiset
/// union of the groups of `… GROUP BY g HAVING p`, `HAVING NOT p` and `HAVING p IS NULL`, for a
/// predicate p over the group keys and aggregates.
public struct TLPHavingCase: OracleCase {
    public var from: FromClause
    public var groupBy: [String]
    public var aggregates: [String]
    public var predicate: FuzzExpr
    public var kind: OracleKind { .tlpHaving }

    private func select(_ having: String?) -> String {
        var sql = "SELECT \((groupBy + aggregates).joined(separator: ", ")) FROM \(from.sql) GROUP BY \(groupBy.joined(separator: ", "))"
        if let having { sql += " HAVING \(having)" }
        return sql
    }

    public var statements: [String] {
        let p = predicate.sql
        return [select(nil), select(p), select("NOT (\(p))"), select("(\(p)) IS NULL")].map { from.withPrefix + $0 }
    }

    public func check(_ db: FuzzDatabase) async -> Verdict {
        switch await answers(db, statements) {
        case .failure(let error): return .skipped(error.message)
        case .success(let results):
            let whole = RowMultiset(results[0], keying: .equalValues)
            let union = results.dropFirst().map { RowMultiset($0, keying: .equalValues) }.reduce(RowMultiset([], keying: .equalValues), +)
            return whole == union ? .agree : .mismatch(whole.difference(union))
        }
    }

    public func simplifications() -> [any OracleCase] {
        predicate.simplifications().map { var c = self; c.predicate = $0; return c }
    }
}

/// NoREC (SQLancer): the rows an optimizable filter `SELECT … FROM F WHERE p` returns are counted
/// against `SELECT SUM(CASE WHEN p THEN 1 ELSE 0 END) FROM F`, which evaluates p on every row.
public struct NoRECCase: OracleCase {
    public var from: FromClause
    public var predicate: FuzzExpr
    /// Counts with `COUNT(*)` rather than fetching the rows.
    public var counts: Bool
    public var kind: OracleKind { .noREC }

    public var statements: [String] {
        let p = predicate.sql
        let optimized = counts ? "SELECT COUNT(*) FROM \(from.sql) WHERE \(p)" : "SELECT 1 FROM \(from.sql) WHERE \(p)"
        return [from.withPrefix + optimized,
                from.withPrefix + "SELECT SUM(CASE WHEN \(p) THEN 1 ELSE 0 END) FROM \(from.sql)"]
    }

    public func check(_ db: FuzzDatabase) async -> Verdict {
        switch await answers(db, statements) {
        case .failure(let error): return .skipped(error.message)
        case .success(let results):
            let filtered: Int64 = counts ? Self.number(results[0].first?.first) : Int64(results[0].count)
            let evaluated = Self.number(results[1].first?.first)
            return filtered == evaluated ? .agree : .mismatch("the filter returned \(filtered) rows, p is true on \(evaluated)")
        }
    }

    private static func number(_ value: SQLiteValue?) -> Int64 {
        switch value {
        case .integer(let i): i
        case .real(let d): Int64(d)
        case .text(let s): Int64(s) ?? -1
        default: 0   // SUM over no rows is NULL
        }
    }

    public func simplifications() -> [any OracleCase] {
        predicate.simplifications().map { var c = self; c.predicate = $0; return c }
    }
}

extension ExpressionGenerator {
    func tlpHavingCase() -> TLPHavingCase {
        let from = fromClause(maxItems: 2)
        let keys = Array(from.scope.shuffled(using: &rng).prefix(rng.int(1...2)))
        var havingScope = keys
        var aggregates = ["COUNT(*)"]
        havingScope.append(ScopedColumn(sql: "COUNT(*)", type: .bigint))
        for column in from.scope.shuffled(using: &rng).prefix(2) where column.type.family != .boolean {
            let call = "\(rng.pick(["MIN", "MAX"]))(\(column.sql))"
            aggregates.append(call)
            havingScope.append(ScopedColumn(sql: call, type: column.type))
            if column.type.isExact {
                havingScope.append(ScopedColumn(sql: "SUM(\(column.sql))", type: .decimal(precision: 38, scale: 0)))
            }
        }
        return TLPHavingCase(from: from, groupBy: keys.map(\.sql), aggregates: aggregates,
                             predicate: predicate(havingScope, depth: 2))
    }

    func noRECCase() -> NoRECCase {
        let from = fromClause()
        return NoRECCase(from: from, predicate: predicate(from.scope), counts: rng.chance(0.5))
    }
}
