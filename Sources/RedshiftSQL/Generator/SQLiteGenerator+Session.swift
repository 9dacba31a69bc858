/// Session state kept in SQLite: prepared statements (`temp._rs_prepared`, see
/// `PhysicalLayout.preparedTable`) and the rows of an EXPLAIN plan.
extension SQLiteGenerator {
    static func prepared(_ change: Bound.PreparedChange) -> [SQLiteStatement] {
        let table = "temp.\"\(PhysicalLayout.preparedTable)\""
        let create = SQLiteStatement(sql: "CREATE TEMP TABLE IF NOT EXISTS \"\(PhysicalLayout.preparedTable)\" (name TEXT PRIMARY KEY, sql TEXT NOT NULL, types TEXT NOT NULL)")
        switch change {
        case .store(let name, let sql, let types):
            return [create, SQLiteStatement(sql: "INSERT INTO \(table) (name, sql, types) VALUES (?, ?, ?)",
                                            arguments: [.text(name), .text(sql), .text(types)])]
        case .forget(let name):
            return [SQLiteStatement(sql: "DELETE FROM \(table) WHERE name = ?", arguments: [.text(name)])]
        case .forgetAll:
            return [create, SQLiteStatement(sql: "DELETE FROM \(table)")]
        }
    }

    /// One row per plan line, in order, in a column named `QUERY PLAN`.
    static func planRows(_ lines: [String]) -> SQLiteStatement {
        let values = lines.enumerated().map { "(\($0.offset), \(literal(.text($0.element))))" }.joined(separator: ", ")
        return SQLiteStatement(sql: "WITH \"_rs_plan\" (\"n\", \"line\") AS (VALUES \(values)) SELECT \"line\" AS \"QUERY PLAN\" FROM \"_rs_plan\" ORDER BY \"n\"")
    }
}
