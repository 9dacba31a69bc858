/// INSERT, UPDATE and DELETE translated to SQLite statements.
///
/// - Redshift: INSERT (r_INSERT_30), UPDATE (r_UPDATE), DELETE (r_DELETE). Every column is written
///   explicitly: defaults are evaluated by the translation, IDENTITY values by a trigger.
extension Analyzer {
    func insertSteps(_ insert: AST.Insert) throws -> [SQLiteStatement] {
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
        let generator = SQLiteGenerator()
        let columnList = table.columns.map { SQLiteGenerator.quote($0.name) }.joined(separator: ", ")
        var sql = "INSERT INTO \(table.sqliteName) (\(columnList)) "

        func checkIdentity(_ column: ColumnDefinition) throws {
            if let identity = column.identity, !identity.byDefault {
                throw SQLError(code: "0A000", message: "cannot set an identity column to a value", position: insert.table.position)
            }
        }

        switch insert.source {
        case .defaultValues:
            sql += "VALUES (" + (try table.columns.map { generator.expression(try defaultValue(for: $0, table: table)) }.joined(separator: ", ")) + ")"
        case .values(let rows):
            var rendered: [String] = []
            rendered.reserveCapacity(rows.count)
            let valuesScope = Scope(parent: nil)
            for row in rows {
                if row.count > targets.count { throw SQLError(code: "42601", message: "INSERT has more expressions than target columns", position: insert.table.position) }
                if explicitList && row.count < targets.count { throw SQLError(code: "42601", message: "INSERT has more target columns than expressions", position: insert.table.position) }
                var values: [String] = []
                for column in table.columns {
                    var value: Expr
                    if let index = targets.firstIndex(where: { $0.name == column.name }), index < row.count, let given = row[index] {
                        try checkIdentity(column)
                        let bound = try bindExpression(given, scope: valuesScope, clause: .values)
                        value = try assignment(bound, to: column, table: table, position: given.position)
                    } else {
                        value = try defaultValue(for: column, table: table)
                    }
                    values.append(generator.expression(value))
                }
                rendered.append("(" + values.joined(separator: ", ") + ")")
            }
            sql += "VALUES " + rendered.joined(separator: ", ")
        case .query(let query):
            let bound = try analyzeQuery(query, outer: nil)
            if bound.columns.count > targets.count { throw SQLError(code: "42601", message: "INSERT has more expressions than target columns", position: insert.table.position) }
            if explicitList && bound.columns.count < targets.count { throw SQLError(code: "42601", message: "INSERT has more target columns than expressions", position: insert.table.position) }
            let names = (0..<bound.columns.count).map { "c\($0 + 1)" }
            var values: [String] = []
            for column in table.columns {
                if let index = targets.firstIndex(where: { $0.name == column.name }), index < bound.columns.count {
                    try checkIdentity(column)
                    let source = Expr(kind: .column(relation: "_rs_source", name: names[index]), type: bound.columns[index].type, nullable: bound.columns[index].nullable)
                    values.append(generator.expression(try assignment(source, to: column, table: table)))
                } else {
                    values.append(generator.expression(try defaultValue(for: column, table: table)))
                }
            }
            let selectList = values.joined(separator: ", ")
            sql += "SELECT \(selectList) FROM (\(generator.query(renameOutputs(bound, to: names)))) AS \"_rs_source\""
        }
        return [SQLiteStatement(sql: sql, arguments: generator.arguments)]
    }

    func updateSteps(_ update: AST.Update) throws -> [SQLiteStatement] {
        let table = try targetTable(update.table, verb: "update")
        try checkTablePrivilege(table, "UPDATE", columns: update.assignments.map(\.column), position: update.table.position)
        let alias = update.alias ?? table.name
        let scope = try targetScope(table, alias: alias)
        let from = try update.from.map { try bindFromItem($0, scope: scope) }
        let generator = SQLiteGenerator()
        var assignments: [String] = []
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
            assignments.append("\(SQLiteGenerator.quote(name)) = \(generator.expression(bound))")
        }
        var sql = "UPDATE \(table.sqliteName) AS \(SQLiteGenerator.quote(alias)) SET " + assignments.joined(separator: ", ")
        if !from.isEmpty { sql += " FROM " + from.map { generator.fromItem($0) }.joined(separator: ", ") }
        var conditions: [String] = []
        if let condition = update.whereClause {
            conditions.append(generator.expression(try bindCondition(condition, scope: scope, clause: .whereClause, name: "WHERE")))
        }
        // RLS: UPDATE changes only the rows the user can see (t_rls_statements).
        if let rls = try rowSecurityPredicate(table, sqliteAlias: alias) { conditions.append(generator.expression(rls)) }
        if !conditions.isEmpty { sql += " WHERE " + conditions.map { "(\($0))" }.joined(separator: " AND ") }
        return [SQLiteStatement(sql: sql, arguments: generator.arguments)]
    }

    func deleteSteps(_ delete: AST.Delete) throws -> [SQLiteStatement] {
        let table = try targetTable(delete.table, verb: "delete from")
        try checkTablePrivilege(table, "DELETE", position: delete.table.position)
        let alias = delete.alias ?? table.name
        let scope = try targetScope(table, alias: alias)
        let generator = SQLiteGenerator()
        var sql = "DELETE FROM \(table.sqliteName) AS \(SQLiteGenerator.quote(alias))"
        // RLS: DELETE removes only the rows the user can see (t_rls_statements).
        let rls = try rowSecurityPredicate(table, sqliteAlias: alias).map { "(\(generator.expression($0)))" }
        if delete.using.isEmpty {
            if let condition = delete.whereClause {
                sql += " WHERE (" + generator.expression(try bindCondition(condition, scope: scope, clause: .whereClause, name: "WHERE")) + ")"
                if let rls { sql += " AND " + rls }
            } else if let rls {
                sql += " WHERE " + rls
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
            let exists = Bound.Query(body: .select(select), columns: [ResultColumn(name: "one", type: .integer)])
            sql += " WHERE EXISTS (\(generator.query(exists)))"
            if let rls { sql += " AND " + rls }
        }
        return [SQLiteStatement(sql: sql, arguments: generator.arguments)]
    }
}
