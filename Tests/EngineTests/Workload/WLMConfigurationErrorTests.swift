import Foundation
import Testing
@testable import Engine

/// Invalid configurations are rejected with a message naming the key and its position (wlm.md §2.2 limits).
@Suite struct WorkloadConfigurationErrorTests {
    struct Case: CustomStringConvertible, Sendable {
        let json: String
        let message: String
        var description: String { message }
        init(_ json: String, _ message: String) { self.json = json; self.message = message }
    }

    static let cases: [Case] = [
        Case(#"[{"query_concurrency":5},{"query_concurrency":51}]"#, "queue 2: query_concurrency must be between 1 and 50"),
        Case(#"[{"query_concurency":5}]"#, #"unknown key "query_concurency" in queue 1"#),
        Case(#"[{"query_concurrency":"5"}]"#, "queue 1: query_concurrency must be an integer"),
        Case(#"[{"query_concurrency":30,"query_group":["a"]},{"query_concurrency":25}]"#, "query_concurrency totals 55 slots"),
        Case(#"[{"memory_percent_to_use":60,"query_group":["a"]},{"memory_percent_to_use":50}]"#, "memory_percent_to_use totals 110%"),
        Case(#"[{"user_group":["admin"]}]"#, "queue 1: user_group must be empty: the default (last) queue"),
        Case(#"[{"query_group_wild_card":2,"query_group":["a"]},{}]"#, "queue 1: query_group_wild_card must be 0 or 1"),
        Case(#"[{"concurrency_scaling":"on"}]"#, #"queue 1: concurrency_scaling must be "auto" or "off""#),
        Case(#"[{"queue_type":"auto"},{"queue_type":"manual"}]"#, #"queue 2: queue_type is "manual" but another queue uses automatic WLM"#),
        Case(#"[{"queue_type":"auto","query_concurrency":5}]"#, "queue 1: query_concurrency applies to manual WLM only"),
        Case(#"[{"queue_type":"auto","priority":"urgent"}]"#, "queue 1: priority must be one of"),
        Case(#"[{"priority":"high"}]"#, "queue 1: priority applies to automatic WLM only"),
        Case(#"[{"name":"bad\"name"}]"#, "queue 1: name must be 1 to 64 letters"),
        Case(#"[{"query_group":["a"]},{"query_group":["b"]},{"query_group":["c"]},{"query_group":["d"]},{"query_group":["e"]},{"query_group":["f"]},{"query_group":["g"]},{"query_group":["h"]},{}]"#,
             "queue 9: at most 8 queues"),
        Case(#"[{"short_query_queue":true,"max_execution_time":30000},{}]"#, "the short_query_queue element: max_execution_time must be 0 (dynamic) or between 1000 and 20000"),
        Case(#"[{"short_query_queue":true}]"#, "has no queue"),
        Case(#"[{"max_execution_time":-1}]"#, "queue 1: max_execution_time must be between 0 and 86400000"),
        Case(#"[{"rules":[{"rule_name":"r1","predicate":[{"metric_name":"query_cpu_time","operator":">","value":1},{"metric_name":"scan_row_count","operator":">","value":1},{"metric_name":"io_skew","operator":">","value":1},{"metric_name":"cpu_skew","operator":">","value":1}],"action":"log"}]}]"#,
             #"rule "r1": at most 3 predicates"#),
        Case(#"[{"query_group":["a"],"rules":[{"rule_name":"r1","predicate":[{"metric_name":"query_cpu_time","operator":">","value":1}],"action":"log"}]},{"rules":[{"rule_name":"r1","predicate":[{"metric_name":"query_cpu_time","operator":">","value":1}],"action":"abort"}]}]"#,
             #"rule "r1": duplicate rule_name"#),
        Case(#"[{"rules":[{"rule_name":"r1","predicate":[{"metric_name":"query_speed","operator":">","value":1}],"action":"log"}]}]"#,
             #"rule "r1" predicate 1: metric_name "query_speed" is not a query monitoring metric"#),
        Case(#"[{"rules":[{"rule_name":"r1","predicate":[{"metric_name":"query_cpu_time","operator":">=","value":1}],"action":"log"}]}]"#,
             #"rule "r1" predicate 1: operator must be >, = or <"#),
        Case(#"[{"rules":[{"rule_name":"r1","predicate":[{"metric_name":"query_queue_time","operator":">","value":1}],"action":"hop"}]}]"#,
             #"rule "r1": action "hop" is not supported with query_queue_time"#),
        Case(#"[{"queue_type":"auto","rules":[{"rule_name":"r1","predicate":[{"metric_name":"query_cpu_time","operator":">","value":1}],"action":"hop"}]}]"#,
             #"rule "r1": action "hop" applies to manual WLM only"#),
        Case(#"[{"rules":[{"rule_name":"r1","predicate":[{"metric_name":"query_cpu_time","operator":">","value":1}],"action":"change_query_priority","value":"low"}]}]"#,
             #"rule "r1": action "change_query_priority" applies to automatic WLM only"#),
        Case(#"[{"rules":[{"rule_name":"r1","predicate":[{"metric_name":"query_cpu_time","operator":">","value":1}],"action":"kill"}]}]"#,
             #"rule "r1": action must be log, hop, abort or change_query_priority"#),
        Case(#"[{"rules":[{"rule_name":"this_rule_name_is_far_too_long_for_wlm","predicate":[],"action":"log"}]}]"#,
             "queue 1 rule 1: rule_name must be 1 to 32"),
        Case(#"[{"rules":[{"rule_name":"r1","predicat":[],"action":"log"}]}]"#, #"unknown key "predicat" in rule "r1""#),
        Case(#"[{"rules":[{"rule_name":"r1","predicate":[{"metric_name":"query_cpu_time","operator":">","value":-3}],"action":"log"}]}]"#,
             #"rule "r1" predicate 1: value must be a number ≥ 0"#),
        Case(#"[{"name":"etl","query_group":["a"]},{"name":"ETL"}]"#, #"queue 2: name "ETL" is already used by queue 1"#),
        Case("[1]", "queue 1 must be a JSON object"),
        Case("[{", "the WLM configuration is not valid JSON"),
    ]

    @Test(arguments: cases)
    func rejected(_ c: Case) {
        #expect {
            _ = try WLMConfiguration(json: c.json)
        } throws: { error in
            let message = (error as? WorkloadConfigError)?.message ?? "\(error)"
            let ok = message.contains(c.message)
            if !ok { Issue.record("got: \(message)") }
            return ok
        }
    }

    @Test func twentySixRulesAreTooMany() {
        let rule = { (i: Int) in #"{"rule_name":"r\#(i)","predicate":[{"metric_name":"query_cpu_time","operator":">","value":1}],"action":"log"}"# }
        let queue1 = #"{"query_group":["a"],"rules":[\#((0..<13).map(rule).joined(separator: ","))]}"#
        let queue2 = #"{"rules":[\#((13..<26).map(rule).joined(separator: ","))]}"#
        #expect(throws: WorkloadConfigError("rules: 26 rules in total; at most 25 are allowed")) {
            _ = try WLMConfiguration(json: "[\(queue1),\(queue2)]")
        }
    }

    @Test func loadNamesTheFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wlm-\(UUID().uuidString).json").path
        try #"[{"query_concurrency":0}]"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: WorkloadConfigError("invalid WLM configuration \(path): queue 1: query_concurrency must be between 1 and 50")) {
            _ = try WLMConfiguration.load(path: path)
        }
    }
}
