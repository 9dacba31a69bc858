/// INSERT, UPDATE and DELETE bound for SQLiteGenerator+DML.swift.
///
/// - Redshift: INSERT (r_INSERT_30), UPDATE (r_UPDATE), DELETE (r_DELETE). Every column is written
///   explicitly: defaults are evaluated by the translation, IDENTITY values by a trigger.
extension Analyzer {
    func insertSteps(_ insert: AST.Insert) throws -> [Bound.Step] {
        let table = try targetTable(insert.table, verb: "insert into")
        try checkTablePrivilege(table, "INSERT", position: insert.table.position)
        var targets: [ColumnDefinition] = []
        for name in insert.columns {
            let column = try column(name, of: table, position: insert.table.position)
            if targets.contains(where: { $0.name == name }) {
                throw SQLError(code: "42701", message: "column \"\(name)\" specified more than once", position: insert.table.position)
            }
            targets.append(column)
        }
        let explicitList = !targets.isEmpty
        if !explicitList { targets = table.columns }
        let source: Bound.InsertSource

        func checkIdentity(_ column: ColumnDefinition) throws {
            if let identity = column.identity, !identity.byDefault {
                throw SQLError(code: "0A000", message: "cannot set an identity column to a value", position: insert.table.position)
            }
        }

        switch insert.source {
        case .defaultValues:
            source = .values([try table.columns.map { try defaultValue(for: $0, table: table) }])
        case .values(let rows):
            var rendered: [[Expr]] = []
            rendered.reserveCapacity(rows.count)
            let valuesScope = Scope(parent: nil)
            for row in rows {
                if row.count > targets.count { throw SQLError(code: "42601", message: "INSERT has more expressions than target columns", position: insert.table.position) }
                if explicitList && row.count < targets.count { throw SQLError(code: "42601", message: "INSERT has more target columns than expressions", position: insert.table.position) }
                var values: [Expr] = []
                values.reserveCapacity(table.columns.count)
                for column in table.columns {
                    var value: Expr
                    if let index = targets.firstIndex(where: { $0.name == column.name }), index < row.count, let given = row[index] {
                        try checkIdentity(column)
                        let bound = try bindExpression(given, scope: valuesScope, clause: .values)
                        value = try assignment(bound, to: column, table: table, position: given.position)
                    } else {
                        value = try defaultValue(for: column, table: table)
                    }
                    values.append(value)
                }
                rendered.append(values)
            }
            source = .values(rendered)
        case .query(let query):
            let bound = try analyzeQuery(query, outer: nil)
            if bound.columns.count > targets.count { throw SQLError(code: "42601", message: "INSERT has more expressions than target columns", position: insert.table.position) }
            if explicitList && bound.columns.count < targets.count { throw SQLError(code: "42601", message: "INSERT has more target columns than expressions", position: insert.table.position) }
            let names = (0..<bound.columns.count).map { "c\($0 + 1)" }
            var values: [Expr] = []
            for column in table.columns {
                if let index = targets.firstIndex(where: { $0.name == column.name }), index < bound.columns.count {
                    try checkIdentity(column)
                    let output = Expr(kind: .column(relation: SQLiteGenerator.insertSourceAlias, name: names[index]), type: bound.columns[index].type, nullable: bound.columns[index].nullable)
                    values.append(try assignment(output, to: column, table: table))
                } else {
                    values.append(try defaultValue(for: column, table: table))
                }
            }
            source = .projection(values, from: renameOutputs(bound, to: names))
        }
        return try secureReads([.insert(Bound.Insert(table: table.sqliteName, columns: table.columns.map(\.name), source: source))])
    }

    func updateSteps(_ update: AST.Update) throws -> [Bound.Step] {
        let table = try targetTable(update.table, verb: "update")
        try checkTablePrivilege(table, "UPDATE", columns: update.assignments.map(\.column), position: update.table.position)
        let alias = update.alias ?? table.name
        let scope = try targetScope(table, alias: alias)
        let from = try update.from.map { try bindFromItem($0, scope: scope) }
        var assignments: [Bound.Assignment] = []
        for (name, value, position) in update.assignments {
            let column = try column(name, of: table, position: position)
            if column.identity != nil && !(column.identity?.byDefault ?? false) {
                throw SQLError(code: "0A000", message: "cannot update an identity column", position: position)
            }
            let bound: Expr
            if let value {
                bound = try assignment(try bindExpression(value, scope: scope, clause: .values), to: column, table: table, position: value.position)
            } else {
                bound = try defaultValue(for: column, table: table)
            }
            assignments.append(Bound.Assignment(column: name, value: bound))
        }
        var bound = Bound.Update(table: table.sqliteName, alias: alias, assignments: assignments, from: from)
        if let condition = update.whereClause {
            bound.whereClause = try bindCondition(condition, scope: scope, clause: .whereClause, name: "WHERE")
        }
        bound.rowSecurity = try rowSecurityPredicate(table, sqliteAlias: alias)  // only visible rows change (t_rls_statements)
        return try secureReads([.update(bound)])
    }

    func deleteSteps(_ delete: AST.Delete) throws -> [Bound.Step] {
        let table = try targetTable(delete.table, verb: "delete from")
        try checkTablePrivilege(table, "DELETE", position: delete.table.position)
        let alias = delete.alias ?? table.name
        let scope = try targetScope(table, alias: alias)
        var bound = Bound.Delete(table: table.sqliteName, alias: alias)
        bound.rowSecurity = try rowSecurityPredicate(table, sqliteAlias: alias)  // only visible rows change (t_rls_statements)
        if delete.using.isEmpty {
            if let condition = delete.whereClause {
                bound.whereClause = try bindCondition(condition, scope: scope, clause: .whereClause, name: "WHERE")
            }
        } else {
            // DELETE … USING becomes a correlated EXISTS over the USING relations.
            let inner = Scope(parent: scope)
            var select = Bound.Select()
            select.items = [(.literal(.integer(1), .integer), "one")]
            select.from = try delete.using.map { try bindFromItem($0, scope: inner) }
            if let condition = delete.whereClause {
                select.whereClause = try bindCondition(condition, scope: inner, clause: .whereClause, name: "WHERE")
            }
            bound.using = Bound.Query(body: .select(select), columns: [ResultColumn(name: "one", type: .integer)])
        }
        return try secureReads([.delete(bound)])
    }
}
