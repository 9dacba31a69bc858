/// EXPLAIN: a plan-shaped answer, one row per line in a column named `QUERY PLAN`, as Redshift
/// returns it. The statement is analyzed first (so EXPLAIN of a bad statement fails as the
/// statement would); the plan describes the statement's shape with Redshift's node names — the
/// emulator has no cost model, so costs and row counts are zero.
///
/// - Redshift: EXPLAIN (r_EXPLAIN): nodes such as `XN Seq Scan on t`, `XN Hash Join DS_DIST_NONE`,
///   `XN HashAggregate`, `XN Merge`, `XN Limit`, children indented under `->`.
enum ExplainPlan {
    static func translation(of statement: AST.Statement, analyzer: Analyzer) throws -> Translation {
        var lines: [String] = []
        switch statement {
        case .query(let query):
            _ = try analyzer.analyzeQuery(query, outer: nil)
            lines = plan(query)
        case .insert(let insert):
            _ = try analyzer.insertSteps(insert)
            lines = ["XN Result  " + cost(rows: 1)]
        case .update(let update):
            _ = try analyzer.updateSteps(update)
            lines = ["XN Seq Scan on \(update.table.last)  " + cost()]
        case .delete(let delete):
            _ = try analyzer.deleteSteps(delete)
            lines = ["XN Seq Scan on \(delete.table.last)  " + cost()]
        default:
            throw SQLError(code: "0A000", message: "EXPLAIN is only available for SELECT, INSERT, UPDATE and DELETE")
        }
        return Translation(kind: .query, steps: [SQLiteGenerator.planRows(lines)],
                           resultColumns: [ResultColumn(name: "QUERY PLAN", type: .varchar(length: 65535))], isReadOnly: true)
    }

    static func cost(rows: Int = 0) -> String { "(cost=0.00..0.00 rows=\(rows) width=0)" }

    /// Plan lines of a query, outermost node first.
    static func plan(_ query: AST.Query) -> [String] {
        var prefix: [String] = []
        if query.limit != nil { prefix.append("XN Limit") }
        if !query.orderBy.isEmpty { prefix += ["XN Merge", "XN Network", "XN Sort"] }
        var lines = body(query.body)
        for node in prefix.reversed() { lines = [node + "  " + cost()] + nest(lines) }
        return lines
    }

    private static func body(_ body: AST.QueryBody) -> [String] {
        switch body {
        case .nested(let inner): return plan(inner)
        case .setOperation(let op, let all, let l, let r):
            let name = op == .union ? (all ? "XN Append" : "XN Unique") : (op == .intersect ? "XN SetOp Intersect" : "XN SetOp Except")
            return [name + "  " + cost()] + nest(self.body(l)) + nest(self.body(r))
        case .select(let select):
            var lines: [String] = []
            var children = select.from.map(from)
            if children.isEmpty { children = [["XN Result  " + cost(rows: 1)]] }
            var tree = children[0]
            for child in children.dropFirst() {
                tree = ["XN Hash Join DS_DIST_NONE  " + cost()] + nest(tree) + nest(["XN Hash  " + cost()] + nest(child))
            }
            if !select.groupBy.isEmpty || select.having != nil { lines.append("XN HashAggregate  " + cost()) }
            if select.distinct { lines.append("XN Unique  " + cost()) }
            if lines.isEmpty { return tree }
            var result = [lines[0]]
            var rest = Array(lines.dropFirst()) + tree
            rest = nest(rest)
            result += rest
            return result
        }
    }

    private static func nest(_ lines: [String]) -> [String] {
        lines.enumerated().map { index, line in
            if line.hasPrefix("  ->  ") || line.hasPrefix("      ") { return "      " + line }
            return "  ->  " + line
        }
    }

    private static func from(_ item: AST.TableReference) -> [String] {
        switch item {
        case .table(let name, let alias):
            return ["XN Seq Scan on \(name.last)" + (alias.map { " \($0)" } ?? "") + "  " + cost()]
        case .subquery(let query, let alias, _, _):
            return ["XN Subquery Scan \(alias)  " + cost()] + nest(plan(query))
        case .superUnnest(let unnest):
            return ["XN Seq Scan PartiQL \(unnest.alias)  " + cost()]
        case .function(let call, let alias, _, _):
            return ["XN Function Scan \(alias ?? call.name.last)  " + cost()]
        case .pivot(let pivot):
            return ["XN Subquery Scan \(pivot.alias ?? "pivot")  " + cost()] + nest(from(pivot.source))
        case .join(let kind, let l, let r, _):
            let name = kind == .cross ? "XN Nested Loop DS_BCAST_INNER" : (kind == .inner ? "XN Hash Join DS_DIST_NONE" : "XN Hash \(kind.rawValue.capitalized) Join DS_DIST_NONE")
            return [name + "  " + cost()] + nest(from(l)) + nest(["XN Hash  " + cost()] + nest(from(r)))
        }
    }
}
