import Testing
@testable import RedshiftSQL

struct LexerTests {
    struct Case: CustomStringConvertible, Sendable {
        let sql: String
        let tokens: [String]
        var description: String { sql }
    }

    static let cases: [Case] = [
        Case(sql: "SELECT a FROM t", tokens: ["w:select", "w:a", "w:from", "w:t"]),
        Case(sql: "select 'it''s'", tokens: ["w:select", "s:it's"]),
        Case(sql: "\"MixedCase\".x", tokens: ["q:MixedCase", "y:.", "w:x"]),
        Case(sql: "a::int || b <> c != d <= e >= f", tokens: ["w:a", "y:::", "w:int", "y:||", "w:b", "y:<>", "w:c", "y:!=", "w:d", "y:<=", "w:e", "y:>=", "w:f"]),
        Case(sql: "x = :id and y = :Name_2", tokens: ["w:x", "y:=", "p:id", "w:and", "w:y", "y:=", "p:Name_2"]),
        Case(sql: "1 1.5 .5 1e10 2.5E-3", tokens: ["n:1", "n:1.5", "n:.5", "n:1e10", "n:2.5E-3"]),
        Case(sql: "a -- comment\n/* block /* nested */ */ b", tokens: ["w:a", "c:-- comment", "c:/* block /* nested */ */", "w:b"]),
        Case(sql: "#temp", tokens: ["w:#temp"]),
        Case(sql: "'a\\\\b'", tokens: ["s:a\\b"]),
        Case(sql: "$$body$$", tokens: ["s:body"]),
    ]

    @Test(arguments: cases)
    func tokens(_ c: Case) throws {
        let tokens = try Lexer.tokenize(c.sql).dropLast().map { token -> String in
            let prefix: String
            switch token.kind {
            case .word: prefix = "w"
            case .quotedIdentifier: prefix = "q"
            case .string: prefix = "s"
            case .number: prefix = "n"
            case .parameter: prefix = "p"
            case .symbol: prefix = "y"
            case .comment: prefix = "c"
            case .end: prefix = "e"
            }
            return "\(prefix):\(token.text)"
        }
        #expect(tokens == c.tokens)
    }

    @Test func positionsAreOneBased() throws {
        let tokens = try Lexer.tokenize("select  x")
        #expect(tokens.map(\.position) == [1, 9, 10])
    }

    @Test(arguments: ["'unterminated", "\"open", "/* never closed", "select ?"])
    func lexErrorsAreSQLErrors(_ sql: String) {
        #expect(throws: SQLError.self) { try Lexer.tokenize(sql) }
    }

    @Test func parameterNamesSkipLiteralsCommentsAndCasts() {
        let sql = "select :a, ':b', \":c\", x::int, :a -- :d\n, /* :e */ :f_1"
        #expect(Translator.parse(sql).parameterNames == ["a", "f_1"])
    }

    @Test func splitStatementsRespectsLiteralsAndComments() {
        let script = "create table t (a int); insert into t values (1); -- done; really\n select ';' ; ;"
        #expect(Translator.splitStatements(script) == ["create table t (a int)", "insert into t values (1)", "-- done; really\n select ';'"])
    }

    /// A plain single statement skips the lexer; it must split exactly as the lexer does.
    @Test func singleStatementsSplitAsTheLexerSplitsThem() {
        #expect(Translator.splitStatements("select 1;") == ["select 1"])
        #expect(Translator.splitStatements("  select 1 \n ; \t") == ["select 1"])
        #expect(Translator.splitStatements("select 1") == ["select 1"])
        #expect(Translator.splitStatements(" \n\t ") == [])
        #expect(Translator.splitStatements(";") == [])
        #expect(Translator.splitStatements("select 1; select 2") == ["select 1", "select 2"])
        #expect(Translator.splitStatements("select 1;;") == ["select 1"])
        #expect(Translator.splitStatements("select 'a;b';") == ["select 'a;b'"])
        #expect(Translator.splitStatements("select 1 -- x;\n;") == ["select 1 -- x;"])
        #expect(Translator.splitStatements("select 'é';") == ["select 'é'"])
    }
}
