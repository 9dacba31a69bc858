/// Turns Redshift SQL text into tokens; comments are kept as `.comment` tokens.
///
/// - Redshift: Names and identifiers (r_names), Literals (r_Literals). Backslash escapes inside
///   ordinary string literals follow the PostgreSQL 8 heritage (`'\\'` is one backslash).
struct Lexer {
    private let chars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { chars = Array(text.unicodeScalars) }
    init(scalars: [Unicode.Scalar]) { chars = scalars }

    /// Lexes the whole input; the last token is always `.end`.
    static func tokenize(_ text: String) throws -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < chars.count ? chars[index + offset] : nil
    }

    /// The text from `start` to the current position (see `text(_:lowercased:)`).
    private func raw(from start: Int, lowercased: Bool = false) -> String { text(start..<index, lowercased: lowercased) }

    /// The scalars in `range`, encoded straight to UTF-8 (ASCII letters folded to lower case when
    /// `lowercased`; other letters through `String.lowercased()`): bulk INSERTs make millions of tokens.
    private func text(_ range: Range<Int>, lowercased: Bool = false) -> String {
        chars.withUnsafeBufferPointer { all in
            let slice = UnsafeBufferPointer(rebasing: all[range])
            var count = 0, ascii = true
            for c in slice { count += UTF8.width(c); if c.value >= 128 { ascii = false } }
            let text = String(unsafeUninitializedCapacity: count) { buffer in
                var i = 0
                for c in slice {
                    if c.value < 128 {
                        var b = UInt8(truncatingIfNeeded: c.value)
                        if lowercased, b >= 65, b <= 90 { b += 32 }
                        buffer[i] = b
                        i += 1
                    } else {
                        for b in UTF8.encode(c)! { buffer[i] = b; i += 1 }
                    }
                }
                return i
            }
            return lowercased && !ascii ? text.lowercased() : text
        }
    }

    static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c.value >= 128
    }
    static func isIdentifierPart(_ c: Unicode.Scalar) -> Bool {
        isIdentifierStart(c) || ("0"..."9").contains(c) || c == "$"
    }
    private static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }

    /// The next token (skips whitespace only).
    mutating func next() throws -> Token {
        skipWhitespace()
        return try lexToken()
    }

    /// The next token, never failing: after a lexical error the text that failed becomes a token of
    /// its own (an unterminated literal or comment runs to the end of input, a stray character is a
    /// one-character symbol) and the error is returned beside it.
    mutating func nextRecovering() -> (token: Token, error: SQLError?) {
        skipWhitespace()
        let start = index
        do {
            return (try lexToken(), nil)
        } catch {
            let sqlError = error as? SQLError ?? SQLError(code: "42601", message: "\(error)", position: start + 1)
            if index <= start { index = start + 1 }
            index = min(index, chars.count)
            let kind: Token.Kind
            switch chars[start] {
            case "'": kind = .string
            case "E" where peekAt(start + 1) == "'", "e" where peekAt(start + 1) == "'": kind = .string
            case "$" where peekAt(start + 1) == "$": kind = .string
            case "\"": kind = .quotedIdentifier
            case "/" where peekAt(start + 1) == "*": kind = .comment
            default: kind = .symbol
            }
            let text = kind == .string ? "" : raw(from: start)
            return (Token(kind: kind, text: text, position: start + 1, end: index), sqlError)
        }
    }

    private func peekAt(_ offset: Int) -> Unicode.Scalar? { offset < chars.count ? chars[offset] : nil }

    private mutating func skipWhitespace() {
        while let c = peek(), c.value < 128 ? (c == " " || c == "\n" || c == "\t" || c == "\r" || c.value == 11 || c.value == 12) : c.properties.isWhitespace { index += 1 }
    }

    /// The token at the current position (whitespace already skipped).
    private mutating func lexToken() throws -> Token {
        let start = index
        let position = start + 1
        guard let c = peek() else { return Token(kind: .end, text: "", position: position, end: index) }
        func token(_ kind: Token.Kind, _ text: String) -> Token {
            Token(kind: kind, text: text, position: position, end: index)
        }
        // Comments.
        if c == "-", peek(1) == "-" {
            while let d = peek(), d != "\n" { index += 1 }
            return token(.comment, raw(from: start))
        }
        if c == "/", peek(1) == "*" {
            index += 2
            var depth = 1
            while depth > 0 {
                guard let d = peek() else {
                    throw SQLError(code: "42601", message: "unterminated /* comment at or near \"\(raw(from: start).prefix(20))\"", position: position)
                }
                if d == "*", peek(1) == "/" { depth -= 1; index += 2 } else if d == "/", peek(1) == "*" { depth += 1; index += 2 } else { index += 1 }
            }
            return token(.comment, raw(from: start))
        }
        // Strings.
        if c == "'" || ((c == "E" || c == "e") && peek(1) == "'") {
            if c != "'" { index += 1 }
            return token(.string, try readString(position: position))
        }
        if c == "$", peek(1) == "$" {
            index += 2
            let bodyStart = index
            while true {
                guard let d = peek() else { throw SQLError(code: "42601", message: "unterminated dollar-quoted string at or near \"$$\"", position: position) }
                if d == "$", peek(1) == "$" { break }
                index += 1
            }
            let body = text(bodyStart..<index)
            index += 2
            return token(.string, body)
        }
        // Quoted identifiers.
        if c == "\"" {
            index += 1
            var value = String.UnicodeScalarView()
            while true {
                guard let d = peek() else { throw SQLError(code: "42601", message: "unterminated quoted identifier at or near \"\(raw(from: start).prefix(20))\"", position: position) }
                index += 1
                if d == "\"" {
                    if peek() == "\"" { value.append("\""); index += 1; continue }
                    break
                }
                value.append(d)
            }
            if value.isEmpty { throw SQLError(code: "42601", message: "zero-length delimited identifier at or near \"\"\"\"", position: position) }
            return token(.quotedIdentifier, String(value))
        }
        // Numbers.
        if Self.isDigit(c) || (c == "." && Self.isDigit(peek(1))) {
            while Self.isDigit(peek()) { index += 1 }
            if peek() == ".", peek(1) != "." {
                index += 1
                while Self.isDigit(peek()) { index += 1 }
            }
            if let e = peek(), e == "e" || e == "E" {
                let save = index
                index += 1
                if peek() == "+" || peek() == "-" { index += 1 }
                if Self.isDigit(peek()) { while Self.isDigit(peek()) { index += 1 } } else { index = save }
            }
            return token(.number, raw(from: start))
        }
        // Words, including #temp table names.
        if Self.isIdentifierStart(c) || (c == "#" && peek(1).map(Self.isIdentifierStart) == true) {
            index += 1
            while let d = peek(), Self.isIdentifierPart(d) { index += 1 }
            return token(.word, raw(from: start, lowercased: true))
        }
        // Parameters: `:name` (Data API) and `$n` (PREPARE).
        if c == "$", Self.isDigit(peek(1)) {
            index += 1
            while Self.isDigit(peek()) { index += 1 }
            return token(.parameter, raw(from: start))
        }
        if c == ":", peek(1) != ":", let d = peek(1), Self.isIdentifierStart(d) {
            index += 1
            while let d = peek(), Self.isIdentifierPart(d) { index += 1 }
            return token(.parameter, String(raw(from: start).dropFirst()))
        }
        // Operators and punctuation, longest match first.
        let next = peek(1)
        var length = 0
        switch c {
        case ":": length = next == ":" ? 2 : 1
        case "|": length = next == "|" ? 2 : 1
        case "<": length = next == ">" || next == "=" ? 2 : 1
        case ">": length = next == "=" ? 2 : 1
        case "!": length = next == "=" || next == "~" ? 2 : 0
        case "(": length = next == "+" && peek(2) == ")" ? 3 : 1
        case ")", ",", ".", ";", "=", "+", "-", "*", "/", "%", "[", "]", "~", "^", "&", "#": length = 1
        default: length = 0
        }
        if length > 0 {
            index += length
            return token(.symbol, raw(from: start))
        }
        index += 1
        throw SQLError.syntax(near: String(c), at: position)
    }

    private mutating func readString(position: Int) throws -> String {
        index += 1  // opening quote
        // Fast path: no escapes before the closing quote.
        var scan = index
        while scan < chars.count, chars[scan] != "'", chars[scan] != "\\" { scan += 1 }
        if scan < chars.count, chars[scan] == "'", scan + 1 >= chars.count || chars[scan + 1] != "'" {
            let value = text(index..<scan)
            index = scan + 1
            return value
        }
        var value = String.UnicodeScalarView()
        while true {
            guard let d = peek() else {
                throw SQLError(code: "42601", message: "unterminated quoted string at or near \"\(String(String.UnicodeScalarView(chars[(position - 1)...].prefix(20))))\"", position: position)
            }
            index += 1
            if d == "'" {
                if peek() == "'" { value.append("'"); index += 1; continue }
                // Adjacent literals separated by a newline concatenate (SQL standard).
                return String(value)
            }
            if d == "\\", let e = peek() {
                index += 1
                switch e {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "b": value.append("\u{8}")
                case "f": value.append("\u{c}")
                default: value.append(e)
                }
                continue
            }
            value.append(d)
        }
    }
}
