import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine

/// The same statement text run again on a connection reuses its prepared SQLite statement
/// (`PreparedStatements`): what it reads must still follow every change made in between, from
/// this connection or another, committed or rolled back.
@Suite struct RepeatedStatementTests {
    private let target = Target(kind: .cluster, name: "repeat-test")

    /// Runs `sql` in `session` to its end: its status, SQLSTATE and rows.
    private func run(_ engine: RedshiftEngine, _ session: String, _ sql: String)
        async throws -> (status: StatementStatus, code: String?, rows: [[SQLiteValue]]) {
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false,
                                       placement: .session(id: session, database: nil, keepAliveSeconds: nil),
                                       caller: .anonymous, operation: "Query")
        let (snapshot, result) = try await engine.execute(request)
        let rows = try result.map { try $0.rows(offset: 0, limit: $0.rowCount) } ?? []
        return (snapshot.status, snapshot.errorCode, rows)
    }

    private func engineAndSessions(_ users: String...) throws -> (RedshiftEngine, [String]) {
        let engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        try engine.provisionTarget(target)
        let sessions = try users.map {
            try engine.openSession(target: target, database: "dev", user: $0, caller: .anonymous).id
        }
        return (engine, sessions)
    }

    @Test func aTableChangedByAnotherConnectionIsReadAsItIsNow() async throws {
        let (engine, sessions) = try engineAndSessions("awsuser", "awsuser")
        defer { engine.shutdown() }
        let (reader, writer) = (sessions[0], sessions[1])
        _ = try await run(engine, writer, "create table t (a int)")
        _ = try await run(engine, writer, "insert into t values (1)")
        let query = "select * from t"
        #expect(try await run(engine, reader, query).rows == [[.integer(1)]])
        _ = try await run(engine, writer, "drop table t")
        #expect(try await run(engine, reader, query).code == "42P01")   // relation does not exist
        _ = try await run(engine, writer, "create table t (a varchar(10), b int)")
        _ = try await run(engine, writer, "insert into t values ('x', 2)")
        #expect(try await run(engine, reader, query).rows == [[.text("x"), .integer(2)]])
        _ = try await run(engine, writer, "alter table t add column c int default 7")
        #expect(try await run(engine, reader, query).rows == [[.text("x"), .integer(2), .integer(7)]])
    }

    @Test func aRolledBackChangeIsNotSeenAgain() async throws {
        let (engine, sessions) = try engineAndSessions("awsuser", "awsuser")
        defer { engine.shutdown() }
        let (reader, writer) = (sessions[0], sessions[1])
        _ = try await run(engine, writer, "create table r (a int)")
        _ = try await run(engine, writer, "insert into r values (1)")
        let query = "select * from r"
        #expect(try await run(engine, writer, query).rows == [[.integer(1)]])
        _ = try await run(engine, writer, "begin")
        _ = try await run(engine, writer, "drop table r")
        _ = try await run(engine, writer, "create table r (a varchar(5), b varchar(5))")
        _ = try await run(engine, writer, "insert into r values ('in', 'tx')")
        #expect(try await run(engine, writer, query).rows == [[.text("in"), .text("tx")]])
        _ = try await run(engine, writer, "rollback")
        #expect(try await run(engine, writer, query).rows == [[.integer(1)]])
        #expect(try await run(engine, reader, query).rows == [[.integer(1)]])
    }

    @Test func aTemporaryTableHidesThePermanentOneWhileItExists() async throws {
        let (engine, sessions) = try engineAndSessions("awsuser", "awsuser")
        defer { engine.shutdown() }
        let (own, other) = (sessions[0], sessions[1])
        _ = try await run(engine, own, "create table s (a int)")
        _ = try await run(engine, own, "insert into s values (1)")
        let query = "select a from s"
        #expect(try await run(engine, own, query).rows == [[.integer(1)]])
        // r_CREATE_TABLE: a temporary table's schema comes first in the search path.
        _ = try await run(engine, own, "create temp table s (a int)")
        _ = try await run(engine, own, "insert into s values (9)")
        #expect(try await run(engine, own, query).rows == [[.integer(9)]])
        #expect(try await run(engine, other, query).rows == [[.integer(1)]])
        _ = try await run(engine, own, "drop table s")
        #expect(try await run(engine, own, query).rows == [[.integer(1)]])
    }

    @Test func grantsAndRevokesApplyToTheNextRunOfTheSameText() async throws {
        let (engine, admin) = try engineAndSessions("awsuser")
        defer { engine.shutdown() }
        _ = try await run(engine, admin[0], "create user reader password 'Passw0rd1'")
        _ = try await run(engine, admin[0], "create table g (a int)")
        _ = try await run(engine, admin[0], "insert into g values (5)")
        let reader = try engine.openSession(target: target, database: "dev", user: "reader", caller: .anonymous).id
        let query = "select a from g"
        // r_GRANT: without SELECT on the table the query is refused (42501, permission denied).
        #expect(try await run(engine, reader, query).code == "42501")
        _ = try await run(engine, admin[0], "grant select on g to reader")
        #expect(try await run(engine, reader, query).rows == [[.integer(5)]])
        _ = try await run(engine, admin[0], "begin")
        _ = try await run(engine, admin[0], "revoke select on g from reader")
        _ = try await run(engine, admin[0], "rollback")
        #expect(try await run(engine, reader, query).rows == [[.integer(5)]])
        _ = try await run(engine, admin[0], "revoke select on g from reader")
        #expect(try await run(engine, reader, query).code == "42501")
    }

    @Test func argumentsAreBoundAfreshOnEachRun() async throws {
        let (engine, sessions) = try engineAndSessions("awsuser")
        defer { engine.shutdown() }
        // Literals become `?` arguments of one SQLite text: each run binds its own.
        for value in [1, 2, 3] {
            #expect(try await run(engine, sessions[0], "select \(value) + 0 as v, 'x\(value)' as w").rows
                    == [[.integer(Int64(value)), .text("x\(value)")]])
        }
        #expect(try await run(engine, sessions[0], "select null::int as v").rows == [[.null]])
    }
}

@Suite struct RecentlyUsedTests {
    @Test func keepsAtMostItsCapacityForgettingTheLeastRecentlyUsed() {
        var cache = RecentlyUsed<String, Int>(capacity: 2)
        cache.store(1, for: "a")
        cache.store(2, for: "b")
        #expect(cache.value(for: "a") == 1)   // "b" is now the least recently used
        cache.store(3, for: "c")
        #expect(cache.count == 2)
        #expect(cache.value(for: "b") == nil)
        #expect(cache.value(for: "a") == 1)
        #expect(cache.value(for: "c") == 3)
        cache.store(4, for: "c")   // replacing a key evicts nothing
        #expect(cache.count == 2 && cache.value(for: "a") == 1 && cache.value(for: "c") == 4)
        cache.removeValue(for: "a")
        #expect(cache.value(for: "a") == nil && cache.count == 1)
        cache.removeAll()
        #expect(cache.count == 0)
    }
}

@Suite struct RandomUUIDTests {
    @Test func formatsAsFoundationDoesLowerCased() {
        for _ in 0..<100 {
            let uuid = UUID()
            let formatted = withUnsafeBytes(of: uuid.uuid) { RandomUUID.format($0) }
            #expect(formatted == uuid.uuidString.lowercased())
        }
        let id = RandomUUID.string()
        #expect(id.count == 36 && UUID(uuidString: id) != nil && id == id.lowercased())
        #expect(Array(id)[14] == "4")   // version 4
    }
}
