import Foundation

/// Recursive-descent parser: tokens → `AST.Statement`.
///
/// Split by grammar area (`Parser+Expression`, `+Select`, `+DDL`, `+DML`, `+Utility`, `+Types`).
/// Every error names the offending token: `syntax error at or near "FROM"` with its position.
struct Parser {
    var tokens: [Token]
    var index = 0
    /// Nesting depth of expressions and queries, bounded so hostile input cannot exhaust the stack.
    var depth = 0
    static let maximumDepth = 400
    /// The source as Unicode scalars, for slicing raw text (view definitions).
    let source: [Unicode.Scalar]

    init(_ sql: String) throws {
        tokens = try Lexer.tokenize(sql).filter { $0.kind != .comment }
        source = Array(sql.unicodeScalars)
    }

    /// A parser over tokens lexed already (no comments; the last one is `.end`).
    init(tokens: [Token], source: [Unicode.Scalar]) {
        self.tokens = tokens
        self.source = source
    }

    /// Parses exactly one statement (a trailing ";" is fine).
    static func parseStatement(_ sql: String) throws -> AST.Statement {
        var parser = try Parser(sql)
        return try parser.parseOnlyStatement()
    }

    /// Parses the tokens as exactly one statement (a trailing ";" is fine).
    mutating func parseOnlyStatement() throws -> AST.Statement {
        while consumeSymbol(";") {}
        if current.kind == .end { throw SQLError.syntaxAtEnd(current.position) }
        let statement = try parseStatement()
        guard consumeSymbol(";") || current.kind == .end else { throw unexpected() }
        while consumeSymbol(";") {}
        if current.kind != .end {
            throw SQLError(code: "42601", message: "cannot execute multiple statements in one request; found another statement at or near \"\(raw(current))\"", position: current.position)
        }
        return statement
    }

    /// Enters one level of nesting; throws PostgreSQL's `stack depth limit exceeded` past the bound.
    mutating func enter() throws {
        depth += 1
        if depth > Self.maximumDepth {
            throw SQLError(code: "54001", message: "stack depth limit exceeded", position: current.position)
        }
    }

    // MARK: Cursor

    var current: Token { tokens[index] }
    func peek(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// The error for the current token.
    func unexpected() -> SQLError {
        current.kind == .end ? .syntaxAtEnd(current.position) : .syntax(near: raw(current), at: current.position)
    }

    /// A token exactly as written.
    func raw(_ token: Token) -> String {
        let start = min(max(token.position - 1, 0), source.count), end = min(max(token.end, start), source.count)
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: source[start..<end])
        return String(scalars)
    }

    func isWord(_ word: String) -> Bool { current.isWord(word) }
    func isSymbol(_ symbol: String) -> Bool { current.isSymbol(symbol) }

    @discardableResult
    mutating func consumeWord(_ word: String) -> Bool {
        guard isWord(word) else { return false }
        index += 1
        return true
    }

    /// Consumes a sequence of words only if all are present.
    mutating func consumeWords(_ words: String...) -> Bool {
        for (offset, word) in words.enumerated() where !peek(offset).isWord(word) { return false }
        index += words.count
        return true
    }

    @discardableResult
    mutating func consumeSymbol(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        index += 1
        return true
    }

    mutating func expectWord(_ word: String) throws {
        guard consumeWord(word) else { throw unexpected() }
    }

    mutating func expectSymbol(_ symbol: String) throws {
        guard consumeSymbol(symbol) else { throw unexpected() }
    }

    /// An identifier: a non-reserved word or a quoted identifier, folded to lower case.
    ///
    /// - Redshift: quoted identifiers are lower-cased too unless enable_case_sensitive_identifier is on (r_names).
    mutating func parseIdentifier(allowReserved: Bool = false) throws -> String {
        let token = current
        switch token.kind {
        case .word where allowReserved || !Keyword.reserved.contains(token.text):
            index += 1
            return token.text
        case .quotedIdentifier:
            index += 1
            return token.text.lowercased()
        default:
            throw unexpected()
        }
    }

    /// True when the current token can start an identifier.
    var atIdentifier: Bool {
        (current.kind == .word && !Keyword.reserved.contains(current.text)) || current.kind == .quotedIdentifier
    }

    /// `a`, `a.b` or `a.b.c`.
    mutating func parseName() throws -> AST.Name {
        let position = current.position
        var parts = [try parseIdentifier()]
        while isSymbol("."), peek().kind == .word || peek().kind == .quotedIdentifier {
            index += 1
            parts.append(try parseIdentifier(allowReserved: true))
        }
        return AST.Name(parts: parts, position: position)
    }

    /// Comma-separated list until `parseOne` stops.
    mutating func parseList<T>(_ parseOne: (inout Parser) throws -> T) throws -> [T] {
        var items = [try parseOne(&self)]
        while consumeSymbol(",") { items.append(try parseOne(&self)) }
        return items
    }

    /// `( ident, … )`.
    mutating func parseIdentifierList() throws -> [String] {
        try expectSymbol("(")
        let names = try parseList { try $0.parseIdentifier() }
        try expectSymbol(")")
        return names
    }

    /// Raw source text from a 1-based position up to (not including) the current token.
    func text(from position: Int) -> String {
        let end = current.kind == .end ? source.count : current.position - 1
        guard position - 1 < end else { return "" }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: source[(position - 1)..<end])
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Statements

    mutating func parseStatement() throws -> AST.Statement {
        let token = current
        guard token.kind == .word || token.isSymbol("(") else { throw unexpected() }
        if let procedure = try parseProcedureStatement() { return .procedure(procedure) }
        if let security = try parseSecurityStatement() { return .security(security) }
        switch token.text {
        case "select", "with", "(": return try parseQueryStatement()
        case "insert": return try parseInsert()
        case "update": return try parseUpdate()
        case "delete": return try parseDelete()
        case "merge": return try parseMerge()
        case "create": return try parseCreate()
        case "drop": return try parseDrop()
        case "truncate": return try parseTruncate()
        case "alter": return try parseAlter()
        case "begin", "start", "commit", "end", "rollback", "abort": return try parseTransaction()
        case "set": return try parseSet()
        case "reset": return try parseReset()
        case "show": return try parseShow()
        case "explain":
            index += 1
            _ = consumeWord("verbose")
            return .explain(try parseStatement())
        case "refresh": return try parseRefresh()
        case "prepare": return try parsePrepare()
        case "execute": return try parseExecute()
        case "deallocate": return try parseDeallocate()
        case "declare", "fetch", "close": return .cursor(try parseCursorStatement())
        case "unload": return try parseUnload()
        case "copy": return try parseCopy()
        case "analyze", "analyse", "vacuum", "lock", "comment":
            // Accepted and ignored: no storage-level effect in the emulator.
            index += 1
            while current.kind != .end && !isSymbol(";") { index += 1 }
            return .noOp(token.text)
        default:
            if token.kind == .word, ["call", "cancel"].contains(token.text) {
                throw SQLError.unsupported(token.text.uppercased(), at: token.position)
            }
            throw unexpected()
        }
    }
}
