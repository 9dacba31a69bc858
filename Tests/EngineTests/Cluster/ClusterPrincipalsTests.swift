import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine

/// Users, groups and roles belong to the cluster, shared by its databases through the ATTACHed
/// principals file ("Database users are global across a data warehouse cluster",
/// r_Users-creatingaltering-and-deleting-users); object privileges stay per database.
@Suite struct ClusterPrincipalsTests {
    private let target = Target(kind: .cluster, name: "principals-test")

    private func run(_ engine: RedshiftEngine, _ sql: String, database: String = "dev", user: String = "awsuser",
                     session: String? = nil) async throws -> StatementSnapshot {
        let placement: StatementRequest.Placement = session.map { .session(id: $0, database: nil, keepAliveSeconds: nil) }
            ?? .new(target: target, database: database, user: user, keepAliveSeconds: nil)
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false, placement: placement,
                                       caller: .anonymous, operation: "ExecuteStatement")
        let id = try engine.submit(request).id
        while try !engine.statement(id).status.isTerminal { try await engine.waitForEnd(id, seconds: 10) }
        return try engine.statement(id)
    }

    private func makeEngine() throws -> RedshiftEngine {
        try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
    }

    @Test func aUserCreatedInOneDatabaseExistsInTheOthers() async throws {
        let engine = try makeEngine()
        defer { engine.shutdown() }
        #expect(try await run(engine, "create database other").status == .finished)
        #expect(try await run(engine, "create user alice password disable").status == .finished)
        let again = try await run(engine, "create user alice password disable", database: "other")
        #expect(again.error == #"ERROR: user "alice" already exists"#)
        #expect(try await run(engine, "alter user alice createdb", database: "other").status == .finished)
        // Object privileges are the database's: granted in `other` only.
        #expect(try await run(engine, "create table t (a int)", database: "other").status == .finished)
        #expect(try await run(engine, "create table t (a int)").status == .finished)
        #expect(try await run(engine, "grant select on t to alice", database: "other").status == .finished)
        #expect(try await run(engine, "select * from t", database: "other", user: "alice").status == .finished)
        #expect(try await run(engine, "select * from t", user: "alice").errorCode == "42501")
    }

    @Test func aRolledBackCreateUserLeavesNoUser() async throws {
        let engine = try makeEngine()
        defer { engine.shutdown() }
        #expect(try await run(engine, "create database other").status == .finished)
        let session = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous)
        #expect(try await run(engine, "begin", session: session.id).status == .finished)
        #expect(try await run(engine, "create user ghost password disable", session: session.id).status == .finished)
        #expect(try await run(engine, "rollback", session: session.id).status == .finished)
        await engine.closeSession(session.id)
        #expect(try await run(engine, "alter user ghost createdb", database: "other").error == #"ERROR: user "ghost" does not exist"#)
    }

    /// A rename made in dev keeps the user's grants in `other` (PrincipalLog, applied before
    /// `other`'s next statement).
    @Test func aRenameReachesTheOtherDatabases() async throws {
        let engine = try makeEngine()
        defer { engine.shutdown() }
        #expect(try await run(engine, "create database other").status == .finished)
        #expect(try await run(engine, "create user alice password disable").status == .finished)
        #expect(try await run(engine, "create table t (a int)", database: "other").status == .finished)
        #expect(try await run(engine, "grant select on t to alice", database: "other").status == .finished)
        #expect(try await run(engine, "alter user alice rename to bob").status == .finished)
        #expect(try await run(engine, "select * from t", database: "other", user: "bob").status == .finished)
        #expect(try await run(engine, "select * from t", database: "other", user: "alice").errorCode == "42501")
    }
}
