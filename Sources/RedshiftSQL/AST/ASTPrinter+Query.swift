/// S-expressions of queries and expressions (`ASTPrinter`).
extension AST.Name {
    var tree: String { dotted }
}

extension AST.TypeName {
    /// The catalog spelling, e.g. `varchar(20)`, `int4`, `numeric(8,2)`; `varchar` when no length was written.
    var tree: String { lengthOmitted ? type.typeName : type.catalogText }
}

extension AST.Query {
    /// The body alone when the query has no WITH, ORDER BY, LIMIT or OFFSET.
    var tree: String {
        typealias P = ASTPrinter
        guard with != nil || !orderBy.isEmpty || limit != nil || offset != nil else { return body.tree }
        let withTree = with.map { with in
            P.node(with.recursive ? "with-recursive" : "with", with.tables.map {
                P.node("as", $0.name, P.optional("columns", $0.columns), $0.query.tree)
            })
        }
        return P.node("query", withTree, body.tree, P.optional("order-by", orderBy.map(\.tree)),
                      limit.map { P.node("limit", $0.tree) }, offset.map { P.node("offset", $0.tree) })
    }
}

extension AST.QueryBody {
    var tree: String {
        typealias P = ASTPrinter
        switch self {
        case .select(let select): return select.tree
        case .setOperation(let op, let all, let left, let right): return P.node(op.rawValue + (all ? "-all" : ""), left.tree, right.tree)
        case .nested(let query): return P.node("nested", query.tree)
        }
    }
}

extension AST.Select {
    var tree: String {
        typealias P = ASTPrinter
        let items = self.items.map { item -> String in
            switch item {
            case .expression(let expression, let alias): return alias.map { P.node("as", expression.tree, $0) } ?? expression.tree
            case .star(let qualifier, _): return qualifier.map { $0.tree + ".*" } ?? "*"
            }
        }
        return P.node("select", P.flag(distinct, "distinct"), top.map { P.node("top", $0.tree) }, P.group(items),
                      into.map { P.node("into", $0.name.tree, P.flag($0.temporary, "temporary")) }, P.optional("from", from.map(\.tree)),
                      whereClause.map { P.node("where", $0.tree) }, P.optional("group-by", groupBy.map(\.tree)),
                      having.map { P.node("having", $0.tree) }, qualify.map { P.node("qualify", $0.tree) })
    }
}

extension AST.GroupingElement {
    var tree: String {
        typealias P = ASTPrinter
        switch self {
        case .expression(let expression): return expression.tree
        case .rollup(let items): return P.node("rollup", items.map(\.tree))
        case .cube(let items): return P.node("cube", items.map(\.tree))
        case .groupingSets(let sets): return P.node("grouping-sets", sets.map { P.group($0.map(\.tree)) })
        }
    }
}

extension AST.TableReference {
    var tree: String {
        typealias P = ASTPrinter
        switch self {
        case .table(let name, let alias): return alias.map { P.node("as", name.tree, $0) } ?? name.tree
        case .subquery(let query, let alias, let columns, _): return P.node("as", P.node("subquery", query.tree), alias, P.optional("columns", columns))
        case .superUnnest(let unnest): return unnest.tree
        case .pivot(let pivot): return P.node("pivot", pivot.source.tree, pivot.alias)
        case .function(let call, let alias, let columns, let position):
            let function = AST.Expression(kind: .function(call), position: position).tree
            return alias.map { P.node("as", function, $0, P.optional("columns", columns)) } ?? function
        case .join(let kind, let left, let right, let condition):
            let conditionTree: String?
            switch condition {
            case .none: conditionTree = nil
            case .on(let expression): conditionTree = P.node("on", expression.tree)
            case .using(let columns): conditionTree = P.node("using", columns)
            case .natural: conditionTree = "natural"
            }
            return P.node(kind.rawValue + "-join", left.tree, right.tree, conditionTree)
        }
    }
}

extension AST.OrderItem {
    var tree: String {
        typealias P = ASTPrinter
        guard descending || nullsFirst != nil else { return expression.tree }
        return P.node(descending ? "desc" : "asc", expression.tree, nullsFirst.map { $0 ? "nulls-first" : "nulls-last" })
    }
}
