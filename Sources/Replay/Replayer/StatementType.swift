import Foundation

/// The kind of a statement, from its first keyword (comments and opening parentheses skipped), as
/// Redshift Test Drive breaks workloads down. `--read-only` replays only ``isReadOnly`` kinds.
public enum StatementType: String, Codable, Sendable, CaseIterable, Comparable {
    case select = "SELECT", insert = "INSERT", update = "UPDATE", delete = "DELETE", merge = "MERGE"
    case copy = "COPY", unload = "UNLOAD", ddl = "DDL", transaction = "TRANSACTION", utility = "UTILITY"
    case other = "OTHER"

    /// Classifies `sql` by its first keyword (`WITH` counts as SELECT, `SELECT … INTO` as DDL).
    public init(sql: String) {
        let scanner = SQLScanner(sql)
        var words: [String] = []
        for token in scanner.tokens() where token.kind == .word {
            words.append(scanner.text(token).lowercased())
            if words.count == 1 && words[0] != "select" { break }
            if words.count > 1 && words.last == "into" { break }
            if words.count > 64 { break }
        }
        guard let first = words.first else { self = .other; return }
        switch first {
        case "select": self = words.last == "into" && words.count > 1 ? .ddl : .select
        case "with", "values", "show", "explain", "describe": self = .select
        case "insert": self = .insert
        case "update": self = .update
        case "delete": self = .delete
        case "merge": self = .merge
        case "copy": self = .copy
        case "unload": self = .unload
        case "create", "alter", "drop", "truncate", "grant", "revoke", "comment", "rename": self = .ddl
        case "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release": self = .transaction
        case "set", "reset", "analyze", "vacuum", "call", "fetch", "declare", "close", "prepare", "execute",
             "deallocate", "lock", "cancel", "listen", "unlisten": self = .utility
        default: self = .other
        }
    }

    /// Safe to replay under `--read-only`: queries, transaction control and SET/SHOW-like
    /// utility statements that change no data (`SELECT`, `WITH`, `SHOW`, `SET`, `BEGIN`, …).
    public var isReadOnly: Bool {
        switch self {
        case .select, .transaction: return true
        default: return false
        }
    }

    /// `SET`/`RESET`/`FETCH`/… are read-only too; this refines ``isReadOnly`` with the keyword.
    public static func isReadOnly(sql: String) -> Bool {
        let type = StatementType(sql: sql)
        if type.isReadOnly { return true }
        guard type == .utility else { return false }
        let scanner = SQLScanner(sql)
        let first = scanner.tokens().first { $0.kind == .word }.map { scanner.text($0).lowercased() }
        return ["set", "reset", "fetch", "declare", "close"].contains(first ?? "")
    }

    public static func < (lhs: StatementType, rhs: StatementType) -> Bool { lhs.rawValue < rhs.rawValue }
}
