/// MERGE bound for SQLiteGenerator+DML.swift.
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
    func mergeSteps(_ merge: AST.Merge) throws -> [Bound.Step] {
        if merge.removeDuplicates { return try mergeRemovingDuplicates(merge) }
        let table = try targetTable(merge.target, verb: "merge into")
        if merge.notMatched != nil { try checkTablePrivilege(table, "INSERT", position: merge.target.position) }
        switch merge.matched {
        case .update(let assignments): try checkTablePrivilege(table, "UPDATE", columns: assignments.map(\.column), position: merge.target.position)
        case .delete: try checkTablePrivilege(table, "DELETE", position: merge.target.position)
        case nil: break
        }
        let alias = merge.alias ?? table.name

        // Target and source together, for ON and for UPDATE SET.
        let scope = try targetScope(table, alias: alias)
        let source = try bindFromItem(merge.source, scope: scope)
        let condition = try bindCondition(merge.condition, scope: scope, clause: .joinCondition, name: "MERGE/ON")
        // The target rows visible to the caller.
        let rls = try rowSecurityPredicate(table, sqliteAlias: alias)
        // The source alone, for INSERT VALUES (the target's columns are not visible there).
        let sourceScope = Scope(parent: nil)
        let sourceOnly = try bindFromItem(merge.source, scope: sourceScope)
        var bound = Bound.Merge(table: table.sqliteName, alias: alias, columns: table.columns.map(\.name), source: source, condition: condition,
                                rowSecurity: rls, insertSource: sourceOnly)

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
            bound.insertValues = rendered
        }
        switch merge.matched {
        case .update(let assignments):
            var sets: [Bound.Assignment] = []
            for assignment in assignments {
                let column = try column(assignment.column, of: table, position: assignment.position)
                if column.identity != nil && !(column.identity?.byDefault ?? false) {
                    throw SQLError(code: "0A000", message: "cannot update an identity column", position: assignment.position)
                }
                let value = try assignment.value.map { try self.assignment(try bindExpression($0, scope: scope, clause: .values), to: column, table: table, position: $0.position) }
                    ?? defaultValue(for: column, table: table)
                sets.append(Bound.Assignment(column: column.name, value: value))
            }
            bound.matched = .update(sets)
        case .delete:
            bound.matched = .delete
        case nil:
            break
        }
        return try secureReads([.merge(bound)])
    }
}
