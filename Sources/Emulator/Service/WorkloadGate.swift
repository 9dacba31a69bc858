import Foundation

/// Puts workload management on the statement path: WLM queues and slots, simulated latency and
/// fault rules (docs/workload.md). With no `--wlm`, `--latency instant` and no fault rules it is
/// inert: the statement path then skips it entirely.
final class WorkloadGate: @unchecked Sendable {
    struct Settings {
        var wlm: WLMConfiguration?
        var latency: LatencyProfile = .instant
        var seed: UInt64 = 0
        var faults = FaultRuleSet()
    }

    /// A statement admitted to a WLM queue.
    struct Admission {
        var serviceClass: Int
        var queuedNanos: UInt64
    }

    private struct State {
        var schedulers: [Target: WLMScheduler] = [:]
        var waiting: [String: CheckedContinuation<Admission, Error>] = [:]
        var latency: LatencyModel
        var faults: FaultRuleSet
        var dataVersions: [String: Int] = [:]
    }

    /// True when nothing is configured: the statement path then skips the gate. Fault rules loaded
    /// later (`PUT /admin/faults`) take effect once they are present.
    var isInert: Bool { staticallyInert && !hasFaults.withLock { $0 } }
    private let staticallyInert: Bool
    private let hasFaults: Locked<Bool>
    private let wlm: WLMConfiguration?
    private let seed: UInt64
    private let clock: any EmulatorClock
    private let state: Locked<State>

    init(_ settings: Settings, clock: any EmulatorClock) {
        wlm = settings.wlm
        seed = settings.seed
        self.clock = clock
        staticallyInert = settings.wlm == nil && settings.latency.isInstant
        hasFaults = Locked(!settings.faults.rules.isEmpty)
        state = Locked(State(latency: LatencyModel(profile: settings.latency, seed: settings.seed), faults: settings.faults))
    }

    // MARK: Faults

    /// Fault rules for a Data API call. Service-level faults (throttling, `...Exception` errors) are
    /// thrown here, as the front end answers them; statement-level ones are returned.
    func faults(operation: String, sql: String?, user: String?, database: String?, queryGroup: String?,
                statementId: String) throws -> [FaultAction] {
        guard !isInert else { return [] }
        var random = SeededRandom(seed: seed, stream: statementId)
        let actions = state.withLock { $0.faults.match(FaultContext(operation: operation, sql: sql, user: user,
                                                                    database: database, queryGroup: queryGroup),
                                                       random: &random) }
        for action in actions {
            switch action.effect {
            case .throttle: throw DataAPIError(.throttling, "Rate exceeded")
            case .fail(let error) where error.isServiceError:
                throw DataAPIError(DataAPIErrorCode(rawValue: error.code) ?? .internalServer, error.message)
            default: continue
            }
        }
        return actions.filter {
            if case .fail(let error) = $0.effect { return !error.isServiceError }
            return $0.effect != .throttle
        }
    }

    /// Replaces the fault rules (reload without restart).
    func reload(faults: FaultRuleSet) {
        state.withLock { $0.faults = faults }
        hasFaults.withLock { $0 = !faults.rules.isEmpty }
    }

    // MARK: WLM slots

    /// Waits for a WLM slot: returns at once when the queue has one, else when a running statement
    /// releases it. Throws the WLM's error when the statement can never run, and CancellationError
    /// when it is cancelled while queued.
    func admit(_ id: String, target: Target, context: WLMRoutingContext, kind: WLMStatementKind, slots: Int) async throws -> Admission? {
        guard let wlm else { return nil }
        let now = clock.monotonicNanoseconds()
        return try await withCheckedThrowingContinuation { continuation in
            state.withLock { state in
                var scheduler = state.schedulers[target] ?? WLMScheduler(configuration: wlm)
                switch scheduler.submit(WLMRequest(id: id, context: context, slots: slots, kind: kind), at: now) {
                case .run(let serviceClass):
                    continuation.resume(returning: Admission(serviceClass: serviceClass, queuedNanos: 0))
                case .queued:
                    state.waiting[id] = continuation
                case .rejected(let reason):
                    continuation.resume(throwing: WorkloadError(message: reason.message(queryId: 0)))
                }
                state.schedulers[target] = scheduler
            }
        }
    }

    /// The statement ended (or was cancelled while queued): its slots go to the statements
    /// waiting for them; a queued statement's own wait ends with CancellationError.
    func release(_ id: String, target: Target) {
        guard wlm != nil else { return }
        let now = clock.monotonicNanoseconds()
        let (cancelled, wake) = state.withLock { state -> (CheckedContinuation<Admission, Error>?, [(CheckedContinuation<Admission, Error>, Admission)]) in
            guard var scheduler = state.schedulers[target] else { return (nil, []) }
            let release = scheduler.finish(id, at: now)
            state.schedulers[target] = scheduler
            let cancelled = state.waiting.removeValue(forKey: id)
            let wake = release.started.compactMap { start in
                state.waiting.removeValue(forKey: start.id).map {
                    ($0, Admission(serviceClass: start.serviceClass, queuedNanos: start.queuedNanos))
                }
            }
            return (cancelled, wake)
        }
        cancelled?.resume(throwing: CancellationError())
        for (continuation, admission) in wake { continuation.resume(returning: admission) }
    }

    // MARK: Latency

    /// How long the simulated cluster takes for a statement that just ran.
    func plan(sql: String, database: String, target: Target, isReadOnly: Bool, rows: Int, bytes: Int) -> LatencyPlan {
        guard !isInert else { return LatencyPlan() }
        let key = "\(target)/\(database)"
        return state.withLock { state in
            if !isReadOnly { state.dataVersions[key, default: 0] += 1 }
            return state.latency.plan(LatencyRequest(shape: StatementShape.fingerprint(sql), isReadOnly: isReadOnly,
                                                     dataVersion: state.dataVersions[key, default: 0], rows: rows,
                                                     bytes: bytes, resultCacheKey: isReadOnly ? sql : nil,
                                                     commits: !isReadOnly))
        }
    }
}

/// An error the workload manager raises for a statement (it becomes the statement's Error).
struct WorkloadError: Error, Sendable {
    var message: String
}

/// The shape of a statement: its text with literals replaced, so that `select 1` and `select 2`
/// share a compiled plan, as Redshift's compile cache shares segments.
enum StatementShape {
    static func fingerprint(_ sql: String) -> String {
        var result = ""
        var inString = false
        var previousWasDigit = false
        for character in sql.lowercased() {
            if inString {
                if character == "'" { inString = false; result.append("?") }
                continue
            }
            if character == "'" { inString = true; continue }
            if character.isNumber {
                if !previousWasDigit { result.append("?") }
                previousWasDigit = true
                continue
            }
            previousWasDigit = false
            if character.isWhitespace { if result.last != " " { result.append(" ") }; continue }
            result.append(character)
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    /// The WLM statement kind from the statement's first words.
    static func kind(_ sql: String) -> WLMStatementKind {
        let words = sql.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "(" }).prefix(8)
        switch words.first {
        case "select", "with", "show", "explain", "values": return words.contains("into") ? .createTableAs : .readOnly
        case "create" where words.contains("as"): return .createTableAs
        case "copy", "analyze", "vacuum": return .exempt
        default: return .write
        }
    }
}
