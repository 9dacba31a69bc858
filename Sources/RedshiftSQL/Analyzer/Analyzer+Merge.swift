/// MERGE translated to SQLite statements.
///
/// - Redshift: MERGE (r_MERGE). WHEN NOT MATCHED is decided against the target as it was before
///   the statement, a target row matched by several source rows fails with
///   `Found multiple matches to update the same tuple.`, and ResultRows is the number of target
///   rows updated or deleted plus the rows inserted.
///
/// Steps: (1) the multiple-match check; (2) `temp._rs_merge` staged with one row per matched
/// target row (`inserting` = 0) and one per unmatched source row with its converted INSERT values
/// (`inserting` = 1); (3) UPDATE or DELETE of the matched rows; (4) INSERT of the staged rows;
/// (5) `DELETE FROM temp._rs_merge`, whose change count — the engine reports the last step's —
/// is the total.
///
/// RLS (t_rls_statements: UPDATE and DELETE change only visible rows; INSERT is not filtered):
/// every read of the target carries the caller's policy predicate, so hidden rows are never
/// matched, updated or deleted, and a source row whose only match is hidden counts as NOT MATCHED
/// (inferred: MERGE behaves as the UPDATE/DELETE and INSERT it stands for).
extension Analyzer {
    static let mergeStage = "temp.\"_rs_merge\""

    func mergeSteps(_ merge: AST.Merge) throws -> [SQLiteStatement] {
        let table = try targetTable(merge.target, verb: "merge into")
        if merge.notMatched != nil { try checkTablePrivilege(table, "INSERT", position: merge.target.position) }
        switch merge.matched {
        case .update(let assignments): try checkTablePrivilege(table, "UPDATE", columns: assignments.map(\.column), position: merge.target.position)
        case .delete: try checkTablePrivilege(table, "DELETE", position: merge.target.position)
        case nil: break
        }
        let alias = merge.alias ?? table.name
        let targetSQL = "\(table.sqliteName) AS \(SQLiteGenerator.quote(alias))"

        // Target and source together, for ON and for UPDATE SET.
        let scope = try targetScope(table, alias: alias)
        let source = try bindFromItem(merge.source, scope: scope)
        let condition = try bindCondition(merge.condition, scope: scope, clause: .joinCondition, name: "MERGE/ON")
        let rls = try rowSecurityPredicate(table, sqliteAlias: alias)
        // The ON condition, and the target row visible to the caller.
        func matching(_ g: SQLiteGenerator) -> String { g.expression(condition) + (rls.map { " AND (\(g.expression($0)))" } ?? "") }
        // The source alone, for INSERT VALUES (the target's columns are not visible there).
        let sourceScope = Scope(parent: nil)
        let sourceOnly = try bindFromItem(merge.source, scope: sourceScope)

        var steps: [SQLiteStatement] = []
        func step(_ build: (SQLiteGenerator) throws -> String) rethrows {
            let generator = SQLiteGenerator()
            let sql = try build(generator)
            steps.append(SQLiteStatement(sql: sql, arguments: generator.arguments))
        }
        let columnNames = (1...table.columns.count).map { "c\($0)" }
        steps.append(SQLiteStatement(sql: "DROP TABLE IF EXISTS \(Self.mergeStage)"))
        steps.append(SQLiteStatement(sql: "CREATE TEMP TABLE \"_rs_merge\" (inserting INTEGER, \(columnNames.joined(separator: ", ")))"))

        if merge.matched != nil {
            try step { g in
                """
                SELECT rs_raise('XX000', 'Found multiple matches to update the same tuple.') FROM \(targetSQL) \
                JOIN \(g.fromItem(source)) ON \(matching(g)) GROUP BY \(SQLiteGenerator.quote(alias)).rowid HAVING count(*) > 1
                """
            }
            try step { g in
                "INSERT INTO \(Self.mergeStage) (inserting) SELECT 0 FROM \(targetSQL) WHERE EXISTS (SELECT 1 FROM \(g.fromItem(source)) WHERE \(matching(g)))"
            }
        }
        if let (columns, values) = merge.notMatched {
            let targets = try (columns.isEmpty ? table.columns.map(\.name) : columns).map { try column($0, of: table, position: merge.target.position) }
            if values.count > targets.count { throw SQLError(code: "42601", message: "INSERT has more expressions than target columns", position: merge.position) }
            if !columns.isEmpty && values.count < targets.count { throw SQLError(code: "42601", message: "INSERT has more target columns than expressions", position: merge.position) }
            var rendered: [Expr] = []
            for column in table.columns {
                if let index = targets.firstIndex(where: { $0.name == column.name }), index < values.count, let given = values[index] {
                    if let identity = column.identity, !identity.byDefault {
                        throw SQLError(code: "0A000", message: "cannot set an identity column to a value", position: given.position)
                    }
                    rendered.append(try assignment(try bindExpression(given, scope: sourceScope, clause: .values), to: column, table: table, position: given.position))
                } else {
                    rendered.append(try defaultValue(for: column, table: table))
                }
            }
            try step { g in
                """
                INSERT INTO \(Self.mergeStage) (inserting, \(columnNames.joined(separator: ", "))) SELECT 1, \(rendered.map { g.expression($0) }.joined(separator: ", ")) \
                FROM \(g.fromItem(sourceOnly)) WHERE NOT EXISTS (SELECT 1 FROM \(targetSQL) WHERE \(matching(g)))
                """
            }
        }
        switch merge.matched {
        case .update(let assignments):
            var sets: [(String, Expr)] = []
            for assignment in assignments {
                let column = try column(assignment.column, of: table, position: assignment.position)
                if column.identity != nil && !(column.identity?.byDefault ?? false) {
                    throw SQLError(code: "0A000", message: "cannot update an identity column", position: assignment.position)
                }
                let value = try assignment.value.map { try self.assignment(try bindExpression($0, scope: scope, clause: .values), to: column, table: table, position: $0.position) }
                    ?? defaultValue(for: column, table: table)
                sets.append((column.name, value))
            }
            try step { g in
                "UPDATE \(targetSQL) SET \(sets.map { "\(SQLiteGenerator.quote($0.0)) = \(g.expression($0.1))" }.joined(separator: ", ")) FROM \(g.fromItem(source)) WHERE \(matching(g))"
            }
        case .delete:
            try step { g in "DELETE FROM \(targetSQL) WHERE EXISTS (SELECT 1 FROM \(g.fromItem(source)) WHERE \(matching(g)))" }
        case nil:
            break
        }
        if merge.notMatched != nil {
            let names = table.columns.map { SQLiteGenerator.quote($0.name) }.joined(separator: ", ")
            steps.append(SQLiteStatement(sql: "INSERT INTO \(table.sqliteName) (\(names)) SELECT \(columnNames.joined(separator: ", ")) FROM \(Self.mergeStage) WHERE inserting = 1"))
        }
        steps.append(SQLiteStatement(sql: "DELETE FROM \(Self.mergeStage)"))
        return steps
    }
}
