import Foundation
import Testing
@testable import Engine

/// Fault injection rules: matching, actions, seeded probability, validation naming the key.
@Suite struct WorkloadFaultRuleTests {
    static let rules = try! FaultRuleSet(data: Data(#"""
    {"faults": [
      {"name": "flaky_reports", "operation": "ExecuteStatement", "sql_pattern": "(?i)from\\s+reports",
       "probability": 0.25, "action": "fail", "error_code": "XX000", "message": "simulated failure"},
      {"name": "slow_tenant", "user": "tenant_*", "database": "dev", "action": "latency", "latency_ms": 800},
      {"name": "etl_abort", "query_group": "etl", "action": "abort", "after_ms": 50},
      {"name": "throttle_results", "operation": "GetStatementResult*", "action": "throttle"},
      {"name": "boom", "operation": "ExecuteStatement", "user": "admin", "action": "fail",
       "error_code": "InternalServerException", "message": "boom"}
    ]}
    """#.utf8))

    @Test func matchesOnEveryGivenField() {
        var random = SeededRandom(seed: 1)
        let slow = Self.rules.match(FaultContext(operation: "ExecuteStatement", sql: "select 1", user: "TENANT_A", database: "dev"), random: &random)
        #expect(slow == [FaultAction(rule: "slow_tenant", effect: .addLatency(millis: 800))])
        #expect(Self.rules.match(FaultContext(operation: "ExecuteStatement", user: "tenant_a", database: "prod"), random: &random).isEmpty)
        #expect(Self.rules.match(FaultContext(operation: "GetStatementResultV2"), random: &random).map(\.effect) == [.throttle])
        #expect(Self.rules.match(FaultContext(operation: "ExecuteStatement", sql: "vacuum", queryGroup: "etl"), random: &random)
            .map(\.effect) == [.abort(afterMillis: 50)])
        let boom = Self.rules.match(FaultContext(operation: "ExecuteStatement", user: "admin"), random: &random)
        #expect(boom.count == 1)
        if case .fail(let error) = boom.first?.effect { #expect(error.isServiceError && error.message == "boom") }
    }

    @Test func probabilityIsDeterministicUnderASeed() {
        func outcomes(_ seed: UInt64) -> [Bool] {
            var random = SeededRandom(seed: seed)
            return (0..<400).map { _ in
                !Self.rules.match(FaultContext(operation: "ExecuteStatement", sql: "SELECT * FROM  Reports"), random: &random).isEmpty
            }
        }
        let run = outcomes(11)
        #expect(run == outcomes(11))
        #expect(run != outcomes(12))
        let rate = Double(run.filter { $0 }.count) / Double(run.count)
        #expect(rate > 0.15 && rate < 0.35)
        var random = SeededRandom(seed: 1)
        var failure: FaultAction?
        for _ in 0..<50 where failure == nil {
            failure = Self.rules.match(FaultContext(operation: "ExecuteStatement", sql: "select * from reports"), random: &random).first
        }
        #expect(failure?.effect == .fail(FaultError(code: "XX000", message: "simulated failure")))
        #expect(failure.map { if case .fail(let e) = $0.effect { return e.isServiceError } else { return true } } == false)
    }

    struct Case: Sendable, CustomStringConvertible {
        let json: String
        let message: String
        var description: String { message }
    }

    @Test(arguments: [
        Case(json: #"[{"action": "explode"}]"#, message: #"fault rule 1: action must be fail, latency, abort or throttle, not "explode""#),
        Case(json: #"[{"action": "latency"}]"#, message: #"fault rule 1: latency_ms is required with action "latency""#),
        Case(json: #"[{"action": "throttle", "probabilty": 0.5}]"#, message: #"unknown key "probabilty" in fault rule 1"#),
        Case(json: #"[{"name": "x", "action": "throttle", "probability": 1.5}]"#, message: #"fault rule 1 ("x"): probability must be greater than 0 and at most 1"#),
        Case(json: #"[{"action": "throttle", "sql_pattern": "("}]"#, message: "fault rule 1: sql_pattern is not a valid regular expression"),
        Case(json: #"[{"action": "fail"}]"#, message: #"fault rule 1: error_code is required with action "fail""#),
        Case(json: #"[{"action": "abort", "after_ms": 5, "latency_ms": 3}]"#, message: #"fault rule 1: latency_ms does not apply to action "abort""#),
        Case(json: #"[{"name": "a", "action": "throttle"}, {"name": "a", "action": "throttle"}]"#, message: #"fault rule 2: name "a" is used twice"#),
    ])
    func invalidRulesNameTheKey(_ c: Case) {
        #expect {
            _ = try FaultRuleSet(data: Data(c.json.utf8))
        } throws: { error in
            let message = (error as? WorkloadConfigError)?.message ?? "\(error)"
            if !message.contains(c.message) { Issue.record("got: \(message)") }
            return message.contains(c.message)
        }
    }

    @Test func decodesInsideALargerConfigAndSwapsAsAValue() throws {
        struct Config: Decodable { var faults: FaultRuleSet }
        let config = try JSONDecoder().decode(Config.self, from: Data(#"{"faults": [{"action": "throttle"}]}"#.utf8))
        #expect(config.faults.rules.map(\.name) == ["fault_1"])
        var current = FaultRuleSet.empty
        current = config.faults                                    // reload = one assignment under the caller's lock
        #expect(current == config.faults)
    }
}
