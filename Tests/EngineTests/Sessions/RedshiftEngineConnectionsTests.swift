import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine

/// Sessions of cluster-endpoint connections: open until closed, transaction status, SQLSTATEs.
@Suite struct RedshiftEngineConnectionsTests {
    private let target = Target(kind: .cluster, name: "pg-test")

    private func run(_ engine: RedshiftEngine, _ session: String, _ sql: String) async throws -> StatementSnapshot {
        try await engine.runToEnd(sql, inSession: session)
    }

    @Test func anErrorInATransactionBlockAbortsItUntilRollback() async throws {
        let engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        defer { engine.shutdown() }
        let session = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous)
        #expect(session.redshiftPid > 0)
        #expect(try await engine.transactionStatus(ofSession: session.id) == .idle)
        _ = try await run(engine, session.id, "begin")
        #expect(try await engine.transactionStatus(ofSession: session.id) == .inTransaction)
        // PostgreSQL (and so Redshift): an analysis error aborts the block too (errcodes-appendix: 42P01, 25P02).
        let failed = try await run(engine, session.id, "select * from no_such_table")
        #expect(failed.status == .failed)
        #expect(failed.errorCode == "42P01")
        #expect(try await engine.transactionStatus(ofSession: session.id) == .failed)
        let ignored = try await run(engine, session.id, "select 1")
        #expect(ignored.errorCode == "25P02")
        _ = try await run(engine, session.id, "rollback")
        #expect(try await engine.transactionStatus(ofSession: session.id) == .idle)
        await engine.closeSession(session.id)
        await #expect(throws: EngineError.self) { _ = try await engine.transactionStatus(ofSession: session.id) }
    }

    @Test func aConnectionSessionDoesNotExpire() throws {
        let engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        defer { engine.shutdown() }
        let session = try engine.openSession(target: target, database: "dev", user: "u", caller: .anonymous)
        engine.sessions.closeExpired(now: Date().addingTimeInterval(2 * 24 * 3600))
        #expect(engine.sessionSnapshots().first { $0.id == session.id }?.status == .available)
    }

    @Test func closingASessionRollsBackItsTransaction() async throws {
        let engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        defer { engine.shutdown() }
        let first = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous)
        _ = try await run(engine, first.id, "create table kept (a int)")
        _ = try await run(engine, first.id, "begin")
        _ = try await run(engine, first.id, "insert into kept values (1)")
        await engine.closeSession(first.id)
        let second = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous)
        let count = try await run(engine, second.id, "select count(*) from kept")
        let rows = try engine.result(count.id).1?.rows(offset: 0, limit: 1)
        #expect(rows == [[.integer(0)]])
        await engine.closeSession(second.id)
    }
}
