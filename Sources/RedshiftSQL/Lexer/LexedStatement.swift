/// One pass of the lexer over a statement: the tokens the parser consumes, plus what the engine
/// needs before parsing, gathered from the same tokens (parameter names and fingerprint).
///
/// Lexing never stops at an error: the first one is kept (the statement fails with it when it
/// runs) and the rest of the text is still lexed, so that parameters and the fingerprint cover it.
struct LexedStatement: Sendable {
    /// The text as Unicode scalars (token positions index it; the parser slices it).
    let source: [Unicode.Scalar]
    /// The tokens without comments; the last one is `.end`.
    private(set) var tokens: [Token] = []
    /// The first lexical error, if any.
    private(set) var error: SQLError?
    /// `:name` parameters in order of first appearance, without duplicates (not `$n`).
    private(set) var parameterNames: [String] = []
    /// See `SQLFingerprint`.
    private(set) var fingerprint = ""

    init(_ sql: String) {
        source = Array(sql.unicodeScalars)
        var lexer = Lexer(scalars: source)
        var digest = FingerprintBuilder()
        var seen = Set<String>()
        tokens.reserveCapacity(source.count / 4 + 1)
        while true {
            let (token, error) = lexer.nextRecovering()
            if let error, self.error == nil { self.error = error }
            digest.add(token, source: source)
            switch token.kind {
            case .comment: continue
            case .parameter where !token.text.hasPrefix("$"):
                if seen.insert(token.text).inserted { parameterNames.append(token.text) }
            default: break
            }
            tokens.append(token)
            if token.kind == .end { break }
        }
        fingerprint = digest.finish()
    }
}
