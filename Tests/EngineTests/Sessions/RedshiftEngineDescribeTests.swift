import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine

/// Describe without running: columns from translation, nothing executed.
@Suite struct RedshiftEngineDescribeTests {
    private let target = Target(kind: .cluster, name: "pg-describe")

    private func run(_ engine: RedshiftEngine, _ session: String, _ sql: String) async throws -> StatementSnapshot {
        try await engine.runToEnd(sql, inSession: session)
    }

    @Test func queriesAreDescribedWithoutRunning() async throws {
        let engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        defer { engine.shutdown() }
        let session = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous)
        _ = try await run(engine, session.id, "create table d (id integer not null, name varchar(8))")
        let columns = try await engine.describeColumns(Translator.parse("select id, name from d"), inSession: session.id,
                                                       parameters: nil)
        #expect(columns?.map(\.name) == ["id", "name"])
        #expect(columns?.map(\.type) == [.integer, .varchar(length: 8)])
        // An INSERT is described as returning no rows, and does not run.
        #expect(try await engine.describeColumns(Translator.parse("insert into d values (1, 'a')"), inSession: session.id,
                                                 parameters: nil) == nil)
        let count = try await run(engine, session.id, "select count(*) from d")
        #expect(try engine.result(count.id).1?.rows(offset: 0, limit: 1) == [[.integer(0)]])
        await engine.closeSession(session.id)
    }

    @Test func aDescribeErrorAbortsTheTransactionBlock() async throws {
        let engine = try RedshiftEngine.make(EngineConfiguration(), logger: Logger(label: "test"))
        defer { engine.shutdown() }
        let session = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous)
        _ = try await run(engine, session.id, "begin")
        await #expect(throws: SQLError.self) {
            _ = try await engine.describeColumns(Translator.parse("select * from missing"), inSession: session.id, parameters: nil)
        }
        #expect(try await engine.transactionStatus(ofSession: session.id) == .failed)
        do {
            _ = try await engine.describeColumns(Translator.parse("select 1"), inSession: session.id, parameters: nil)
            Issue.record("expected 25P02")
        } catch let error as SQLError {
            #expect(error.code == "25P02")
        }
        #expect(try await engine.describeColumns(Translator.parse("rollback"), inSession: session.id, parameters: nil) == nil)
        await engine.closeSession(session.id)
    }
}
