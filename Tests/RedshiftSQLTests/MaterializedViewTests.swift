import Testing
@testable import RedshiftSQL

/// CREATE / REFRESH / DROP MATERIALIZED VIEW, with the `tickets_mv` example of the Redshift
/// documentation (materialized-view-create-sql-command) over a few TICKIT rows. Expected values follow
/// the documented semantics: the view holds the query's rows as of creation or the last REFRESH.
@Suite struct MaterializedViewTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        try db.script("""
            CREATE TABLE category (catid SMALLINT, catgroup VARCHAR(10));
            CREATE TABLE event (eventid INT, catid SMALLINT);
            CREATE TABLE sales (salesid INT, eventid INT, qtysold SMALLINT);
            INSERT INTO category VALUES (1, 'Sports'), (2, 'Shows');
            INSERT INTO event VALUES (10, 1), (20, 2), (21, 2);
            INSERT INTO sales VALUES (100, 10, 4), (101, 20, 2), (102, 21, 3);
            """)
    }

    static let create = """
        CREATE MATERIALIZED VIEW tickets_mv AS
            select   catgroup,
            sum(qtysold) as sold
            from     category c, event e, sales s
            where    c.catid = e.catid
            and      e.eventid = s.eventid
            group by catgroup
        """

    @Test func createFillsAndRefreshRecomputes() throws {
        #expect(try db.translate(Self.create).kind == .ddl)
        try db.run(Self.create)
        #expect(try db.text("SELECT catgroup, sold FROM tickets_mv ORDER BY 1") == [["Shows", "5"], ["Sports", "4"]])
        try db.run("INSERT INTO sales VALUES (103, 10, 6)")
        // Stale until refreshed.
        #expect(try db.text("SELECT catgroup, sold FROM tickets_mv ORDER BY 1") == [["Shows", "5"], ["Sports", "4"]])
        try db.run("REFRESH MATERIALIZED VIEW tickets_mv")
        #expect(try db.text("SELECT catgroup, sold FROM tickets_mv ORDER BY 1") == [["Shows", "5"], ["Sports", "10"]])
        // Refresh is idempotent.
        try db.run("REFRESH MATERIALIZED VIEW tickets_mv")
        #expect(try db.text("SELECT count(*) FROM tickets_mv") == [["2"]])
    }

    @Test func catalogKeepsItAsATableWithItsQueryAndOptions() throws {
        try db.run("""
            CREATE MATERIALIZED VIEW mv_opts BACKUP NO DISTSTYLE KEY DISTKEY (catgroup) SORTKEY (catgroup) AUTO REFRESH YES
            AS SELECT catgroup, count(*) AS n FROM category GROUP BY catgroup
            """)
        let table = try db.queue.read { db in try StoredCatalog(executor: GRDBTestExecutor(db: db), sharedCache: false).table(schema: "public", name: "mv_opts") }
        #expect(table?.kind == .table)
        #expect(table?.isMaterializedView == true)
        #expect(table?.viewQuery == "SELECT catgroup, count(*) AS n FROM category GROUP BY catgroup")
        #expect(table?.backup == false)
        #expect(table?.distKey == "catgroup")
        #expect(table?.constraints.contains("AUTO REFRESH YES") == true)
        // SUM(smallint) is BIGINT, COUNT is BIGINT: the stored columns have the query's types.
        #expect(table?.columns.map(\.type) == [.varchar(length: 10), .bigint])
    }

    @Test func dropAndErrors() throws {
        try db.run(Self.create)
        #expect(throws: SQLError.self) { try db.run(Self.create) }                       // already exists
        #expect(throws: SQLError.self) { try db.run("INSERT INTO tickets_mv VALUES ('x', 1)") }
        #expect(throws: SQLError.self) { try db.run("DROP TABLE tickets_mv") }
        #expect(throws: SQLError.self) { try db.run("DROP VIEW tickets_mv") }
        #expect(throws: SQLError.self) { try db.run("REFRESH MATERIALIZED VIEW sales") }  // not a materialized view
        #expect(throws: SQLError.self) { try db.run("DROP MATERIALIZED VIEW sales") }
        try db.run("DROP MATERIALIZED VIEW tickets_mv")
        #expect(throws: SQLError.self) { try db.run("SELECT * FROM tickets_mv") }
        #expect(throws: SQLError.self) { try db.run("DROP MATERIALIZED VIEW tickets_mv") }
        try db.run("DROP MATERIALIZED VIEW IF EXISTS tickets_mv")
    }
}
