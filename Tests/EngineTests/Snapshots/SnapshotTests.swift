import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine

/// Snapshots and reset in the engine: save → change → restore, reset to the start-up state, names,
/// unknown snapshots, and statements refused while the gate is closed.
@Suite struct SnapshotTests {
    let engine: RedshiftEngine
    let target = Target(kind: .cluster, name: "snap")

    init() throws {
        var configuration = EngineConfiguration()
        configuration.targets = [(target, ["dev"])]
        engine = try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
    }

    @discardableResult
    func run(_ sql: String, database: String = "dev") async throws -> [[SQLiteValue]] {
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false,
                                       placement: .new(target: target, database: database, user: "awsuser", keepAliveSeconds: nil),
                                       caller: .anonymous, operation: "Query")
        let (snapshot, result) = try await engine.execute(request)
        guard snapshot.status == .finished else { throw SnapshotTestError(message: snapshot.error ?? "failed") }
        return try result?.rows(offset: 0, limit: 1_000) ?? []
    }

    @Test func restoreBringsBackRowsUsersAndDatabases() async throws {
        try await run("CREATE TABLE t (x INT)")
        try await run("INSERT INTO t VALUES (1), (2)")
        try await run("CREATE USER kept PASSWORD DISABLE")
        try await run("CREATE DATABASE other")
        try await engine.saveSnapshot(named: "s1")
        try await run("INSERT INTO t VALUES (3)")
        try await run("CREATE USER gone PASSWORD DISABLE")
        try await run("DROP DATABASE other")
        try await engine.restoreSnapshot(named: "s1")
        #expect(try await run("SELECT count(*) FROM t") == [[.integer(2)]])
        #expect(try await run("SELECT usename FROM pg_user WHERE usename IN ('kept', 'gone')") == [[.text("kept")]])
        #expect(try await run("SELECT current_database()", database: "other") == [[.text("other")]])
        #expect(engine.snapshots().map(\.name) == ["s1"])
    }

    @Test func resetReturnsToTheStartUpState() async throws {
        try await run("CREATE TABLE later (x INT)")
        try await engine.reset()
        await #expect(throws: SnapshotTestError.self) { try await run("SELECT * FROM later") }
    }

    @Test func badNamesAndUnknownSnapshotsAreRefused() async throws {
        for name in ["..", ".x", "a/b", "", String(repeating: "a", count: 101)] {
            await #expect { try await engine.saveSnapshot(named: name) } throws: { ($0 as? SnapshotError)?.kind == .invalidName }
        }
        await #expect { try await engine.restoreSnapshot(named: "nope") } throws: {
            ($0 as? SnapshotError)?.message == "Snapshot nope does not exist."
        }
        #expect { try engine.deleteSnapshot(named: "nope") } throws: { ($0 as? SnapshotError)?.kind == .notFound }
    }

    @Test func theGateRefusesStatementsWhileClosed() async throws {
        let gate = MaintenanceGate()
        try gate.enter()
        let waiting = Task { try await gate.exclusively("restoring snapshot x") { "ran" } }
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(throws: EngineError.self) { try gate.enter() }
        gate.leave()
        #expect(try await waiting.value == "ran")
        try gate.enter()
        gate.leave()
    }
}

struct SnapshotTestError: Error { var message: String }
