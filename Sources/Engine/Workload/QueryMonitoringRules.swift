/// Metric values of one query, in the units rules are written in (seconds, rows, 1 MB blocks, %).
///
/// The scheduler fills the timing metrics (`WLMScheduler.metrics(for:at:)`); the engine adds what it
/// knows (rows scanned, rows returned, …). A metric left out makes its predicates false.
public struct QMRMetrics: Sendable, Equatable {
    public var values: [QMRMetric: Double]
    public var priority: WLMPriority

    public init(_ values: [QMRMetric: Double] = [:], priority: WLMPriority = .normal) {
        self.values = values
        self.priority = priority
    }

    public subscript(metric: QMRMetric) -> Double? {
        get { values[metric] }
        set { values[metric] = newValue }
    }
}

/// One rule that fired: one STL_WLM_RULE_ACTION row.
public struct QMRFiring: Sendable, Equatable {
    public var rule: String
    public var action: WLMRuleAction
    /// The queue whose rule it is (STL_WLM_RULE_ACTION.service_class).
    public var serviceClass: Int
    /// STL_WLM_RULE_ACTION.action_value: the new priority for change_query_priority, else empty.
    public var actionValue: String {
        if case .changePriority(let priority) = action { return priority.rawValue }
        return ""
    }
}

/// The outcome of one evaluation: rows to log, and the one action to take.
public struct QMRDecision: Sendable, Equatable {
    /// Every rule that fired now (each fires at most once per query), in configuration order.
    public var firings: [QMRFiring]
    /// The most severe non-log action (abort > hop > change_query_priority), or nil: the query continues.
    public var action: WLMRuleAction?
}

/// Evaluates query monitoring rules against a running query's metrics.
///
/// Pure and deterministic: call `evaluate` on a timer (Redshift: every 10 s; the emulator: every 100 ms
/// by default) for each running statement, log the firings to STL_WLM_RULE_ACTION and apply `action`
/// (abort → `WLMScheduler.cancel` with `.ruleAbort`, hop → `WLMScheduler.hop(_:cause: .rule)`,
/// change_query_priority → `WLMScheduler.changePriority`). Call `forget` when the statement ends.
///
/// For example, with `{"rule_name":"long","predicate":[{"metric_name":"query_execution_time","operator":">","value":50}],"action":"abort"}`
/// on queue 6, a query at 51 s of execution gets `QMRDecision(firings: [long/abort], action: .abort)`.
/// - Redshift: Database Developer Guide › WLM query monitoring rules (wlm.md §2.4, §2.5).
public struct QueryMonitoringRules: Sendable {
    public let configuration: WLMConfiguration
    private var fired: [String: Set<String>] = [:]

    public init(configuration: WLMConfiguration) { self.configuration = configuration }

    /// Fires the rules of `serviceClass` whose predicates all hold and that have not fired for `id` yet.
    /// COPY and maintenance (`.exempt`) are never stopped: only their `log` rules fire.
    public mutating func evaluate(_ id: String, serviceClass: Int, kind: WLMStatementKind, metrics: QMRMetrics) -> QMRDecision {
        let rules = configuration.queue(serviceClass: serviceClass)?.rules ?? []
        var firings: [QMRFiring] = []
        for rule in rules where !(fired[id]?.contains(rule.name) ?? false) && Self.holds(rule, metrics) {
            if kind == .exempt, rule.action != .log { continue }
            fired[id, default: []].insert(rule.name)
            firings.append(QMRFiring(rule: rule.name, action: rule.action, serviceClass: serviceClass))
        }
        let action = firings.map(\.action).filter { $0 != .log }.max { $0.severity < $1.severity }
        return QMRDecision(firings: firings, action: action)
    }

    /// Drops what is remembered about a statement that ended.
    public mutating func forget(_ id: String) { fired[id] = nil }

    /// Whether ALL predicates of `rule` hold for `metrics`.
    public static func holds(_ rule: WLMRule, _ metrics: QMRMetrics) -> Bool {
        rule.predicates.allSatisfy { predicate in
            let actual: Double, expected: Double
            switch predicate.value {
            case .priority(let priority):
                actual = Double(metrics.priority.rank)
                expected = Double(priority.rank)
            case .number(let number):
                guard let value = metrics[predicate.metric] else { return false }
                actual = value
                expected = number
            }
            switch predicate.op {
            case .greaterThan: return actual > expected
            case .equal: return actual == expected
            case .lessThan: return actual < expected
            }
        }
    }
}

extension WLMScheduler {
    /// The timing metrics of a queued or running statement, in seconds: `query_queue_time`,
    /// `query_execution_time`, and (an emulator assumption: one segment, one busy CPU)
    /// `segment_execution_time` and `query_cpu_time` equal to the execution time.
    public func metrics(for id: String, at now: UInt64) -> QMRMetrics? {
        guard let state = state(of: id, at: now), let entry = entries[id] else { return nil }
        let exec = Double(state.execNanos) / 1e9
        return QMRMetrics([
            .queryQueueTime: Double(state.queueNanos) / 1e9,
            .queryExecutionTime: exec,
            .segmentExecutionTime: exec,
            .queryCPUTime: exec,
        ], priority: entry.priority)
    }
}
