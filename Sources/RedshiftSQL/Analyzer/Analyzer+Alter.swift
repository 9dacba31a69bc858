/// ALTER TABLE: rename table/column, add/drop column; distribution, sort, owner and encoding changes
/// are accepted without effect (they change no query result).
///
/// - Redshift: ALTER TABLE (r_ALTER_TABLE).
extension Analyzer {
    func alterTableSteps(_ alter: AST.AlterTable) throws -> [Bound.Step] {
        // ALTER TABLE view RENAME TO renames a (late-binding or plain) view too, as dbt-redshift's
        // rename_relation does against clusters; a view is only its catalog rows here.
        if case .renameTable(let newName) = alter.action, let view = try? lookupTable(alter.name), view.kind == .view, !view.isMaterializedView {
            try checkOwnership(view, position: alter.name.position)
            if try context.catalog.table(schema: view.schema, name: newName) != nil {
                throw SQLError(code: "42P07", message: "relation \"\(newName)\" already exists")
            }
            return [.catalog(.renameRelation(view, to: newName))]
        }
        let table = try targetTable(alter.name, verb: "alter")
        switch alter.action {
        case .ignored:
            return []
        case .renameTable(let newName):
            if try context.catalog.table(schema: table.schema, name: newName) != nil {
                throw SQLError(code: "42P07", message: "relation \"\(newName)\" already exists")
            }
            var renamed = table
            renamed.name = newName
            return [.schema(.dropIndexes(table)), .schema(.renameTable(table, to: newName)), .catalog(.renameRelation(table, to: newName)), .schema(.createIndexes(renamed))]
        case .renameColumn(let old, let new):
            _ = try column(old, of: table, position: alter.name.position)
            if table.columns.contains(where: { $0.name == new }) {
                throw SQLError(code: "42701", message: "column \"\(new)\" of relation \"\(table.name)\" already exists")
            }
            return [.schema(.renameColumn(table, from: old, to: new)), .catalog(.renameColumn(table, from: old, to: new))]
        case .addColumn(let spec):
            if table.columns.contains(where: { $0.name == spec.name }) {
                throw SQLError(code: "42701", message: "column \"\(spec.name)\" of relation \"\(table.name)\" already exists")
            }
            if spec.identity != nil { throw SQLError.unsupported("ALTER TABLE ADD COLUMN with IDENTITY") }
            let column = ColumnDefinition(name: spec.name, type: spec.type.type, nullable: spec.nullable, defaultExpression: spec.defaultText,
                                          ordinal: table.columns.count + 1, encoding: spec.encoding)
            var steps: [Bound.Step] = [.schema(.addColumn(table, name: spec.name, type: spec.type.type))]
            if spec.defaultExpression != nil {
                let value = try defaultValue(for: column, table: table)
                steps.append(.update(Bound.Update(table: table.sqliteName, assignments: [Bound.Assignment(column: spec.name, value: value)])))
            } else if !spec.nullable {
                throw SQLError(code: "0A000", message: "ALTER TABLE ADD COLUMN defined as NOT NULL must have a non-null default expression")
            }
            // As for a new table, the default privileges are granted (again).
            return steps + [.catalog(.insertColumns(table, [column]))] + defaultPrivilegeSteps(table)
        case .alterColumnType(let name, let typeName):
            let column = try column(name, of: table, position: alter.name.position)
            guard case .varchar = column.type, case .varchar(let length) = typeName.type else {
                throw SQLError(code: "0A000", message: "ALTER TABLE ALTER COLUMN can only change the size of a VARCHAR column")
            }
            // Redshift refuses to shrink below existing data; the check runs as a step.
            return [.check(varcharCheck(table, column: name, length: length)), .catalog(.setColumnType(table, column: name, type: typeName.type))]
        case .dropColumn(let name):
            let column = try column(name, of: table, position: alter.name.position)
            if table.columns.count == 1 {
                throw SQLError(code: "0A000", message: "cannot drop the last column of table \"\(table.name)\"")
            }
            let indexed = table.distKey == name || table.sortKeys.contains(name)
            return (indexed ? [.schema(.dropIndexes(table))] : []) + [.schema(.dropColumn(table, name: name)), .catalog(.deleteColumn(table, column))]
        }
    }

    /// `SELECT count(rs_assign(column, 'varchar(n)', …)) FROM table`: fails when a value is too long for `varchar(length)`.
    private func varcharCheck(_ table: TableDefinition, column: String, length: Int) -> Bound.Query {
        let value = Expr(kind: .column(relation: table.name, name: column), type: .varchar(length: 65535))
        let assign = Expr.call("rs_assign", [value, .literal(.text("varchar(\(length))"), .varchar(length: 32)), .literal(.text("varchar(65535)"), .varchar(length: 32))], type: .varchar(length: length))
        var select = Bound.Select()
        select.items = [(Expr(kind: .call("count", [assign], distinct: false), type: .bigint, nullable: false), "count")]
        select.from = [.table(table.sqliteName, alias: table.name)]
        return Bound.Query(body: .select(select), columns: [ResultColumn(name: "count", type: .bigint)])
    }
}
