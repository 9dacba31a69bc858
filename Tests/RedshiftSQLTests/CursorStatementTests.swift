import Testing
@testable import RedshiftSQL

/// DECLARE / FETCH / CLOSE (Developer Guide › DECLARE, › FETCH, › CLOSE) as parsed and translated.
@Suite struct CursorStatementTests {
    @Test(arguments: [
        ("declare c cursor for select 1", "(declare-cursor c"),
        // psycopg2's named cursors: DECLARE "name" CURSOR WITHOUT HOLD FOR …
        (#"DECLARE "Big" CURSOR WITHOUT HOLD FOR select 1"#, "(declare-cursor big"),
        ("declare c no scroll cursor for select 1", "(declare-cursor c"),
        ("fetch next from c", "(fetch c 1)"),
        ("fetch from c", "(fetch c 1)"),
        ("fetch c", "(fetch c 1)"),
        ("fetch all from c", "(fetch c all)"),
        ("fetch forward all from c", "(fetch c all)"),
        (#"FETCH FORWARD 2000 FROM "c""#, "(fetch c 2000)"),
        ("fetch forward 0 in c", "(fetch c 0)"),
        ("fetch 5 from c", "(fetch c 5)"),
        ("close c", "(close-cursor c)"),
    ])
    func parses(_ sql: String, _ tree: String) throws {
        let parsed = Translator.parse(sql)
        #expect(parsed.syntaxError == nil)
        #expect(parsed.syntaxTree?.hasPrefix(tree) == true, "\(parsed.syntaxTree ?? "nil")")
        #expect(parsed.statementClass == .utility)
    }

    @Test(arguments: [
        "declare c cursor with hold for select 1",
        "declare c scroll cursor for select 1",
        "declare c binary cursor for select 1",
        "fetch backward 1 from c",
        "fetch prior from c",
        "fetch -1 from c",
    ])
    func whatRedshiftCannotDoIsNotSupported(_ sql: String) {
        #expect(Translator.parse(sql).syntaxError?.code == "0A000")
    }

    @Test func declareNeedsAQuery() {
        #expect(Translator.parse("declare c cursor for insert into t values (1)").syntaxError?.code == "42601")
        #expect(Translator.parse("declare c cursor select 1").syntaxError?.code == "42601")
    }

    @Test func translationKinds() throws {
        let db = try TestDatabase()
        let declare = try db.translate("declare c cursor for select 1 as a")
        #expect(declare.kind == .declareCursor(name: "c"))
        #expect(declare.resultColumns.map(\.name) == ["a"])
        #expect(try db.translate("fetch forward 3 from c").kind == .fetchCursor(name: "c", count: 3))
        #expect(try db.translate("fetch all from c").kind == .fetchCursor(name: "c", count: nil))
        #expect(try db.translate("close c").kind == .closeCursor(name: "c"))
    }
}

extension CursorStatementTests {
    @Test func fetchNamesItsCursor() {
        #expect(Translator.parse(#"FETCH FORWARD 10 FROM "Big""#).fetchedCursor == "big")
        #expect(Translator.parse("close c").fetchedCursor == nil)
        #expect(Translator.parse("select 1").fetchedCursor == nil)
    }
}
