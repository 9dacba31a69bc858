import Foundation
import Testing
@testable import Engine

/// The latency model (wlm.md §6): deterministic under a seed, compile once per shape, result cache.
@Suite struct WorkloadLatencyTests {
    static let shape = "select * from sales where id = ?"

    @Test func instantIsAllZero() {
        var model = LatencyModel(profile: .instant, seed: 1)
        let plan = model.plan(shape: Self.shape, isReadOnly: true, dataVersion: 1, rows: 1_000_000, bytes: 1 << 30)
        #expect(plan.totalNanos == 0 && !plan.resultCacheHit)
        #expect(LatencyProfile.instant.isInstant && !LatencyProfile.realistic.isInstant)
    }

    @Test func sameSeedSamePlans() {
        func run(_ seed: UInt64) -> [LatencyPlan] {
            var model = LatencyModel(profile: .realistic, seed: seed)
            return (0..<50).map { i in
                model.plan(shape: "shape\(i % 7)", isReadOnly: i % 3 != 0, dataVersion: i / 10, rows: i * 10, bytes: i * 100)
            }
        }
        #expect(run(42) == run(42))
        #expect(run(42) != run(43))
    }

    @Test func firstRunOfAShapeIsSlowerThanTheSecond() {
        var model = LatencyModel(profile: .realistic, seed: 7)
        let first = model.plan(shape: Self.shape, isReadOnly: false, dataVersion: 1, rows: 10, bytes: 100)
        let second = model.plan(shape: Self.shape, isReadOnly: false, dataVersion: 2, rows: 10, bytes: 100)
        #expect(first.compileNanos >= 500_000_000)
        #expect(second.compileNanos == 0 && model.isCompiled(Self.shape))
        #expect(first.serverNanos > second.serverNanos)
    }

    @Test func resultCacheHitsOnlyForRepeatedReadOnlyQueriesOnUnchangedData() {
        var model = LatencyModel(profile: .realistic, seed: 3)
        _ = model.plan(shape: Self.shape, isReadOnly: true, dataVersion: 1, rows: 10, bytes: 100)
        let hit = model.plan(shape: Self.shape, isReadOnly: true, dataVersion: 1, rows: 10, bytes: 100)
        #expect(hit.resultCacheHit && hit.compileNanos == 0 && hit.planningNanos == 0)
        #expect(hit.executionNanos <= 1_000_000)
        #expect(!model.plan(shape: Self.shape, isReadOnly: true, dataVersion: 2, rows: 10, bytes: 100).resultCacheHit)
        var uncacheable = LatencyRequest(shape: Self.shape, isReadOnly: true, dataVersion: 2)
        uncacheable.resultCacheable = false                       // e.g. GETDATE(), cache off for the session
        #expect(!model.plan(uncacheable).resultCacheHit)
    }

    @Test func costGrowsWithRowsAndBytes() {
        var profile = LatencyProfile.realistic
        profile.execution = LatencyRange(20, 20)
        var model = LatencyModel(profile: profile, seed: 1)
        _ = model.plan(shape: "s", isReadOnly: false, dataVersion: 0, rows: 0, bytes: 0)
        let small = model.plan(shape: "s", isReadOnly: false, dataVersion: 0, rows: 0, bytes: 0)
        let big = model.plan(shape: "s", isReadOnly: false, dataVersion: 0, rows: 1_000_000, bytes: 10_000_000)
        #expect(big.executionNanos - small.executionNanos == 2_000_000_000 + 100_000_000)
    }

    @Test func profileFileOverridesRealistic() throws {
        let profile = try LatencyProfile(data: Data(#"{"name": "ci", "compile_ms": [100, 200], "per_row_us": 0.5, "commit_ms": 0}"#.utf8))
        #expect(profile.name == "ci" && profile.compile == LatencyRange(100, 200) && profile.perRowMicros == 0.5)
        #expect(profile.commit == .zero && profile.planning == LatencyProfile.realistic.planning)
        #expect(throws: WorkloadConfigError("latency profile: compile_ms must satisfy 0 ≤ min ≤ max ≤ 86400000")) {
            _ = try LatencyProfile(data: Data(#"{"compile_ms": [300, 100]}"#.utf8))
        }
        #expect(throws: WorkloadConfigError(#"unknown key "compile" in latency profile"#)) {
            _ = try LatencyProfile(data: Data(#"{"compile": 1}"#.utf8))
        }
        #expect(try LatencyProfile.resolve("instant") == .instant)
    }

    @Test func seededRandomIsStableAndStreamsAreIndependent() {
        var a = SeededRandom(seed: 0)
        #expect(a.next() == 0xe220_a839_7b1d_cdaf)           // SplitMix64 reference value for seed 0
        var s1 = SeededRandom(seed: 9, stream: "stmt-1"), s1again = SeededRandom(seed: 9, stream: "stmt-1")
        var s2 = SeededRandom(seed: 9, stream: "stmt-2")
        let x = s1.next()
        #expect(x == s1again.next() && x != s2.next())
        for _ in 0..<1000 { let u = a.nextUnit(); #expect(u >= 0 && u < 1) }
    }
}
