import DataAPIClient
import DataAPIModel
import EmulatorServer
import Foundation
import HummingbirdTesting
import Testing
@testable import Replay

/// The JSON form of a typed input, as a dictionary (to look at what a fake target was sent).
func jsonObject<T: Encodable>(_ input: T) -> [String: Any] {
    (try? AWSJSON.encode(input)).flatMap { try? JSONSerialization.jsonObject(with: $0) } as? [String: Any] ?? [:]
}

/// A fake Data API target: statements take `latency` µs of the manual clock; `refuse` SQL is refused.
final class FakeTarget: DataAPICalling, @unchecked Sendable {
    let clock: ManualReplayClock
    let lock = NSLock()
    var calls: [(String, [String: Any])] = []
    var next = 0
    init(clock: ManualReplayClock) { self.clock = clock }

    private func log<T: Encodable>(_ operation: String, _ input: T) {
        lock.lock(); defer { lock.unlock() }
        calls.append((operation, jsonObject(input)))
    }

    private func started() -> (String, String) {
        lock.lock(); defer { lock.unlock() }
        next += 1
        return ("id\(next)", "sess\(next)")
    }

    func executeStatement(_ input: ExecuteStatementInput) throws -> ExecuteStatementOutput {
        log("ExecuteStatement", input)
        if input.sql == "refuse" { throw DataAPIError(.validation, "no") }
        let (id, session) = started()
        return ExecuteStatementOutput(id: id, sessionId: session)
    }

    func batchExecuteStatement(_ input: BatchExecuteStatementInput) throws -> BatchExecuteStatementOutput {
        log("BatchExecuteStatement", input)
        let (id, session) = started()
        return BatchExecuteStatementOutput(id: id, sessionId: session)
    }

    func describeStatement(_ input: DescribeStatementRequest) throws -> DescribeStatementResponse {
        log("DescribeStatement", input)
        return DescribeStatementResponse(duration: 3_000_000, id: input.id!, resultRows: 1, status: .finished)
    }

    func getStatementResult(_ input: GetStatementResultRequest) throws -> GetStatementResultResponse {
        throw DataAPIError(.unknownOperation, "GetStatementResult")
    }
}

@Suite struct ReplayerTests {
    @Test func followsTheScheduleAndRecordsOutcomes() throws {
        let clock = ManualReplayClock()
        let target = FakeTarget(clock: clock)
        var options = ReplayOptions()
        options.speed = 1
        let plan = try ReplayPlan(statements: [
            statement("a1", session: "A", seq: 1, at: 0),
            statement("a2", session: "A", seq: 2, at: 1_000_000, sql: "refuse"),
            statement("a3", session: "A", seq: 3, at: 2_000_000),
        ], options: options)
        let lock = NSLock()
        var out: [RecordedStatement] = []
        let replayer = Replayer(plan: plan, concurrency: 1, clock: clock, makeClient: { target }, sink: { s in
            lock.lock(); out.append(s); lock.unlock()
        })
        let summary = replayer.run()
        #expect(summary.statements == 3 && summary.finished == 2 && summary.failed == 1 && summary.callErrors == 1)
        #expect(summary.driftMaxMicros == 0)
        #expect(out.map(\.eventId) == ["a1", "a2", "a3"])
        #expect(out[0].latencyMicros == 3_000 && out[0].resultRows == 1 && out[0].status == "FINISHED")
        #expect(out[1].errorCode == "ValidationException")
        // Offsets from the replay's origin: 0 s, 1 s, 2 s apart.
        #expect(out[1].submittedAt.microsecondsSinceEpoch - out[0].submittedAt.microsecondsSinceEpoch == 1_000_000)
        // The first call opens a session; after a refused call the next one opens a new session.
        let executes = target.calls.filter { $0.0 == "ExecuteStatement" }.map(\.1)
        #expect(executes[0]["SessionKeepAliveSeconds"] != nil && executes[0]["DbUser"] as? String == "u")
        #expect(executes[1]["SessionId"] as? String == "sess1")
        #expect(executes[2]["SessionKeepAliveSeconds"] != nil)
        #expect(target.calls.filter { $0.0 == "DescribeStatement" }.allSatisfy { $0.1["WaitTimeSeconds"] != nil })
    }

    @Test func concurrencyCapsWorkers() throws {
        let clock = ManualReplayClock()
        let target = FakeTarget(clock: clock)
        var options = ReplayOptions()
        options.speed = 0
        let statements = (0..<20).map { statement("e\($0)", session: "S\($0 % 5)", seq: $0 / 5 + 1, at: Int64($0) * 1000) }
        let plan = try ReplayPlan(statements: statements, options: options)
        let replayer = Replayer(plan: plan, concurrency: 2, clock: clock, makeClient: { target }, sink: { _ in })
        #expect(replayer.concurrency == 2)
        let summary = replayer.run()
        #expect(summary.statements == 20 && summary.sessions == 5)
        // Each of the 5 sessions opened exactly one Data API session.
        #expect(target.calls.filter { $0.1["SessionKeepAliveSeconds"] != nil }.count == 5)
    }

    @Test func progressLine() {
        let line = ProgressLine.line(ReplayProgress(total: 100, done: 50, failed: 1, elapsedMicros: 1_000_000), scheduledSpanMicros: 0)
        #expect(line == "replay 50/100 (50%) · 50 statements/s · 1 failed · ETA 0:01")
    }
}

/// The replayer with the shared Data API client against the real server, in process.
extension ReplayerTests {
    @Test func replaysAgainstAnInProcessEmulatorWithTheSharedClient() async throws {
        var options = ReplayOptions()
        options.speed = 0
        let statements = [
            statement("l1", session: "L", seq: 1, at: 0, sql: "create table live_t (n int)"),
            statement("l2", session: "L", seq: 2, at: 1_000, sql: "insert into live_t values (1), (2)"),
            statement("l3", session: "L", seq: 3, at: 2_000, sql: "select n from live_t order by n"),
            statement("l4", session: "L", seq: 4, at: 3_000, sql: "select * from no_such_table"),
        ].map { s -> RecordedStatement in var s = s; s.user = "awsuser"; return s }
        let plan = try ReplayPlan(statements: statements, options: options)
        let app = try buildApplication(.testing)
        let out = try await app.test(.live) { client in
            let url = URL(string: "http://127.0.0.1:\(client.port!)/")!
            // The replayer blocks (worker threads): keep it off the cooperative pool.
            return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[RecordedStatement], Error>) in
                Thread {
                    let lock = NSLock()
                    var out: [RecordedStatement] = []
                    let replayer = Replayer(plan: plan, concurrency: 1, makeClient: {
                        try DataAPIClient(url: url, credentials: nil, region: "us-east-1")
                    }, sink: { s in lock.lock(); out.append(s); lock.unlock() })
                    replayer.fetchResultFingerprints = true
                    _ = replayer.run()
                    continuation.resume(returning: out)
                }.start()
            }
        }
        #expect(out.map(\.eventId) == ["l1", "l2", "l3", "l4"])
        #expect(out.prefix(3).allSatisfy { $0.status == "FINISHED" })
        #expect(out[2].resultRows == 2 && out[2].resultFingerprint == ResultFidelityTests.fingerprint([[.longValue(1)], [.longValue(2)]]))
        #expect(out[3].status == "FAILED" && out[3].error?.isEmpty == false)
    }
}
