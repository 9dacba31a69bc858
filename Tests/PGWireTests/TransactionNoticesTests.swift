import Testing
import RedshiftSQL
@testable import PGWire

/// WARNINGs for transaction control with nothing to do (PostgreSQL's 25001 and 25P01).
@Suite struct TransactionNoticesTests {
    @Test func controlStatements() {
        #expect(TransactionNotices.control(of: "BEGIN") == .begin)
        #expect(TransactionNotices.control(of: "  start transaction") == .begin)
        #expect(TransactionNotices.control(of: "/* c */ commit") == .end)
        #expect(TransactionNotices.control(of: "end") == .end)
        #expect(TransactionNotices.control(of: "select 1") == nil)
        #expect(TransactionNotices.control(of: "create table begin_x (a int)") == nil)
        // The first-byte shortcut: upper and lower case, and what it must not rule out.
        #expect(TransactionNotices.control(of: "ROLLBACK") == .end)
        #expect(TransactionNotices.control(of: "Abort") == .end)
        #expect(TransactionNotices.control(of: "\tbegin") == .begin)
        #expect(TransactionNotices.control(of: "Start Transaction") == .begin)
        #expect(TransactionNotices.control(of: "SELECT 1") == nil)
        #expect(TransactionNotices.control(of: "update t set a = 1") == nil)
        #expect(TransactionNotices.control(of: "(select 1)") == nil)
        #expect(TransactionNotices.control(of: "") == nil)
    }

    @Test func warnings() {
        #expect(TransactionNotices.warning(.begin, status: .inTransaction)?.code == "25001")
        #expect(TransactionNotices.warning(.end, status: .idle)?.code == "25P01")
        #expect(TransactionNotices.warning(.begin, status: .idle) == nil)
        #expect(TransactionNotices.warning(.end, status: .inTransaction) == nil)
    }
}

/// A connection's parses by text are the parses `Translator.parse` makes.
@Suite struct ParsedStatementCacheTests {
    @Test func aCachedParseIsTheParseOfTheText() {
        let cache = ParsedStatementCache()
        for text in ["select 1", "select 2", "select 1", "selec 1", "select 1"] {
            let parsed = cache.parse(text)
            #expect(parsed.text == text)
            #expect(parsed.syntaxTree == Translator.parse(text).syntaxTree)
            #expect(parsed.syntaxError?.message == Translator.parse(text).syntaxError?.message)
        }
        for index in 0..<(ParsedStatementCache.capacity + 10) { _ = cache.parse("select \(index)") }
        #expect(cache.parse("select 1").text == "select 1")
    }

    @Test func cachedTagWordsGiveTheTagOfTheText() {
        let cache = ParsedStatementCache()
        for text in ["select 1", "/* c */ insert into t values (1)", "select 1", "with x as (select 1) delete from t"] {
            let parsed = cache.parse(text)
            #expect(CommandTag.of(parsed, rows: 3, words: cache.commandWords(of: text)) == CommandTag.of(parsed, rows: 3))
        }
        #expect(CommandTag.of(cache.parse("select 1"), rows: 1, words: cache.commandWords(of: "select 1")) == "SELECT 1")
    }
}
