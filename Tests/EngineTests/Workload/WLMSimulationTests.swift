import Foundation
import Testing
@testable import Engine

/// Randomised runs: 200 statements across queues neither deadlock nor starve, and slots are never
/// over-committed (issue 6, "Measure and report").
@Suite struct WorkloadSimulationTests {
    static let manual = try! WLMConfiguration(json: """
    [{"query_group": ["a"], "query_concurrency": 2, "max_execution_time": 300},
     {"query_group": ["b"], "query_concurrency": 3},
     {"query_concurrency": 4}]
    """)

    @Test(arguments: [UInt64(1), 2, 3, 42, 2024])
    func manualWLMEverythingFinishesInFIFOOrder(seed: UInt64) throws {
        try simulate(configuration: Self.manual, seed: seed)
    }

    @Test(arguments: [UInt64(7), 8, 9])
    func automaticWLMEverythingFinishes(seed: UInt64) throws {
        var options = WLMScheduler.Options()
        options.automaticConcurrency = 3
        try simulate(configuration: try WLMConfiguration(json: WorkloadConfigurationTests.automaticExample), seed: seed, options: options)
    }

    func simulate(configuration: WLMConfiguration, seed: UInt64, options: WLMScheduler.Options = .init()) throws {
        var random = SeededRandom(seed: seed)
        var wlm = WLMScheduler(configuration: configuration, options: options)
        let groups = ["a", "b", nil, "x"]
        let userGroups = ["ingest", "reporting", "analytics", "other"]
        var now: UInt64 = 0
        var running = Set<String>()
        var done = Set<String>()
        var submitted = 0
        var startOrder: [Int: [Int]] = [:]
        var submitOrder: [Int: [Int]] = [:]
        func started(_ starts: [WLMStart]) {
            for start in starts {
                #expect(running.insert(start.id).inserted, "\(start.id) started twice")
                startOrder[start.serviceClass, default: []].append(Int(start.id)!)
            }
        }
        var steps = 0
        while done.count < 200 {
            steps += 1
            try #require(steps < 10_000, "no progress: deadlock")
            now += UInt64.random(in: 1...100, using: &random) * 1_000_000
            for hop in wlm.expire(at: now) {
                switch hop.outcome {
                case .cancelled: running.remove(hop.id); done.insert(hop.id)
                case .restarted: running.remove(hop.id)
                case .reassigned, .continued: break
                }
                started(hop.started)
            }
            if submitted < 200, running.isEmpty || Int.random(in: 0..<3, using: &random) > 0 {
                let id = String(submitted)
                let context = WLMRoutingContext(user: "u", groups: [userGroups.randomElement(using: &random)!],
                                                queryGroup: groups.randomElement(using: &random)!)
                let request = WLMRequest(id: id, context: context, slots: Int.random(in: 1...2, using: &random),
                                         kind: Bool.random(using: &random) ? .readOnly : .write)
                submitted += 1
                switch wlm.submit(request, at: now) {
                case .run(let serviceClass): started([WLMStart(id: id, serviceClass: serviceClass, slots: request.slots, queuedNanos: 0)])
                    submitOrder[serviceClass, default: []].append(submitted - 1)
                case .queued(let serviceClass, _): submitOrder[serviceClass, default: []].append(submitted - 1)
                case .rejected: done.insert(id)
                }
            } else if let victim = running.sorted().randomElement(using: &random) {
                running.remove(victim)
                done.insert(victim)
                started(wlm.finish(victim, at: now).started)
            }
            for state in wlm.snapshot(at: now).serviceClasses {
                if let slots = state.slots { #expect(state.slotsInUse <= slots) }
            }
        }
        #expect(wlm.snapshot(at: now).queries.isEmpty)
        if configuration.mode == .manual {
            // Strict FIFO per queue for statements that never hopped: starts follow submissions.
            for (serviceClass, order) in submitOrder {
                let starts = startOrder[serviceClass, default: []].filter { order.contains($0) }
                #expect(starts == starts.sorted(), "queue \(serviceClass) started out of order")
            }
        }
    }

    @Test func schedulerOverheadPerStatement() throws {
        var wlm = WLMScheduler(configuration: Self.manual)
        let contexts = [WLMRoutingContext(user: "u", queryGroup: "a"), WLMRoutingContext(user: "u", queryGroup: "b"),
                        WLMRoutingContext(user: "u")]
        let count = 20_000
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for i in 0..<count {
                _ = wlm.submit(WLMRequest(id: String(i), context: contexts[i % 3]), at: UInt64(i))
                if i >= 8 { _ = wlm.finish(String(i - 8), at: UInt64(i)) }
            }
        }
        let micros = Double(elapsed.components.attoseconds / 1_000_000_000_000 + elapsed.components.seconds * 1_000_000) / Double(count)
        print("WLMScheduler: \(String(format: "%.2f", micros)) µs per statement (submit + finish, debug build)")
        // Goal: < 50 µs (≈ 6 µs measured on an idle machine). The bound only catches pathological
        // regressions, since other builds may share the machine.
        #expect(micros < 1_000)
    }
}
