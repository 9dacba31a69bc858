import Foundation
import Testing
@testable import RedshiftSQL

/// `ParsedStatement` (API/ParsedStatement.swift): one lex and parse at submission.
struct ParsedStatementTests {
    @Test func parameterNamesInOrderOfFirstAppearanceWithoutDuplicates() {
        #expect(Translator.parse("select :b, :a, :b + 1, :A").parameterNames == ["b", "a", "A"])
    }

    @Test(arguments: [
        ("select ':a', \":b\", E':c\\'', $$ :d $$ from t", [String]()),
        ("select 1 -- :a\n, 2 /* :b /* nested :c */ */", []),
        ("select x::int, y :: text, '1'::date", []),
        ("select :a::int, :b", ["a", "b"]),
        ("select $1, :p_1$x", ["p_1$x"]),
    ])
    func parameterNamesSkipLiteralsIdentifiersCommentsAndCasts(_ sql: String, _ names: [String]) {
        #expect(Translator.parse(sql).parameterNames == names)
    }

    @Test func parameterNamesAreFoundPastALexicalError() {
        #expect(Translator.parse("select :a, ? , :b").parameterNames == ["a", "b"])
        #expect(Translator.parse("select :a, 'open :b").parameterNames == ["a"])
    }

    @Test func syntaxErrorIsKeptWithPositionAndThrownWhenTranslated() {
        let parsed = Translator.parse("SELECT FROM t")
        #expect(parsed.syntaxError == SQLError(code: "42601", message: "syntax error at or near \"FROM\"", position: 8))
        #expect(parsed.syntaxTree == nil)
        #expect(parsed.statementClass == .query)
        #expect(parsed.fingerprint == "select from t")
        #expect(throws: parsed.syntaxError!) { try Translator().translate(parsed, context: .empty) }
    }

    @Test func lexicalErrorIsKeptAsTheLexerReportsIt() {
        let parsed = Translator.parse("select 'open")
        #expect(parsed.syntaxError?.message == "unterminated quoted string at or near \"'open\"")
        #expect(parsed.syntaxError?.position == 8)
        #expect(parsed.fingerprint == "select ?")
    }

    @Test func errorsMatchTheParserOfText() {
        for sql in ["select 1; select 2", "select (1", "create table t (a int,)", "copy t from 's3://b/k'", "select ?"] {
            var expected: SQLError?
            do { _ = try Parser.parseStatement(sql) } catch { expected = error as? SQLError }
            #expect(Translator.parse(sql).syntaxError == expected, "\(sql)")
        }
    }

    @Test func parsedStatementTranslatesLikeText() throws {
        let parsed = Translator.parse("select 1 as one")
        #expect(parsed.syntaxError == nil)
        #expect(parsed.syntaxTree == "(select ((as 1 one)))")
        let translation = try Translator().translate(parsed, context: .empty)
        #expect(translation.resultColumns.map(\.name) == ["one"])
    }

    @Test func textIsKeptAsSubmitted() {
        let sql = "  SELECT 1 ;  "
        #expect(Translator.parse(sql).text == sql)
    }

    @Test func logTextMasksPasswords() {
        #expect(Translator.parse("CREATE USER u PASSWORD 'Secret1' CREATEDB").logText == "CREATE USER u PASSWORD '***' CREATEDB")
        #expect(Translator.parse("select 'password' from t").logText == "select 'password' from t")
    }

    /// A bulk INSERT is lexed once and parsed once; this guards against accidental quadratic work.
    @Test func bulkInsertParsesInOnePass() {
        let rows = (0..<20_000).map { "(\($0), 'name \($0)', \($0).5)" }.joined(separator: ", ")
        let sql = "insert into t (a, b, c) values " + rows
        let start = Date()
        let parsed = Translator.parse(sql)
        let elapsed = Date().timeIntervalSince(start)
        #expect(parsed.syntaxError == nil)
        #expect(parsed.fingerprint == "insert into t (a, b, c) values (?)")
        #expect(parsed.statementClass == .dml)
        #expect(elapsed < 5, "parse of \(sql.utf8.count) bytes took \(elapsed) s")
    }
}
