import Foundation
import Testing
@testable import Engine

/// The workload gate on real concurrency: user_group routing through the injected group lookup,
/// WLM timeouts applied by the monitor, and 200 concurrent statements across three queues.
@Suite struct WorkloadGateTests {
    static let target = Target(kind: .cluster, name: "c1")

    static func gate(_ json: String, monitorMillis: Int = 10,
                     groups: @escaping @Sendable (String, String) -> [String] = { _, _ in [] }) throws -> WorkloadGate {
        var settings = WorkloadGate.Settings(wlm: try WLMConfiguration(json: json))
        settings.userGroups = groups
        settings.monitorIntervalMillis = monitorMillis
        return WorkloadGate(settings, clock: SystemClock())
    }

    static func context(_ gate: WorkloadGate, user: String, queryGroup: String? = nil) -> WLMRoutingContext {
        WLMRoutingContext(user: user, groups: gate.userGroups("dev", user), queryGroup: queryGroup)
    }

    /// cm-c-wlm-queue-assignment-rules: a member of a queue's user group runs in that queue; with
    /// user_group_wild_card 1, `dba_*` matches `DBA_primary`.
    @Test func userGroupsComeFromTheInjectedLookup() async throws {
        let gate = try Self.gate(#"""
        [{"user_group": ["analysts"], "query_concurrency": 1},
         {"user_group": ["dba_*"], "user_group_wild_card": 1, "query_concurrency": 1},
         {"query_concurrency": 1}]
        """#, groups: { _, user in ["ann": ["analysts"], "dan": ["DBA_primary"]][user] ?? [] })
        var classes: [String: Int] = [:]
        for user in ["ann", "dan", "zoe"] {
            let admission = try await gate.admit(user, target: Self.target, context: Self.context(gate, user: user),
                                                 kind: .readOnly, slots: 1, database: "dev", queryId: 1, onEvict: {})
            classes[user] = admission?.serviceClass
        }
        #expect(classes == ["ann": 6, "dan": 7, "zoe": 8])
        for user in ["ann", "dan", "zoe"] { gate.release(user, target: Self.target) }
    }

    /// wlm-queue-hopping: with no other matching queue, a read-only query past max_execution_time is
    /// cancelled, and its execution is interrupted.
    @Test func timeoutCancelsWhenNoQueueMatches() async throws {
        let gate = try Self.gate(#"[{"query_concurrency": 1, "max_execution_time": 30}]"#)
        let evicted = Locked(false)
        _ = try await gate.admit("q", target: Self.target, context: Self.context(gate, user: "u"), kind: .readOnly, slots: 1,
                                 database: "dev", queryId: 42, onEvict: { evicted.withLock { $0 = true } })
        let deadline = Date().addingTimeInterval(5)
        while !evicted.withLock({ $0 }) && Date() < deadline { try await Task.sleep(nanoseconds: 5_000_000) }
        #expect(evicted.withLock { $0 })
        #expect(gate.verdict("q") == .stop(.timeoutNoQueue))
        #expect(WLMCancelReason.timeoutNoQueue.message(queryId: 42)
                == "Query (42) cancelled on user's request and ran out of wlm queues for restart.")
        #expect(gate.release("q", target: Self.target)?.failure == .timeoutNoQueue)
    }

    /// 200 statements across three queues of concurrency 1–2, each holding its slot briefly: all
    /// are admitted and released, none waits forever.
    @Test func twoHundredConcurrentStatementsAllFinish() async throws {
        let gate = try Self.gate(#"""
        [{"query_group": ["a"], "query_concurrency": 1}, {"query_group": ["b"], "query_concurrency": 2},
         {"query_concurrency": 2}]
        """#)
        let finished = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<200 {
                let queryGroup = ["a", "b", nil][index % 3]
                group.addTask {
                    let admission = try await gate.admit("s\(index)", target: Self.target,
                                                         context: Self.context(gate, user: "u", queryGroup: queryGroup),
                                                         kind: .readOnly, slots: 1, database: "dev", queryId: Int64(index),
                                                         onEvict: {})
                    try await Task.sleep(nanoseconds: UInt64(index % 5) * 200_000)
                    gate.release("s\(index)", target: Self.target)
                    return admission?.serviceClass ?? 0
                }
            }
            var classes: [Int: Int] = [:]
            for try await serviceClass in group { classes[serviceClass, default: 0] += 1 }
            return classes
        }
        #expect(finished == [6: 67, 7: 67, 8: 66])
        #expect(gate.snapshot(target: Self.target)?.queries.isEmpty == true)
    }
}
