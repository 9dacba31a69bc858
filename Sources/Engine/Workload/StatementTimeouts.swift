import Foundation
import RedshiftSQL
import Synchronization

/// `statement_timeout`: "the maximum amount of time a query can run before Amazon Redshift terminates
/// it. This time includes planning, queueing in workload management (WLM), and execution time";
/// with a WLM `max_execution_time` too, "the lower of statement_timeout and max_execution_time is
/// used" (both run here; whichever is due first acts). Error: `ERROR: Query (150) canceled on user's
/// request` (r_statement_timeout). The statement ends FAILED (it is not a CancelStatement).
///
/// The clock starts at submission for a statement (so WLM queue time counts) and when a batch
/// sub-statement starts for the statements of a batch. The session's value is the one it had
/// after its previous statement (`SQLConnection.statementTimeoutMillis`); inside a batch, the value
/// at the sub-statement's start. One timer per statement with a timeout, none otherwise.
final class StatementTimeouts: Sendable {
    private struct State {
        var timers: [String: DispatchSourceTimer] = [:]
        var expired: Set<String> = []
    }
    private let state = Locked(State())
    /// `timers.count + expired.count`, changed under the lock: when 0 (no statement has a timeout,
    /// the common case), `hasExpired` and `disarm` answer without taking the lock. The statement's
    /// own thread arms its timer before it asks, so it never misses its own.
    private let tracked = Atomic<Int>(0)
    private let queue = DispatchQueue(label: "emulatord.statement-timeout")

    /// Arms a timer that calls `fire` at `deadline` (monotonic ns), unless disarmed before.
    func arm(_ id: String, deadline: UInt64, now: UInt64, fire: @escaping @Sendable () -> Void) {
        let timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + .nanoseconds(Int(min(deadline.elapsed(since: now), UInt64(Int.max)))))
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            let armed = self.state.withLock { state -> Bool in
                guard state.timers.removeValue(forKey: id) != nil else { return false }
                state.expired.insert(id)
                return true
            }
            timer.cancel()
            if armed { fire() }
        }
        let previous = state.withLock { state -> DispatchSourceTimer? in
            defer {
                state.timers[id] = timer
                tracked.store(state.timers.count + state.expired.count, ordering: .releasing)
            }
            return state.timers[id]
        }
        previous?.cancel()
        timer.resume()
    }

    /// Whether the statement's timeout fired.
    func hasExpired(_ id: String) -> Bool {
        guard tracked.load(ordering: .acquiring) > 0 else { return false }
        return state.withLock { $0.expired.contains(id) }
    }

    /// The statement ended: stops its timer and forgets it.
    func disarm(_ id: String) {
        guard tracked.load(ordering: .acquiring) > 0 else { return }
        let timer = state.withLock { state -> DispatchSourceTimer? in
            state.expired.remove(id)
            defer { tracked.store(state.timers.count + state.expired.count, ordering: .releasing) }
            return state.timers.removeValue(forKey: id)
        }
        timer?.cancel()
    }

    /// Milliseconds of a `statement_timeout` value: a non-negative integer (0 = no limit); nil when invalid.
    static func millis(_ value: String) -> Int? {
        let text = value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        guard let millis = Int(text), millis >= 0 else { return nil }
        return millis
    }
}

extension RedshiftEngine {
    /// Starts the statement's `statement_timeout` clock (`millis` > 0) from `startNanos`.
    func armStatementTimeout(_ record: StatementRecord, millis: Int, from startNanos: UInt64) {
        guard millis > 0 else { return }
        let deadline = startNanos &+ UInt64(millis) &* 1_000_000
        workload.statementTimeouts.arm(record.id, deadline: deadline, now: clock.monotonicNanoseconds()) { [weak self] in
            self?.statementTimedOut(record)
        }
    }

    /// The timeout is due: a queued statement leaves its WLM queue, a running one is interrupted (its
    /// run path then fails it with `statementTimeoutFailure`).
    private func statementTimedOut(_ record: StatementRecord) {
        let (queued, connection) = statements.state.withLock { _ -> (Bool, SQLConnection?) in
            guard !record.isTerminal else { return (false, nil) }
            let connection = record.runningOn ?? record.subStatements.lazy.compactMap(\.runningOn).first ?? record.batch?.runningOn
            return (record.status == .submitted, connection)
        }
        connection?.interrupt()
        if queued, !workload.isInert { workload.release(record.batch?.id ?? record.id, target: record.context.target) }
    }

    /// Redshift's error when the statement's (or its batch's) `statement_timeout` fired, else nil.
    func statementTimeoutFailure(_ record: StatementRecord) -> SQLError? {
        let expired = workload.statementTimeouts.hasExpired(record.id) || record.batch.map { workload.statementTimeouts.hasExpired($0.id) } == true
        guard expired else { return nil }
        let queryId = statements.state.withLock { _ in record.redshiftQueryId }
        return SQLError(code: "57014", message: WLMCancelReason.userRequest.message(queryId: queryId))
    }

    /// The statement's `statement_timeout` before it reaches its connection: the session's current
    /// value, or the server default.
    func statementTimeoutMillis(on execution: Execution) -> Int {
        if case .session(let session, _) = execution { return session.connection.statementTimeoutMillis }
        return 0
    }
}
