import Foundation

/// WLM at run time: every `monitorIntervalNanos` (100 ms by default) the gate applies the queues'
/// `max_execution_time` (hop or cancel) and evaluates the query monitoring rules of every running
/// statement (log, hop, abort, change_query_priority), writing STL_WLM_QUERY `Evicted` rows and
/// STL_WLM_RULE_ACTION rows to the query log.
///
/// - Redshift: WLM query queue hopping (wlm-queue-hopping); WLM query monitoring rules
///   (cm-c-wlm-query-monitoring-rules): rules are checked every 10 seconds there; a timeout or an
///   action here lands within one interval of when it is due.
extension WorkloadGate {
    /// Whether anything can happen to a running statement: timeouts, rules or SQA.
    static func needsMonitor(_ wlm: WLMConfiguration?) -> Bool {
        guard let wlm else { return false }
        return wlm.shortQueryAcceleration != nil || wlm.queues.contains { $0.maxExecutionTimeMillis > 0 || !$0.rules.isEmpty }
    }

    func startMonitorIfNeeded() {
        guard needsMonitor else { return }
        let start = state.withLock { state -> Bool in
            defer { state.monitorStarted = true }
            return !state.monitorStarted
        }
        guard start else { return }
        let interval = DispatchTimeInterval.nanoseconds(Int(clamping: monitorIntervalNanos))
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "emulatord.wlm-monitor"))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.monitor() }
        monitorTimer.withLock { $0 = timer }
        timer.resume()
    }

    /// One pass: timeouts first (earliest due first), then the rules of what still runs.
    func monitor() {
        guard let wlm else { return }
        let now = clock.monotonicNanoseconds()
        let hasRules = wlm.queues.contains { !$0.rules.isEmpty }
        var evictions: [@Sendable () -> Void] = []
        var restarts: [(id: String, newQueryId: @Sendable () -> Int64)] = []
        let wake = state.withLock { state -> [Wake] in
            var wake: [Wake] = []
            for target in Array(state.schedulers.keys) {
                var scheduler = state.schedulers[target]!
                var hops = scheduler.expire(at: now)
                if hasRules {
                    var rules = state.rules[target] ?? QueryMonitoringRules(configuration: wlm)
                    for query in scheduler.snapshot(at: now).queries where query.state != "Queued" {
                        guard var metrics = scheduler.metrics(for: query.id, at: now), let trace = state.traces[query.id] else { continue }
                        if let rows = trace.rows { metrics[.returnRowCount] = Double(rows) }
                        let decision = rules.evaluate(query.id, serviceClass: query.serviceClass, kind: trace.kind, metrics: metrics)
                        guard !decision.firings.isEmpty else { continue }
                        var outcome: String?
                        switch decision.action {
                        case .abort:
                            let release = scheduler.cancel(query.id, at: now)
                            hops.append(WLMHop(id: query.id, outcome: .cancelled(.ruleAbort(rule: Self.ruleName(decision, .abort))),
                                               record: nil, started: release.started))
                        case .hop:
                            let hop = scheduler.hop(query.id, cause: .rule(Self.ruleName(decision, .hop)), at: now)
                            switch hop.outcome {
                            case .reassigned: outcome = "hop(reassign)"
                            case .restarted: outcome = "hop(restart)"
                            default: break
                            }
                            hops.append(hop)
                        case .changePriority(let priority):
                            scheduler.changePriority(query.id, to: priority)
                            state.traces[query.id]?.priority = priority.rawValue
                        case .log, nil:
                            break
                        }
                        logFirings(decision, trace: trace, hopOutcome: outcome, at: now)
                    }
                    state.rules[target] = rules
                }
                for hop in hops {
                    if case .restarted = hop.outcome, let restart = state.traces[hop.id]?.onRestart {
                        restarts.append((hop.id, restart))
                    }
                    if let eviction = apply(hop, in: &state, at: now) { evictions.append(eviction) }
                    wake += Self.started(hop.started, in: &state, at: now)
                }
                state.schedulers[target] = scheduler
            }
            return wake
        }
        for eviction in evictions { eviction() }
        // A restarted query gets a new query id (its task id stays): r_STV_WLM_QUERY_STATE, r_STL_WLM_QUERY.
        for restart in restarts {
            let queryId = restart.newQueryId()
            state.withLock { $0.traces[restart.id]?.queryId = queryId }
        }
        Self.resume(wake)
    }

    /// Records what a hop or cancellation did to the trace and the log; returns the interrupt to run.
    private func apply(_ hop: WLMHop, in state: inout State, at now: UInt64) -> (@Sendable () -> Void)? {
        guard var trace = state.traces[hop.id] else { return nil }
        defer { state.traces[hop.id] = trace }
        if let record = hop.record, record.finalState == "Evicted" {
            if record.serviceClass == WLMConfiguration.shortQueryServiceClass { trace.evictedFromShortQuery = true }
            history.record(EvictedAttempt(target: trace.target, statementId: hop.id, queryId: trace.queryId,
                                          serviceClass: record.serviceClass,
                                          serviceClassName: displayedConfiguration.serviceClassName(record.serviceClass),
                                          slots: record.slots, queueStart: date(record.queueStart), queueEnd: date(record.queueEnd),
                                          execEnd: date(record.execEnd ?? now), queryPriority: record.queryPriority))
        }
        switch hop.outcome {
        case .continued:
            return nil
        case .cancelled(let reason):
            trace.failure = reason
            return trace.onEvict
        case .reassigned(let target):
            trace.hops += 1
            trace.queuedBefore = trace.queuedNanos(now: now)
            trace.serviceClass = target
            trace.attemptStart = now
            trace.queueEnd = now
            return nil
        case .restarted(let target):
            trace.hops += 1
            trace.queuedBefore = trace.queuedNanos(now: now)
            trace.serviceClass = target
            trace.attemptStart = now
            trace.queueEnd = nil
            trace.restartPending = true
            trace.restartUnseen = true
            return nil
        }
    }

    /// One STL_WLM_RULE_ACTION row per firing: the winning rule gets the action taken, `log` rules
    /// `log`, and rules whose action lost to a more severe one `none` (r_STL_WLM_RULE_ACTION).
    private func logFirings(_ decision: QMRDecision, trace: WorkloadTrace, hopOutcome: String?, at now: UInt64) {
        let userId = history.userId(database: trace.database, user: trace.routing.user, isSuperuser: trace.routing.isSuperuser)
        var winnerLogged = false
        for firing in decision.firings {
            let action: String
            if firing.action == .log {
                action = "log"
            } else if firing.action == decision.action, !winnerLogged {
                winnerLogged = true
                action = firing.action == .hop ? hopOutcome ?? "hop" : firing.action.name
            } else {
                action = "none"
            }
            history.record(RuleActionEntry(target: trace.target, queryId: trace.queryId,
                                           user: trace.routing.user, userId: userId, serviceClass: firing.serviceClass,
                                           serviceClassName: displayedConfiguration.serviceClassName(firing.serviceClass),
                                           rule: firing.rule, action: action, actionValue: firing.actionValue, recorded: date(now)))
        }
    }

    private static func ruleName(_ decision: QMRDecision, _ action: WLMRuleAction) -> String {
        decision.firings.first { $0.action == action }?.rule ?? ""
    }
}
