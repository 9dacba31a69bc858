/// ALTER TABLE: rename table/column, add/drop column; distribution, sort, owner and encoding changes
/// are accepted without effect (they change no query result).
///
/// - Redshift: ALTER TABLE (r_ALTER_TABLE).
extension Analyzer {
    func alterTableSteps(_ alter: AST.AlterTable) throws -> [SQLiteStatement] {
        let table = try targetTable(alter.name, verb: "alter")
        let meta = PhysicalLayout.metaTables(temporary: table.kind == .temporary)
        let key: [SQLiteValue] = [.text(table.schema), .text(table.name)]
        switch alter.action {
        case .ignored:
            return []
        case .renameTable(let newName):
            if try context.catalog.table(schema: table.schema, name: newName) != nil {
                throw SQLError(code: "42P07", message: "relation \"\(newName)\" already exists")
            }
            let newSQLiteName = SQLiteGenerator.quote((table.kind == .temporary ? PhysicalLayout.tempSchema : table.schema) + "." + newName)
            var renamed = table
            renamed.name = newName
            return PhysicalLayout.dropIndexSteps(table) + [
                SQLiteStatement(sql: "ALTER TABLE \(table.sqliteName) RENAME TO \(newSQLiteName)"),
                SQLiteStatement(sql: "UPDATE \(meta.tables) SET table_name = ? WHERE schema_name = ? AND table_name = ?", arguments: [.text(newName)] + key),
                SQLiteStatement(sql: "UPDATE \(meta.columns) SET table_name = ? WHERE schema_name = ? AND table_name = ?", arguments: [.text(newName)] + key),
            ] + PhysicalLayout.indexSteps(renamed)
        case .renameColumn(let old, let new):
            _ = try column(old, of: table, position: alter.name.position)
            if table.columns.contains(where: { $0.name == new }) {
                throw SQLError(code: "42701", message: "column \"\(new)\" of relation \"\(table.name)\" already exists")
            }
            return [
                SQLiteStatement(sql: "ALTER TABLE \(table.sqliteName) RENAME COLUMN \(SQLiteGenerator.quote(old)) TO \(SQLiteGenerator.quote(new))"),
                SQLiteStatement(sql: "UPDATE \(meta.columns) SET column_name = ? WHERE schema_name = ? AND table_name = ? AND column_name = ?", arguments: [.text(new)] + key + [.text(old)]),
            ]
        case .addColumn(let spec):
            if table.columns.contains(where: { $0.name == spec.name }) {
                throw SQLError(code: "42701", message: "column \"\(spec.name)\" of relation \"\(table.name)\" already exists")
            }
            if spec.identity != nil { throw SQLError.unsupported("ALTER TABLE ADD COLUMN with IDENTITY") }
            let column = ColumnDefinition(name: spec.name, type: spec.type.type, nullable: spec.nullable, defaultExpression: spec.defaultText,
                                          ordinal: table.columns.count + 1, encoding: spec.encoding)
            var steps = [SQLiteStatement(sql: "ALTER TABLE \(table.sqliteName) ADD COLUMN \(SQLiteGenerator.quote(spec.name)) \(spec.type.type.sqliteDeclaration)")]
            if spec.defaultExpression != nil {
                let generator = SQLiteGenerator()
                let value = generator.expression(try defaultValue(for: column, table: table))
                steps.append(SQLiteStatement(sql: "UPDATE \(table.sqliteName) SET \(SQLiteGenerator.quote(spec.name)) = \(value)", arguments: generator.arguments))
            } else if !spec.nullable {
                throw SQLError(code: "0A000", message: "ALTER TABLE ADD COLUMN defined as NOT NULL must have a non-null default expression")
            }
            var definition = table
            definition.columns = [column]
            steps += Array(metaInsertSteps(definition).dropFirst())
            return steps
        case .alterColumnType(let name, let typeName):
            let column = try column(name, of: table, position: alter.name.position)
            guard case .varchar = column.type, case .varchar(let length) = typeName.type else {
                throw SQLError(code: "0A000", message: "ALTER TABLE ALTER COLUMN can only change the size of a VARCHAR column")
            }
            // Redshift refuses to shrink below existing data; the check runs as a step.
            let check = "SELECT count(rs_assign(\(SQLiteGenerator.quote(name)), 'varchar(\(length))', 'varchar(65535)')) FROM \(table.sqliteName)"
            return [
                SQLiteStatement(sql: check),
                SQLiteStatement(sql: "UPDATE \(meta.columns) SET type = ? WHERE schema_name = ? AND table_name = ? AND column_name = ?", arguments: [.text(typeName.type.catalogText)] + key + [.text(name)]),
            ]
        case .dropColumn(let name):
            let column = try column(name, of: table, position: alter.name.position)
            if table.columns.count == 1 {
                throw SQLError(code: "0A000", message: "cannot drop the last column of table \"\(table.name)\"")
            }
            let indexed = table.distKey == name || table.sortKeys.contains(name)
            return (indexed ? PhysicalLayout.dropIndexSteps(table) : []) + [
                SQLiteStatement(sql: "ALTER TABLE \(table.sqliteName) DROP COLUMN \(SQLiteGenerator.quote(name))"),
                SQLiteStatement(sql: "DELETE FROM \(meta.columns) WHERE schema_name = ? AND table_name = ? AND column_name = ?", arguments: key + [.text(name)]),
                SQLiteStatement(sql: "UPDATE \(meta.columns) SET ordinal = -(ordinal - 1) WHERE schema_name = ? AND table_name = ? AND ordinal > ?", arguments: key + [.integer(Int64(column.ordinal))]),
                SQLiteStatement(sql: "UPDATE \(meta.columns) SET ordinal = -ordinal WHERE schema_name = ? AND table_name = ? AND ordinal < 0", arguments: key),
            ]
        }
    }
}
