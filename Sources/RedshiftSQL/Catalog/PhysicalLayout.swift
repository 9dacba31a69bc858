/// How Redshift objects are laid out in the one SQLite database file of a Redshift database.
///
/// - A table `schema.table` lives in the SQLite table `"schema.table"` (name-mangled);
///   a temp table lives in SQLite's `temp` schema as `temp."pg_temp.table"`.
/// - Meta tables (`_rs_schemas`, `_rs_tables`, `_rs_columns`) describe schemas, tables, views and
///   columns with their Redshift types and options. Temp tables are described by
///   `temp._rs_temp_tables` / `temp._rs_temp_columns`, created on first use, so they vanish with
///   the connection like the temp tables themselves.
/// See docs/sql-pipeline.md.
public enum PhysicalLayout {
    /// The pseudo schema temp tables are reported in.
    public static let tempSchema = "pg_temp"
    /// The session's prepared statements: `temp._rs_prepared(name, sql, types)`, created by the first
    /// PREPARE on a connection, so it lives exactly as long as the session's temp tables.
    static let preparedTable = "_rs_prepared"
    /// The last value each IDENTITY column handed out: `_rs_identity_counter(id, last)`, one row
    /// per column, keyed by a number drawn when the table is created (so renames and re-creations
    /// never share one).
    static let identityCounterTable = "_rs_identity_counter"
    /// The same for temp tables, in `temp`: a name of its own, because SQLite resolves the
    /// unqualified names in a trigger's body in `temp` first, even for a trigger of `main`.
    static let temporaryIdentityCounterTable = "_rs_temp_identity_counter"

    /// Schemas every database has (ListSchemas shows them).
    public static let systemSchemas = ["information_schema", "pg_catalog"]

    /// The SQLite name of a Redshift table, quoted and qualified as needed.
    public static func sqliteTableName(schema: String, table: String, temporary: Bool) -> String {
        temporary ? "temp." + quote("\(tempSchema).\(table)") : quote("\(schema).\(table)")
    }

    /// Double-quotes an SQLite identifier.
    static func quote(_ name: String) -> String {
        if !name.utf8.contains(34) { return "\"" + name + "\"" }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static let tableColumns = """
        schema_name TEXT NOT NULL, table_name TEXT NOT NULL, kind TEXT NOT NULL, \
        diststyle TEXT NOT NULL DEFAULT 'AUTO', distkey TEXT, sortkey_style TEXT NOT NULL DEFAULT 'AUTO', \
        sortkeys TEXT NOT NULL DEFAULT '', backup INTEGER NOT NULL DEFAULT 1, constraints TEXT NOT NULL DEFAULT '', \
        view_query TEXT, owner TEXT NOT NULL DEFAULT '', PRIMARY KEY (schema_name, table_name)
        """
    static let columnColumns = """
        schema_name TEXT NOT NULL, table_name TEXT NOT NULL, ordinal INTEGER NOT NULL, column_name TEXT NOT NULL, \
        type TEXT NOT NULL, nullable INTEGER NOT NULL, default_expr TEXT, identity_seed INTEGER, identity_step INTEGER, \
        identity_by_default INTEGER NOT NULL DEFAULT 0, encoding TEXT, is_distkey INTEGER NOT NULL DEFAULT 0, \
        sortkey_position INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (schema_name, table_name, ordinal)
        """

    /// Statements the engine runs once when it creates/opens a Redshift database file. Idempotent.
    /// The principal tables go to the same file (see `bootstrap(principals:)`).
    public static var bootstrap: [SQLiteStatement] { bootstrap(principals: "main") }

    /// `bootstrap` with the principal tables in schema `principals` (`SecurityLayout.principalsSchema`
    /// when the engine ATTACHed the cluster's principals file).
    public static func bootstrap(principals: String) -> [SQLiteStatement] {
        var steps = [
            SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS _rs_schemas (name TEXT PRIMARY KEY, owner TEXT NOT NULL DEFAULT '', is_system INTEGER NOT NULL DEFAULT 0)"),
            SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS _rs_tables (\(tableColumns))"),
            SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS _rs_columns (\(columnColumns))"),
        ]
        steps.append(SQLiteStatement(sql: "INSERT OR IGNORE INTO _rs_schemas (name, owner, is_system) VALUES ('public', 'rdsdb', 0)"))
        for schema in systemSchemas {
            steps.append(SQLiteStatement(sql: "INSERT OR IGNORE INTO _rs_schemas (name, owner, is_system) VALUES ('\(schema)', 'rdsdb', 1)"))
        }
        return steps + generationSteps(temporary: false) + SecurityLayout.bootstrap(principals: principals) + RoutineCatalog.createSteps
    }

    /// The catalog generation: a random token that triggers replace on every change of a meta
    /// table, so a token names one catalog state (`CatalogCache` keys decoded entries by it). A
    /// rolled-back change restores the old token together with the old rows.
    static func generationSteps(temporary: Bool) -> [SQLiteStatement] {
        let generation = temporary ? "_rs_temp_generation" : "_rs_generation"
        let tables = temporary ? ["_rs_temp_tables", "_rs_temp_columns"] : ["_rs_schemas", "_rs_tables", "_rs_columns"]
        var steps = [
            SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS \(temporary ? "temp." : "")\(generation) (id INTEGER PRIMARY KEY CHECK (id = 1), token INTEGER NOT NULL)"),
            SQLiteStatement(sql: "INSERT OR IGNORE INTO \(temporary ? "temp." : "")\(generation) (id, token) VALUES (1, random())"),
        ]
        for table in tables {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                steps.append(SQLiteStatement(sql: """
                    CREATE \(temporary ? "TEMP " : "")TRIGGER IF NOT EXISTS \(quote("\(generation).\(table).\(event.lowercased())")) \
                    AFTER \(event) ON \(table) BEGIN UPDATE \(generation) SET token = random(); END
                    """))
            }
        }
        return steps
    }

    /// Creates the temp meta tables if this connection has none yet.
    static var tempBootstrap: [SQLiteStatement] {
        [
            SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS temp._rs_temp_tables (\(tableColumns))"),
            SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS temp._rs_temp_columns (\(columnColumns))"),
        ] + generationSteps(temporary: true)
    }

    /// The columns of the SQLite indexes standing in for Redshift's physical design, by name
    /// suffix: one on the DISTKEY column and one on the sort key columns (SQLiteGenerator+DDL.swift
    /// creates them). They change no result; they let SQLite find the rows of a join or correlated
    /// subquery on those keys without scanning (Redshift co-locates rows on the distribution key
    /// and prunes blocks on the sort key).
    static func indexedColumns(_ table: TableDefinition) -> [(String, [String])] {
        var result: [(String, [String])] = []
        if let key = table.distKey, table.columns.contains(where: { $0.name == key }) { result.append(("dist", [key])) }
        let sortKeys = table.sortKeys.filter { key in table.columns.contains { $0.name == key } }
        if !sortKeys.isEmpty, sortKeys != [table.distKey ?? ""] { result.append(("sort", sortKeys)) }
        return result
    }

    static func indexName(_ table: TableDefinition, _ suffix: String) -> String {
        quote("_rs_idx.\(table.kind == .temporary ? tempSchema : table.schema).\(table.name).\(suffix)")
    }

    /// The meta tables describing permanent or temp tables.
    static func metaTables(temporary: Bool) -> (tables: String, columns: String) {
        temporary ? ("temp._rs_temp_tables", "temp._rs_temp_columns") : ("_rs_tables", "_rs_columns")
    }
}
