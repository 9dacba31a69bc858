/// PIVOT and UNPIVOT, rewritten into the queries they stand for before binding.
///
/// PIVOT becomes `SELECT implicit…, agg(CASE WHEN col = v THEN arg END) AS "v", … FROM source GROUP BY implicit…`
/// (`COUNT(*)` counts `CASE WHEN col = v THEN 1 END`, so an empty cell is 0; other aggregates give NULL);
/// UNPIVOT becomes one `SELECT implicit…, 'label' AS name, col AS value FROM source [WHERE col IS NOT NULL]`
/// per IN column, joined with UNION ALL. Implicit columns are the source's columns the rotation does not name.
///
/// - Redshift: FROM clause (r_FROM_clause30), PIVOT and UNPIVOT examples (r_FROM_clause-pivot-unpivot-examples).
extension Analyzer {
    static let pivotAggregates: Set<String> = ["count", "sum", "min", "max", "avg"]

    /// The derived table a PIVOT or UNPIVOT stands for.
    func rotatedQuery(_ pivot: AST.Pivot, scope: Scope) throws -> AST.TableReference {
        if case .pivot = pivot.source {
            throw SQLError(code: "0A000", message: "PIVOT and UNPIVOT cannot be applied to a PIVOT or UNPIVOT expression", position: pivot.position)
        }
        if case .join = pivot.source {
            throw SQLError(code: "0A000", message: "PIVOT and UNPIVOT cannot be applied to a JOIN expression", position: pivot.position)
        }
        let probe = Scope(parent: scope.parent)
        _ = try bindFromItem(pivot.source, scope: probe)
        let sourceColumns = probe.relations.flatMap { $0.columns.map(\.name) }
        let position = pivot.position
        func column(_ name: String) -> AST.Expression { AST.Expression(kind: .column(AST.Name(parts: [name], position: position)), position: position) }
        func requireColumn(_ name: AST.Name) throws -> String {
            guard name.parts.count == 1, sourceColumns.contains(name.last) else {
                throw SQLError(code: "42703", message: "column \"\(name.dotted)\" does not exist", position: name.position)
            }
            return name.last
        }
        let body: AST.QueryBody
        switch pivot.rotation {
        case .pivot(let aggregate, let aggregateAlias, let forColumn, let values):
            let function = aggregate.name.last
            guard aggregate.name.parts.count == 1, Self.pivotAggregates.contains(function), aggregate.arguments.count == 1 else {
                throw SQLError(code: "0A000", message: "PIVOT supports only the COUNT, SUM, MIN, MAX and AVG aggregate functions", position: aggregate.name.position)
            }
            let pivotColumn = try requireColumn(forColumn)
            var used: Set<String> = [pivotColumn]
            Self.collectColumnNames(aggregate.arguments[0], into: &used)
            let implicit = sourceColumns.filter { !used.contains($0) }
            var items = implicit.map { AST.SelectItem.expression(column($0), alias: $0) }
            for value in values {
                switch value.expression.kind {
                case .column, .subquery, .exists, .inQuery:
                    throw SQLError(code: "0A000", message: "PIVOT IN list values must be constants", position: value.expression.position)
                default: break
                }
                let test: AST.Expression
                if case .null = value.expression.kind {
                    test = AST.Expression(kind: .isNull(column(pivotColumn), negated: false), position: position)
                } else {
                    test = AST.Expression(kind: .binary("=", column(pivotColumn), value.expression), position: position)
                }
                var argument = aggregate.arguments[0]
                if case .star = argument.kind { argument = AST.Expression(kind: .integer("1"), position: position) }
                let cell = AST.Expression(kind: .caseWhen(operand: nil, whens: [AST.When(condition: test, result: argument)], otherwise: nil), position: position)
                var call = aggregate
                call.arguments = [cell]
                let name = value.alias ?? Self.pivotColumnName(value.expression)
                items.append(.expression(AST.Expression(kind: .function(call), position: position), alias: aggregateAlias.map { "\(name)_\($0)" } ?? name))
            }
            var select = AST.Select(items: items, from: [pivot.source], position: position)
            select.groupBy = implicit.map { .expression(column($0)) }
            body = .select(select)
        case .unpivot(let valueColumn, let nameColumn, let columns, let includeNulls):
            var rotated: [String] = []
            var labels: [String] = []
            for entry in columns {
                guard case .column(let name) = entry.expression.kind else { throw SQLError.syntax(near: "(", at: entry.expression.position) }
                let sourceName = try requireColumn(name)
                rotated.append(sourceName)
                labels.append(entry.alias ?? sourceName)
            }
            let implicit = sourceColumns.filter { !rotated.contains($0) }
            var branches: [AST.QueryBody] = []
            for (sourceName, label) in zip(rotated, labels) {
                var items = implicit.map { AST.SelectItem.expression(column($0), alias: $0) }
                items.append(.expression(AST.Expression(kind: .string(label), position: position), alias: nameColumn))
                items.append(.expression(column(sourceName), alias: valueColumn))
                var select = AST.Select(items: items, from: [pivot.source], position: position)
                if !includeNulls { select.whereClause = AST.Expression(kind: .isNull(column(sourceName), negated: true), position: position) }
                branches.append(.select(select))
            }
            guard var combined = branches.first else { throw SQLError.syntax(near: ")", at: position) }
            for branch in branches.dropFirst() { combined = .setOperation(.union, all: true, combined, branch) }
            body = combined
        }
        return .subquery(AST.Query(with: nil, body: body), alias: pivot.alias ?? "_rs_pivot_\(position)", columns: [], position: position)
    }

    /// The default column name of a PIVOT IN value: a constant's own text, else `?column?`.
    static func pivotColumnName(_ value: AST.Expression) -> String {
        switch value.kind {
        case .string(let text), .integer(let text), .decimal(let text), .float(let text): return text
        case .boolean(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .unary("-", let inner):
            if case .integer(let text) = inner.kind { return "-" + text }
            if case .decimal(let text) = inner.kind { return "-" + text }
            return "?column?"
        default: return "?column?"
        }
    }

    /// Unqualified column names an expression reads (qualified ones by their last part).
    static func collectColumnNames(_ expression: AST.Expression, into names: inout Set<String>) {
        func visit(_ e: AST.Expression) { collectColumnNames(e, into: &names) }
        switch expression.kind {
        case .column(let name): names.insert(name.last)
        case .unary(_, let e), .isNull(let e, _), .isBoolean(let e, _, _), .cast(let e, _): visit(e)
        case .binary(_, let l, let r): visit(l); visit(r)
        case .between(let e, let low, let high, _): visit(e); visit(low); visit(high)
        case .inList(let e, let list, _): visit(e); list.forEach(visit)
        case .like(let e, let pattern, let escape, _, _): visit(e); visit(pattern); escape.map(visit)
        case .regexMatch(let e, let pattern, _): visit(e); visit(pattern)
        case .caseWhen(let operand, let whens, let otherwise):
            operand.map(visit)
            for when in whens { visit(when.condition); visit(when.result) }
            otherwise.map(visit)
        case .function(let call): call.arguments.forEach(visit)
        default: break
        }
    }
}
