import DataAPIClient
import DataAPIModel
import Foundation

/// Runs a ``ReplayPlan`` against a target: one worker thread per active session (at most
/// `concurrency`), each taking the next session in order of first due time and sending its calls
/// in order, each at its due time (absolute, from the replay's origin) or at once when late.
///
/// Two kinds of target: a Data API endpoint, where every call is followed to a terminal status
/// with DescribeStatement (long polling with `WaitTimeSeconds`; plain polling if the target
/// refuses it), or a cluster endpoint (``PostgresReplayTarget``), one connection per recorded
/// session (`Replayer+Postgres.swift`). Outcomes go to `sink` as recorded statements with the
/// original event ids; failures are recorded, never fatal.
public final class Replayer: @unchecked Sendable {
    public let plan: ReplayPlan
    let clock: ReplayClock
    let makeClient: () throws -> DataAPICalling
    /// Set for a cluster-endpoint (PostgreSQL wire) replay; `makeClient` is then unused.
    let postgres: PostgresReplayTarget?
    let sink: (RecordedStatement) -> Void
    let concurrency: Int
    let longPollSeconds: Int
    let state = ReplayState()
    /// `replay --fingerprint`: page every FINISHED result with GetStatementResult and record its
    /// ``ResultFingerprint`` (extra calls after the statement's end, before the session's next one).
    public var fetchResultFingerprints = false

    public init(plan: ReplayPlan, concurrency: Int?, clock: ReplayClock = SystemReplayClock(),
                longPollSeconds: Int = 10, makeClient: @escaping () throws -> DataAPICalling,
                sink: @escaping (RecordedStatement) -> Void) {
        self.plan = plan
        self.clock = clock
        self.makeClient = makeClient
        self.postgres = nil
        self.sink = sink
        self.longPollSeconds = longPollSeconds
        self.concurrency = max(1, min(concurrency ?? plan.sessions.count, plan.sessions.count, 1024))
    }

    /// A replay over the PostgreSQL wire protocol: one connection per recorded session.
    public init(plan: ReplayPlan, concurrency: Int?, clock: ReplayClock = SystemReplayClock(),
                postgres: PostgresReplayTarget, sink: @escaping (RecordedStatement) -> Void) {
        self.plan = plan
        self.clock = clock
        self.makeClient = { throw ReplayError.usage("not a Data API replay") }
        self.postgres = postgres
        self.sink = sink
        self.longPollSeconds = 0
        self.concurrency = max(1, min(concurrency ?? plan.sessions.count, plan.sessions.count, 1024))
    }

    /// Counts so far, for a progress line (safe from any thread).
    public func progress() -> ReplayProgress { state.snapshot(total: plan.statementCount) }

    /// Runs the whole plan and returns when every session is done.
    public func run() -> ReplaySummary {
        let origin = clock.nowMicros() + 2_000   // a little head room to start the workers
        state.start(origin: origin, clock: clock)
        state.setSessionCount(plan.sessions.count)
        let group = DispatchGroup()
        for index in 0..<(plan.sessions.isEmpty ? 0 : concurrency) {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                work(origin: origin)
            }
            thread.name = "replay-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        var summary = state.summary(wallMicros: clock.nowMicros() - origin)
        summary.sessions = plan.sessions.count
        summary.skippedWrites = plan.skippedWrites
        summary.speed = plan.speed
        return summary
    }

    private func work(origin: Int64) {
        if let postgres {
            workOverPostgres(origin: origin, target: postgres)
            return
        }
        let client: DataAPICalling
        do {
            client = try makeClient()
        } catch {
            while let index = state.nextSession() {
                for unit in plan.sessions[index].units { record(unit, failure: ("TransportError", "\(error)"), submitted: origin) }
            }
            return
        }
        var drifts: [Int64] = []
        while let index = state.nextSession() {
            let schedule = plan.sessions[index]
            var sessionId: String?
            for unit in schedule.units {
                let (sent, drift) = clock.awaitTurn(dueMicros: origin + unit.offsetMicros)
                drifts.append(drift)
                sessionId = run(unit, schedule: schedule, sessionId: sessionId, client: client, sent: sent, drift: drift)
            }
        }
        state.addDrifts(drifts)
    }

    /// Sends one unit and follows it to its end; returns the session id for the next unit.
    private func run(_ unit: ReplayUnit, schedule: SessionSchedule, sessionId: String?, client: DataAPICalling, sent: Int64,
                     drift: Int64) -> String? {
        var answer: (id: String?, sessionId: String?) = (nil, nil)
        var pause: Int64 = 1_000
        var retried: Int64 = 0
        while true {
            do {
                answer = try DataAPIRequests.execute(unit, in: schedule, sessionId: sessionId, client: client)
            } catch {
                // A session can stay busy for a moment after its statement's terminal status shows:
                // wait for it (up to 5 s) rather than fail the next statement.
                if sessionId != nil, let refused = error as? DataAPIError, refused.code == .validation,
                   refused.message.contains("busy"), retried < 5_000_000 {
                    clock.sleep(untilMicros: clock.nowMicros() + pause)
                    retried += pause
                    pause = min(pause * 2, 50_000)
                    continue
                }
                // The call was refused: record it. The session may be gone, so the next unit opens a new one.
                record(unit, failure: DataAPIClient.codeAndMessage(of: error), submitted: sent, drift: drift)
                return nil
            }
            break
        }
        let acknowledged = clock.nowMicros()
        let nextSession = sessionId ?? answer.sessionId
        guard let id = answer.id else {
            let operation = unit.isBatch ? "BatchExecuteStatement" : "ExecuteStatement"
            record(unit, failure: ("InvalidResponse", "\(operation) answered without Id"), submitted: sent, drift: drift)
            return nextSession
        }
        var terminal: DescribeStatementResponse?
        var delay: Int64 = 1_000
        while terminal == nil {
            let wait = state.longPoll ? longPollSeconds : nil
            let answer: DescribeStatementResponse
            do {
                answer = try client.describeStatement(DescribeStatementRequest(id: id, waitTimeSeconds: wait))
            } catch let refused as DataAPIError where refused.code == .validation && wait != nil {
                state.longPoll = false
                continue
            } catch {
                record(unit, failure: DataAPIClient.codeAndMessage(of: error), submitted: sent, drift: drift)
                return nextSession
            }
            if let status = answer.status, [.finished, .failed, .aborted].contains(status) {
                terminal = answer
            } else if !state.longPoll {
                clock.sleep(untilMicros: clock.nowMicros() + delay)
                delay = min(delay * 2, 50_000)
            }
        }
        let described = terminal!
        let observedEnd = clock.nowMicros()
        let results = fetchResultFingerprints ? resultFingerprints(unit, described: described, client: client) : []
        record(unit, described: described, submitted: sent, acknowledged: acknowledged, observedEnd: observedEnd,
               drift: drift, fingerprints: results)
        return nextSession
    }
}
