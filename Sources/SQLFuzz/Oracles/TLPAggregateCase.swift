/// Ternary Logic Partitioning of aggregates (SQLancer): an aggregate over F equals its combiner
/// over the aggregate of each partition — MIN of MINs, MAX of MAXes, SUM of SUMs, SUM of COUNTs,
/// BOOL_AND of BOOL_ANDs — as a whole and per group when there is a GROUP BY. SUM is taken of exact
/// values only (integers, DECIMAL, or a cast to DECIMAL): a float sum depends on the order of addition.
public struct TLPAggregateCase: OracleCase {
    public var from: FromClause
    /// `MIN(a1.c0)`, `COUNT(*)`, …: the aggregates, with their combiners.
    public var aggregates: [(call: String, combiner: String)]
    /// Group keys (column references), possibly none.
    public var groupBy: [String]
    public var predicate: FuzzExpr
    public var kind: OracleKind { .tlpAggregate }

    private var keys: [String] { groupBy.indices.map { "g\($0)" } }

    private func select(_ filter: String?) -> String {
        let list = zip(groupBy, keys).map { "\($0) AS \($1)" } + aggregates.enumerated().map { "\($1.call) AS x\($0)" }
        var sql = "SELECT \(list.joined(separator: ", ")) FROM \(from.sql)"
        if let filter { sql += " WHERE \(filter)" }
        if !groupBy.isEmpty { sql += " GROUP BY \(groupBy.joined(separator: ", "))" }
        return sql
    }

    public var statements: [String] {
        let p = predicate.sql
        let parts = [p, "NOT (\(p))", "(\(p)) IS NULL"].map { select($0) }.joined(separator: " UNION ALL ")
        let outer = keys.map { "parts.\($0)" } + aggregates.enumerated().map { "\($1.combiner)(parts.x\($0))" }
        var combined = "SELECT \(outer.joined(separator: ", ")) FROM (\(parts)) parts"
        if !keys.isEmpty { combined += " GROUP BY \(keys.map { "parts.\($0)" }.joined(separator: ", "))" }
        return [from.withPrefix + select(nil), from.withPrefix + combined]
    }

    public func check(_ db: FuzzDatabase) async -> Verdict {
        switch await answers(db, statements) {
        case .failure(let error): return .skipped(error.message)
        case .success(let results):
            let whole = RowMultiset(results[0], keying: .equalValues)
            let combined = RowMultiset(results[1], keying: .equalValues)
            return whole == combined ? .agree : .mismatch(whole.difference(combined))
        }
    }

    public func simplifications() -> [any OracleCase] {
        predicate.simplifications().map { var c = self; c.predicate = $0; return c }
    }
}

extension ExpressionGenerator {
    func tlpAggregateCase() -> TLPAggregateCase {
        let from = fromClause(maxItems: 2)
        var aggregates: [(call: String, combiner: String)] = []
        for _ in 0..<rng.int(1...3) {
            let column = rng.pick(from.scope)
            switch rng.int(0...5) {
            case 0 where column.type.family != .boolean:
                aggregates.append(("MIN(\(expression(column.type.family, from.scope, depth: 1).sql))", "MIN"))
            case 1 where column.type.family != .boolean:
                aggregates.append(("MAX(\(column.sql))", "MAX"))
            case 2 where column.type.isExact:
                aggregates.append(("SUM(\(column.sql))", "SUM"))
            case 3 where column.type.family == .number:
                aggregates.append(("SUM(CAST(\(expression(.number, from.scope, depth: 1).sql) AS DECIMAL(30,4)))", "SUM"))
            case 4:
                let f = rng.pick(["BOOL_AND", "BOOL_OR"])
                aggregates.append(("\(f)(\(predicate(from.scope, depth: 1).sql))", f))
            default:
                aggregates.append((rng.chance(0.5) ? "COUNT(*)" : "COUNT(\(column.sql))", "SUM"))
            }
        }
        let groupBy = rng.chance(0.5) ? Array(from.scope.shuffled(using: &rng).prefix(rng.int(1...2)).map(\.sql)) : []
        return TLPAggregateCase(from: from, aggregates: aggregates, groupBy: groupBy, predicate: predicate(from.scope))
    }
}
