import Foundation

/// A FROM clause with the common table expressions it uses and the columns it exposes.
public struct FromClause: Sendable {
    /// `name AS (SELECT …)` entries for the statement's WITH.
    public var ctes: [String] = []
    /// The text after FROM.
    public var sql: String
    public var scope: [ScopedColumn]

    /// `WITH …` (with a trailing space), or empty.
    public var withPrefix: String { ctes.isEmpty ? "" : "WITH " + ctes.joined(separator: ", ") + " " }
}

/// Random FROM clauses: tables, filtered and windowed derived tables, set operations, grouped
/// derived tables, ordered LIMITs, CTEs, and inner/left/right/full/cross joins of them
/// (r_FROM_clause30, r_WITH_clause, r_UNION, r_WF_functions).
extension ExpressionGenerator {
    func fromClause(maxItems: Int = 3) -> FromClause {
        var clause = fromItem()
        let count = rng.int(1...maxItems)
        for _ in 1..<max(count, 1) {
            let right = fromItem()
            clause.ctes += right.ctes
            let kind = rng.pick(["JOIN", "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "LEFT OUTER JOIN", "CROSS JOIN", ","])
            let combined = clause.scope + right.scope
            if kind == "CROSS JOIN" || kind == "," {
                clause.sql = "\(clause.sql) \(kind) \(right.sql)".replacingOccurrences(of: " , ", with: ", ")
            } else {
                let on: String
                let leftKeys = clause.scope.filter { $0.type.family == .number }, rightKeys = right.scope.filter { $0.type.family == .number }
                if rng.chance(0.6), let l = leftKeys.randomElement(using: &rng), let r = rightKeys.randomElement(using: &rng) {
                    on = "\(l.sql) = \(r.sql)"
                } else {
                    on = predicate(combined, depth: 2).sql
                }
                clause.sql = "\(clause.sql) \(kind) \(right.sql) ON \(on)"
            }
            clause.scope = combined
        }
        return clause
    }

    /// One table or derived table with a fresh alias.
    func fromItem() -> FromClause {
        let table = rng.pick(tables)
        let outer = alias()
        let inner = alias("i")
        let innerScope = table.columns.map { ScopedColumn(sql: "\(inner).\($0.name)", type: $0.type) }
        let t = Self.placeholder(table)
        func exposed(_ columns: [(String, FuzzType)]) -> [ScopedColumn] {
            columns.map { ScopedColumn(sql: "\(outer).\($0.0)", type: $0.1) }
        }
        let all = table.columns.map { ($0.name, $0.type) }
        var body: String
        var columns = all
        switch rng.int(0...9) {
        case 0, 1, 2, 3:
            return FromClause(sql: "\(t) \(outer)", scope: exposed(all))
        case 4:
            body = "SELECT * FROM \(t) \(inner) WHERE \(predicate(innerScope, depth: 2).sql)"
        case 5:
            let (window, type) = windowFunction(innerScope)
            body = "SELECT \(inner).*, \(window) AS w FROM \(t) \(inner)"
            columns.append(("w", type))
        case 6:
            let picked = Array(table.columns.shuffled(using: &rng).prefix(rng.int(1...2)))
            let list = picked.map(\.name).joined(separator: ", ")
            let other = alias("j")
            let otherScope = table.columns.map { ScopedColumn(sql: "\(other).\($0.name)", type: $0.type) }
            let op = rng.pick(["UNION", "UNION ALL", "INTERSECT", "EXCEPT", "MINUS"])
            body = "SELECT \(list) FROM \(t) \(inner) WHERE \(predicate(innerScope, depth: 1).sql) \(op) "
                + "SELECT \(list) FROM \(t) \(other) WHERE \(predicate(otherScope, depth: 1).sql)"
            columns = picked.map { ($0.name, $0.type) }
        case 7:
            let key = rng.pick(table.columns)
            let measured = rng.pick(table.columns)
            let exact = measured.type.isExact
            let aggregate = exact ? rng.pick(["SUM", "MIN", "MAX", "COUNT"]) : (measured.type == .boolean ? "COUNT" : rng.pick(["MIN", "MAX", "COUNT"]))
            body = "SELECT \(inner).\(key.name) AS g, COUNT(*) AS n, \(aggregate)(\(inner).\(measured.name)) AS m FROM \(t) \(inner) GROUP BY \(inner).\(key.name)"
            let mType: FuzzType = aggregate == "COUNT" ? .bigint : (aggregate == "SUM" ? .decimal(precision: 38, scale: 0) : measured.type)
            columns = [("g", key.type), ("n", .bigint), ("m", mType)]
        case 8:
            body = "SELECT * FROM \(t) \(inner) ORDER BY \(inner).id \(rng.chance(0.5) ? "DESC" : "") LIMIT \(rng.int(0...4))"
        default:
            body = "SELECT * FROM \(t) \(inner) WHERE \(predicate(innerScope, depth: 1).sql)"
        }
        if rng.chance(0.4) {
            let name = alias("cte")
            return FromClause(ctes: ["\(name) AS (\(body))"], sql: "\(name) \(outer)", scope: exposed(columns))
        }
        return FromClause(sql: "(\(body)) \(outer)", scope: exposed(columns))
    }

    /// A deterministic window function: ordered by the unique `id`, or a ranking/partition aggregate
    /// whose value does not depend on the order of peers.
    private func windowFunction(_ scope: [ScopedColumn]) -> (String, FuzzType) {
        let id = scope[0].sql
        let key = rng.pick(scope)
        let value = rng.pick(scope)
        let partition = rng.chance(0.7) ? "PARTITION BY \(key.sql) " : ""
        switch rng.int(0...7) {
        case 0: return ("ROW_NUMBER() OVER (\(partition)ORDER BY \(id))", .bigint)
        case 1: return ("RANK() OVER (\(partition)ORDER BY \(value.sql))", .bigint)
        case 2: return ("DENSE_RANK() OVER (\(partition)ORDER BY \(value.sql) DESC)", .bigint)
        case 3: return ("COUNT(\(value.sql)) OVER (\(partition.isEmpty ? "" : String(partition.dropLast())))", .bigint)
        case 4:
            let f = value.type.family == .boolean ? "COUNT" : rng.pick(["MIN", "MAX"])
            return ("\(f)(\(value.sql)) OVER (\(partition.isEmpty ? "" : String(partition.dropLast())))", f == "COUNT" ? .bigint : value.type)
        case 5: return ("\(rng.pick(["LAG", "LEAD"]))(\(value.sql)) OVER (\(partition)ORDER BY \(id))", value.type)
        case 6: return ("FIRST_VALUE(\(value.sql)) OVER (\(partition)ORDER BY \(id) ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)", value.type)
        default:
            if value.type.isExact {
                return ("SUM(\(value.sql)) OVER (\(partition)ORDER BY \(id) ROWS UNBOUNDED PRECEDING)", .decimal(precision: 38, scale: 0))
            }
            return ("NTILE(2) OVER (\(partition)ORDER BY \(id))", .bigint)
        }
    }
}
