import Testing
@testable import RedshiftSQL

/// `SQLFingerprint` (API/SQLFingerprint.swift) and the builder behind it (Lexer/FingerprintBuilder.swift).
struct SQLFingerprintTests {
    @Test(arguments: [
        ("select 1", "SELECT  2 -- x"),
        ("select * from t where id = 42 and s = 'x'", "SELECT *\nFROM T WHERE ID = 7 AND S = E'y\\'z'"),
        ("select a from t /* one */", "select /* two */ a from t;"),
        ("select * from t where id in (1, 2, 3)", "select * from t where id in (4)"),
        ("insert into t values (1, 'a'), (2, 'b')", "insert into t values (3,'c')"),
        ("select 1.5e3, $$body$$", "select 2, 'x'"),
        ("select x from t", "\n\tselect   x\r\nfrom t ;; "),
    ])
    func sameShape(_ a: String, _ b: String) {
        #expect(SQLFingerprint.of(a) == SQLFingerprint.of(b))
    }

    @Test(arguments: [
        ("select 'a'", "select 1 + 1"),
        ("select (a), (a)", "select (a)"),
        ("select a from t", "select b from t"),
        ("select \"A\" from t", "select \"a\" from t"),
        ("select :a", "select :b"),
        ("select * from t where x in (1, y)", "select * from t where x in (1)"),
    ])
    func differentShape(_ a: String, _ b: String) {
        #expect(SQLFingerprint.of(a) != SQLFingerprint.of(b))
    }

    @Test(arguments: [
        ("SELECT  *\nFROM t WHERE id = 42 AND name = 'x''y' -- c\n;", "select * from t where id = ? and name = ?"),
        ("select \"MixedCase\", :Param, $1 from T", "select \"MixedCase\", :Param, $1 from t"),
        ("insert into t values (1,'a'), (2,'b'), (x, 3)", "insert into t values (?), (x, ?)"),
        ("select f((1, 2), (3, 4))", "select f((?), (?))"),
        ("insert into t values (1, :p, now()), (2, :p, now()), (3, :q, now())", "insert into t values (?, :p, now()), (?, :q, now())"),
        ("select (a), (a) from t", "select (a), (a) from t"),
        ("select count(*) from t", "select count(*) from t"),
        ("/* lead */ select 1", "select ?"),
        ("select x::int, -1", "select x::int, -?"),
    ])
    func normalizedText(_ sql: String, _ fingerprint: String) {
        #expect(SQLFingerprint.of(sql) == fingerprint)
    }

    @Test(arguments: [
        ("select 'open", "select ?"),
        ("select \"open", "select \"open"),
        ("select 1 /* open", "select ?"),
        ("select ? from t", "select ? from t"),
        ("select `x` @ 1", "select `x` @ ?"),
        ("", ""),
    ])
    func toleratesTextThatDoesNotLex(_ sql: String, _ fingerprint: String) {
        #expect(SQLFingerprint.of(sql) == fingerprint)
    }

    @Test func parsedStatementUsesTheSameNormalization() {
        for sql in ["select 1", "insert into t values (1), (2)", "select 'open"] {
            #expect(Translator.parse(sql).fingerprint == SQLFingerprint.of(sql))
        }
    }
}
