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

    /// Parses `sql` and prints its tree (`ASTPrinter`).
    static func tree(_ sql: String) throws -> String { try Parser.parseStatement(sql).tree }

    /// SELECT: joins, subqueries, CTEs, set operations, windows, grouping, expressions.
    @Test(arguments: [
        ("select a, b as c, t.* from s.t as x where a = 1 order by 1 desc nulls first limit 5 offset 2",
         "(query (select (a (as b c) t.*) (from (as s.t x)) (where (= a 1))) (order-by (desc 1 nulls-first)) (limit 5) (offset 2))"),
        ("with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select n from r",
         "(query (with-recursive (as r (columns n) (union-all (select (1)) (select ((+ n 1)) (from r) (where (< n 3)))))) (select (n) (from r)))"),
        ("select top 10 * from t",
         "(select (top 10) (*) (from t))"),
        ("select count(distinct a), sum(b) over (partition by c order by d rows between unbounded preceding and current row) from t",
         "(select ((call count distinct a) (call sum b (over (partition-by c) (order-by d) (rows unbounded-preceding current-row)))) (from t))"),
        ("select a, lag(a, 1) ignore nulls over (partition by c order by d), rank() over (order by b desc) from t qualify rank() over (order by b) = 1",
         "(select (a (call lag a 1 ignore-nulls (over (partition-by c) (order-by d))) (call rank (over (order-by (desc b))))) (from t) (qualify (= (call rank (over (order-by b))) 1)))"),
        ("select case when a then 1 else 2 end, case x when 1 then 'one' end, cast(a as varchar(10)), a::int, convert(int, '1')",
         "(select ((case (when a 1) (else 2)) (case x (when 1 'one')) (cast a varchar(10)) (cast a int4) (cast '1' int4)))"),
        ("select * from a left outer join b using (id) full join c on c.x = a.x cross join d",
         "(select (*) (from (cross-join (full-join (left-join a b (using id)) c (on (= c.x a.x))) d)))"),
        ("select * from (select a from t) as s (x) where x in (select b from u) and exists (select 1 from v where v.b = s.x) and x > any (select c from w)",
         "(select (*) (from (as (subquery (select (a) (from t))) s (columns x))) (where (and (and (in x (subquery (select (b) (from u)))) (exists (select (1) (from v) (where (= v.b s.x))))) (> x (any (subquery (select (c) (from w))))))))"),
        ("select 1 union select 2 except select 3 intersect all select 4",
         "(except (union (select (1)) (select (2))) (intersect-all (select (3)) (select (4))))"),
        ("(select 1) union all (select 2 order by 1) order by 1 limit 1",
         "(query (union-all (nested (select (1))) (nested (query (select (2)) (order-by 1)))) (order-by 1) (limit 1))"),
        ("select a, count(*) from t group by rollup (a, b), cube (c), grouping sets ((a), ()) having count(*) > 1",
         "(select (a (call count *)) (from t) (group-by (rollup a b) (cube c) (grouping-sets (a) ())) (having (> (call count *) 1)))"),
        ("select a from t where a between 1 and 2 and b not in (1, 2) and c not like 'x%' and d ilike 'y' escape '!' and e is not null and f is not true and g ~ 'z'",
         "(select (a) (from t) (where (and (and (and (and (and (and (between a 1 2) (not-in b (1 2))) (not-like c 'x%')) (ilike d 'y' (escape '!'))) (is-not-null e)) (is-not f true)) (~ g 'z'))))"),
        ("select trim(both 'x' from s), substring(s from 2 for 3), position('a' in s), extract(year from d), current_date, interval '1 day', -a, not b, null, true, 1.5, 2e3, 'it''s', :p, listagg(a, ',') within group (order by a)",
         "(select ((call btrim s 'x') (call substring s 2 3) (call strpos s 'a') (call extract 'year' d) (call current_date no-parentheses) (interval '1 day') (- a) (not b) null true 1.5 2e3 'it''s' :p (call listagg a ',' (within-group a))))"),
        ("select distinct a into temp t2 from t",
         "(select distinct (a) (into t2 temporary) (from t))"),
    ])
    func queryTrees(_ sql: String, _ tree: String) throws {
        #expect(try Self.tree(sql) == tree)
    }

    /// INSERT, UPDATE, DELETE, MERGE.
    @Test(arguments: [
        ("insert into t (a, b) values (1, default), (2, 'x')",
         "(insert t (columns a b) (values (row 1 default) (row 2 'x')))"),
        ("insert into t default values",
         "(insert t default-values)"),
        ("insert into t (a) select b from u where b > 0",
         "(insert t (columns a) (select (b) (from u) (where (> b 0))))"),
        ("update t set a = a + 1, b = default from u where t.id = u.id",
         "(update t (set (= a (+ a 1)) (= b default)) (from u) (where (= t.id u.id)))"),
        ("delete from t using u where t.id = u.id",
         "(delete t (using u) (where (= t.id u.id)))"),
        ("merge into t using s on t.id = s.id when matched then update set a = s.a when not matched then insert (id, a) values (s.id, s.a)",
         "(merge t (using s) (on (= t.id s.id)) (when-matched (update (= a s.a))) (when-not-matched (insert (columns id a) (values s.id s.a))))"),
        ("merge into t as x using (select * from s) as y on x.id = y.id when matched then delete when not matched then insert values (y.id, default)",
         "(merge t (alias x) (using (as (subquery (select (*) (from s))) y)) (on (= x.id y.id)) (when-matched (delete)) (when-not-matched (insert (values y.id default))))"),
    ])
    func dmlTrees(_ sql: String, _ tree: String) throws {
        #expect(try Self.tree(sql) == tree)
    }

    /// CREATE TABLE with attributes, CTAS, views, schemas, materialized views, ALTER, DROP.
    @Test(arguments: [
        ("create temp table if not exists t (id int identity(1,1) not null, n varchar(20) encode lzo distkey, primary key (id)) diststyle key sortkey (id)",
         "(create-table t temporary if-not-exists (column id int4 not-null (identity 1 1)) (column n varchar(20) (encode lzo) distkey) (constraint 'primary key (id)') (diststyle KEY) (sortkey COMPOUND id))"),
        ("create table if not exists public.sales (id bigint identity(0, 1) primary key, region char(2) not null default 'EU' encode bytedict, amount decimal(12, 2) sortkey, note varchar unique references notes) diststyle even compound sortkey (id, region) backup no",
         "(create-table public.sales if-not-exists (column id int8 not-null (identity 0 1) primary-key) (column region bpchar(2) not-null (default 'EU') (encode bytedict)) (column amount numeric(12,2) sortkey) (column note varchar unique (references notes)) (diststyle EVEN) (sortkey COMPOUND id region) (backup no))"),
        ("create table t3 (like t including defaults)",
         "(create-table t3 (like t including-defaults))"),
        ("create table t2 (x, y) diststyle all as select a, b from t",
         "(create-table-as t2 (columns x y) (diststyle ALL) (select (a b) (from t)))"),
        ("drop table if exists a, b cascade",
         "(drop-table a b if-exists cascade)"),
        ("truncate table t",
         "(truncate t)"),
        ("create schema if not exists s",
         "(create-schema s if-not-exists)"),
        ("drop schema s cascade",
         "(drop-schema s cascade)"),
        ("create or replace view v (x) as select 1 with no schema binding",
         "(create-view v or-replace (columns x) (select (1)) no-schema-binding)"),
        ("create materialized view mv diststyle even auto refresh yes as select a from t",
         "(create-materialized-view mv (diststyle EVEN) (auto-refresh yes) (select (a) (from t)))"),
        ("refresh materialized view mv",
         "(refresh-materialized-view mv)"),
        ("alter table t add column c int default 0",
         "(alter-table t (add-column (column c int4 (default 0))))"),
        ("alter table t rename column a to b",
         "(alter-table t (rename-column a b))"),
        ("alter table t alter column c type varchar(30)",
         "(alter-table t (alter-column-type c varchar(30)))"),
    ])
    func ddlTrees(_ sql: String, _ tree: String) throws {
        #expect(try Self.tree(sql) == tree)
    }

    /// GRANT/REVOKE, users, groups, RLS and masking policies.
    @Test(arguments: [
        ("grant select, update (a, b) on table t, s.u to alice, group analysts, role r with grant option",
         "(grant (privileges SELECT (UPDATE a b)) (tables t s.u) (to alice (group analysts) (with-grant-option (role r))))"),
        ("revoke grant option for all on all tables in schema s, x from public",
         "(revoke grant-option-for (privileges ALL) (all-tables-in-schemas s x) (from public))"),
        ("grant usage on schema s to bob",
         "(grant (privileges USAGE) (schemas s) (to bob))"),
        ("grant role r1, r2 to alice with admin option",
         "(grant-role (roles r1 r2) (to alice) with-admin-option)"),
        ("create rls policy p with (tenant varchar(10)) as r using (r.tenant = current_user)",
         "(create-rls-policy p (with (tenant varchar(10))) (alias r) (using (= r.tenant (call current_user no-parentheses))))"),
        ("attach rls policy p on t, s.u to role analyst, public",
         "(attach-rls-policy p (on t s.u) (to (role analyst) public))"),
        ("detach rls policy p on t from alice",
         "(detach-rls-policy p (on t) (from alice))"),
        ("alter table t row level security on conjunction type or",
         "(row-level-security t on (conjunction or))"),
        ("create masking policy m with (pan varchar(16)) using ('XXXX' || substring(pan, 13, 4))",
         "(create-masking-policy m (with (pan varchar(16))) (using (|| 'XXXX' (call substring pan 13 4))))"),
        ("attach masking policy m on t (pan) using (card) to role r priority 10",
         "(attach-masking-policy m (on t (columns pan)) (using card) (to (role r)) (priority 10))"),
        ("create user alice password 'Abcdefg1' createdb in group g1 valid until '2030-01-01' connection limit 5",
         "(create-user alice (password 'Abcdefg1') createdb (in-groups g1) (valid-until '2030-01-01') (connection-limit 5))"),
        ("alter user alice set search_path to s",
         "(alter-user alice (set search_path 's'))"),
        ("create group g with user a, b",
         "(create-group g (users a b))"),
        ("alter group g add user c",
         "(alter-group g (add-users c))"),
    ])
    func securityTrees(_ sql: String, _ tree: String) throws {
        #expect(try Self.tree(sql) == tree)
    }

    /// SET/RESET/SHOW, PREPARE/EXECUTE/DEALLOCATE, transactions, EXPLAIN and accepted no-ops.
    @Test(arguments: [
        ("set search_path to '$user', public",
         "(set search_path '$user, public')"),
        ("set query_group = 'etl'",
         "(set query_group 'etl')"),
        ("reset query_group",
         "(reset query_group)"),
        ("show search_path",
         "(show search_path)"),
        ("set time zone 'UTC'",
         "(set timezone 'UTC')"),
        ("prepare p (int, varchar) as select * from t where a = $1 and b = $2",
         "(prepare p (types int4 varchar) (select (*) (from t) (where (and (= a $1) (= b $2)))))"),
        ("execute p (1, 'x')",
         "(execute p 1 'x')"),
        ("deallocate p",
         "(deallocate p)"),
        ("deallocate all",
         "(deallocate all)"),
        ("begin",
         "(begin)"),
        ("start transaction",
         "(begin)"),
        ("commit",
         "(commit)"),
        ("end",
         "(commit)"),
        ("rollback",
         "(rollback)"),
        ("abort",
         "(rollback)"),
        ("create schema if not exists s",
         "(create-schema s if-not-exists)"),
        ("drop schema s cascade",
         "(drop-schema s cascade)"),
        ("create or replace view v (x) as select 1 with no schema binding",
         "(create-view v or-replace (columns x) (select (1)) no-schema-binding)"),
        ("create materialized view mv diststyle even auto refresh yes as select a from t",
         "(create-materialized-view mv (diststyle EVEN) (auto-refresh yes) (select (a) (from t)))"),
        ("refresh materialized view mv",
         "(refresh-materialized-view mv)"),
        ("alter table t add column c int default 0",
         "(alter-table t (add-column (column c int4 (default 0))))"),
        ("alter table t rename column a to b",
         "(alter-table t (rename-column a b))"),
        ("alter table t alter column c type varchar(30)",
         "(alter-table t (alter-column-type c varchar(30)))"),
        ("explain select 1",
         "(explain (select (1)))"),
        ("analyze t",
         "(no-op analyze)"),
        ("vacuum",
         "(no-op vacuum)"),
        ("lock t",
         "(no-op lock)"),
    ])
    func sessionAndUtilityTrees(_ sql: String, _ tree: String) throws {
        #expect(try Self.tree(sql) == tree)
    }

    @Test func trailingSemicolonsAndCommentsDoNotChangeTheTree() throws {
        #expect(try Self.tree("/* c */ select 1; ;") == "(select (1))")
        #expect(try Self.tree("select 1 -- c") == "(select (1))")
    }

    @Test func parameterizedStatementsKeepTheirParameters() throws {
        #expect(try Self.tree("select * from t where id = :id and n = $1") == "(select (*) (from t) (where (and (= id :id) (= n $1))))")
    }

    @Test func unsupportedConstructsNameThemselves() {
        for sql in ["select a from t connect by prior a = b"] {
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
