/// What a statement does, known when it is submitted (before it runs): WLM routing and the
/// system tables' statement types read it.
///
/// It comes from the parse tree, or, for a statement that does not parse (it fails when it runs,
/// and COPY and UNLOAD, which the parser does not take), from its leading words.
public enum StatementClass: Sendable, Equatable {
    /// Reads only: SELECT, VALUES, WITH … SELECT, SHOW, EXPLAIN (which does not run its statement).
    case query
    /// Creates a table from a query: CREATE TABLE … AS, SELECT … INTO.
    case createTableAs
    /// INSERT, UPDATE, DELETE, MERGE (also WITH … INSERT and friends).
    case dml
    /// CREATE, ALTER, DROP, TRUNCATE, COMMENT, REFRESH MATERIALIZED VIEW; users, groups, roles,
    /// GRANT and REVOKE, RLS and masking policies.
    case ddl
    /// COPY.
    case copy
    /// UNLOAD.
    case unload
    /// ANALYZE and VACUUM.
    case maintenance
    /// BEGIN, START TRANSACTION, COMMIT, END, ROLLBACK, ABORT.
    case transaction
    /// SET and RESET.
    case setting
    /// PREPARE, EXECUTE, DEALLOCATE, LOCK and anything not recognized.
    case utility

    /// True for statements that only read (`.query`).
    public var isReadOnly: Bool { self == .query }
}
