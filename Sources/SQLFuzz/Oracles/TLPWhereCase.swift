/// Ternary Logic Partitioning of a filter (SQLancer): for any predicate p, the rows of
/// `SELECT … FROM F` are the multiset union of the rows of `… WHERE p`, `… WHERE NOT p` and
/// `… WHERE p IS NULL`. With DISTINCT, or GROUP BY on the selected columns, the distinct rows of the
/// whole equal the distinct rows of the union.
public struct TLPWhereCase: OracleCase {
    public enum Shape: Sendable { case plain, distinct, groupBy }

    public var shape: Shape
    public var from: FromClause
    /// The select list (plain column references for `.groupBy`).
    public var columns: [String]
    public var predicate: FuzzExpr
    /// Runs the three partitions as one `UNION ALL` statement rather than three statements.
    public var unionAll: Bool

    public var kind: OracleKind {
        switch shape {
        case .plain: .tlpWhere
        case .distinct: .tlpDistinct
        case .groupBy: .tlpGroupBy
        }
    }

    private func select(_ filter: String?) -> String {
        let list = columns.joined(separator: ", ")
        var sql = "SELECT \(shape == .distinct ? "DISTINCT " : "")\(list) FROM \(from.sql)"
        if let filter { sql += " WHERE \(filter)" }
        if shape == .groupBy { sql += " GROUP BY \(list)" }
        return sql
    }

    private var partitions: [String] {
        let p = predicate.sql
        return [p, "NOT (\(p))", "(\(p)) IS NULL"].map { select($0) }
    }

    public var statements: [String] {
        let whole = from.withPrefix + select(nil)
        if unionAll { return [whole, from.withPrefix + partitions.joined(separator: " UNION ALL ")] }
        return [whole] + partitions.map { from.withPrefix + $0 }
    }

    public func check(_ db: FuzzDatabase) async -> Verdict {
        switch await answers(db, statements) {
        case .failure(let error): return .skipped(error.message)
        case .success(let results):
            let keying: RowMultiset.Keying = shape == .plain ? .exact : .equalValues
            var whole = RowMultiset(results[0], keying: keying)
            var union = results.dropFirst().map { RowMultiset($0, keying: keying) }.reduce(RowMultiset([], keying: keying), +)
            if shape != .plain {
                whole = whole.distinct
                union = union.distinct
            }
            return whole == union ? .agree : .mismatch(whole.difference(union))
        }
    }

    public func simplifications() -> [any OracleCase] {
        predicate.simplifications().map { var c = self; c.predicate = $0; return c }
    }
}

extension ExpressionGenerator {
    func tlpWhereCase(_ shape: TLPWhereCase.Shape) -> TLPWhereCase {
        let from = fromClause()
        var columns: [String]
        let picked = Array(from.scope.shuffled(using: &rng).prefix(rng.int(1...4)))
        if shape == .groupBy || rng.chance(0.6) {
            columns = picked.map(\.sql)
        } else {
            columns = picked.map { expression($0.type.family, from.scope, depth: 2).sql }
        }
        if shape == .plain && rng.chance(0.15) { columns = ["*"] }
        return TLPWhereCase(shape: shape, from: from, columns: columns, predicate: predicate(from.scope),
                            unionAll: rng.chance(0.3))
    }
}
