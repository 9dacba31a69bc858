import Testing
@testable import Engine

/// WLM timeouts, hops and SQA (wlm.md §3.3, §3.4): manual WLM only.
@Suite struct WorkloadHopTests {
    /// Queue 6: etl* groups, timeout 1 s, 2 slots, 20 % memory; queue 7: etl* too, 1 slot, 50 %;
    /// default 8: 2 slots, timeout 2 s.
    static let wlm = try! WLMConfiguration(json: """
    [{"query_group": ["etl*"], "query_group_wild_card": 1, "query_concurrency": 2, "max_execution_time": 1000, "memory_percent_to_use": 20},
     {"query_group": ["etl*"], "query_group_wild_card": 1, "query_concurrency": 1, "memory_percent_to_use": 50},
     {"query_concurrency": 2, "max_execution_time": 2000},
     {"short_query_queue": true, "max_execution_time": 1000}]
    """)
    static let ms: UInt64 = 1_000_000
    static func request(_ id: String, _ kind: WLMStatementKind = .readOnly, group: String? = "etl_nightly", short: Bool = false) -> WLMRequest {
        WLMRequest(id: id, context: WLMRoutingContext(user: "etl", queryGroup: group), kind: kind, shortQuery: short)
    }

    @Test func readOnlyTimeoutIsReassignedToTheNextMatchingQueue() {
        var wlm = WLMScheduler(configuration: Self.wlm)
        #expect(wlm.submit(Self.request("q"), at: 0) == .run(serviceClass: 6))
        #expect(wlm.nextDeadline() == 1000 * Self.ms)
        #expect(wlm.expire(at: 999 * Self.ms).isEmpty)
        let hops = wlm.expire(at: 1000 * Self.ms)
        #expect(hops.map(\.outcome) == [.reassigned(to: 7)])
        #expect(hops[0].record?.finalState == "Evicted" && hops[0].record?.serviceClass == 6)
        #expect(wlm.state(of: "q", at: 1000 * Self.ms)?.serviceClass == 7)
        #expect(wlm.nextDeadline() == nil)                      // queue 7 has no timeout
        #expect(wlm.finish("q", at: 1500 * Self.ms).record?.attempt == 2)
    }

    @Test func hopRestartsWhenTheNextQueueIsFull() {
        var wlm = WLMScheduler(configuration: Self.wlm)
        var busy = Self.request("busy")
        busy.context.queryGroup = "etl"
        _ = wlm.submit(Self.request("q"), at: 0)
        // Occupy queue 7's only slot with a statement that hopped there first.
        _ = wlm.submit(busy, at: 0)
        _ = wlm.expire(at: 1000 * Self.ms)   // both time out: q → 7 reassigned, busy → restarted (7 full)
        #expect(wlm.state(of: "busy", at: 1000 * Self.ms)?.state == "Queued")
        let release = wlm.finish("q", at: 1200 * Self.ms)
        #expect(release.started.map(\.id) == ["busy"])
    }

    @Test func noNextMatchingQueueCancels() {
        var wlm = WLMScheduler(configuration: Self.wlm)
        _ = wlm.submit(Self.request("d", group: nil), at: 0)    // default queue, timeout 2 s, nothing after it
        let hops = wlm.expire(at: 2000 * Self.ms)
        #expect(hops.map(\.outcome) == [.cancelled(.timeoutNoQueue)])
        #expect(!wlm.contains("d"))
        #expect(WLMCancelReason.timeoutNoQueue.message(queryId: 42)
            == "Query (42) cancelled on user's request and ran out of wlm queues for restart.")
    }

    @Test func writesAreCancelledExemptStatementsAndReturningQueriesContinue() {
        var wlm = WLMScheduler(configuration: Self.wlm)
        _ = wlm.submit(Self.request("insert", .write), at: 0)
        _ = wlm.submit(Self.request("copy", .exempt), at: 0)
        #expect(wlm.expire(at: 1000 * Self.ms).map(\.outcome) == [.cancelled(.timeoutNotHoppable)])
        #expect(wlm.contains("copy") && wlm.nextDeadline() == nil)
        #expect(wlm.hop("copy", cause: .rule("r"), at: 1001 * Self.ms).outcome == .continued)
        _ = wlm.submit(Self.request("select"), at: 2000 * Self.ms)
        wlm.markReturning("select")
        #expect(wlm.expire(at: 5000 * Self.ms).isEmpty)
        #expect(wlm.state(of: "select", at: 5000 * Self.ms)?.state == "Returning")
    }

    @Test func qmrHopOfAWriteContinuesAndNoQueueCancelsWithTheRule() {
        var wlm = WLMScheduler(configuration: Self.wlm)
        _ = wlm.submit(Self.request("w", .write), at: 0)
        #expect(wlm.hop("w", cause: .rule("r1"), at: 1).outcome == .continued)
        _ = wlm.submit(Self.request("s", group: nil), at: 0)
        #expect(wlm.hop("s", cause: .rule("r1"), at: 1).outcome == .cancelled(.ruleHopNoQueue(rule: "r1")))
    }

    @Test func shortQueriesUseSQAWhenTheyWouldWaitAndAreEvictedOnOverrun() {
        var wlm = WLMScheduler(configuration: Self.wlm)
        _ = wlm.submit(Self.request("a", group: nil), at: 0)
        _ = wlm.submit(Self.request("b", group: nil), at: 0)
        #expect(wlm.submit(Self.request("long", group: nil), at: 0) == .queued(serviceClass: 8, position: 1))
        #expect(wlm.submit(Self.request("short", group: nil, short: true), at: 0) == .run(serviceClass: 14))
        #expect(wlm.submit(Self.request("w", .write, group: nil, short: true), at: 0) == .queued(serviceClass: 8, position: 2))
        let hop = wlm.hop("short", cause: .timeout, at: 1000 * Self.ms)
        #expect(hop.outcome == .restarted(to: 8) && hop.record?.finalState == "Evicted")
        #expect(wlm.state(of: "short", at: 1000 * Self.ms)?.position == 3)
        let classes = wlm.snapshot(at: 0).serviceClasses.map(\.serviceClass)
        #expect(classes == [5, 6, 7, 8, 14])
    }
}
