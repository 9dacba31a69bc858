/// One lexical token of Redshift SQL.
struct Token: Equatable, Sendable {
    /// What the token is.
    enum Kind: Equatable, Sendable {
        /// A bare word: keyword or unquoted identifier; `text` is lower-cased.
        case word
        /// A "double-quoted" identifier; `text` is the unescaped name (not folded yet).
        case quotedIdentifier
        /// A 'string' literal (also E'…' and $$…$$); `text` is the unescaped value.
        case string
        /// A numeric literal; `text` is its spelling.
        case number
        /// A `:name` Data API parameter; `text` is the name.
        case parameter
        /// An operator or punctuation, e.g. `::`, `||`, `<>`, `(`, `,`.
        case symbol
        /// A `--` or `/* */` comment (kept by the lexer, skipped by the parser).
        case comment
        /// End of input.
        case end
    }

    var kind: Kind
    var text: String
    /// 1-based character (Unicode scalar) position of the first character.
    var position: Int
    /// Where the token ends in the source (0-based Unicode scalar offset, exclusive); the parser
    /// slices the token as written from it for error messages (built only then: bulk INSERTs have
    /// millions of tokens).
    var end: Int

    /// True when this is the bare word `word` (compare lower-case).
    func isWord(_ word: String) -> Bool { kind == .word && text == word }
    /// True when this is the symbol `symbol`.
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}
