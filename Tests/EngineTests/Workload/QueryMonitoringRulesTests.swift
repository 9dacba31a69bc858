import Testing
@testable import Engine

/// QMR evaluation (wlm.md §2.4–§2.5): all predicates must hold, each rule fires once per query, the most
/// severe action wins, COPY and maintenance are never stopped.
@Suite struct WorkloadQMRTests {
    static let wlm = try! WLMConfiguration(json: """
    [{"query_group": ["etl"], "rules": [
        {"rule_name": "log_scans", "predicate": [{"metric_name": "scan_row_count", "operator": ">", "value": 1000}], "action": "log"},
        {"rule_name": "hop_slow", "predicate": [{"metric_name": "query_execution_time", "operator": ">", "value": 10}], "action": "hop"},
        {"rule_name": "abort_huge", "predicate": [{"metric_name": "query_execution_time", "operator": ">", "value": 50},
                                                  {"metric_name": "return_row_count", "operator": ">", "value": 1000000}], "action": "abort"}]},
     {"query_concurrency": 5}]
    """)

    @Test func allPredicatesMustHold() {
        let rule = Self.wlm.queues[0].rules[2]
        #expect(!QueryMonitoringRules.holds(rule, QMRMetrics([.queryExecutionTime: 60])))          // missing metric → false
        #expect(!QueryMonitoringRules.holds(rule, QMRMetrics([.queryExecutionTime: 60, .returnRowCount: 10])))
        #expect(QueryMonitoringRules.holds(rule, QMRMetrics([.queryExecutionTime: 60, .returnRowCount: 2_000_000])))
    }

    @Test func rulesFireOnceAndTheMostSevereActionWins() {
        var qmr = QueryMonitoringRules(configuration: Self.wlm)
        let early = qmr.evaluate("q1", serviceClass: 6, kind: .readOnly, metrics: QMRMetrics([.scanRowCount: 5000, .queryExecutionTime: 1]))
        #expect(early == QMRDecision(firings: [QMRFiring(rule: "log_scans", action: .log, serviceClass: 6)], action: nil))
        let later = qmr.evaluate("q1", serviceClass: 6, kind: .readOnly,
                                 metrics: QMRMetrics([.scanRowCount: 9000, .queryExecutionTime: 61, .returnRowCount: 5_000_000]))
        #expect(later.firings.map(\.rule) == ["hop_slow", "abort_huge"])         // log_scans already fired
        #expect(later.action == .abort)
        qmr.forget("q1")
        #expect(qmr.evaluate("q1", serviceClass: 6, kind: .readOnly, metrics: QMRMetrics([.scanRowCount: 5000])).firings.count == 1)
    }

    @Test func copyAndMaintenanceOnlyLog() {
        var qmr = QueryMonitoringRules(configuration: Self.wlm)
        let decision = qmr.evaluate("copy", serviceClass: 6, kind: .exempt,
                                    metrics: QMRMetrics([.scanRowCount: 5000, .queryExecutionTime: 61, .returnRowCount: 5_000_000]))
        #expect(decision.firings.map(\.rule) == ["log_scans"] && decision.action == nil)
    }

    @Test func rulesBelongToTheQueue() {
        var qmr = QueryMonitoringRules(configuration: Self.wlm)
        #expect(qmr.evaluate("q", serviceClass: 7, kind: .readOnly, metrics: QMRMetrics([.scanRowCount: 1e9])).firings.isEmpty)
        #expect(qmr.evaluate("q", serviceClass: 5, kind: .readOnly, metrics: QMRMetrics([.scanRowCount: 1e9])).firings.isEmpty)
    }

    @Test func priorityPredicatesAndChangePriority() throws {
        let wlm = try WLMConfiguration(json: """
        [{"queue_type": "auto", "priority": "high", "rules": [
          {"rule_name": "rule_abort", "predicate": [{"metric_name": "query_cpu_time", "operator": ">", "value": 600},
                                                    {"metric_name": "query_priority", "operator": "=", "value": "high"}], "action": "abort"},
          {"rule_name": "demote", "predicate": [{"metric_name": "query_cpu_time", "operator": ">", "value": 100}],
           "action": "change_query_priority", "value": "low"}]}]
        """)
        var qmr = QueryMonitoringRules(configuration: wlm)
        let demoted = qmr.evaluate("q", serviceClass: 100, kind: .readOnly, metrics: QMRMetrics([.queryCPUTime: 200], priority: .high))
        #expect(demoted.action == .changePriority(.low) && demoted.firings[0].actionValue == "low")
        // After the change the query is no longer `high`: the abort rule does not match.
        #expect(qmr.evaluate("q", serviceClass: 100, kind: .readOnly, metrics: QMRMetrics([.queryCPUTime: 700], priority: .low)).action == nil)
        #expect(qmr.evaluate("r", serviceClass: 100, kind: .readOnly, metrics: QMRMetrics([.queryCPUTime: 700], priority: .high)).action == .abort)
    }

    @Test func schedulerSuppliesTimingMetricsInSeconds() {
        var wlm = WLMScheduler(configuration: Self.wlm)
        _ = wlm.submit(WLMRequest(id: "q", context: WLMRoutingContext(user: "u", queryGroup: "etl")), at: 0)
        let metrics = wlm.metrics(for: "q", at: 12_000_000_000)
        #expect(metrics?[.queryExecutionTime] == 12 && metrics?[.queryQueueTime] == 0)
        var qmr = QueryMonitoringRules(configuration: Self.wlm)
        let decision = qmr.evaluate("q", serviceClass: 6, kind: .readOnly, metrics: metrics!)
        #expect(decision.action == .hop)
        #expect(WLMCancelReason.ruleAbort(rule: "abort_huge").message(queryId: 7)
            == #"Query (7) cancelled by WLM abort action of Query Monitoring Rule "abort_huge"."#)
    }
}
