/// The lexer's tokens of one statement, for tools that read SQL text without parsing or running it
/// (the replay importers: literal redaction, `$1` detection, statement types). The same lexer as
/// `Translator.parse(_:)` and `SQLFingerprint`, so every tool agrees on what is a literal, a
/// parameter, a comment or a quoted identifier.
///
/// Tolerant like `SQLFingerprint.of(_:)`: lexing never stops. After a lexical error the text that
/// failed is a token of its own (an unterminated literal or comment runs to the end of the input, a
/// stray character is a one-character `.symbol`) and `lexicalError` is set.
///
/// ```swift
/// let tokens = SQLTokens("select 'it''s' /* c */ from t where id = $1")
/// tokens.map(\.kind)   // [.word, .string, .comment, .word, .word, .word, .word, .symbol, .positionalParameter]
/// tokens[1].text       // "it's"
/// tokens.spelling(of: tokens[1])   // "'it''s'"
/// ```
public struct SQLTokens: Sendable, RandomAccessCollection {
    /// One token: its kind, its value and where it is written in the text.
    public struct Token: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            /// A keyword or unquoted identifier; `text` is lower-cased.
            case word
            /// A "double-quoted" identifier; `text` is the name unescaped (case kept).
            case quotedIdentifier
            /// A string literal: `'…'`, `E'…'` or `$$…$$`; `text` is the value unescaped (empty for an
            /// unterminated one). `spelling(of:)` tells the forms apart.
            case string
            /// A numeric literal; `text` as written.
            case number
            /// A `:name` Data API parameter; `text` is the name, without the colon.
            case namedParameter
            /// A `$n` positional parameter (PREPARE); `text` as written (`$1`).
            case positionalParameter
            /// An operator or punctuation (`::`, `<=`, `(`, `,`, …); `text` as written.
            case symbol
            /// A `--` or `/* */` comment; `text` as written.
            case comment
        }

        public let kind: Kind
        public let text: String
        /// Where the token is written: byte offsets into the text's UTF-8 (`Array(sql.utf8)[range]`
        /// is its spelling).
        public let utf8Range: Range<Int>
        /// True for the text the lexer failed on (an unterminated literal, quoted identifier or
        /// comment, a stray character): its `text` is not a value to trust.
        public let isMalformed: Bool
    }

    /// The text as UTF-8 (the tokens' `utf8Range` index it).
    public let utf8: [UInt8]
    /// The tokens in order, comments included; whitespace is not a token.
    public let tokens: [Token]
    /// The first lexical error (the statement would fail to parse with it), if any.
    public let lexicalError: SQLError?

    public init(_ sql: String) {
        let source = Array(sql.unicodeScalars)
        var lexer = Lexer(scalars: source)
        var tokens: [Token] = []
        var firstError: SQLError?
        // Scalar offsets to UTF-8 offsets, walking forward once (tokens come in order).
        var scalar = 0, byte = 0
        func utf8Offset(_ target: Int) -> Int {
            let target = Swift.min(Swift.max(target, 0), source.count)
            while scalar < target { byte += UTF8.width(source[scalar]); scalar += 1 }
            return byte
        }
        while true {
            let (token, error) = lexer.nextRecovering()
            if let error, firstError == nil { firstError = error }
            guard let kind = Self.kind(of: token) else { break }
            let start = utf8Offset(token.position - 1)
            let end = utf8Offset(token.end)
            tokens.append(Token(kind: kind, text: token.text, utf8Range: start..<end, isMalformed: error != nil))
        }
        utf8 = Array(sql.utf8)
        self.tokens = tokens
        lexicalError = firstError
    }

    /// The public kind of a lexer token; nil for the end of input.
    private static func kind(of token: LexerToken) -> Token.Kind? {
        switch token.kind {
        case .end: return nil
        case .word: return .word
        case .quotedIdentifier: return .quotedIdentifier
        case .string: return .string
        case .number: return .number
        case .parameter: return token.text.hasPrefix("$") ? .positionalParameter : .namedParameter
        case .symbol: return .symbol
        case .comment: return .comment
        }
    }

    /// The token as written in the text (`'it''s'` for the string whose `text` is `it's`).
    public func spelling(of token: Token) -> String { String(decoding: utf8[token.utf8Range], as: UTF8.self) }

    /// The highest n of the `$n` parameters (0 when there are none): how many a prepared statement
    /// or an extended-query Parse takes.
    public var highestPositionalParameter: Int {
        tokens.lazy.filter { $0.kind == .positionalParameter }.compactMap { Int($0.text.dropFirst()) }.max() ?? 0
    }

    /// The first word that is not inside a comment, lower-cased (`nil` when the text has none
    /// before its first other token, e.g. `(SELECT 1)`).
    public var leadingWord: String? {
        guard let first = tokens.first(where: { $0.kind != .comment }), first.kind == .word else { return nil }
        return first.text
    }

    public var startIndex: Int { tokens.startIndex }
    public var endIndex: Int { tokens.endIndex }
    public subscript(position: Int) -> Token { tokens[position] }
}

/// The lexer's own token, as `SQLTokens` (whose `Token` is the public view) names it.
private typealias LexerToken = Token
