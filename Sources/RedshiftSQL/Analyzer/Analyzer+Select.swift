/// One SELECT block: FROM, WHERE, select list, GROUP BY, HAVING, ORDER BY.
///
/// - Redshift: SELECT (r_SELECT_synopsis); default sort order puts NULLs last ascending and
///   first descending (c_Window_functions), so the generator always emits NULLS FIRST/LAST.
extension Analyzer {
    func analyzeSelect(_ select: AST.Select, scope parentScope: Scope, orderBy: [AST.OrderItem]) throws -> (Bound.Query, [Bound.OrderItem]) {
        if select.into != nil { throw SQLError(code: "42601", message: "SELECT ... INTO is not allowed here", position: select.position) }
        let scope = Scope(parent: parentScope)
        var bound = Bound.Select()
        bound.distinct = select.distinct
        let savedWhere = pendingWhere
        pendingWhere = select.whereClause
        defer { pendingWhere = savedWhere }
        bound.from = try select.from.map { try bindFromItem($0, scope: scope) }
        pendingWhere = savedWhere
        // Lateral column alias references: an alias of the select list may be named in WHERE and
        // in later items (r_SELECT_list; sqlalchemy-redshift's reflection filters on its aliases,
        // `AND schema = 'public'`, against real clusters).
        for case .expression(let expression, let alias?) in select.items where scope.lateralAliases[alias] == nil {
            scope.lateralAliases[alias] = expression
        }

        if let condition = select.whereClause {
            bound.whereClause = try bindCondition(condition, scope: scope, clause: .whereClause, name: "WHERE")
        }

        // Select list; set-returning functions in it join their rows laterally (Analyzer+SetReturning.swift).
        var columns: [ResultColumn] = []
        let savedSources = setReturningSources
        let sources = SetReturningSources(scope: scope)
        setReturningSources = sources
        defer { setReturningSources = savedSources }
        for item in select.items {
            switch item {
            case .star(let qualifier, let position):
                for (expression, column) in try expandStar(qualifier, scope: scope, position: position) {
                    bound.items.append((expression, column.name))
                    columns.append(column)
                }
            case .expression(let expression, let alias):
                let value = try finalizeOutput(try bindExpression(expression, scope: scope, clause: .selectList))
                var column = ResultColumn(name: alias ?? defaultName(expression), type: value.type, nullable: value.nullable)
                if case .null = expression.kind { column.isNullLiteral = true }
                column.recordFields = recordFields(of: expression, scope: scope)
                if case .column(let name) = expression.kind, let source = try? resolveColumn(name, scope: scope).column {
                    column.schemaName = source.schemaName
                    column.tableName = source.tableName
                    column.arrayElement = source.arrayElement
                }
                bound.items.append((value, column.name))
                columns.append(column)
            }
        }
        try joinSetReturningSources(sources, into: &bound, grouped: !select.groupBy.isEmpty || select.having != nil)

        // GROUP BY: ordinals and output aliases refer to select items.
        // ROLLUP/CUBE/GROUPING SETS: the block is grouped by every key; the sets index into them.
        var keySets: [[Int]]?
        if let sets = try groupingSets(select.groupBy, position: select.position) {
            keySets = try sets.map { set in
                var indices: [Int] = []
                for expression in set {
                    let key = try groupKey(expression, items: bound.items, scope: scope)
                    if !bound.groupBy.contains(key) { bound.groupBy.append(key) }
                    let index = bound.groupBy.firstIndex(of: key)!
                    if !indices.contains(index) { indices.append(index) }
                }
                return indices
            }
        } else {
            for element in select.groupBy {
                guard case .expression(let expression) = element else { continue }
                bound.groupBy.append(try groupKey(expression, items: bound.items, scope: scope))
            }
        }
        if let having = select.having {
            bound.having = try bindCondition(having, scope: scope, clause: .having, name: "HAVING")
        }
        let qualify = try select.qualify.map { try bindCondition($0, scope: scope, clause: .selectList, name: "QUALIFY") }

        // ORDER BY.
        var order: [Bound.OrderItem] = []
        for item in orderBy {
            let expression = try orderExpression(item.expression, items: bound.items, columns: columns, scope: scope)
            if bound.distinct, case .ordinal = expression.kind {} else if bound.distinct, !bound.items.contains(where: { $0.expression == expression }) {
                throw SQLError(code: "42P10", message: "for SELECT DISTINCT, ORDER BY expressions must appear in select list", position: item.expression.position)
            }
            order.append(Bound.OrderItem(expression: expression, descending: item.descending, nullsFirst: item.nullsFirst ?? item.descending))
        }

        let isAggregate = !bound.groupBy.isEmpty || bound.having != nil || bound.items.contains { $0.expression.hasAggregate }
            || order.contains { $0.expression.hasAggregate }
        if isAggregate {
            for (index, item) in bound.items.enumerated() {
                try checkGrouped(item.expression, keys: bound.groupBy, scope: scope, name: columns[index].name)
            }
            if let having = bound.having { try checkGrouped(having, keys: bound.groupBy, scope: scope, name: nil) }
            for item in order { try checkGrouped(item.expression, keys: bound.groupBy, scope: scope, name: nil) }
            if let qualify { try checkGrouped(qualify, keys: bound.groupBy, scope: scope, name: nil) }
        }
        if keySets == nil, bound.items.contains(where: { $0.expression.containsGrouping }) || (bound.having?.containsGrouping ?? false)
            || order.contains(where: { $0.expression.containsGrouping }) {
            keySets = [Array(bound.groupBy.indices)]  // GROUPING() with a plain GROUP BY: one set, all zeros
        }
        if let sets = keySets {
            if qualify != nil { throw SQLError.unsupported("QUALIFY with ROLLUP, CUBE, GROUPING SETS or GROUPING()", at: select.position) }
            if bound.items.contains(where: { $0.expression.hasWindow }) || order.contains(where: { $0.expression.hasWindow }) {
                // Window functions run over the rows of all grouping sets together; the UNION ALL rewrite would run them per set.
                throw SQLError.unsupported("window functions with ROLLUP, CUBE, GROUPING SETS or GROUPING()", at: select.position)
            }
            (bound, order) = try groupingSetsUnion(bound, keys: bound.groupBy, sets: sets, order: order, columns: &columns)
        }
        if let qualify { (bound, order) = applyQualify(qualify, to: bound, order: order, columns: columns) }

        var query = Bound.Query(body: .select(bound), columns: columns)
        if let top = select.top {
            query.limit = try coerce(try bindExpression(top, scope: scope, clause: .other), to: .bigint)
        }
        return (query, order)
    }

    /// QUALIFY filters after window functions: the SELECT becomes a derived table with the
    /// condition (and non-positional sort keys) as extra columns, filtered outside.
    ///
    /// - Redshift: QUALIFY clause (r_QUALIFY_clause).
    private func applyQualify(_ condition: Bound.Expression, to select: Bound.Select, order: [Bound.OrderItem], columns: [ResultColumn]) -> (Bound.Select, [Bound.OrderItem]) {
        let alias = "_rs_qualified"
        var inner = select
        inner.distinct = false
        inner.items = select.items.enumerated().map { ($1.expression, "_rs_c\($0 + 1)") }
        inner.items.append((condition, "_rs_keep"))
        var outerOrder: [Bound.OrderItem] = []
        for (index, item) in order.enumerated() {
            if case .ordinal = item.expression.kind { outerOrder.append(item); continue }
            inner.items.append((item.expression, "_rs_o\(index)"))
            var moved = item
            moved.expression = Bound.Expression(kind: .column(relation: alias, name: "_rs_o\(index)"), type: item.expression.type)
            outerOrder.append(moved)
        }
        var outer = Bound.Select()
        outer.distinct = select.distinct
        outer.items = columns.enumerated().map { index, column in
            (Bound.Expression(kind: .column(relation: alias, name: "_rs_c\(index + 1)"), type: column.type, nullable: column.nullable), column.name)
        }
        outer.from = [.subquery(Bound.Query(body: .select(inner), columns: columns), alias: alias)]
        outer.whereClause = Bound.Expression(kind: .column(relation: alias, name: "_rs_keep"), type: .boolean)
        return (outer, outerOrder)
    }

    /// Gives unknown-typed outputs their Redshift type: a string literal is VARCHAR.
    func finalizeOutput(_ expression: Bound.Expression) throws -> Bound.Expression {
        guard expression.type == .unknown else { return expression }
        if case .text(let text) = expression.literalValue ?? .null { return expression.retyped(.varchar(length: max(text.utf8.count, 1))) }
        if case .argument(.text(let text)) = expression.kind { return expression.retyped(.varchar(length: max(text.utf8.count, 1))) }
        return expression.retyped(.varchar(length: 256))
    }

    /// The column name Redshift gives an unaliased expression (PostgreSQL's FigureColname).
    func defaultName(_ expression: AST.Expression) -> String {
        switch expression.kind {
        case .column(let name): return name.last
        case .function(let call):
            switch call.name.last {
            case "dateadd": return "date_add"
            case "datediff": return "date_diff"
            case "date_part": return "pgdate_part"
            case "extract": return "date_part"
            case "nvl": return "coalesce"
            case "nullif": return call.arguments.first.map(defaultName) ?? "nullif"
            case "btrim": return "btrim"
            default: return call.name.last
            }
        case .cast(let inner, let type):
            if case .column = inner.kind { return defaultName(inner) }
            if case .function = inner.kind { return defaultName(inner) }
            return type.type.typeName
        case .caseWhen: return "case"
        case .subquery(let query):
            if case .select(let select) = query.body, select.items.count == 1, case .expression(let e, let alias) = select.items[0] {
                return alias ?? defaultName(e)
            }
            return "?column?"
        case .exists: return "exists"
        default: return "?column?"
        }
    }

    /// A WHERE/HAVING/ON condition: must be boolean.
    func bindCondition(_ expression: AST.Expression, scope: Scope, clause: Clause, name: String) throws -> Bound.Expression {
        let bound = try bindExpression(expression, scope: scope, clause: clause)
        if let truth = Self.integerLiteralTruth(bound) { return truth }
        guard bound.type == .boolean || bound.type == .unknown else {
            throw SQLError.datatype("argument of \(name) must be type boolean, not type \(bound.type.formatTypeName)", at: expression.position)
        }
        return bound.type == .unknown ? try coerce(bound, to: .boolean) : bound
    }

    private func groupKey(_ expression: AST.Expression, items: [(expression: Bound.Expression, alias: String)], scope: Scope) throws -> Bound.Expression {
        if case .integer(let text) = expression.kind {
            guard let n = Int(text), (1...items.count).contains(n) else {
                throw SQLError(code: "42P10", message: "GROUP BY position \(text) is not in select list", position: expression.position)
            }
            return items[n - 1].expression
        }
        if case .column(let name) = expression.kind, name.parts.count == 1, (try? resolveColumn(name, scope: scope)) == nil,
           let item = items.first(where: { $0.alias == name.last }) {
            return item.expression
        }
        let bound = try bindExpression(expression, scope: scope, clause: .groupBy)
        return bound
    }

    private func orderExpression(_ expression: AST.Expression, items: [(expression: Bound.Expression, alias: String)], columns: [ResultColumn], scope: Scope) throws -> Bound.Expression {
        if case .integer(let text) = expression.kind {
            guard let n = Int(text), (1...items.count).contains(n) else {
                throw SQLError(code: "42P10", message: "ORDER BY position \(text) is not in select list", position: expression.position)
            }
            return Bound.Expression(kind: .ordinal(n), type: columns[n - 1].type, hasAggregate: items[n - 1].expression.hasAggregate)
        }
        if case .column(let name) = expression.kind, name.parts.count == 1 {
            let matches = items.indices.filter { items[$0].alias == name.last }
            if matches.count > 1 {
                throw SQLError(code: "42702", message: "ORDER BY \"\(name.last)\" is ambiguous", position: expression.position)
            }
            if let n = matches.first {
                return Bound.Expression(kind: .ordinal(n + 1), type: columns[n].type, hasAggregate: items[n].expression.hasAggregate)
            }
        }
        return try bindExpression(expression, scope: scope, clause: .orderBy)
    }

    /// In an aggregate query every column of this level must be grouped or inside an aggregate.
    private func checkGrouped(_ expression: Bound.Expression, keys: [Bound.Expression], scope: Scope, name: String?) throws {
        // A key widened for a comparison (`count(*) > k` retypes the INTEGER k as BIGINT) is still the key.
        if keys.contains(where: { $0.kind == expression.kind }) { return }
        switch expression.kind {
        case .column(let relation, let column):
            if scope.owns(relationAlias: relation) {
                let display = scope.relations.first { $0.sqliteAlias == relation }?.columns.first { $0.sqliteName == column }?.name ?? column
                throw SQLError(code: "42803", message: "column \"\(relation.map { "\($0)." } ?? "")\(display)\" must appear in the GROUP BY clause or be used in an aggregate function")
            }
        case .call(let fn, let args, _):
            if Self.aggregateNames.contains(fn) && (args.count <= 2 || fn.hasPrefix("rs_")) && !(fn == "max" && args.count == 2) { return }
            for arg in args { try checkGrouped(arg, keys: keys, scope: scope, name: name) }
        case .countStar, .literal, .argument, .ordinal, .subquery, .exists: return
        case .window(let fn, let partition, let order, _):
            if case .call(_, let args, _) = fn.kind { for arg in args { try checkGrouped(arg, keys: keys, scope: scope, name: name) } }
            for p in partition { try checkGrouped(p, keys: keys, scope: scope, name: name) }
            for o in order { try checkGrouped(o.expression, keys: keys, scope: scope, name: name) }
        case .unary(_, let a), .cast(let a, _), .isNull(let a, _), .collate(let a, _):
            try checkGrouped(a, keys: keys, scope: scope, name: name)
        case .binary(_, let a, let b):
            if case .call(let fn, _, _) = a.kind, fn == "sum", case .call("count", _, _) = b.kind, expression.hasAggregate { return }  // AVG rewrite
            try checkGrouped(a, keys: keys, scope: scope, name: name)
            try checkGrouped(b, keys: keys, scope: scope, name: name)
        case .between(let a, let b, let c, _):
            for e in [a, b, c] { try checkGrouped(e, keys: keys, scope: scope, name: name) }
        case .inList(let a, let list, _):
            for e in [a] + list { try checkGrouped(e, keys: keys, scope: scope, name: name) }
        case .inQuery(let a, _, _):
            try checkGrouped(a, keys: keys, scope: scope, name: name)
        case .caseWhen(let operand, let whens, let otherwise):
            for e in [operand, otherwise].compactMap({ $0 }) + whens.flatMap({ [$0.condition, $0.result] }) {
                try checkGrouped(e, keys: keys, scope: scope, name: name)
            }
        }
    }

    /// SQLite aggregate functions the generator emits.
    static let aggregateNames: Set<String> = Set(["count", "sum", "avg", "min", "max", "total", "group_concat"] + EmulatedAggregates.all.map(\.name))
}
