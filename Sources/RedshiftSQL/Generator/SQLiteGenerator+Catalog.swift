/// Changes to the meta tables describing schemas, tables, views and columns (`PhysicalLayout`).
extension SQLiteGenerator {
    static func catalog(_ change: Bound.CatalogChange) -> [SQLiteStatement] {
        func meta(_ table: TableDefinition) -> (tables: String, columns: String) { PhysicalLayout.metaTables(temporary: table.kind == .temporary) }
        func key(_ table: TableDefinition) -> [SQLiteValue] { [.text(table.schema), .text(table.name)] }
        switch change {
        case .bootstrapTemporary:
            return PhysicalLayout.tempBootstrap
        case .insertRelation(let table):
            return [SQLiteStatement(
                sql: "INSERT INTO \(meta(table).tables) (schema_name, table_name, kind, diststyle, distkey, sortkey_style, sortkeys, backup, constraints, view_query, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [.text(table.schema), .text(table.name), .text(table.kind.rawValue), .text(table.distStyle), table.distKey.map { .text($0) } ?? .null,
                            .text(table.sortKeyStyle), .text(table.sortKeys.joined(separator: ",")), .integer(table.backup ? 1 : 0),
                            .text(table.constraints.joined(separator: "\n")), table.viewQuery.map { .text($0) } ?? .null, .text(table.owner)])]
        case .insertColumns(let table, let columns):
            return columns.map { column in
                SQLiteStatement(
                    sql: "INSERT INTO \(meta(table).columns) (schema_name, table_name, ordinal, column_name, type, nullable, default_expr, identity_seed, identity_step, identity_by_default, encoding, is_distkey, sortkey_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [.text(table.schema), .text(table.name), .integer(Int64(column.ordinal)), .text(column.name), .text(column.type.catalogText),
                                .integer(column.nullable ? 1 : 0), column.defaultExpression.map { .text($0) } ?? .null,
                                column.identity.map { .integer($0.seed) } ?? .null, column.identity.map { .integer($0.step) } ?? .null,
                                .integer(column.identity?.byDefault == true ? 1 : 0), column.encoding.map { .text($0) } ?? .null,
                                .integer(column.isDistKey ? 1 : 0), .integer(Int64(column.sortKeyPosition))])
            }
        case .deleteRelation(let table):
            return [SQLiteStatement(sql: "DELETE FROM \(meta(table).tables) WHERE schema_name = ? AND table_name = ?", arguments: key(table)),
                    SQLiteStatement(sql: "DELETE FROM \(meta(table).columns) WHERE schema_name = ? AND table_name = ?", arguments: key(table))]
        case .renameRelation(let table, let newName):
            return [SQLiteStatement(sql: "UPDATE \(meta(table).tables) SET table_name = ? WHERE schema_name = ? AND table_name = ?", arguments: [.text(newName)] + key(table)),
                    SQLiteStatement(sql: "UPDATE \(meta(table).columns) SET table_name = ? WHERE schema_name = ? AND table_name = ?", arguments: [.text(newName)] + key(table))]
        case .renameColumn(let table, let old, let new):
            return [SQLiteStatement(sql: "UPDATE \(meta(table).columns) SET column_name = ? WHERE schema_name = ? AND table_name = ? AND column_name = ?",
                                    arguments: [.text(new)] + key(table) + [.text(old)])]
        case .setColumnType(let table, let column, let type):
            return [SQLiteStatement(sql: "UPDATE \(meta(table).columns) SET type = ? WHERE schema_name = ? AND table_name = ? AND column_name = ?",
                                    arguments: [.text(type.catalogText)] + key(table) + [.text(column)])]
        case .deleteColumn(let table, let column):
            let columns = meta(table).columns
            return [
                SQLiteStatement(sql: "DELETE FROM \(columns) WHERE schema_name = ? AND table_name = ? AND column_name = ?", arguments: key(table) + [.text(column.name)]),
                SQLiteStatement(sql: "UPDATE \(columns) SET ordinal = -(ordinal - 1) WHERE schema_name = ? AND table_name = ? AND ordinal > ?", arguments: key(table) + [.integer(Int64(column.ordinal))]),
                SQLiteStatement(sql: "UPDATE \(columns) SET ordinal = -ordinal WHERE schema_name = ? AND table_name = ? AND ordinal < 0", arguments: key(table)),
            ]
        case .createSchema(let name, let owner):
            return [SQLiteStatement(sql: "INSERT INTO _rs_schemas (name, owner, is_system) VALUES (?, ?, 0)", arguments: [.text(name), .text(owner)])]
        case .dropSchema(let name):
            return [SQLiteStatement(sql: "DELETE FROM _rs_schemas WHERE name = ?", arguments: [.text(name)])]
        }
    }
}
