import Testing
@testable import RedshiftSQL

struct ParserTests {
    struct ErrorCase: CustomStringConvertible, Sendable {
        let sql: String
        let message: String
        let position: Int?
        var description: String { sql }
    }

    static let errors: [ErrorCase] = [
        ErrorCase(sql: "SELECT FROM t", message: "syntax error at or near \"FROM\"", position: 8),
        ErrorCase(sql: "SELEC 1", message: "syntax error at or near \"SELEC\"", position: 1),
        ErrorCase(sql: "select 1 +", message: "syntax error at end of input", position: 11),
        ErrorCase(sql: "select (1", message: "syntax error at end of input", position: 10),
        ErrorCase(sql: "describe t", message: "syntax error at or near \"describe\"", position: 1),
        ErrorCase(sql: "select a from t where", message: "syntax error at end of input", position: 22),
        ErrorCase(sql: "create table t (a int,)", message: "syntax error at or near \")\"", position: 23),
    ]

    @Test(arguments: errors)
    func syntaxErrors(_ c: ErrorCase) {
        do {
            _ = try Parser.parseStatement(c.sql)
            Issue.record("expected an error")
        } catch let error as SQLError {
            #expect(error.code == "42601")
            #expect(error.message == c.message)
            #expect(error.position == c.position)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func multipleStatementsAreRejected() {
        #expect(throws: SQLError.self) { try Parser.parseStatement("select 1; select 2") }
    }

    @Test(arguments: [
        "select 1;", "select a, b as c, t.* from s.t as x where a = 1 order by 1 desc nulls first limit 5 offset 2",
        "with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select n from r",
        "select top 10 * from t", "select count(distinct a), sum(b) over (partition by c order by d rows between unbounded preceding and current row) from t",
        "select case when a then 1 else 2 end, cast(a as varchar(10)), a::int, convert(int, '1')",
        "select * from a left outer join b using (id) full join c on c.x = a.x cross join d",
        "create temp table if not exists t (id int identity(1,1) not null, n varchar(20) encode lzo distkey, primary key (id)) diststyle key sortkey (id)",
        "create table t2 as select * from t", "drop table if exists a, b cascade", "truncate table t",
        "insert into t (a, b) values (1, default), (2, 'x')", "insert into t default values",
        "update t set a = a + 1 from u where t.id = u.id", "delete from t using u where t.id = u.id",
        "begin", "start transaction", "commit", "end", "rollback", "abort",
        "set search_path to '$user', public", "set query_group = 'etl'", "reset query_group", "show search_path",
        "create schema if not exists s", "drop schema s cascade", "create or replace view v as select 1",
        "select trim(both 'x' from s), substring(s from 2 for 3), position('a' in s), extract(year from d)",
        "select a from t where a between 1 and 2 and b not in (1, 2) and c not like 'x%' and d ilike 'y' and e is not null",
    ])
    func parses(_ sql: String) throws {
        _ = try Parser.parseStatement(sql)
    }

    @Test func unsupportedConstructsNameThemselves() {
        for sql in ["merge into t using s on t.id = s.id remove duplicates", "copy t from 's3://b/k' iam_role default",
                    "select * from t pivot (sum(a) for b in (1))", "select a from t connect by prior a = b"] {
            do {
                _ = try Parser.parseStatement(sql)
                Issue.record("expected unsupported: \(sql)")
            } catch let error as SQLError {
                #expect(error.code == "0A000", "\(sql): \(error.message)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }
}
