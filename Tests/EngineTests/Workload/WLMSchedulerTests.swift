import Testing
@testable import Engine

/// Slots, FIFO queues and releases of `WLMScheduler`, without clocks (times are plain numbers).
@Suite struct WorkloadSchedulerTests {
    static let alice = WLMRoutingContext(user: "alice")
    static func request(_ id: String, slots: Int = 1, queryGroup: String? = nil, kind: WLMStatementKind = .readOnly) -> WLMRequest {
        WLMRequest(id: id, context: WLMRoutingContext(user: "alice", queryGroup: queryGroup), slots: slots, kind: kind)
    }

    @Test func concurrencyOneQueuesTheSecondStatementAndStartsItOnFinish() throws {
        var wlm = WLMScheduler(configuration: try WLMConfiguration(json: #"[{"query_concurrency":1}]"#))
        #expect(wlm.submit(Self.request("a"), at: 0) == .run(serviceClass: 6))
        #expect(wlm.submit(Self.request("b"), at: 10) == .queued(serviceClass: 6, position: 1))
        #expect(wlm.submit(Self.request("c"), at: 20) == .queued(serviceClass: 6, position: 2))

        let snapshot = wlm.snapshot(at: 50)
        #expect(snapshot.queries.map(\.state) == ["Running", "Queued", "Queued"])
        #expect(snapshot.queries[1].queueNanos == 40 && snapshot.queries[1].position == 1)
        #expect(snapshot.serviceClasses.first { $0.serviceClass == 6 }?.queued == 2)

        let release = wlm.finish("a", at: 100)
        #expect(release.wasRunning)
        #expect(release.record?.totalExecNanos == 100 && release.record?.finalState == "Completed")
        #expect(release.started == [WLMStart(id: "b", serviceClass: 6, slots: 1, queuedNanos: 90)])
        #expect(wlm.state(of: "c", at: 100)?.position == 1)
        let b = wlm.finish("b", at: 130)
        #expect(b.record?.totalQueueNanos == 90 && b.record?.totalExecNanos == 30)
        #expect(b.started.map(\.id) == ["c"])
        #expect(wlm.finish("c", at: 140).started.isEmpty)
        #expect(wlm.snapshot(at: 150).queries.isEmpty)
        #expect(wlm.snapshot(at: 150).serviceClasses.first { $0.serviceClass == 6 }?.serviced == 3)
    }

    @Test func slotCountTakesSeveralSlotsAndBlocksTheQueueHead() throws {
        // Concurrency 5 and wlm_query_slot_count 3: only two more one-slot queries fit (r_wlm_query_slot_count).
        var wlm = WLMScheduler(configuration: try WLMConfiguration(json: #"[{"query_concurrency":5}]"#))
        #expect(wlm.submit(Self.request("big", slots: 3), at: 0) == .run(serviceClass: 6))
        #expect(wlm.submit(Self.request("s1"), at: 1) == .run(serviceClass: 6))
        #expect(wlm.submit(Self.request("s2"), at: 2) == .run(serviceClass: 6))
        #expect(wlm.submit(Self.request("s3"), at: 3) == .queued(serviceClass: 6, position: 1))
        #expect(wlm.snapshot(at: 4).serviceClasses.first { $0.serviceClass == 6 }?.slotsInUse == 5)
        // A 4-slot query waits at the head; later one-slot queries don't overtake it (no starvation).
        _ = wlm.finish("s3", at: 5)     // cancels the queued one
        #expect(wlm.submit(Self.request("big2", slots: 4), at: 6) == .queued(serviceClass: 6, position: 1))
        #expect(wlm.submit(Self.request("s4"), at: 7) == .queued(serviceClass: 6, position: 2))
        #expect(wlm.finish("s1", at: 8).started.isEmpty)      // 2 free, big2 needs 4
        #expect(wlm.finish("big", at: 9).started.map(\.id) == ["big2"])
        #expect(wlm.finish("s2", at: 10).started.map(\.id) == ["s4"])
    }

    @Test func slotCountAboveTheQueueConcurrencyIsRejected() throws {
        var wlm = WLMScheduler(configuration: try WLMConfiguration(json: #"[{"query_concurrency":5}]"#))
        #expect(wlm.submit(Self.request("x", slots: 6), at: 0) == .rejected(.slotCountExceeded(requested: 6, available: 5)))
        #expect(!wlm.contains("x"))
    }

    @Test func cancelQueuedOrRunning() throws {
        var wlm = WLMScheduler(configuration: try WLMConfiguration(json: #"[{"query_concurrency":1}]"#))
        _ = wlm.submit(Self.request("a"), at: 0)
        _ = wlm.submit(Self.request("b"), at: 0)
        _ = wlm.submit(Self.request("c"), at: 0)
        let queued = wlm.cancel("b", at: 5)
        #expect(!queued.wasRunning && queued.started.isEmpty && queued.record?.execStart == nil)
        let running = wlm.cancel("a", at: 6)
        #expect(running.wasRunning && running.started.map(\.id) == ["c"])
        #expect(wlm.cancel("zzz", at: 7) == WLMRelease(wasRunning: false, record: nil, started: []))
    }

    @Test func superuserQueueHasOneSlot() throws {
        var wlm = WLMScheduler(configuration: .manualDefault)
        let root = WLMRoutingContext(user: "awsuser", isSuperuser: true, queryGroup: "superuser")
        #expect(wlm.submit(WLMRequest(id: "s1", context: root), at: 0) == .run(serviceClass: 5))
        #expect(wlm.submit(WLMRequest(id: "s2", context: root), at: 0) == .queued(serviceClass: 5, position: 1))
        #expect(wlm.submit(Self.request("u"), at: 0) == .run(serviceClass: 6))
        #expect(wlm.snapshot(at: 0).queries.first { $0.id == "s1" }?.queryPriority == "n/a")
    }

    @Test func automaticWLMSharesThePoolAndStartsHigherPriorityFirst() throws {
        var options = WLMScheduler.Options()
        options.automaticConcurrency = 1
        var wlm = WLMScheduler(configuration: try WLMConfiguration(json: WorkloadConfigurationTests.automaticExample), options: options)
        func request(_ id: String, _ group: String) -> WLMRequest {
            WLMRequest(id: id, context: WLMRoutingContext(user: id, groups: [group]), slots: 3)   // slot count ignored
        }
        #expect(wlm.submit(request("first", "analytics"), at: 0) == .run(serviceClass: 102))
        #expect(wlm.submit(request("low", "analytics"), at: 1) == .queued(serviceClass: 102, position: 1))
        #expect(wlm.submit(request("normal", "reporting"), at: 2) == .queued(serviceClass: 101, position: 1))
        #expect(wlm.submit(request("highest", "ingest"), at: 3) == .queued(serviceClass: 100, position: 1))
        #expect(wlm.finish("first", at: 4).started.map(\.id) == ["highest"])
        #expect(wlm.state(of: "highest", at: 4)?.queryPriority == "highest")
        wlm.changePriority("low", to: .high)
        #expect(wlm.finish("highest", at: 5).started.map(\.id) == ["low"])
        #expect(wlm.finish("low", at: 6).started.map(\.id) == ["normal"])
    }

    @Test func automaticLowPrioritySlowsButNeverStarves() throws {
        var options = WLMScheduler.Options()
        options.automaticConcurrency = 1
        options.agingStarts = 2
        var wlm = WLMScheduler(configuration: try WLMConfiguration(json: WorkloadConfigurationTests.automaticExample), options: options)
        let ingest = WLMRoutingContext(user: "i", groups: ["ingest"])
        _ = wlm.submit(WLMRequest(id: "h0", context: ingest), at: 0)
        _ = wlm.submit(WLMRequest(id: "low", context: WLMRoutingContext(user: "l", groups: ["analytics"])), at: 0)
        var running = "h0"
        var order: [String] = []
        for i in 1...20 {   // a steady stream of highest-priority work
            _ = wlm.submit(WLMRequest(id: "h\(i)", context: ingest), at: UInt64(i))
            let next = wlm.finish(running, at: UInt64(i)).started
            running = next[0].id
            order.append(running)
        }
        #expect(order.contains("low"))
        #expect(order.firstIndex(of: "low")! <= 8)    // lowest → highest needs 3 levels × 2 starts
    }
}
