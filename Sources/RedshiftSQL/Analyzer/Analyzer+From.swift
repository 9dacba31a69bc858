/// FROM items, joins, column resolution and `*` expansion.
///
/// - Redshift: FROM clause (r_FROM_clause30), JOIN examples (r_Join_examples).
extension Analyzer {
    func bindFromItem(_ item: AST.TableReference, scope: Scope) throws -> Bound.FromItem {
        switch item {
        case .superUnnest(let unnest):
            return try bindSuperUnnest(unnest, scope: scope)
        case .table(let name, let alias):
            if let unnest = try implicitSuperUnnest(name, alias: alias, scope: scope) { return unnest }
            if name.parts.count == 1, let cte = scope.commonTable(name.last) {
                let relationName = alias ?? name.last
                try addRelation(Scope.Relation(name: relationName, sqliteAlias: relationName, columns: cte.columns), to: scope, position: name.position)
                return .table(PhysicalLayout.quote(cte.name), alias: relationName)
            }
            if let system = try systemRelation(name) {
                var (item, columns) = try bindSystemRelation(system, alias: alias)
                if system.name == CatalogViews.lateBindingViewColumns.name {
                    item = .subquery(try lateBindingViewColumnsQuery(system), alias: alias ?? system.name)
                }
                if case .catalogView(var view, let viewAlias) = item, try !maySeeRows(of: system) {
                    view.hidden = true
                    item = .catalogView(view, alias: viewAlias)
                }
                if case .table(let name, let tableAlias) = item, try !maySeeRows(of: system) { item = .emptyTable(name, alias: tableAlias) }
                try addRelation(Scope.Relation(name: alias ?? system.name, sqliteAlias: alias ?? system.name, columns: columns), to: scope, position: name.position)
                return item
            }
            if let (schema, external) = try externalTableReference(name) {
                return try bindExternalTable(schema, external, alias: alias, scope: scope, position: name.position)
            }
            let table = try lookupTable(name)
            if probedRelations != nil, policyDepth == probeDepth { probedRelations?.insert(Self.dependencyKey(table)) }
            let relationName = alias ?? table.name
            let deniedColumns = try checkTablePrivilege(table, "SELECT", position: name.position)
            if table.kind == .view {
                let query = try withPrivilegeUser(table.owner) { try expandView(table) }
                let outputs = try viewOutputColumns(table, query: query)
                let columns = zip(outputs, query.columns).map { output, column in
                    Scope.Column(name: output.name, type: output.type, nullable: column.nullable, sqliteName: output.name, schemaName: table.schema, tableName: table.name)
                }
                try addRelation(Scope.Relation(name: relationName, sqliteAlias: relationName, columns: columns, deniedColumns: deniedColumns), to: scope, position: name.position)
                return .subquery(renameOutputs(query, to: outputs.map(\.name)), alias: relationName)
            }
            let columns = table.columns.map {
                Scope.Column(name: $0.name, type: $0.type, nullable: $0.nullable, sqliteName: $0.name, schemaName: table.kind == .temporary ? PhysicalLayout.tempSchema : table.schema, tableName: table.name)
            }
            try addRelation(Scope.Relation(name: relationName, sqliteAlias: relationName, columns: columns, deniedColumns: deniedColumns), to: scope, position: name.position)
            return try relationReference(table, alias: relationName, correlated: scope.hasOuterRelations)
        case .subquery(let query, let alias, let names, let position):
            var bound = try analyzeQuery(query, outer: scope.parent)
            var outputNames = bound.columns.map(\.name)
            if !names.isEmpty {
                guard names.count <= outputNames.count else {
                    throw SQLError(code: "42P10", message: "table \"\(alias)\" has \(outputNames.count) columns available but \(names.count) columns specified", position: position)
                }
                outputNames.replaceSubrange(0..<names.count, with: names)
            }
            bound = renameOutputs(bound, to: outputNames)
            let columns = zip(outputNames, bound.columns).map { name, column in
                Scope.Column(name: name, type: column.type, nullable: column.nullable, sqliteName: name, schemaName: column.schemaName, tableName: column.tableName,
                             recordFields: column.recordFields, arrayElement: column.arrayElement)
            }
            try addRelation(Scope.Relation(name: alias, sqliteAlias: alias, columns: columns), to: scope, position: position)
            return .subquery(bound, alias: alias)
        case .pivot(let pivot):
            return try bindFromItem(try rotatedQuery(pivot, scope: scope), scope: scope)
        case .function(let call, let alias, let columns, let position):
            return try bindTableFunction(call, alias: alias, columns: columns, scope: scope, position: position)
        case .join(let kind, let left, let right, let condition):
            let l = try bindFromItem(left, scope: scope)
            let leftRelations = scope.relations
            let r = try bindFromItem(right, scope: scope)
            let rightRelations = Array(scope.relations.dropFirst(leftRelations.count))
            let sqliteKind = kind == .cross ? "CROSS JOIN" : kind.rawValue.uppercased() + " JOIN"
            switch condition {
            case .none:
                return .join(sqliteKind, l, r, on: nil)
            case .on(let expression):
                let on = try bindCondition(expression, scope: scope, clause: .joinCondition, name: "JOIN/ON")
                return .join(sqliteKind, l, r, on: on)
            case .using(let names):
                return .join(sqliteKind, l, r, on: try mergeUsing(names, kind: kind, left: leftRelations, right: rightRelations, scope: scope))
            case .natural:
                let leftNames = leftRelations.flatMap { $0.columns.map(\.name) }
                let common = rightRelations.flatMap { $0.columns.map(\.name) }.filter { leftNames.contains($0) }
                return .join(common.isEmpty ? "CROSS JOIN" : sqliteKind, l, r, on: common.isEmpty ? nil : try mergeUsing(common, kind: kind, left: leftRelations, right: rightRelations, scope: scope))
            }
        }
    }

    func addRelation(_ relation: Scope.Relation, to scope: Scope, position: Int) throws {
        if scope.relations.contains(where: { $0.name == relation.name }) {
            throw SQLError(code: "42712", message: "table name \"\(relation.name)\" specified more than once", position: position)
        }
        scope.relations.append(relation)
    }

    /// `USING (a, b)`: an equality per column; the merged column is the left one (right for RIGHT, COALESCE for FULL).
    private func mergeUsing(_ names: [String], kind: AST.JoinKind, left: [Scope.Relation], right: [Scope.Relation], scope: Scope) throws -> Bound.Expression {
        var condition: Bound.Expression?
        for name in names {
            func find(_ relations: [Scope.Relation], side: String) throws -> (Scope.Relation, Scope.Column) {
                let hits = relations.compactMap { relation in relation.columns.first { $0.name == name && !relation.mergedAway.contains(name) }.map { (relation, $0) } }
                guard let hit = hits.first else {
                    throw SQLError(code: "42703", message: "column \"\(name)\" specified in USING clause does not exist in \(side) table")
                }
                return hit
            }
            let (lr, lc): (Scope.Relation, Scope.Column)
            if let merged = scope.merged[name] { (lr, lc) = (left[0], merged.column) } else { (lr, lc) = try find(left, side: "left") }
            let (rr, rc) = try find(right, side: "right")
            let lExpr = scope.merged[name]?.expression ?? Bound.Expression(kind: .column(relation: lr.sqliteAlias, name: lc.sqliteName), type: lc.type, nullable: lc.nullable)
            let rExpr = Bound.Expression(kind: .column(relation: rr.sqliteAlias, name: rc.sqliteName), type: rc.type, nullable: rc.nullable)
            let equality = try bindComparison("=", lExpr, rExpr, position: nil)
            condition = condition.map { .binary("AND", $0, equality, type: .boolean) } ?? equality
            let mergedExpression: Bound.Expression
            switch kind {
            case .right: mergedExpression = rExpr
            case .full: mergedExpression = .call("coalesce", [lExpr, rExpr], type: TypeRules.common(lc.type, rc.type) ?? lc.type)
            default: mergedExpression = lExpr
            }
            if scope.merged[name] == nil { scope.mergedOrder.append(name) }
            scope.merged[name] = (mergedExpression, lc)
            for index in scope.relations.indices where scope.relations[index].columns.contains(where: { $0.name == name }) {
                scope.relations[index].mergedAway.insert(name)
            }
        }
        return condition ?? .true
    }

    /// Resolves `c`, `t.c` or `s.t.c` in this scope or an enclosing one.
    func resolveColumn(_ name: AST.Name, scope: Scope) throws -> (expression: Bound.Expression, column: Scope.Column) {
        var level: Scope? = scope
        while let current = level {
            if let found = try resolve(name, in: current) { return found }
            if name.parts.count == 1, let aliased = current.lateralAliases[name.last] {
                // An alias of this level's select list (bound without itself, so no cycle).
                current.lateralAliases[name.last] = nil
                defer { current.lateralAliases[name.last] = aliased }
                let value = try bindExpression(aliased, scope: current, clause: .whereClause)
                return (value, Scope.Column(name: name.last, type: value.type, nullable: value.nullable, sqliteName: name.last))
            }
            level = current.parent
        }
        if name.parts.count > 1 {
            let qualifier = name.parts.dropLast().joined(separator: ".")
            var search: Scope? = scope
            var known = false
            while let s = search { if s.relations.contains(where: { $0.name == name.parts[name.parts.count - 2] }) { known = true }; search = s.parent }
            if !known {
                throw SQLError(code: "42P01", message: "missing FROM-clause entry for table \"\(qualifier)\"", position: name.position)
            }
            throw SQLError(code: "42703", message: "column \(name.dotted) does not exist", position: name.position)
        }
        throw SQLError.undefinedColumn(name.last, at: name.position)
    }

    private func resolve(_ name: AST.Name, in scope: Scope) throws -> (expression: Bound.Expression, column: Scope.Column)? {
        let columnName = name.last
        if name.parts.count == 1 {
            if let merged = scope.merged[columnName] { return (merged.expression, merged.column) }
            var hits: [(Scope.Relation, Scope.Column)] = []
            for relation in scope.relations {
                for column in relation.columns where column.name == columnName { hits.append((relation, column)) }
            }
            if hits.count > 1 {
                throw SQLError(code: "42702", message: "column reference \"\(columnName)\" is ambiguous", position: name.position)
            }
            guard let (relation, column) = hits.first else { return nil }
            try relation.checkReadable(column)
            if let masked = relation.masked[column.name] { return (masked, column) }
            return (Bound.Expression(kind: .column(relation: relation.sqliteAlias, name: column.sqliteName), type: column.type, nullable: column.nullable), column)
        }
        let qualifier = name.parts[name.parts.count - 2]
        let schema = name.parts.count > 2 ? name.parts[name.parts.count - 3] : nil
        guard let relation = scope.relations.first(where: { $0.name == qualifier && (schema == nil || $0.columns.first?.schemaName == schema) }) else { return nil }
        guard let column = relation.columns.first(where: { $0.name == columnName }) else {
            throw SQLError(code: "42703", message: "column \(qualifier).\(columnName) does not exist", position: name.position)
        }
        try relation.checkReadable(column)
        if let masked = relation.masked[column.name] { return (masked, column) }
        return (Bound.Expression(kind: .column(relation: relation.sqliteAlias, name: column.sqliteName), type: column.type, nullable: column.nullable), column)
    }

    /// `*` or `t.*` as (expression, result column) pairs.
    func expandStar(_ qualifier: AST.Name?, scope: Scope, position: Int) throws -> [(Bound.Expression, ResultColumn)] {
        func output(_ relation: Scope.Relation, _ column: Scope.Column) -> (Bound.Expression, ResultColumn) {
            // A column read as an expression (a SUPER unnest's element, a masked DML target column) reads it the same way here.
            (relation.masked[column.name] ?? Bound.Expression(kind: .column(relation: relation.sqliteAlias, name: column.sqliteName), type: column.type, nullable: column.nullable),
             ResultColumn(name: column.name, type: column.type, nullable: column.nullable, schemaName: column.schemaName, tableName: column.tableName))
        }
        if let qualifier {
            guard let relation = scope.relations.first(where: { $0.name == qualifier.last }) else {
                throw SQLError(code: "42P01", message: "missing FROM-clause entry for table \"\(qualifier.dotted)\"", position: position)
            }
            return try relation.columns.map { try relation.checkReadable($0); return output(relation, $0) }
        }
        guard !scope.relations.isEmpty else {
            throw SQLError(code: "42601", message: "SELECT * with no tables specified is not valid", position: position)
        }
        var result: [(Bound.Expression, ResultColumn)] = scope.mergedOrder.compactMap { name in
            guard let merged = scope.merged[name] else { return nil }
            return (merged.expression, ResultColumn(name: name, type: merged.expression.type, nullable: merged.expression.nullable, schemaName: merged.column.schemaName, tableName: merged.column.tableName))
        }
        for relation in scope.relations {
            for column in relation.columns where !relation.mergedAway.contains(column.name) && !relation.hiddenFromStar.contains(column.name) {
                try relation.checkReadable(column)  // `*` needs SELECT on every column (r_GRANT, column-level privileges)
                result.append(output(relation, column))
            }
        }
        return result
    }

    /// Re-analyzes a view's stored query (so RLS and current_user apply at query time).
    func expandView(_ table: TableDefinition) throws -> Bound.Query {
        let key = table.schema + "." + table.name
        guard !expandingViews.contains(key), let text = table.viewQueryText else {
            throw SQLError(code: "42P17", message: "infinite recursion detected in rules for relation \"\(table.name)\"")
        }
        expandingViews.insert(key)
        defer { expandingViews.remove(key) }
        // What a late-binding view reads is no dependency of the views above it (r_CREATE_VIEW).
        let recorded = probedRelations
        defer { if table.isLateBindingView, recorded != nil { probedRelations = recorded } }
        guard case .query(let query) = try Parser.parseStatement(text) else {
            throw SQLError(code: "XX000", message: "view \"\(table.name)\" has an invalid definition")
        }
        let bound = try analyzeQuery(query, outer: nil)
        guard table.isLateBindingView || bound.columns.count == table.columns.count else {
            throw SQLError(code: "XX000", message: "view \"\(table.name)\" no longer matches its definition")
        }
        return bound
    }

    /// Gives a query's output columns new SQLite aliases (CTE/derived-table column lists, views).
    func renameOutputs(_ query: Bound.Query, to names: [String]) -> Bound.Query {
        var copy = query
        func rename(_ body: Bound.Body) -> Bound.Body {
            switch body {
            case .select(var select):
                for index in select.items.indices where index < names.count { select.items[index].alias = names[index] }
                return .select(select)
            case .setOperation(let op, let l, let r): return .setOperation(op, rename(l), r)
            case .nested(let inner): return .nested(renameOutputs(inner, to: names))
            }
        }
        copy.body = rename(query.body)
        for index in copy.columns.indices where index < names.count { copy.columns[index].name = names[index] }
        return copy
    }
}
