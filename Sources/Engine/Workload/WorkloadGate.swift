import Foundation
import RedshiftSQL
import Synchronization

/// Puts workload management on the statement path: WLM queues and slots, WLM timeouts and query
/// monitoring rules at run time, simulated latency and fault rules (docs/workload.md). With no
/// `--wlm`, `--latency instant` and no fault rules it is inert: the statement path then skips it
/// (the query log, `history`, still records every statement).
public final class WorkloadGate: Sendable {
    struct Settings {
        var wlm: WLMConfiguration?
        var latency: LatencyProfile = .instant
        var seed: UInt64 = 0
        var faults = FaultRuleSet()
        /// How often WLM timeouts and query monitoring rules are checked (Redshift: rules every 10 s).
        var monitorIntervalMillis = 100
        /// The groups of a user, for `user_group` routing: (database, user) -> group names.
        /// Defaults to none until the catalog knows groups (issue 5).
        var userGroups: @Sendable (String, String) -> [String] = { _, _ in [] }
        /// The catalog's user id of (database, user), when known; else the query log allocates one.
        var userId: (@Sendable (String, String) -> Int?)?
        /// Statements the query log keeps.
        var historyCapacity = 20_000
    }

    /// Where data versions are counted: one database of one cluster/workgroup.
    struct DataKey: Hashable {
        var target: Target
        var database: String
    }

    /// A statement admitted to a WLM queue.
    struct Admission {
        var serviceClass: Int
        var queuedNanos: UInt64
    }

    struct State {
        var schedulers: [Target: WLMScheduler] = [:]
        var rules: [Target: QueryMonitoringRules] = [:]
        var waiting: [String: CheckedContinuation<Admission, Error>] = [:]
        var traces: [String: WorkloadTrace] = [:]
        var latency: LatencyModel
        var faults: FaultRuleSet
        var dataVersions: [DataKey: Int] = [:]
        /// Last run time of each query shape, ns (SQA predictions).
        var shapeRuns: [ShapeKey: UInt64] = [:]
        var monitorStarted = false
    }

    /// True when nothing is configured: the statement path then skips the gate. Fault rules loaded
    /// later (`PUT /admin/faults`) take effect once they are present.
    var isInert: Bool { staticallyInert && !hasFaults.load(ordering: .acquiring) }
    /// The query log behind STL_QUERY, SYS_QUERY_HISTORY … (always on).
    let history: QueryHistory
    /// `statement_timeout` timers (always on: the setting works without `--wlm`).
    let statementTimeouts = StatementTimeouts()
    /// The configuration the system tables show: `--wlm`, or Redshift's default `{"auto_wlm": true}`.
    var displayedConfiguration: WLMConfiguration { wlm ?? .automaticDefault }
    let wlm: WLMConfiguration?
    let userGroups: @Sendable (String, String) -> [String]
    let monitorIntervalNanos: UInt64
    /// Whether anything can happen to a running statement (timeouts, rules, SQA): the monitor runs.
    let needsMonitor: Bool
    /// The monitor's timer, on its own queue: it must fire even when Swift's cooperative threads are
    /// all busy.
    let monitorTimer = Locked<(any DispatchSourceTimer)?>(nil)
    private let staticallyInert: Bool
    /// Whether fault rules are loaded: read by every statement (several times), so an atomic.
    private let hasFaults: Atomic<Bool>
    private let seed: UInt64
    let clock: any EmulatorClock
    let state: Locked<State>
    /// One (wall, monotonic) instant: scheduler times are converted to timestamps through it.
    let anchor: (date: Date, nanos: UInt64)

    deinit { monitorTimer.withLock { $0?.cancel() } }

    init(_ settings: Settings, clock: any EmulatorClock) {
        wlm = settings.wlm
        seed = settings.seed
        self.clock = clock
        userGroups = settings.userGroups
        monitorIntervalNanos = UInt64(max(1, settings.monitorIntervalMillis)) * 1_000_000
        history = QueryHistory(capacity: settings.historyCapacity, userId: settings.userId)
        anchor = (clock.now(), clock.monotonicNanoseconds())
        staticallyInert = settings.wlm == nil && settings.latency.isInstant
        needsMonitor = Self.needsMonitor(settings.wlm)
        hasFaults = Atomic(!settings.faults.rules.isEmpty)
        state = Locked(State(latency: LatencyModel(profile: settings.latency, seed: settings.seed), faults: settings.faults))
    }

    /// The wall-clock time of a scheduler instant.
    func date(_ nanos: UInt64) -> Date {
        anchor.date.addingTimeInterval((Double(nanos) - Double(anchor.nanos)) / 1e9)
    }

    // MARK: Faults

    /// Fault rules for a Data API call. Service-level faults (throttling, `...Exception` errors) are
    /// thrown here, as the front end answers them; statement-level ones are returned.
    /// `sql` is read only when fault rules are configured.
    func faults(operation: String, sql: @autoclosure () -> String?, user: String?, database: String?, queryGroup: String?,
                statementId: String) throws -> [FaultAction] {
        guard hasFaults.load(ordering: .acquiring) else { return [] }
        let sql = sql()
        var random = SeededRandom(seed: seed, stream: statementId)
        let actions = state.withLock { $0.faults.match(FaultContext(operation: operation, sql: sql, user: user,
                                                                    database: database, queryGroup: queryGroup),
                                                       random: &random) }
        for action in actions {
            switch action.effect {
            case .throttle: throw EngineError(.throttled, "Rate exceeded")
            case .fail(let error) where error.isServiceError:
                throw EngineError(.injected(code: error.code), error.message)
            default: continue
            }
        }
        return actions.filter {
            if case .fail(let error) = $0.effect { return !error.isServiceError }
            return $0.effect != .throttle
        }
    }

    /// Replaces the fault rules (reload without restart).
    public func reload(faults: FaultRuleSet) {
        state.withLock { state in
            state.faults = faults
            hasFaults.store(!faults.rules.isEmpty, ordering: .releasing)
        }
    }

    // MARK: WLM slots

    /// Waits for a WLM slot: returns at once when the queue has one, else when a running statement
    /// releases it. Throws the WLM's error when the statement can never run, and CancellationError
    /// when it is cancelled while queued. `onEvict` is called (outside any lock) when WLM stops the
    /// running statement (timeout, QMR abort or hop-restart): it must interrupt its execution.
    func admit(_ id: String, target: Target, context: WLMRoutingContext, kind: WLMStatementKind, slots: Int,
               shortQuery: Bool = false, shape: String? = nil, database: String, queryId: Int64,
               onEvict: @escaping @Sendable () -> Void,
               onRestart: (@Sendable () -> Int64)? = nil) async throws -> Admission? {
        guard let wlm else { return nil }
        startMonitorIfNeeded()
        let now = clock.monotonicNanoseconds()
        return try await withCheckedThrowingContinuation { continuation in
            state.withLock { state in
                if state.schedulers[target] == nil { state.schedulers[target] = WLMScheduler(configuration: wlm) }
                // In place (no copy of the scheduler's tables): `schedulers[target]!` is mutated where it lives.
                let request = WLMRequest(id: id, context: context, slots: slots, kind: kind, shortQuery: shortQuery)
                let admission = state.schedulers[target]!.submit(request, at: now)
                if let current = state.schedulers[target]!.state(of: id, at: now) {
                    state.traces[id] = WorkloadTrace(target: target, database: database, kind: kind, routing: context,
                                                     queryId: queryId, serviceClass: current.serviceClass,
                                                     slots: current.slotCount, priority: current.queryPriority,
                                                     attemptStart: now, onEvict: onEvict)
                    state.traces[id]!.shape = shape
                    state.traces[id]!.onRestart = onRestart
                }
                switch admission {
                case .run(let serviceClass):
                    state.traces[id]?.queueEnd = now
                    continuation.resume(returning: Admission(serviceClass: serviceClass, queuedNanos: 0))
                case .queued:
                    state.waiting[id] = continuation
                case .rejected(let reason):
                    continuation.resume(throwing: WorkloadError(message: reason.message(queryId: queryId)))
                }
            }
        }
    }

    /// The statement ended (or was cancelled while queued): its slots go to the statements
    /// waiting for them; a queued statement's own wait ends with CancellationError. Returns what WLM
    /// knew about it (nil without WLM, or when already released).
    @discardableResult
    func release(_ id: String, target: Target) -> WorkloadTrace? {
        guard wlm != nil else { return nil }
        let now = clock.monotonicNanoseconds()
        let (trace, cancelled, wake) = state.withLock { state -> (WorkloadTrace?, CheckedContinuation<Admission, Error>?, [Wake]) in
            let trace = state.traces.removeValue(forKey: id)
            if let trace, trace.shape != nil { Self.rememberRun(of: trace, in: &state, at: now) }
            state.rules[target]?.forget(id)
            let cancelled = state.waiting.removeValue(forKey: id)
            guard trace != nil || cancelled != nil, state.schedulers[target]?.contains(id) == true else {
                return (trace, cancelled, [])
            }
            let release = state.schedulers[target]!.finish(id, at: now)
            return (trace, cancelled, Self.started(release.started, in: &state, at: now))
        }
        cancelled?.resume(throwing: CancellationError())
        Self.resume(wake)
        return trace
    }

    typealias Wake = (CheckedContinuation<Admission, Error>, Admission)

    /// Statements that now hold their slots: queued ones are woken; restarted ones (hopped, queued in
    /// the new queue) may carry on. Runs under the state lock; resume the answer outside it.
    static func started(_ starts: [WLMStart], in state: inout State, at now: UInt64) -> [Wake] {
        var wake: [Wake] = []
        for start in starts {
            if var trace = state.traces[start.id] {
                trace.serviceClass = start.serviceClass
                trace.slots = start.slots
                trace.queueEnd = now
                trace.restartPending = false
                state.traces[start.id] = trace
            }
            if let continuation = state.waiting.removeValue(forKey: start.id) {
                wake.append((continuation, Admission(serviceClass: start.serviceClass, queuedNanos: start.queuedNanos)))
            }
        }
        return wake
    }

    static func resume(_ wake: [Wake]) {
        for (continuation, admission) in wake { continuation.resume(returning: admission) }
    }

    // MARK: Latency

    /// How long the simulated cluster takes for a statement that just ran.
    func plan(_ statement: ParsedStatement, database: String, target: Target, rows: Int, bytes: Int) -> LatencyPlan {
        let isReadOnly = statement.statementClass.isReadOnly
        guard !isInert else { return LatencyPlan() }
        let key = DataKey(target: target, database: database)
        return state.withLock { state in
            if !isReadOnly { state.dataVersions[key, default: 0] += 1 }
            return state.latency.plan(LatencyRequest(shape: statement.fingerprint, isReadOnly: isReadOnly,
                                                     dataVersion: state.dataVersions[key, default: 0], rows: rows,
                                                     bytes: bytes, resultCacheKey: isReadOnly ? statement.text : nil,
                                                     commits: !isReadOnly))
        }
    }
}

/// An error the workload manager raises for a statement (it becomes the statement's Error).
struct WorkloadError: Error, Sendable {
    var message: String
}
