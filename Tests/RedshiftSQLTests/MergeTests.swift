import Testing
@testable import RedshiftSQL

/// MERGE, with the examples of the Redshift documentation (r_MERGE).
@Suite struct MergeTests {
    let db: TestDatabase

    init() throws {
        db = try TestDatabase()
        // r_MERGE, "Examples": target and source tables.
        try db.script("""
            CREATE TABLE target (id INT, name CHAR(10));
            CREATE TABLE source (id INT, name CHAR(10));
            INSERT INTO target VALUES (101, 'Bob'), (102, 'John'), (103, 'Susan');
            INSERT INTO source VALUES (102, 'Tony'), (103, 'Alice'), (104, 'Bill');
            """)
    }

    /// The last step's change count is what the engine reports as ResultRows.
    func changes(_ sql: String) throws -> Int {
        try db.queue.inDatabase { db in
            let executor = GRDBTestExecutor(db: db)
            let translation = try Translator().translate(sql, context: TranslationContext(catalog: StoredCatalog(executor: executor)))
            #expect(translation.kind == .merge)
            for step in translation.steps { try executor.execute(step) }
            return db.changesCount
        }
    }

    @Test func updateMatchedInsertUnmatched() throws {
        let rows = try changes("""
            MERGE INTO target USING source ON target.id = source.id
            WHEN MATCHED THEN UPDATE SET id = source.id, name = source.name
            WHEN NOT MATCHED THEN INSERT VALUES (source.id, source.name)
            """)
        #expect(rows == 3)  // 2 updated + 1 inserted
        #expect(try db.text("SELECT id, trim(name) FROM target ORDER BY id") == [["101", "Bob"], ["102", "Tony"], ["103", "Alice"], ["104", "Bill"]])
    }

    @Test func deleteMatchedInsertUnmatched() throws {
        let rows = try changes("""
            MERGE INTO target USING source ON target.id = source.id
            WHEN MATCHED THEN DELETE
            WHEN NOT MATCHED THEN INSERT VALUES (source.id, source.name)
            """)
        #expect(rows == 3)  // 2 deleted + 1 inserted
        #expect(try db.text("SELECT id, trim(name) FROM target ORDER BY id") == [["101", "Bob"], ["104", "Bill"]])
    }

    @Test func aliasesSubquerySourceAndColumnList() throws {
        try db.run("""
            MERGE INTO target AS t USING (SELECT id, name FROM source WHERE id > 102) s ON t.id = s.id
            WHEN MATCHED THEN UPDATE SET name = s.name
            WHEN NOT MATCHED THEN INSERT (name, id) VALUES (s.name, s.id + 1000)
            """)
        #expect(try db.text("SELECT id, trim(name) FROM target ORDER BY id") == [["101", "Bob"], ["102", "John"], ["103", "Alice"], ["1104", "Bill"]])
    }

    @Test func multipleMatchesFail() throws {
        try db.run("INSERT INTO source VALUES (103, 'Carol')")
        #expect(throws: SQLError(code: "XX000", message: "Found multiple matches to update the same tuple.")) {
            try db.run("MERGE INTO target USING source ON target.id = source.id WHEN MATCHED THEN UPDATE SET name = source.name WHEN NOT MATCHED THEN INSERT VALUES (source.id, source.name)")
        }
        #expect(try db.text("SELECT count(*) FROM target") == [["3"]])
    }

    /// r_MERGE, REMOVE DUPLICATES: matched rows take the source's values (one kept of several
    /// matches), unmatched source rows are inserted; one changed row per source row.
    @Test func removeDuplicatesUpdatesInsertsAndKeepsOneMatch() throws {
        try db.run("INSERT INTO target VALUES (103, 'Susan')")
        #expect(try changes("MERGE INTO target USING source ON target.id = source.id REMOVE DUPLICATES") == 3)
        #expect(try db.text("SELECT id, trim(name) FROM target ORDER BY id") == [["101", "Bob"], ["102", "Tony"], ["103", "Alice"], ["104", "Bill"]])
    }

    @Test func errors() throws {
        #expect(throws: SQLError.self) { try db.run("MERGE INTO target USING source ON target.id = source.id") }
        #expect(throws: SQLError.self) {  // REMOVE DUPLICATES needs as many source as target columns
            try db.run("MERGE INTO target USING (SELECT id FROM source) s ON target.id = s.id REMOVE DUPLICATES")
        }
        #expect(throws: SQLError(code: "42703", message: "column \"nope\" of relation \"target\" does not exist", position: 86)) {
            try db.run("MERGE INTO target USING source ON target.id = source.id WHEN MATCHED THEN UPDATE SET nope = 1")
        }
    }
}

/// CHAR(n) output and comparison (r_Character_types).
@Suite struct CharPaddingTests {
    @Test func charIsBlankPaddedAndComparedIgnoringTrailingBlanks() throws {
        let db = try TestDatabase()
        try db.script("CREATE TABLE c (v CHAR(5)); INSERT INTO c VALUES ('ab'), ('abc  ');")
        #expect(try db.text("SELECT v FROM c ORDER BY v") == [["ab   "], ["abc  "]])
        #expect(try db.text("SELECT count(*) FROM c WHERE v = 'abc'") == [["1"]])
        #expect(try db.text("SELECT length(v) FROM c ORDER BY v") == [["2"], ["3"]])  // LENGTH ignores CHAR padding
        #expect(try db.value("SELECT 'ab'::char(4)") == "ab  ")
    }
}
