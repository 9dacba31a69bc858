import Foundation
import RedshiftSQL

/// The kind of a statement, as Redshift Test Drive breaks workloads down (compare's "by statement
/// type"). `--read-only` replays only read-only statements (``isReadOnly(sql:)``).
///
/// It comes from the SQL front end's classification (`StatementClass(leadingWordsOf:)`, from the
/// lexer's tokens: what WLM routing uses for a statement that does not parse; parsing every recorded
/// statement made `compare` almost twice as slow), refined where Test Drive's breakdown is finer:
/// DML is split by its verb (the first INSERT, UPDATE, DELETE or MERGE outside parentheses, so
/// `WITH … INSERT` is INSERT).
public enum StatementType: String, Codable, Sendable, CaseIterable, Comparable {
    case select = "SELECT", insert = "INSERT", update = "UPDATE", delete = "DELETE", merge = "MERGE"
    case copy = "COPY", unload = "UNLOAD", ddl = "DDL", transaction = "TRANSACTION", utility = "UTILITY"
    /// Text with no statement in it (empty, or only comments).
    case other = "OTHER"

    /// Classifies `sql` (`WITH … SELECT`, `SHOW` and `EXPLAIN` count as SELECT; `SELECT … INTO` and
    /// `CREATE TABLE … AS` as DDL; SET, ANALYZE, VACUUM and anything not recognized as UTILITY).
    public init(sql: String) {
        switch StatementClass(leadingWordsOf: sql) {
        case .query: self = .select
        case .createTableAs, .ddl: self = .ddl
        case .dml: self = Self.verb(of: SQLTokens(sql))
        case .copy: self = .copy
        case .unload: self = .unload
        case .transaction: self = .transaction
        case .maintenance, .setting, .utility:
            self = SQLTokens(sql).allSatisfy { $0.kind == .comment } ? .other : .utility
        }
    }

    /// The verb of a DML statement: its first INSERT, UPDATE, DELETE or MERGE outside parentheses.
    private static func verb(of tokens: SQLTokens) -> StatementType {
        var depth = 0
        for token in tokens {
            switch token.kind {
            case .symbol where token.text == "(": depth += 1
            case .symbol where token.text == ")": depth -= 1
            case .word where depth <= 0:
                switch token.text {
                case "insert": return .insert
                case "update": return .update
                case "delete": return .delete
                case "merge": return .merge
                default: continue
                }
            default: continue
            }
        }
        return .insert
    }

    /// Queries and transaction control.
    public var isReadOnly: Bool {
        switch self {
        case .select, .transaction: return true
        default: return false
        }
    }

    /// Safe to replay under `--read-only`: queries (`SELECT`, `WITH … SELECT`, `SHOW`, `EXPLAIN`),
    /// transaction control, `SET`/`RESET`, and the cursor and savepoint statements that change no
    /// data (`DECLARE`, `FETCH`, `CLOSE`, `SAVEPOINT`, `RELEASE`).
    public static func isReadOnly(sql: String) -> Bool {
        switch StatementClass(leadingWordsOf: sql) {
        case .query, .transaction, .setting: return true
        case .utility: return readOnlyUtilities.contains(SQLTokens(sql).leadingWord ?? "")
        default: return false
        }
    }

    private static let readOnlyUtilities: Set<String> = ["fetch", "declare", "close", "savepoint", "release"]

    public static func < (lhs: StatementType, rhs: StatementType) -> Bool { lhs.rawValue < rhs.rawValue }
}
