import Testing
@testable import PGWire

/// The probe statement that tells an unspecified parameter's type from its context
/// (PostgreSQL infers a parameter's type from a cast, a comparison or an INSERT target).
@Suite struct ParameterContextTests {
    private func probe(_ sql: String, _ n: Int) -> ParameterContext.Probe? {
        ParameterContext(sql).probe(forParameter: n)
    }

    @Test func casts() {
        #expect(probe("select $1::numeric(10, 2)", 1) == .init(sql: "SELECT CAST(NULL AS numeric(10, 2))", column: 0))
        #expect(probe("select cast($1 as double precision)", 1) == .init(sql: "SELECT CAST(NULL AS double precision)", column: 0))
    }

    @Test func insertTargets() {
        #expect(probe("insert into s.t values (1, $1)", 1) == .init(sql: "SELECT * FROM s.t", column: 1))
        #expect(probe("insert into t (b, a) values ($2, $1)", 1) == .init(sql: "SELECT b, a FROM t", column: 1))
        #expect(probe("insert into t values (f($1), 2)", 1) == nil)
        #expect(probe("insert into t ($1) values (1)", 1) == nil)
        #expect(probe("insert into t values", 1) == nil)
    }

    @Test func comparisonsWithColumns() {
        #expect(probe("select a from t where t.id = $1 order by a", 1)
                == .init(sql: "SELECT t.id from t where t.id = $1 order by a", column: 0))
        #expect(probe("update t set v = 1 where $1 < at", 1) == .init(sql: "SELECT at FROM t where $1 < at", column: 0))
        #expect(probe("delete from t where name <> $1", 1) == .init(sql: "SELECT name from t where name <> $1", column: 0))
        #expect(probe("select $1", 1) == nil)
        #expect(probe("select 1 where 2 = $1", 1) == nil)
    }

    @Test func limitsAndInLists() {
        #expect(probe("select a from t limit $1 offset $2", 2) == .init(sql: "SELECT CAST(NULL AS BIGINT)", column: 0))
        #expect(probe("select a from t where b not in ($1, 2, $2)", 2)
                == .init(sql: "SELECT b from t where b not in ($1, 2, $2)", column: 0))
        #expect(probe("select a from t where b in (f($1))", 1) == nil)
        #expect(probe("select f($1)", 1) == nil)
    }
}
