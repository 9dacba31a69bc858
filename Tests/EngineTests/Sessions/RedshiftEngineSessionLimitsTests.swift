import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine

/// Connection limits and PG_TERMINATE_BACKEND at the engine level (the door's side is in
/// Tests/compat/test_pg_sessions.py).
@Suite struct RedshiftEngineSessionLimitsTests {
    private let target = Target(kind: .cluster, name: "limits-test")

    private func engine(maxConnections: Int) throws -> RedshiftEngine {
        var configuration = EngineConfiguration()
        configuration.limits = Limits(maxConnections: maxConnections)
        return try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
    }

    /// Limits in Amazon Redshift: `connection limit "N" exceeded for non-bootstrap users`.
    @Test func theClusterLimitSparesTheBootstrapSuperuser() async throws {
        let engine = try engine(maxConnections: 1)
        defer { engine.shutdown() }
        let first = try engine.openSession(target: target, database: "dev", user: "u1", caller: .anonymous)
        #expect(throws: EngineError(.tooManyConnections, "connection limit \"1\" exceeded for non-bootstrap users")) {
            _ = try engine.openSession(target: target, database: "dev", user: "u2", caller: .anonymous)
        }
        let superuser = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous)
        await engine.closeSession(first.id)
        let second = try engine.openSession(target: target, database: "dev", user: "u2", caller: .anonymous)
        await engine.closeSession(second.id)
        await engine.closeSession(superuser.id)
    }

    @Test func aDataAPISessionDoesNotCountAsAConnection() async throws {
        let engine = try engine(maxConnections: 1)
        defer { engine.shutdown() }
        let request = StatementRequest(statements: [Translator.parse("select 1")], isBatch: false,
                                       placement: .new(target: target, database: "dev", user: "u1", keepAliveSeconds: 60),
                                       caller: .anonymous, operation: "ExecuteStatement")
        let id = try engine.submit(request).id
        while try !engine.statement(id).status.isTerminal { try await engine.waitForEnd(id, seconds: 10) }
        let connection = try engine.openSession(target: target, database: "dev", user: "u2", caller: .anonymous)
        await engine.closeSession(connection.id)
    }

    @Test func terminationWakesTheDoorAndEndsTheSession() async throws {
        let engine = try engine(maxConnections: 10)
        defer { engine.shutdown() }
        let session = try engine.openSession(target: target, database: "dev", user: "u1", caller: .anonymous)
        async let terminated = engine.waitForTermination(ofSession: session.id)
        #expect(try engine.signalBackend(pid: session.redshiftPid, signal: .terminate, user: "awsuser",
                                         isSuperuser: true, callerPid: 0))
        #expect(await terminated)
        #expect(await engine.waitForTermination(ofSession: session.id))
        #expect(engine.sessionSnapshots().first { $0.id == session.id }?.status == .closed)
    }

    @Test func aClosedSessionIsNotATermination() async throws {
        let engine = try engine(maxConnections: 10)
        defer { engine.shutdown() }
        let session = try engine.openSession(target: target, database: "dev", user: "u1", caller: .anonymous)
        async let terminated = engine.waitForTermination(ofSession: session.id)
        await engine.closeSession(session.id)
        #expect(await terminated == false)
    }

    /// PG_TERMINATE_BACKEND: "You can terminate a session owned by your user. A superuser can terminate any session."
    @Test func onlyOwnSessionsUnlessSuperuser() throws {
        let engine = try engine(maxConnections: 10)
        defer { engine.shutdown() }
        let session = try engine.openSession(target: target, database: "dev", user: "u1", caller: .anonymous)
        #expect(throws: SQLError.self) {
            _ = try engine.signalBackend(pid: session.redshiftPid, signal: .cancel, user: "u2", isSuperuser: false, callerPid: 0)
        }
        #expect(try engine.signalBackend(pid: session.redshiftPid, signal: .cancel, user: "u1", isSuperuser: false, callerPid: 0))
        #expect(try engine.signalBackend(pid: 42, signal: .terminate, user: "u1", isSuperuser: true, callerPid: 0) == false)
    }
}
