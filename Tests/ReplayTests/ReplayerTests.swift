import Foundation
import Testing
@testable import Replay

/// A fake Data API target: statements take `latency` µs of the manual clock; `fail` SQL fails.
final class FakeTarget: DataAPICalling, @unchecked Sendable {
    let clock: ManualReplayClock
    let lock = NSLock()
    var calls: [(String, [String: Any])] = []
    var next = 0
    init(clock: ManualReplayClock) { self.clock = clock }

    func call(_ operation: String, body: [UInt8]) -> DataAPIReply {
        let json = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        lock.lock(); defer { lock.unlock() }
        calls.append((operation, json))
        switch operation {
        case "ExecuteStatement", "BatchExecuteStatement":
            if (json["Sql"] as? String) == "refuse" { return .failure(code: "ValidationException", message: "no") }
            next += 1
            return .ok(["Id": "id\(next)", "SessionId": "sess\(next)"])
        case "DescribeStatement":
            return .ok(["Id": json["Id"]!, "Status": "FINISHED", "Duration": 3_000_000, "ResultRows": 1])
        default:
            return .failure(code: "UnknownOperation", message: operation)
        }
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
