/// Renames and drops of users, groups and roles reaching every database of the cluster.
///
/// Principals are the cluster's (`SecurityLayout.principalTables`), but what names them inside a
/// database — owners, object privileges, default privileges, policy attachments — is that
/// database's. Redshift refers to principals by id, so a rename shows everywhere at once and a
/// dropped user's privileges elsewhere are left to nobody. Here names are stored, so a rename or a
/// drop appends an entry to the cluster's `_rs_principal_log` in the statement's own transaction
/// (a rollback takes it back), applies its per-database part to the current database at once and
/// marks it applied there (`_rs_principal_applied`); every other database applies the entries it
/// has not seen before its next statement (`pendingSteps`, run by the engine outside transactions).
public enum PrincipalLog {
    static let logTable = "_rs_principal_log"
    static let appliedTable = "_rs_principal_applied"

    /// Idempotent layout: the log in the principals' schema, the mark in the database's (a new
    /// database starts with every entry so far applied: nothing in it names the old principals).
    static func bootstrap(principals: String) -> [SQLiteStatement] {
        [
            SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS \(principals).\(logTable) (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, old TEXT NOT NULL, new TEXT NOT NULL)"),
            SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS main.\(appliedTable) (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL)"),
            SQLiteStatement(sql: "INSERT OR IGNORE INTO main.\(appliedTable) (id, seq) VALUES (1, (SELECT coalesce(max(seq), 0) FROM \(principals).\(logTable)))"),
        ]
    }

    /// The log entry of a change that other databases must follow; nil for the others.
    static func entry(of change: Bound.PrincipalChange) -> (kind: String, old: String, new: String)? {
        switch change {
        case .renameUser(let old, let new): return ("rename user", old, new)
        case .renameGroup(let old, let new): return ("rename group", old, new)
        case .renameRole(let old, let new): return ("rename role", old, new)
        case .dropUser(let name): return ("drop user", name, "")
        case .dropGroup(let name): return ("drop group", name, "")
        case .dropRole(let name): return ("drop role", name, "")
        default: return nil
        }
    }

    private static func change(kind: String, old: String, new: String) -> Bound.PrincipalChange? {
        switch kind {
        case "rename user": return .renameUser(from: old, to: new)
        case "rename group": return .renameGroup(from: old, to: new)
        case "rename role": return .renameRole(from: old, to: new)
        case "drop user": return .dropUser(old)
        case "drop group": return .dropGroup(old)
        case "drop role": return .dropRole(old)
        default: return nil
        }
    }

    /// Appended to the change's own steps: the entry, and the current database's mark when it was
    /// up to date (otherwise its catch-up applies this entry again, which finds nothing left to do).
    static func steps(for change: Bound.PrincipalChange) -> [SQLiteStatement] {
        guard let entry = entry(of: change) else { return [] }
        return [
            SQLiteStatement(sql: "INSERT INTO \(logTable) (kind, old, new) VALUES (?, ?, ?)", arguments: [.text(entry.kind), .text(entry.old), .text(entry.new)]),
            SQLiteStatement(sql: "UPDATE main.\(appliedTable) SET seq = last_insert_rowid() WHERE seq = last_insert_rowid() - 1"),
        ]
    }

    /// The per-database part of a change: its steps on tables other than the principals'. A dropped
    /// user's object privileges go too (r_DROP_USER checks only the current database; elsewhere
    /// Redshift leaves them to the dropped user's id, which no later user gets).
    static func databaseSteps(of change: Bound.PrincipalChange) -> [SQLiteStatement] {
        var steps = SQLiteGenerator.principalChangeSteps(change).filter { step in
            guard let table = changedTable(step.sql) else { return false }
            return !SecurityLayout.principalTables.contains(table)
        }
        if case .dropUser(let name) = change {
            steps.append(SQLiteStatement(sql: "DELETE FROM _rs_privileges WHERE grantee = ? AND grantee_kind = 'user'", arguments: [.text(name)]))
            steps.append(SQLiteStatement(sql: "DELETE FROM _rs_default_privileges WHERE grantee = ? AND grantee_kind = 'user'", arguments: [.text(name)]))
        }
        return steps
    }

    /// The table an UPDATE, DELETE FROM or INSERT … INTO statement changes.
    private static func changedTable(_ sql: String) -> String? {
        let words = sql.split(separator: " ")
        for (index, word) in words.enumerated() where ["UPDATE", "FROM", "INTO"].contains(word) && index + 1 < words.count {
            return String(words[index + 1])
        }
        return nil
    }

    /// What the database behind `executor` has not applied yet, as statements to run in one
    /// transaction (the last one moves the mark); empty when it is up to date or has no log.
    public static func pendingSteps(_ executor: any SQLiteExecutor) -> [SQLiteStatement] {
        guard let rows = try? executor.query(SQLiteStatement(sql: """
            SELECT seq, kind, old, new FROM \(logTable) WHERE seq > (SELECT seq FROM main.\(appliedTable)) ORDER BY seq
            """)), let last = rows.last?.first?.integerValue else { return [] }
        var steps: [SQLiteStatement] = []
        for row in rows {
            guard let change = change(kind: row[1].textValue ?? "", old: row[2].textValue ?? "", new: row[3].textValue ?? "") else { continue }
            steps += databaseSteps(of: change)
        }
        steps.append(SQLiteStatement(sql: "UPDATE main.\(appliedTable) SET seq = ?", arguments: [.integer(last)]))
        return steps
    }
}
