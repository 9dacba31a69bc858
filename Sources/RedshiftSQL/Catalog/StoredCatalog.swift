/// The catalog, stored in the SQLite meta tables of `PhysicalLayout`.
///
/// Reads go through the executor of the connection the statement runs on, so uncommitted DDL of
/// the same transaction is visible, as in Redshift.
///
/// Lookups are cheap: the first one reads the catalog generations (one query), and tables and
/// schemas then come from `CatalogCache` under those tokens, or are read with their token (one
/// query per table) and stored there. An instance also remembers what it answered, so it sees the
/// catalog as of its first lookup: create one per statement (the engine does).
public struct StoredCatalog: CatalogReader {
    let executor: any SQLiteExecutor
    private let memo = Memo()
    private let cache: CatalogCache?

    /// What one instance has read: the generation tokens and the answers it gave.
    private final class Memo {
        var loaded = false
        /// nil when the meta tables have no generation (not bootstrapped): lookups are not cached.
        var mainToken: Int64?
        var hasTempMeta = false
        var tempToken: Int64?
        var tables: [String: TableDefinition?] = [:]
        var schemas: Set<String>?
    }

    public init(executor: any SQLiteExecutor) {
        self.executor = executor
        self.cache = .shared
    }

    /// - Parameter sharedCache: false reads the meta tables on every new lookup (tests, tools).
    public init(executor: any SQLiteExecutor, sharedCache: Bool) {
        self.executor = executor
        self.cache = sharedCache ? .shared : nil
    }

    public func table(schema: String, name: String) throws -> TableDefinition? {
        let memoKey = schema + "\u{0}" + name
        if let known = memo.tables[memoKey] { return known }
        try loadGenerations()
        let temporary = schema == PhysicalLayout.tempSchema
        var result: TableDefinition?
        if temporary && !memo.hasTempMeta {
            result = nil
        } else if let token = temporary ? memo.tempToken : memo.mainToken, let cache {
            let key = CatalogCache.Key(token: token, schema: schema, name: name)
            if let cached = cache.table(key) {
                result = cached
            } else {
                let (read, readToken) = try loadTable(schema: schema, name: name, temporary: temporary)
                if readToken == token { cache.store(read, for: key) }
                result = read
            }
        } else {
            result = try loadTable(schema: schema, name: name, temporary: temporary).0
        }
        memo.tables[memoKey] = .some(result)
        return result
    }

    /// Reads `temp._rs_prepared` (created by the first PREPARE on the connection).
    public func preparedStatement(named name: String) throws -> PreparedStatementDefinition? {
        let probe = try executor.query(SQLiteStatement(sql: "SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = '\(PhysicalLayout.preparedTable)'"))
        guard !probe.isEmpty else { return nil }
        let rows = try executor.query(SQLiteStatement(sql: "SELECT sql, types FROM temp.\"\(PhysicalLayout.preparedTable)\" WHERE name = ?", arguments: [.text(name)]))
        guard let row = rows.first, let sql = row[0].textValue else { return nil }
        return PreparedStatementDefinition(name: name, sql: sql, types: row[1].textValue ?? "")
    }

    public func policySnapshot() throws -> PolicySnapshot { .enforced(try SecurityCatalog(executor: executor).state()) }

    public func schemaExists(_ schema: String) throws -> Bool {
        if schema == PhysicalLayout.tempSchema { return true }
        if let names = memo.schemas { return names.contains(schema) }
        try loadGenerations()
        if let token = memo.mainToken, let cached = cache?.schemas(token) {
            memo.schemas = cached
            return cached.contains(schema)
        }
        let rows = try executor.query(SQLiteStatement(sql: memo.mainToken == nil
            ? "SELECT name, NULL FROM _rs_schemas"
            : "SELECT name, (SELECT token FROM _rs_generation) FROM _rs_schemas"))
        let names = Set(rows.compactMap { $0.first?.textValue })
        if let token = memo.mainToken, rows.first?[1].integerValue == token { cache?.store(schemas: names, for: token) }
        memo.schemas = names
        return names.contains(schema)
    }

    public func schemas() throws -> [String] {
        try executor.query(SQLiteStatement(sql: "SELECT name FROM _rs_schemas ORDER BY name")).compactMap { $0.first?.textValue }
    }

    public func tables(inSchema schema: String) throws -> [TableDefinition] {
        let temporary = schema == PhysicalLayout.tempSchema
        if temporary, try executor.query(SQLiteStatement(sql: "SELECT 1 FROM sqlite_temp_master WHERE name = '_rs_temp_tables'")).isEmpty {
            return []
        }
        let meta = PhysicalLayout.metaTables(temporary: temporary)
        let names = try executor.query(SQLiteStatement(sql: "SELECT table_name FROM \(meta.tables) WHERE schema_name = ? ORDER BY table_name",
                                                       arguments: [.text(schema)]))
        return try names.compactMap { row in try row.first?.textValue.flatMap { try loadTable(schema: schema, name: $0, temporary: temporary).0 } }
    }

    /// Reads the generation tokens once: `_rs_generation`, and whether this connection has temp meta tables.
    private func loadGenerations() throws {
        guard !memo.loaded else { return }
        memo.loaded = true
        let probe = "SELECT name FROM sqlite_temp_master WHERE name IN ('_rs_temp_tables', '_rs_temp_generation')"
        let temps: Set<String>
        if let row = try? executor.query(SQLiteStatement(sql: "SELECT token, (\(probe) LIMIT 1 OFFSET 0), (\(probe) LIMIT 1 OFFSET 1) FROM _rs_generation")).first {
            memo.mainToken = row[0].integerValue
            temps = Set(row.dropFirst().compactMap(\.textValue))
        } else {
            temps = Set(try executor.query(SQLiteStatement(sql: probe)).compactMap { $0.first?.textValue })
        }
        memo.hasTempMeta = temps.contains("_rs_temp_tables")
        if temps.contains("_rs_temp_generation") {
            memo.tempToken = try executor.query(SQLiteStatement(sql: "SELECT token FROM temp._rs_temp_generation")).first?.first?.integerValue
        }
    }

    /// One table and its columns in one statement (one snapshot), with the generation it was read under.
    private func loadTable(schema: String, name: String, temporary: Bool) throws -> (TableDefinition?, Int64?) {
        let meta = PhysicalLayout.metaTables(temporary: temporary)
        let generation = temporary ? (memo.tempToken == nil ? nil : "temp._rs_temp_generation") : (memo.mainToken == nil ? nil : "_rs_generation")
        let sql = """
            SELECT t.table_name, t.kind, t.diststyle, t.distkey, t.sortkey_style, t.sortkeys, t.backup, t.constraints, t.view_query, t.owner, \
            c.column_name, c.type, c.nullable, c.default_expr, c.ordinal, c.identity_seed, c.identity_step, c.identity_by_default, c.encoding, \
            c.is_distkey, c.sortkey_position, \(generation.map { "(SELECT token FROM \($0))" } ?? "NULL") \
            FROM (SELECT 1) AS one LEFT JOIN \(meta.tables) AS t ON t.schema_name = ?1 AND t.table_name = ?2 \
            LEFT JOIN \(meta.columns) AS c ON c.schema_name = ?1 AND c.table_name = ?2 AND t.table_name IS NOT NULL \
            ORDER BY c.ordinal
            """
        let rows = try executor.query(SQLiteStatement(sql: sql, arguments: [.text(schema), .text(name)]))
        let token = rows.first?[21].integerValue
        guard let first = rows.first, let tableName = first[0].textValue else { return (nil, token) }
        let columns = rows.compactMap { row -> ColumnDefinition? in
            guard let columnName = row[10].textValue else { return nil }
            var identity: ColumnDefinition.Identity?
            if let seed = row[15].integerValue, let step = row[16].integerValue {
                identity = .init(seed: seed, step: step, byDefault: row[17].integerValue == 1)
            }
            return ColumnDefinition(
                name: columnName, type: RedshiftType(catalogText: row[11].textValue ?? "") ?? .unknown,
                nullable: row[12].integerValue != 0, defaultExpression: row[13].textValue,
                ordinal: Int(row[14].integerValue ?? 0), identity: identity, encoding: row[18].textValue,
                isDistKey: row[19].integerValue == 1, sortKeyPosition: Int(row[20].integerValue ?? 0))
        }
        let table = TableDefinition(
            schema: schema, name: tableName, columns: columns,
            kind: TableKind(rawValue: first[1].textValue ?? "table") ?? .table,
            distStyle: first[2].textValue ?? "AUTO", distKey: first[3].textValue,
            sortKeyStyle: first[4].textValue ?? "AUTO",
            sortKeys: (first[5].textValue ?? "").split(separator: ",").map(String.init),
            backup: first[6].integerValue != 0,
            constraints: (first[7].textValue ?? "").split(separator: "\n").map(String.init),
            viewQuery: first[8].textValue, owner: first[9].textValue ?? "")
        return (table, token)
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
