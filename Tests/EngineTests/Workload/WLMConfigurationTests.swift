import Foundation
import Testing
@testable import Engine

/// The published examples of wlm.md §2.3 (Management Guide, Developer Guide) must parse.
@Suite struct WorkloadConfigurationTests {
    static let manualExample = """
    [
      {"query_concurrency": 4, "max_execution_time": 20000, "memory_percent_to_use": 25,
       "query_group": ["report"], "query_group_wild_card": 1,
       "user_group": [], "user_group_wild_card": 0,
       "concurrency_scaling": "auto", "queue_type": "manual"},
      {"query_concurrency": 5, "memory_percent_to_use": 40,
       "query_group": [], "query_group_wild_card": 0,
       "user_group": ["admin", "dba"], "user_group_wild_card": 0,
       "concurrency_scaling": "off", "queue_type": "manual"},
      {"query_concurrency": 5, "query_group": [], "query_group_wild_card": 0,
       "user_group": [], "user_group_wild_card": 0,
       "concurrency_scaling": "auto", "queue_type": "manual"},
      {"short_query_queue": true}
    ]
    """
    static let automaticExample = """
    [
      {"user_group": ["ingest"],    "priority": "highest", "queue_type": "auto"},
      {"user_group": ["reporting"], "priority": "normal",  "queue_type": "auto"},
      {"user_group": ["analytics"], "priority": "low",     "queue_type": "auto", "auto_wlm": true}
    ]
    """

    @Test func manualExampleParses() throws {
        let wlm = try WLMConfiguration(json: Self.manualExample)
        #expect(wlm.mode == .manual)
        #expect(wlm.queues.map(\.serviceClass) == [6, 7, 8])
        #expect(wlm.queues.map(\.name) == ["Queue 1", "Queue 2", "Default queue"])
        #expect(wlm.queues.map(\.concurrency) == [4, 5, 5])
        #expect(wlm.queues.map(\.memoryPercent) == [25, 40, nil])
        #expect(wlm.queues[0].maxExecutionTimeMillis == 20000)
        #expect(wlm.queues[0].queryGroups == ["report"] && wlm.queues[0].queryGroupWildcard)
        #expect(wlm.queues[1].userGroups == ["admin", "dba"] && !wlm.queues[1].userGroupWildcard)
        #expect(wlm.queues[0].concurrencyScaling == .auto && wlm.queues[1].concurrencyScaling == .off)
        #expect(wlm.defaultQueue.isDefault)
        #expect(wlm.shortQueryAcceleration == WLMShortQueryAcceleration(maxExecutionTimeMillis: 0))
    }

    @Test func automaticExampleParses() throws {
        let wlm = try WLMConfiguration(json: Self.automaticExample)
        #expect(wlm.mode == .automatic)
        #expect(wlm.queues.map(\.serviceClass) == [100, 101, 102])
        #expect(wlm.queues.map(\.priority) == [.highest, .normal, .low])
        #expect(wlm.queues.allSatisfy { $0.concurrency == nil })
        #expect(wlm.shortQueryAcceleration == nil)
    }

    @Test func defaultsParse() throws {
        #expect(try WLMConfiguration(json: #"{"auto_wlm": true}"#) == .automaticDefault)
        #expect(try WLMConfiguration(json: #"{"query_concurrency":5}"#) == .manualDefault)
        // Parameter groups store the value as a string.
        #expect(try WLMConfiguration(json: #""[{\"query_concurrency\":5}]""#) == .manualDefault)
    }

    @Test func publishedRuleExamplesParse() throws {
        let manual = try WLMConfiguration(json: """
        [{"query_concurrency": 5, "rules": [{"rule_name": "rule_query_execution",
           "predicate": [{"metric_name": "query_execution_time", "operator": ">", "value": 50}],
           "action": "abort"}]}]
        """)
        #expect(manual.queues[0].rules == [WLMRule(name: "rule_query_execution",
            predicates: [WLMPredicate(metric: .queryExecutionTime, op: .greaterThan, value: .number(50))], action: .abort)])
        let automatic = try WLMConfiguration(json: """
        [{"queue_type": "auto", "priority": "high", "rules": [
          {"rule_name": "rule_abort", "predicate": [{"metric_name": "query_cpu_time", "operator": ">", "value": 600},
                                                    {"metric_name": "query_priority", "operator": "=", "value": "high"}],
           "action": "abort"},
          {"rule_name": "rule_log", "predicate": [{"metric_name": "query_cpu_time", "operator": ">", "value": 10000000},
                                                  {"metric_name": "query_blocks_read", "operator": ">", "value": 1000}],
           "action": "log"},
          {"rule_name": "rule_big", "predicate": [{"metric_name": "query_execution_time", "operator": ">", "value": 600000000},
                                                  {"metric_name": "scan_row_count", "operator": ">", "value": 1000000000}],
           "action": "abort"},
          {"rule_name": "demote", "predicate": [{"metric_name": "return_row_count", "operator": ">", "value": 1000}],
           "action": "change_query_priority", "value": "lowest"}]}]
        """)
        #expect(automatic.queues[0].rules.map(\.name) == ["rule_abort", "rule_log", "rule_big", "demote"])
        #expect(automatic.queues[0].rules[0].predicates[1].value == .priority(.high))
        #expect(automatic.queues[0].rules[3].action == .changePriority(.lowest))
        #expect(automatic.allRules.count == 4)
    }

    @Test(arguments: [manualExample, automaticExample, #"{"auto_wlm": true}"#])
    func encodingRoundTrips(json: String) throws {
        let wlm = try WLMConfiguration(json: json)
        let data = try JSONEncoder().encode(wlm)
        #expect(try JSONDecoder().decode(WLMConfiguration.self, from: data) == wlm)
    }

    @Test func serviceClassNames() throws {
        let wlm = try WLMConfiguration(json: Self.manualExample)
        #expect(wlm.serviceClassName(5) == "Service class for super user")
        #expect(wlm.serviceClassName(8) == "Default queue")
        #expect(wlm.serviceClassName(14) == "Short query queue")
    }
}
