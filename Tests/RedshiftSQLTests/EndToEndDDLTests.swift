import Testing
@testable import RedshiftSQL

/// DDL and DML run on a real SQLite.
@Suite struct EndToEndDDLTests {
    let db: TestDatabase

    init() throws { db = try TestDatabase() }

    @Test func createInsertSelectWithDefaultsAndIdentity() throws {
        try db.run("""
            create table public.events (id bigint identity(100, 5), name varchar(5) not null default 'none', at timestamp default getdate(),
                                        amount numeric(8,2), flag boolean, primary key (id)) diststyle key distkey (id) compound sortkey (at)
            """)
        try db.run("insert into events (name, amount, flag) values ('a', 4323.8951, true), ('b', 35.512, 'f')")
        try db.run("insert into events (amount) values (1)")
        #expect(try db.text("select id, name, at, amount, flag from events order by id") == [
            ["100", "a", "2022-02-22 10:11:12", "4323.90", "t"],
            ["105", "b", "2022-02-22 10:11:12", "35.51", "f"],
            ["110", "none", "2022-02-22 10:11:12", "1.00", "NULL"],
        ])
        let table = try #require(try db.queue.read { try StoredCatalog(executor: GRDBTestExecutor(db: $0)).table(schema: "public", name: "events") })
        #expect(table.distStyle == "KEY" && table.distKey == "id" && table.sortKeys == ["at"] && table.sortKeyStyle == "COMPOUND")
        #expect(table.constraints == ["primary key (id)"])
        #expect(table.columns.map(\.type) == [.bigint, .varchar(length: 5), .timestamp, .decimal(precision: 8, scale: 2), .boolean])
        #expect(table.columns[0].identity == ColumnDefinition.Identity(seed: 100, step: 5))
    }

    @Test func assignmentErrors() throws {
        try db.run("create table t (s smallint, v varchar(3), c char(2), n int not null)")
        #expect(throws: SQLError(code: "22003", message: "smallint out of range")) { try db.run("insert into t values (33000, 'a', 'b', 1)") }
        #expect(throws: SQLError(code: "22001", message: "value too long for type character varying(3)")) { try db.run("insert into t values (1, 'abcd', 'b', 1)") }
        try db.run("insert into t values (1, 'abc   ', 'b', 1)")  // trailing blanks are cut silently
        #expect(throws: SQLError.self) { try db.run("insert into t values (1, 'a', 'b', null)") }
        try db.run("insert into t (s, v, c, n) select 2, v || 'x', c, 2 from t where false")
        #expect(throws: SQLError(code: "22001", message: "value too long for type character varying(3)")) {
            try db.run("insert into t (s, v, c, n) select 2, v || 'x', c, 2 from t")
        }
        #expect(try db.text("select v, length(v), c from t") == [["abc", "3", "b "]])  // CHAR(2) comes back blank-padded
    }

    @Test func updateDeleteTruncate() throws {
        try db.script("""
            create table a (id int, v int); create table b (id int, w int);
            insert into a values (1, 10), (2, 20), (3, 30); insert into b values (1, 100), (3, 300);
            """)
        try db.run("update a set v = b.w from b where a.id = b.id")
        #expect(try db.text("select v from a order by id") == [["100"], ["20"], ["300"]])
        try db.run("update a set v = v + 1 where id = 2")
        try db.run("delete from a using b where a.id = b.id and b.w > 200")
        #expect(try db.text("select id, v from a order by id") == [["1", "100"], ["2", "21"]])
        let truncate = try db.translate("truncate a")
        #expect(truncate.commitsImplicitly)
        try db.run("truncate table a")
        #expect(try db.text("select count(*) from a") == [["0"]])
        try db.run("delete from b")
        #expect(try db.text("select count(*) from b") == [["0"]])
    }

    @Test func schemasSearchPathAndTempTables() throws {
        try db.run("create schema sales")
        #expect(throws: SQLError(code: "42P06", message: "Schema \"sales\" already exists", position: 8)) { try db.run("create schema sales") }
        try db.run("create schema if not exists sales")
        try db.run("create table sales.orders (id int)")
        try db.run("insert into sales.orders values (1)")
        #expect(throws: SQLError.self) { try db.run("select * from orders") }
        db.settings["search_path"] = "'$user', public, sales"
        #expect(try db.text("select id from orders") == [["1"]])
        try db.run("create temp table orders (id int)")
        try db.run("insert into orders values (2)")
        #expect(try db.text("select id from orders") == [["2"]])
        #expect(try db.text("select id from sales.orders") == [["1"]])
        #expect(throws: SQLError.self) { try db.run("drop schema sales") }
        try db.run("drop schema sales cascade")
        #expect(try db.text("select id from orders") == [["2"]])
    }

    @Test func dropAndCreateErrors() throws {
        try db.run("create table t (a int)")
        #expect(throws: SQLError(code: "42P07", message: "relation \"t\" already exists", position: 14)) { try db.run("create table t (b int)") }
        #expect(try db.translate("create table if not exists t (b int)").steps.isEmpty)
        try db.run("drop table t")
        #expect(throws: SQLError(code: "42P01", message: "table \"t\" does not exist", position: 12)) { try db.run("drop table t") }
        try db.run("drop table if exists t")
    }

    @Test func createTableAsAndAlter() throws {
        try db.script("create table src (a int, b varchar(4)); insert into src values (1, 'x'), (2, 'y');")
        try db.run("create table dst as select a * 2 as a2, b from src")
        #expect(try db.text("select a2, b from dst order by a2") == [["2", "x"], ["4", "y"]])
        try db.run("alter table dst rename column a2 to doubled")
        try db.run("alter table dst add column c int default 7")
        try db.run("alter table dst rename to final")
        #expect(try db.text("select doubled, c from final order by 1") == [["2", "7"], ["4", "7"]])
        try db.run("alter table final drop column b")
        #expect(try db.text("select * from final order by 1") == [["2", "7"], ["4", "7"]])
    }

    @Test func utilityStatementKinds() throws {
        #expect(try db.translate("begin").kind == .transaction(.begin))
        #expect(try db.translate("start transaction").kind == .transaction(.begin))
        #expect(try db.translate("end").kind == .transaction(.commit))
        #expect(try db.translate("abort").kind == .transaction(.rollback))
        #expect(try db.translate("set search_path to '$user', public").kind == .set(name: "search_path", value: "$user, public"))
        #expect(try db.translate("set timezone = default").kind == .set(name: "timezone", value: nil))
        #expect(try db.translate("reset query_group").kind == .set(name: "query_group", value: nil))
        let show = try db.translate("show search_path")
        #expect(show.kind == .show(name: "search_path"))
        #expect(show.resultColumns.map(\.name) == ["search_path"])
    }
}
