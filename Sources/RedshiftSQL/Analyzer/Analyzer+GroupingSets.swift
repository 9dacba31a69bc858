/// GROUP BY ROLLUP / CUBE / GROUPING SETS and GROUPING(): one GROUP BY per grouping set, combined
/// with UNION ALL.
///
/// - Redshift: Aggregation extensions (r_GROUP_BY_aggregation-extensions). `GROUPING SETS((a), (b))`
///   is `GROUP BY a UNION ALL GROUP BY b`; `ROLLUP(a, b)` is `GROUPING SETS((a, b), (a), ())`;
///   `CUBE(a, b)` is `GROUPING SETS((a, b), (a), (b), ())`. A column not in a row's grouping set is
///   NULL in that row; `GROUPING(a, b …)` is a bit mask (first argument most significant) with a 1
///   for each argument rolled up in that row.
///
/// The select block is analyzed once, grouped by every key of every set (so the grouping check is
/// PostgreSQL's: an expression must depend on the union of the keys); each branch is that block with
/// the keys outside its set replaced by NULLs of the key's type (outside aggregate arguments), GROUPING()
/// replaced by its constant, and GROUP BY the set's keys. ORDER BY runs over the combined rows.
extension Analyzer {
    /// The placeholder call GROUPING(…) binds to until the branches replace it by a constant.
    static let groupingPlaceholder = "_rs_grouping"

    /// The grouping sets of a GROUP BY clause (the cross product of its elements), as AST expressions.
    /// Nil when the clause has no ROLLUP/CUBE/GROUPING SETS.
    func groupingSets(_ elements: [AST.GroupingElement], position: Int) throws -> [[AST.Expression]]? {
        guard elements.contains(where: { if case .expression = $0 { return false }; return true }) else { return nil }
        var sets: [[AST.Expression]] = [[]]
        for element in elements {
            let choices: [[AST.Expression]]
            switch element {
            case .expression(let e): choices = [[e]]
            case .rollup(let items): choices = (0...items.count).reversed().map { Array(items.prefix($0)) }
            case .cube(let items):
                guard items.count <= 12 else { throw tooManySets(position) }
                choices = (0..<(1 << items.count)).reversed().map { mask in
                    items.indices.filter { mask & (1 << (items.count - 1 - $0)) != 0 }.map { items[$0] }
                }
            case .groupingSets(let given): choices = given
            }
            sets = sets.flatMap { prefix in choices.map { prefix + $0 } }
            if sets.count > 64 { throw tooManySets(position) }
        }
        return sets
    }

    private func tooManySets(_ position: Int) -> SQLError {
        SQLError(code: "54001", message: "too many grouping sets present (maximum 64)", position: position)
    }

    /// Binds GROUPING(args) / GROUPING_ID(args) to the placeholder; the arguments are checked against
    /// the GROUP BY keys when the select block is complete.
    func bindGroupingFunction(_ call: AST.FunctionCall, scope: Scope, clause: Clause, position: Int) throws -> Bound.Expression {
        guard clause.allowsAggregates else {
            throw SQLError(code: "42803", message: "grouping operations are not allowed in \(clause == .whereClause ? "WHERE" : clause == .groupBy ? "GROUP BY" : "this context")", position: position)
        }
        guard !call.arguments.isEmpty, call.arguments.count <= 31 else {
            throw SQLError.undefinedFunction("\(call.name.last)()", at: position)
        }
        let args = try call.arguments.map { try bindExpression($0, scope: scope, clause: .other) }
        var result = Bound.Expression.call(Self.groupingPlaceholder, args, type: .integer, nullable: false)
        result.hasAggregate = true
        return result
    }

    /// Rewrites an analyzed aggregate SELECT into the UNION ALL of one branch per grouping set.
    ///
    /// - Parameters:
    ///   - keys: every distinct key of every set; `sets` index into it.
    ///   - order: ORDER BY items bound against the block; non-positional ones become hidden columns.
    func groupingSetsUnion(_ select: Bound.Select, keys: [Bound.Expression], sets: [[Int]], order: [Bound.OrderItem],
                           columns: inout [ResultColumn]) throws -> (Bound.Select, [Bound.OrderItem]) {
        try checkGroupingArguments(select, keys: keys, order: order)
        let alias = "_rs_grouped"
        let hidden = order.enumerated().filter { if case .ordinal = $0.element.expression.kind { return false }; return true }
        var branches: [Bound.Body] = []
        var nullable = columns.map(\.nullable)
        for set in sets {
            let rolled = keys.indices.filter { !set.contains($0) }.map { keys[$0] }
            func rewrite(_ e: Bound.Expression) -> Bound.Expression {
                e.replacing { node in
                    if case .call(let fn, let args, _) = node.kind {
                        if fn == Self.groupingPlaceholder {
                            let mask = args.reduce(0) { ($0 << 1) | (rolled.contains($1) ? 1 : 0) }
                            return .literal(.integer(Int64(mask)), .integer).with(nullable: false)
                        }
                        if Self.aggregateNames.contains(fn) { return node }
                    }
                    if case .subquery = node.kind { return node }
                    if case .exists = node.kind { return node }
                    if rolled.contains(node) { return Bound.Expression(kind: .literal(.null), type: node.type, nullable: true) }
                    return nil
                }
            }
            var branch = select
            branch.distinct = false
            branch.items = select.items.enumerated().map { (rewrite($1.expression), "_rs_c\($0 + 1)") }
            for (index, item) in hidden { branch.items.append((rewrite(item.expression), "_rs_o\(index)")) }
            for (index, item) in branch.items.prefix(columns.count).enumerated() where item.expression.nullable { nullable[index] = true }
            branch.groupBy = set.map { keys[$0] }
            branch.having = select.having.map(rewrite)
            branches.append(.select(branch))
        }
        for index in columns.indices { columns[index].nullable = nullable[index] }
        let branchColumns = columns.enumerated().map { ResultColumn(name: "_rs_c\($0 + 1)", type: $1.type) }
            + hidden.map { ResultColumn(name: "_rs_o\($0.offset)", type: $0.element.expression.type) }
        let union = branches.dropFirst().reduce(branches[0]) { .setOperation("UNION ALL", $0, $1) }
        var outer = Bound.Select()
        outer.distinct = select.distinct
        outer.items = columns.enumerated().map { index, column in
            (Bound.Expression(kind: .column(relation: alias, name: "_rs_c\(index + 1)"), type: column.type, nullable: column.nullable), column.name)
        }
        outer.from = [.subquery(Bound.Query(body: union, columns: branchColumns), alias: alias)]
        let outerOrder = order.enumerated().map { index, item -> Bound.OrderItem in
            if case .ordinal = item.expression.kind { return item }
            var moved = item
            moved.expression = Bound.Expression(kind: .column(relation: alias, name: "_rs_o\(index)"), type: item.expression.type)
            return moved
        }
        return (outer, outerOrder)
    }

    /// Every GROUPING() argument must be a GROUP BY key.
    private func checkGroupingArguments(_ select: Bound.Select, keys: [Bound.Expression], order: [Bound.OrderItem]) throws {
        var bad = false
        let all = select.items.map(\.expression) + [select.having].compactMap { $0 } + order.map(\.expression)
        for e in all {
            _ = e.replacing { node in
                if case .call(Self.groupingPlaceholder, let args, _) = node.kind, args.contains(where: { !keys.contains($0) }) { bad = true }
                return nil
            }
        }
        if bad { throw SQLError(code: "42803", message: "arguments to GROUPING must be grouping expressions of the associated query level") }
    }
}

extension Bound.Expression {
    /// True when a GROUPING() placeholder appears in it (outside subqueries).
    var containsGrouping: Bool {
        var found = false
        _ = replacing { node in
            if case .call(Analyzer.groupingPlaceholder, _, _) = node.kind { found = true; return node }
            return nil
        }
        return found
    }

    /// A copy with each node for which `transform` returns a value replaced by it; other nodes are
    /// rebuilt from their transformed children (subqueries are not entered). Pre-order.
    func replacing(_ transform: (Bound.Expression) -> Bound.Expression?) -> Bound.Expression {
        if let replaced = transform(self) { return replaced }
        func r(_ e: Bound.Expression) -> Bound.Expression { e.replacing(transform) }
        var copy = self
        switch kind {
        case .literal, .argument, .column, .ordinal, .countStar, .exists, .subquery: return self
        case .inQuery(let a, let query, let negated): copy.kind = .inQuery(r(a), query, negated: negated)
        case .unary(let op, let a): copy.kind = .unary(op, r(a))
        case .binary(let op, let a, let b): copy.kind = .binary(op, r(a), r(b))
        case .call(let fn, let args, let distinct): copy.kind = .call(fn, args.map(r), distinct: distinct)
        case .caseWhen(let operand, let whens, let otherwise):
            copy.kind = .caseWhen(operand: operand.map(r), whens: whens.map { Bound.Pair(condition: r($0.condition), result: r($0.result)) }, otherwise: otherwise.map(r))
        case .cast(let a, let storage): copy.kind = .cast(r(a), storage)
        case .isNull(let a, let negated): copy.kind = .isNull(r(a), negated: negated)
        case .between(let a, let b, let c, let negated): copy.kind = .between(r(a), r(b), r(c), negated: negated)
        case .inList(let a, let list, let negated): copy.kind = .inList(r(a), list.map(r), negated: negated)
        case .window(let fn, let partition, let order, let frame):
            copy.kind = .window(r(fn), partitionBy: partition.map(r), orderBy: order.map { var o = $0; o.expression = r(o.expression); return o }, frame: frame)
        case .collate(let a, let collation): copy.kind = .collate(r(a), collation)
        }
        return copy
    }
}
