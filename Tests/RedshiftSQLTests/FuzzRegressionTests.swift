import Testing
@testable import RedshiftSQL

/// Logic bugs the SQL fuzzer found (Sources/SQLFuzz, docs/reliability.md), each with the smallest
/// query that reproduced it. Expected values follow the Redshift page cited per case.
@Suite struct FuzzRegressionTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            create table t (id int not null, k int, s varchar(8));
            insert into t values (1, 1, 'x'), (2, null, 'y'), (3, 1, 'x ');
            """)
    }

    /// r_HAVING_clause: "Columns that you reference in a HAVING clause condition must be either
    /// grouping columns or columns that refer to the result of an aggregate function." A grouping
    /// column compared with a BIGINT (COUNT(*), a BIGINT cast) was refused with 42803 (TLP-HAVING).
    @Test(arguments: [
        ("select k, count(*) from t group by k having count(*) > k", [["1", "2"]]),
        ("select k from t group by k having k = cast(1 as bigint)", [["1"]]),
        ("select coalesce(count(*), k) from t group by k order by 1", [["1"], ["2"]]),
    ])
    func aGroupingColumnWidenedInAnExpressionIsStillGrouped(sql: String, rows: [[String]]) throws {
        #expect(try db.text(sql) == rows)
    }

    /// r_numeric_computations201 / r_arithmetic_operators: `-` negates its operand, a negative
    /// literal included. The parser folded `-` into the literal's text, so `-(-0.5)` became the
    /// invalid numeric "--0.5" (22P02) (NoREC, in an IN list of a join condition).
    @Test(arguments: [
        ("select - -0.5, -(-5), - (-1.5e0)", [["0.5", "5", "1.5"]]),
        ("select id from t where -(-id) = 2", [["2"]]),
    ])
    func negatingANegativeLiteral(sql: String, rows: [[String]]) throws {
        #expect(try db.text(sql) == rows)
    }
}
