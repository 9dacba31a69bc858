/// Changes to the SQLite tables holding user rows: CREATE/DROP/ALTER TABLE, identity triggers and
/// the DISTKEY/SORTKEY indexes (`PhysicalLayout` names them).
extension SQLiteGenerator {
    static func schema(_ change: Bound.SchemaChange) -> [SQLiteStatement] {
        switch change {
        case .createTable(let table): return createTable(table)
        case .dropTable(let table): return [SQLiteStatement(sql: "DROP TABLE \(table.sqliteName)")]
        case .createIndexes(let table):
            guard table.kind != .view else { return [] }
            let prefix = table.kind == .temporary ? "temp." : ""
            return PhysicalLayout.indexedColumns(table).map { suffix, columns in
                SQLiteStatement(sql: "CREATE INDEX IF NOT EXISTS \(prefix)\(PhysicalLayout.indexName(table, suffix)) ON \(bareName(table)) (\(columns.map(quote).joined(separator: ", ")))")
            }
        case .dropIndexes(let table):
            let prefix = table.kind == .temporary ? "temp." : ""
            return PhysicalLayout.indexedColumns(table).map { suffix, _ in
                SQLiteStatement(sql: "DROP INDEX IF EXISTS \(prefix)\(PhysicalLayout.indexName(table, suffix))")
            }
        case .renameTable(let table, let newName):
            let renamed = quote((table.kind == .temporary ? PhysicalLayout.tempSchema : table.schema) + "." + newName)
            return [SQLiteStatement(sql: "ALTER TABLE \(table.sqliteName) RENAME TO \(renamed)")]
        case .renameColumn(let table, let old, let new):
            return [SQLiteStatement(sql: "ALTER TABLE \(table.sqliteName) RENAME COLUMN \(quote(old)) TO \(quote(new))")]
        case .addColumn(let table, let name, let type):
            return [SQLiteStatement(sql: "ALTER TABLE \(table.sqliteName) ADD COLUMN \(quote(name)) \(type.sqliteDeclaration)")]
        case .dropColumn(let table, let name):
            return [SQLiteStatement(sql: "ALTER TABLE \(table.sqliteName) DROP COLUMN \(quote(name))")]
        }
    }

    /// The table name without SQLite's `temp.` prefix (triggers and indexes name their table so).
    private static func bareName(_ table: TableDefinition) -> String {
        quote((table.kind == .temporary ? PhysicalLayout.tempSchema : table.schema) + "." + table.name)
    }

    /// CREATE TABLE and one trigger per IDENTITY column, which fills NULL with the next value.
    private static func createTable(_ table: TableDefinition) -> [SQLiteStatement] {
        let temporary = table.kind == .temporary
        let columns = table.columns.map { column -> String in
            var text = quote(column.name) + " " + column.type.sqliteDeclaration
            if !column.nullable && column.identity == nil { text += " NOT NULL" }
            return text
        }
        var steps = [SQLiteStatement(sql: "CREATE TABLE \(table.sqliteName) (\(columns.joined(separator: ", ")))")]
        let bare = bareName(table)
        for column in table.columns {
            guard let identity = column.identity else { continue }
            let quoted = quote(column.name)
            let pick = identity.step >= 0 ? "max" : "min"
            let trigger = quote("_rs_identity." + (temporary ? PhysicalLayout.tempSchema : table.schema) + "." + table.name + "." + column.name)
            steps.append(SQLiteStatement(sql: """
                CREATE \(temporary ? "TEMP " : "")TRIGGER \(trigger) AFTER INSERT ON \(bare) FOR EACH ROW WHEN NEW.\(quoted) IS NULL \
                BEGIN UPDATE \(bare) SET \(quoted) = (SELECT coalesce(\(pick)(\(quoted)) + \(identity.step), \(identity.seed)) FROM \(bare)) WHERE rowid = NEW.rowid; END
                """))
        }
        return steps
    }
}
