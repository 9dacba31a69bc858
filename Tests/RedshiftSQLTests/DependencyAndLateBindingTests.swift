import Testing
@testable import RedshiftSQL

/// Issue 16's DDL and assignment defects, run on a real SQLite: late-binding views, views that
/// block DROP TABLE, `#name` temporary tables, TOP with LIMIT, CHAR and VARBYTE assignment.
@Suite struct DependencyAndLateBindingTests {
    let db: TestDatabase

    init() throws { db = try TestDatabase() }

    /// The SQLError `body` throws, nil when it succeeds.
    private func error(_ body: () throws -> Void) -> SQLError? {
        do { try body() } catch let error as SQLError { return error } catch { return nil }
        return nil
    }

    // r_CREATE_VIEW: a late-binding view is not bound until it is queried.
    @Test func lateBindingViewResolvesWhenQueried() throws {
        try db.run("create view lbv (id, label) as select a, b from public.later with no schema binding")
        #expect(error { try db.run("select * from lbv") }?.code == "42P01")
        try db.script("create table later (a int, b varchar(5)); insert into later values (1, 'x');")
        #expect(try db.text("select label, id from lbv") == [["x", "1"]])
        let view = try #require(try db.queue.read { try StoredCatalog(executor: GRDBTestExecutor(db: $0)).table(schema: "public", name: "lbv") })
        #expect(view.isLateBindingView && view.viewQueryText == "select a, b from public.later")
        try db.run("drop table later")  // the view does not depend on it
        #expect(try db.text("select count(*) from pg_views where viewname = 'lbv'") == [["1"]])
    }

    // r_DROP_TABLE: a table a view reads is not dropped without CASCADE, which drops the views.
    @Test func viewsBlockDropUntilCascade() throws {
        try db.script("create table base (a int); create view v1 as select a from base; create view v2 as select a from v1;")
        let refused = error { try db.run("drop table base") }
        let hint = "\nHINT: Use DROP ... CASCADE to drop the dependent objects too."
        #expect(refused?.code == "2BP01" && refused?.message == "cannot drop table base because other objects depend on it" + hint)
        #expect(error { try db.run("drop view v1") }?.message == "cannot drop view v1 because other objects depend on it" + hint)
        try db.run("drop table base cascade")
        #expect(try db.text("select count(*) from pg_class where relname in ('base', 'v1', 'v2')") == [["0"]])
    }

    // r_CREATE_TABLE_NEW: a table name beginning with '#' is a temporary table.
    @Test func hashNamesAreTemporaryTables() throws {
        try db.script("create table #stage (id int); insert into #stage values (1), (2);")
        #expect(try db.text("select count(*) from #stage s where s.id > 0") == [["2"]])
        #expect(try db.text("select schemaname from pg_tables where tablename = 'stage'") == [["pg_temp"]])
        try db.run("drop table #stage")
        #expect(error { try db.run("select * from #stage") }?.code == "42P01")
    }

    @Test func topWithLimitIsAnError() throws {
        try db.run("create table t (a int)")
        #expect(error { try db.run("select top 1 a from t limit 1") }?.message == "multiple LIMIT clauses not allowed")
    }

    // multi-byte-character-load-errors: CHAR accepts single-byte characters only.
    @Test func charRejectsMultibyteCharacters() throws {
        try db.script("create table c (c char(4), v varchar(4)); insert into c (v) values ('né');")
        for sql in ["insert into c (c) values ('né')", "insert into c (c) select v from c", "update c set c = v"] {
            #expect(error { try db.run(sql) }?.message == "Multibyte character not supported for CHAR (Hint: Try using VARCHAR). Invalid char: c3a9", "\(sql)")
        }
        #expect(try db.text("select count(*) from c where c = 'né'") == [["0"]])
    }

    // r_VARBYTE_type: VARBYTE values go into a shorter VARBYTE column when they fit.
    @Test func varbyteAssignment() throws {
        try db.script("create table b (b varbyte(8)); insert into b values ('hello'::varbyte); insert into b select b from b;")
        #expect(try db.text("select count(*) from b") == [["2"]])
        #expect(error { try db.run("insert into b values ('123456789'::varbyte)") }?.message == "value too long for type varbyte(8)")
    }
}
