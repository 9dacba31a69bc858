import Testing
import RedshiftSQL

/// `SQLTokens` (API/SQLTokens.swift): the lexer's tokens as a public view, through the public API only.
struct SQLTokensTests {
    @Test func kindsTextAndSpelling() {
        let tokens = SQLTokens("select 'it''s' /* c */ from t where id = $1 and \"Name\" = :p -- x")
        #expect(tokens.map(\.kind) == [
            .word, .string, .comment, .word, .word, .word, .word, .symbol, .positionalParameter, .word,
            .quotedIdentifier, .symbol, .namedParameter, .comment,
        ])
        #expect(tokens[1].text == "it's")
        #expect(tokens.spelling(of: tokens[1]) == "'it''s'")
        #expect(tokens[8].text == "$1")
        #expect(tokens[10].text == "Name")
        #expect(tokens[12].text == "p")
        #expect(tokens.spelling(of: tokens[12]) == ":p")
        #expect(tokens.lexicalError == nil)
        #expect(tokens.allSatisfy { !$0.isMalformed })
    }

    @Test func wordsAreLowerCasedAndOperatorsWhole() {
        let tokens = SQLTokens("SELECT a<=1, b<>2, c!=3, d::int")
        #expect(tokens[0].text == "select")
        #expect(tokens.filter { $0.kind == .symbol }.map(\.text) == ["<=", ",", "<>", ",", "!=", ",", "::"])
        #expect(tokens.leadingWord == "select")
    }

    @Test func rangesAreUTF8Offsets() {
        let sql = "select 'é€' , x"
        let tokens = SQLTokens(sql)
        #expect(tokens.utf8 == Array(sql.utf8))
        #expect(tokens[1].utf8Range == 7..<14)
        #expect(tokens.spelling(of: tokens[1]) == "'é€'")
        #expect(tokens.spelling(of: tokens[3]) == "x")
    }

    @Test func literalsInsideStringsAndCommentsAreNotParameters() {
        let tokens = SQLTokens("select '$1', $$ :a $$ -- $2\n/* :b */")
        #expect(!tokens.contains { $0.kind == .positionalParameter || $0.kind == .namedParameter })
        #expect(tokens[3].text == " :a ")
        #expect(tokens.spelling(of: tokens[3]) == "$$ :a $$")
    }

    @Test(arguments: [
        ("select 'open", SQLTokens.Token.Kind.string),
        ("select \"open", .quotedIdentifier),
        ("select 1 /* open", .comment),
        ("select @", .symbol),
    ])
    func textThatDoesNotLexIsStillTokenized(_ sql: String, _ last: SQLTokens.Token.Kind) {
        let tokens = SQLTokens(sql)
        #expect(tokens.lexicalError != nil)
        #expect(tokens.last?.kind == last)
        #expect(tokens.last?.isMalformed == true)
        #expect(tokens.last?.utf8Range.upperBound == sql.utf8.count)
    }

    @Test func leadingWordSkipsComments() {
        #expect(SQLTokens("/* c */ -- d\n Vacuum t").leadingWord == "vacuum")
        #expect(SQLTokens("(select 1)").leadingWord == nil)
        #expect(SQLTokens("").isEmpty)
    }
}
