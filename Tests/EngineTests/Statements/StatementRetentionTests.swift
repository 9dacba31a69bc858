import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine

/// How long ended Data API statements are kept (`limits.statementRetentionSeconds`) and how many
/// (`limits.maxEndedStatements`). An expired or evicted id is answered as one that does not exist:
/// `Query does not exist.` (reference data-api.md §6.4: "Well-formed id that does not exist (or expired)").
@Suite struct StatementRetentionTests {
    private let target = Target(kind: .cluster, name: "retention-test")

    private func engine(retention: Int? = nil, maxEnded: Int? = nil) throws -> RedshiftEngine {
        var configuration = EngineConfiguration()
        configuration.limits = Limits(statementRetentionSeconds: retention, maxEndedStatements: maxEnded)
        return try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
    }

    private func run(_ sql: String, on engine: RedshiftEngine) async throws -> String {
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false,
                                       placement: .new(target: target, database: "dev", user: "awsuser", keepAliveSeconds: nil),
                                       caller: .anonymous, operation: "ExecuteStatement")
        let id = try engine.submit(request).id
        while try !engine.statement(id).status.isTerminal { try await engine.waitForEnd(id, seconds: 10) }
        return id
    }

    /// A table of the ten digits, for results as large or as slow as a test needs.
    private func makeTen(on engine: RedshiftEngine) async throws {
        _ = try await run("create table ten (i int)", on: engine)
        _ = try await run("insert into ten values (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)", on: engine)
    }

    private func isKnown(_ id: String, by engine: RedshiftEngine) -> Bool {
        do {
            _ = try engine.statement(id)
            return true
        } catch let error as EngineError {
            #expect(error == EngineError.statementNotFound(id))
            return false
        } catch {
            Issue.record("unexpected \(error)")
            return false
        }
    }

    @Test func theDefaultsAreTheServicesRetentionAndABound() throws {
        let engine = try engine()
        defer { engine.shutdown() }
        #expect(engine.statements.retention == 24 * 3600)
        #expect(engine.statements.maxEnded == 10_000)
    }

    @Test func theOldestEndedStatementsAreForgottenPastTheBound() async throws {
        let engine = try engine(maxEnded: 3)
        defer { engine.shutdown() }
        var ids: [String] = []
        for n in 1...5 { ids.append(try await run("select \(n)", on: engine)) }
        engine.housekeeping()
        #expect(ids.map { isKnown($0, by: engine) } == [false, false, true, true, true])
        let listed = engine.statements(before: nil, limit: 100) { _ in true }.items.map(\.id)
        #expect(listed == ids.suffix(3).reversed())
    }

    @Test func aStatementStillRunningIsNeverForgotten() async throws {
        let engine = try engine(retention: 0, maxEnded: 0)
        defer { engine.shutdown() }
        try await makeTen(on: engine)
        let request = StatementRequest(statements: [Translator.parse(
            "select count(*) from ten a, ten b, ten c, ten d, ten e, ten f, ten g, ten h, ten i")], isBatch: false,
            placement: .new(target: target, database: "dev", user: "awsuser", keepAliveSeconds: nil),
            caller: .anonymous, operation: "ExecuteStatement")
        let record = try engine.statements.withRecord(try engine.submit(request).id) { $0 }
        // Whatever its state when housekeeping runs, it is forgotten only once it has ended.
        engine.housekeeping()
        let known = isKnown(record.id, by: engine)
        let ended = engine.statements.state.withLock { _ in record.isTerminal }
        #expect(known || ended)
        if known && !ended {
            try? engine.cancel(record.id)
            try await engine.waitForEnd(record.id, seconds: 60)
        }
    }

    @Test func endedStatementsExpireAfterTheRetention() async throws {
        let engine = try engine(retention: 0)
        defer { engine.shutdown() }
        let id = try await run("select 1", on: engine)
        #expect(isKnown(id, by: engine))
        try await Task.sleep(nanoseconds: 20_000_000)
        engine.housekeeping()
        #expect(!isKnown(id, by: engine))
    }

    @Test func aForgottenStatementReleasesItsResult() async throws {
        let engine = try engine(maxEnded: 1)
        defer { engine.shutdown() }
        // More rows than stay in memory: the result is spilled to disk, dropped with its ResultSet.
        try await makeTen(on: engine)
        #expect(ResultSetBuilder.memoryRowLimit < 10_000)
        let id = try await run("select a.i, b.i, c.i, d.i from ten a, ten b, ten c, ten d", on: engine)
        weak var result: ResultSet?
        do {
            let (_, rows) = try engine.result(id)
            result = rows
        }
        #expect(result != nil)
        _ = try await run("select 2", on: engine)
        engine.housekeeping()
        #expect(!isKnown(id, by: engine))
        #expect(result == nil)
    }
}
