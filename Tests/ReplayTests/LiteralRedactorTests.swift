import Testing
@testable import Replay

@Suite struct LiteralRedactorTests {
    struct Case: Sendable, CustomStringConvertible {
        var sql: String
        var redacted: String
        var values: [String]
        var description: String { sql }
    }

    static let cases: [Case] = [
        Case(sql: "select * from sales where region = 'EU' and qty > 10 limit 5",
             redacted: "select * from sales where region = :p1 and qty > :p2 limit 5", values: ["EU", "10"]),
        Case(sql: "select a from t where b in (1, 2.5, 'x') order by 1", redacted: "select a from t where b in (:p1, :p2, :p3) order by 1",
             values: ["1", "2.5", "x"]),
        Case(sql: "insert into t values (1, 'it''s'), (2, 'b')", redacted: "insert into t values (:p1, :p2), (:p3, :p4)",
             values: ["1", "it's", "2", "b"]),
        Case(sql: "update t set v = 'x', n = 3 where id between 4 and 9", redacted: "update t set v = :p1, n = :p2 where id between :p3 and :p4",
             values: ["x", "3", "4", "9"]),
        Case(sql: "select dateadd('day', 1, d), date '2024-01-01', cast(x as decimal(10,2)) from t where d >= '2024-01-01'",
             redacted: "select dateadd('day', 1, d), date '2024-01-01', cast(x as decimal(10,2)) from t where d >= :p1", values: ["2024-01-01"]),
        Case(sql: "select 1 -- where a = 'x'\n/* b = 'y' */", redacted: "select 1 -- where a = 'x'\n/* b = 'y' */", values: []),
        Case(sql: "create table t (a varchar(10) default 'x')", redacted: "create table t (a varchar(10) default 'x')", values: []),
        Case(sql: "select * from t where a = :p1 and b = 'z'", redacted: "select * from t where a = :p1 and b = :p2", values: ["z"]),
        Case(sql: "delete from t where a <> 5 and b != 6 and c <= 7", redacted: "delete from t where a <> :p1 and b != :p2 and c <= :p3",
             values: ["5", "6", "7"]),
        // The SQL front end's lexer: values unescaped as Redshift reads them, `$$` bodies and
        // unterminated literals kept.
        Case(sql: "select * from t where a = E'x\\ty' and b = 'c\\'d'", redacted: "select * from t where a = :p1 and b = :p2",
             values: ["x\ty", "c'd"]),
        Case(sql: "select * from t where a = $$x$$ and b = 'open", redacted: "select * from t where a = $$x$$ and b = 'open", values: []),
        Case(sql: "select * from t where \"a\" = 'é€' and b='x'", redacted: "select * from t where \"a\" = :p1 and b=:p2", values: ["é€", "x"]),
    ]

    @Test(arguments: cases)
    func redacts(_ c: Case) {
        let existing = c.sql.contains(":p1") ? [RecordedParameter(name: "p1", value: "kept")] : []
        let (sql, parameters) = LiteralRedactor().redact(c.sql, parameters: existing)
        #expect(sql == c.redacted)
        #expect(parameters.dropFirst(existing.count).map(\.value) == c.values)
    }
}
