import Testing
@testable import RedshiftSQL

/// PREPARE / EXECUTE / DEALLOCATE, with the example of the Redshift documentation (r_PREPARE) and the
/// errors PostgreSQL/Redshift report. The test database is one connection, like a Data API session.
@Suite struct PrepareTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
    }

    @Test func documentationExample() throws {
        // r_PREPARE, "Examples".
        try db.script("""
            create temp table prep1 (c1 int, c2 char(20));
            prepare prep_insert_plan (int, char) as insert into prep1 values ($1, $2);
            execute prep_insert_plan (1, 'one');
            execute prep_insert_plan (2, 'two');
            execute prep_insert_plan (3, 'three');
            prepare prep_select_plan (int) as select * from prep1 where c1 = $1;
            """)
        #expect(try db.text("execute prep_select_plan (2)").map { [$0[0], $0[1].trimmingCharacters(in: .whitespaces)] } == [["2", "two"]])
        #expect(try db.text("execute prep_select_plan (3)").map { [$0[0], $0[1].trimmingCharacters(in: .whitespaces)] } == [["3", "three"]])
        try db.run("deallocate prep_insert_plan")
        try db.run("deallocate prep_select_plan")
        #expect(try db.text("select count(*) from prep1") == [["3"]])
    }

    @Test func executeReturnsTheInnerStatementsTranslation() throws {
        try db.script("""
            CREATE TABLE t (id INT, name VARCHAR(10));
            PREPARE q (INT) AS SELECT id, name FROM t WHERE id > $1 ORDER BY id;
            PREPARE ins (INT, VARCHAR) AS INSERT INTO t VALUES ($1, $2);
            """)
        let query = try db.translate("EXECUTE q (1)")
        #expect(query.kind == .query)
        #expect(query.resultColumns.map(\.name) == ["id", "name"])
        #expect(query.resultColumns.map(\.type) == [.integer, .varchar(length: 10)])
        #expect(try db.translate("EXECUTE ins (1, 'a')").kind == .insert)
        #expect(try db.translate("PREPARE other AS SELECT 1").kind == .utility)
    }

    @Test func untypedParametersTakeTheirContextsType() throws {
        try db.script("""
            CREATE TABLE t (id INT, name VARCHAR(10));
            INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c');
            PREPARE q AS SELECT name FROM t WHERE id BETWEEN $1 AND $2 ORDER BY 1;
            """)
        #expect(try db.text("EXECUTE q ('2', 3)") == [["b"], ["c"]])
    }

    @Test func errorsAsPostgreSQLWordsThem() throws {
        try db.run("PREPARE p (INT) AS SELECT $1 + 1")
        #expect(try db.text("EXECUTE p (41)") == [["42"]])
        expectError("42P05", "prepared statement \"p\" already exists") { try db.run("PREPARE p AS SELECT 2") }
        expectError("42601", "wrong number of parameters for prepared statement \"p\"") { try db.run("EXECUTE p") }
        expectError("42601", "wrong number of parameters for prepared statement \"p\"") { try db.run("EXECUTE p (1, 2)") }
        expectError("26000", "prepared statement \"nope\" does not exist") { try db.run("EXECUTE nope") }
        expectError("26000", "prepared statement \"nope\" does not exist") { try db.run("DEALLOCATE nope") }
        expectError("42P02", "there is no parameter $1") { try db.run("SELECT $1") }
        try db.run("DEALLOCATE PREPARE p")
        expectError("26000", "prepared statement \"p\" does not exist") { try db.run("EXECUTE p (1)") }
        // The name is free again.
        try db.run("PREPARE p AS SELECT 'again'")
        #expect(try db.text("EXECUTE p") == [["again"]])
        try db.run("DEALLOCATE ALL")
        expectError("26000", "prepared statement \"p\" does not exist") { try db.run("EXECUTE p") }
    }

    @Test func onlyQueriesAndDMLCanBePrepared() throws {
        #expect(throws: SQLError.self) { try db.run("PREPARE p AS CREATE TABLE x (a INT)") }
        #expect(throws: SQLError.self) { try db.run("PREPARE p AS SELECT FROM") }
    }

    func expectError(_ code: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected \(code) \(message)", sourceLocation: sourceLocation)
        } catch let error as SQLError {
            #expect(error.code == code, sourceLocation: sourceLocation)
            #expect(error.message.hasPrefix(message), "\(error.message)", sourceLocation: sourceLocation)
        } catch {
            Issue.record("\(error)", sourceLocation: sourceLocation)
        }
    }
}
