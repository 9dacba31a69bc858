import RedshiftSQL

/// The WARNINGs PostgreSQL (and so Redshift, whose StatementRunner keeps a second BEGIN a
/// warning, not an error) sends for transaction control that has nothing to do: BEGIN inside a
/// block (25001 `there is already a transaction in progress`), COMMIT or ROLLBACK outside one
/// (25P01 `there is no transaction in progress`).
enum TransactionNotices {
    enum Control: Equatable {
        case begin, end
    }

    private static let heads = ["be", "st", "co", "en", "ro", "ab"].map { Array($0.utf8) }

    /// Whether the statement opens or ends a block (nil for every other statement).
    static func control(of sql: String) -> Control? {
        // Most statements are told apart by their first letters, without lexing them: when the
        // first two bytes are ASCII letters they are the head below, compared without a copy.
        let bytes = sql.utf8.prefix(2).map { $0 | 0x20 }
        if bytes.count == 2, bytes.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }),
           !Self.heads.contains(where: { $0 == bytes }) { return nil }
        let head = sql.drop { $0.isWhitespace }.prefix(2).lowercased()
        guard ["be", "st", "co", "en", "ro", "ab", "--", "/*"].contains(head),
              let word = SQLTokens(sql).leadingWord?.lowercased() else { return nil }
        switch word {
        case "begin", "start": return .begin
        case "commit", "end", "rollback", "abort": return .end
        default: return nil
        }
    }

    /// The warning for `control` run when the session's status was `status`, if any.
    static func warning(_ control: Control, status: BackendMessage.TransactionStatus) -> BackendMessage.Notice? {
        switch (control, status) {
        case (.begin, .inTransaction), (.begin, .failed):
            return .init(severity: "WARNING", code: "25001", message: "there is already a transaction in progress")
        case (.end, .idle):
            return .init(severity: "WARNING", code: "25P01", message: "there is no transaction in progress")
        default:
            return nil
        }
    }
}
