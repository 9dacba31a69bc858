/// The text of a statement as logs and system tables show it: secrets replaced by `'***'`.
///
/// - `CREATE USER` / `ALTER USER`: the string after `PASSWORD` (clear text, md5 or sha256 hash).
/// - `COPY` / `UNLOAD`: the strings after `CREDENTIALS [AS]`, `ACCESS_KEY_ID`, `SECRET_ACCESS_KEY`,
///   `SESSION_TOKEN` and `MASTER_SYMMETRIC_KEY`.
///
/// - Divergence: Redshift's documentation (STL_QUERYTEXT, SVL_STATEMENTTEXT, the user activity log)
///   does not say how it hides these values; the emulator's choice is to keep the keyword and the
///   quotes and replace the value by `***`, so `PASSWORD 'Secret1'` logs as `PASSWORD '***'`.
///   Everything else stays exactly as submitted.
enum LogText {
    static let mask = "'***'"

    /// `sql` with its secrets masked; `sql` itself when it has none.
    static func masking(_ sql: String, lexed: LexedStatement) -> String {
        let tokens = lexed.tokens
        guard let first = tokens.first, first.kind == .word else { return sql }
        let keywords: Set<String>
        switch first.text {
        case "create", "alter": keywords = ["password"]
        case "copy", "unload": keywords = ["credentials", "access_key_id", "secret_access_key", "session_token", "master_symmetric_key"]
        default: return sql
        }
        var secrets: [Token] = []
        for (i, token) in tokens.enumerated() where token.kind == .word && keywords.contains(token.text) {
            var next = i + 1
            if token.text != "password", tokens[next].isWord("as") { next += 1 }   // CREDENTIALS AS, ACCESS_KEY_ID AS …
            if tokens[next].kind == .string { secrets.append(tokens[next]) }
        }
        guard !secrets.isEmpty else { return sql }
        var text = String.UnicodeScalarView()
        var copied = 0
        for secret in secrets {
            let start = secret.position - 1
            text.append(contentsOf: lexed.source[copied..<start])
            text.append(contentsOf: mask.unicodeScalars)
            copied = min(secret.end, lexed.source.count)
        }
        text.append(contentsOf: lexed.source[copied...])
        return String(text)
    }
}
