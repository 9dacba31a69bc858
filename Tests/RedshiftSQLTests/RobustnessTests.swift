import Testing
@testable import RedshiftSQL

/// Random and mutated inputs never crash: they translate or throw SQLError.
struct RobustnessTests {
    static let seeds = [
        "select a, b from t where a = 1 order by b desc nulls first limit 3",
        "with x as (select 1 as n) select n::varchar(3) || 'x' from x union all select 'y'",
        "create table t (a int identity(1,1), b varchar(10) default 'x' not null) diststyle even",
        "insert into t (b) values ('a'), (default)", "update t set b = upper(b) where a in (select a from t)",
        "select case when a then 'x' end, count(distinct b) over (partition by a) from t group by 1",
        "select 'it''s', \"Q\", :p, 1.5e3, $$x$$ -- c\n /* d */",
    ]

    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    @Test func mutatedInputsOnlyThrowSQLErrors() {
        var random = Generator(state: 42)
        let alphabet = Array("()'\",.;:*+-/%<>=|!~[]#$ \n\tselectfromwhere0123456789abcXYZ")
        var context = TranslationContext.empty
        context.parameters = ["p": "1"]
        for _ in 0..<3000 {
            var chars = Array(Self.seeds[random.next(Self.seeds.count)])
            for _ in 0..<(1 + random.next(4)) {
                let position = random.next(chars.count + 1)
                switch random.next(3) {
                case 0: chars.insert(alphabet[random.next(alphabet.count)], at: position)
                case 1: if position < chars.count { chars.remove(at: position) }
                default: if chars.count > 2 { chars = Array(chars[..<max(1, position)]) }
                }
            }
            let sql = String(chars)
            do {
                _ = try Translator().translate(sql, context: context)
            } catch is SQLError {
            } catch {
                Issue.record("non-SQLError for \(sql): \(error)")
            }
            _ = Translator.parse(sql)
            _ = Translator.splitStatements(sql)
        }
    }
}

extension RobustnessTests {
    @Test(arguments: [
        "select " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
        "select " + String(repeating: "-", count: 5000) + "1",
        "select " + String(repeating: "not ", count: 5000) + "true",
        String(repeating: "select * from (", count: 3000) + "select 1",
    ])
    func deepNestingIsAnErrorNotACrash(_ sql: String) {
        #expect(throws: SQLError.self) { try Translator().translate(sql, context: .empty) }
    }
}

extension RobustnessTests {
    @Test func longOperatorChainsAreBounded() throws {
        let ok = "select 1 where " + (1...100).map { "1 = \($0)" }.joined(separator: " or ")
        _ = try Translator().translate(ok, context: .empty)
        let hostile = "select " + Array(repeating: "1", count: 20000).joined(separator: " + ")
        #expect(throws: SQLError.self) { try Translator().translate(hostile, context: .empty) }
    }
}
