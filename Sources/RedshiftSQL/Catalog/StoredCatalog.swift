/// The catalog, stored in the SQLite meta tables of `PhysicalLayout`.
///
/// Reads go through the executor of the connection the statement runs on, so uncommitted DDL of
/// the same transaction is visible, as in Redshift.
public struct StoredCatalog: CatalogReader {
    let executor: any SQLiteExecutor

    public init(executor: any SQLiteExecutor) { self.executor = executor }

    public func table(schema: String, name: String) throws -> TableDefinition? {
        let temporary = schema == PhysicalLayout.tempSchema
        if temporary, try !hasTempMeta() { return nil }
        return try loadTables(schema: schema, name: name, temporary: temporary).first
    }

    public func schemaExists(_ schema: String) throws -> Bool {
        if schema == PhysicalLayout.tempSchema { return true }
        return try !executor.query(SQLiteStatement(sql: "SELECT 1 FROM _rs_schemas WHERE name = ?", arguments: [.text(schema)])).isEmpty
    }

    public func schemas() throws -> [String] {
        try executor.query(SQLiteStatement(sql: "SELECT name FROM _rs_schemas ORDER BY name")).compactMap { $0.first?.textValue }
    }

    public func tables(inSchema schema: String) throws -> [TableDefinition] {
        let temporary = schema == PhysicalLayout.tempSchema
        if temporary, try !hasTempMeta() { return [] }
        return try loadTables(schema: schema, name: nil, temporary: temporary)
    }

    private func hasTempMeta() throws -> Bool {
        try !executor.query(SQLiteStatement(sql: "SELECT 1 FROM sqlite_temp_master WHERE name = '_rs_temp_tables'")).isEmpty
    }

    private func loadTables(schema: String, name: String?, temporary: Bool) throws -> [TableDefinition] {
        let meta = PhysicalLayout.metaTables(temporary: temporary)
        var sql = "SELECT table_name, kind, diststyle, distkey, sortkey_style, sortkeys, backup, constraints, view_query, owner FROM \(meta.tables) WHERE schema_name = ?"
        var args: [SQLiteValue] = [.text(schema)]
        if let name { sql += " AND table_name = ?"; args.append(.text(name)) }
        sql += " ORDER BY table_name"
        return try executor.query(SQLiteStatement(sql: sql, arguments: args)).map { row in
            let tableName = row[0].textValue ?? ""
            let columns = try loadColumns(schema: schema, table: tableName, meta: meta.columns)
            return TableDefinition(
                schema: schema, name: tableName, columns: columns,
                kind: TableKind(rawValue: row[1].textValue ?? "table") ?? .table,
                distStyle: row[2].textValue ?? "AUTO", distKey: row[3].textValue,
                sortKeyStyle: row[4].textValue ?? "AUTO",
                sortKeys: (row[5].textValue ?? "").split(separator: ",").map(String.init),
                backup: row[6].integerValue != 0,
                constraints: (row[7].textValue ?? "").split(separator: "\n").map(String.init),
                viewQuery: row[8].textValue, owner: row[9].textValue ?? "")
        }
    }

    private func loadColumns(schema: String, table: String, meta: String) throws -> [ColumnDefinition] {
        let sql = "SELECT column_name, type, nullable, default_expr, ordinal, identity_seed, identity_step, identity_by_default, encoding, is_distkey, sortkey_position FROM \(meta) WHERE schema_name = ? AND table_name = ? ORDER BY ordinal"
        return try executor.query(SQLiteStatement(sql: sql, arguments: [.text(schema), .text(table)])).map { row in
            var identity: ColumnDefinition.Identity?
            if let seed = row[5].integerValue, let step = row[6].integerValue {
                identity = .init(seed: seed, step: step, byDefault: row[7].integerValue == 1)
            }
            return ColumnDefinition(
                name: row[0].textValue ?? "", type: RedshiftType(catalogText: row[1].textValue ?? "") ?? .unknown,
                nullable: row[2].integerValue != 0, defaultExpression: row[3].textValue,
                ordinal: Int(row[4].integerValue ?? 0), identity: identity, encoding: row[8].textValue,
                isDistKey: row[9].integerValue == 1, sortKeyPosition: Int(row[10].integerValue ?? 0))
        }
    }
}

extension SQLiteValue {
    /// The text of a TEXT value (or the rendering of a number), nil for NULL and BLOB.
    var textValue: String? {
        switch self {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .real(let d): return String(d)
        case .null, .blob: return nil
        }
    }
    /// The integer of an INTEGER value (REAL truncated, TEXT parsed), nil otherwise.
    var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .real(let d): return Int64(exactly: d.rounded(.towardZero))
        case .text(let s): return Int64(s)
        case .null, .blob: return nil
        }
    }
}
