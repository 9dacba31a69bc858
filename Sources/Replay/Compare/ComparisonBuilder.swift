import Foundation

/// Builds a ``ComparisonReport`` from two recordings: pure, apart from reading the files.
public struct ComparisonBuilder {
    /// A change counts as a regression or improvement only when Δp95 is at least this many ms…
    public var minDeltaMs: Double = 5
    /// …and at least this many percent of the baseline p95.
    public var minDeltaPercent: Double = 10
    /// Groups with fewer paired statements are judged on Δp50 instead of Δp95.
    public var minSamplesForP95 = 20
    /// Rows in the top regressions and improvements, and divergences listed per kind.
    public var topCount = 10
    public var divergenceLimit = 50

    public init() {}

    /// Reads both recordings and compares them.
    public func compare(baselinePath: String, replayPath: String) throws -> ComparisonReport {
        build(baseline: try ComparisonInput.load(path: baselinePath), replay: try ComparisonInput.load(path: replayPath))
    }

    func build(baseline: ComparisonInput, replay: ComparisonInput) -> ComparisonReport {
        var replayById: [String: ComparisonEntry] = [:]
        replayById.reserveCapacity(replay.entries.count)
        for entry in replay.entries { replayById[entry.eventId] = entry }
        var pairs: [(ComparisonEntry, ComparisonEntry)] = []
        var baselineIds = Set<String>()
        for b in baseline.entries {
            baselineIds.insert(b.eventId)
            if let r = replayById[b.eventId] { pairs.append((b, r)) }
        }
        let onlyInReplay = replay.entries.filter { !baselineIds.contains($0.eventId) }.count
        let timed = pairs.filter { $0.0.latencyMs != nil && $0.1.latencyMs != nil }

        func groups(_ key: (ComparisonEntry) -> String?) -> [GroupPairs] {
            var map: [String: GroupPairs] = [:]
            for (b, r) in timed {
                guard let k = key(b) else { continue }
                map[k, default: GroupPairs(key: k)].add(b.latencyMs!, r.latencyMs!)
            }
            return map.values.sorted { $0.key < $1.key }
        }
        let fingerprints = groups { $0.fingerprint }.map { g -> ComparisonReport.GroupDelta in
            var d = delta(g)
            d.text = g.key
            d.key = fingerprintId(g.key)
            return d
        }
        let regressions = fingerprints.filter { $0.verdict == "regressed" }.sorted { $0.weight > $1.weight }
        let improvements = fingerprints.filter { $0.verdict == "improved" }.sorted { $0.weight < $1.weight }

        var appeared: [ComparisonReport.Divergence] = [], disappeared: [ComparisonReport.Divergence] = []
        var rowMismatches: [ComparisonReport.Divergence] = [], resultMismatches: [ComparisonReport.Divergence] = []
        var resultsCompared = 0
        for (b, r) in pairs {
            let fp = fingerprintId(b.fingerprint)
            if r.isError && !b.isError { appeared.append(.init(eventId: b.eventId, fingerprint: fp, baseline: b.status ?? "", replay: r.errorText)) }
            if b.isError && !r.isError { disappeared.append(.init(eventId: b.eventId, fingerprint: fp, baseline: b.errorText, replay: r.status ?? "")) }
            if let br = b.rows, let rr = r.rows, br != rr, !b.isError, !r.isError {
                rowMismatches.append(.init(eventId: b.eventId, fingerprint: fp, baseline: String(br), replay: String(rr)))
            }
            if let bf = b.resultFingerprint, let rf = r.resultFingerprint, b.status == "FINISHED", r.status == "FINISHED",
               Self.scheme(bf) == Self.scheme(rf) {
                resultsCompared += 1
                if bf != rf { resultMismatches.append(.init(eventId: b.eventId, fingerprint: fp, baseline: bf, replay: rf)) }
            }
        }
        let all = groups { _ in "all" }.first ?? GroupPairs(key: "all")
        let (bucket, buckets) = throughput(baseline.entries, replay.entries)
        var report = ComparisonReport(
            baseline: baseline.run, replay: replay.run, paired: pairs.count,
            onlyInBaseline: baseline.entries.count - pairs.count, onlyInReplay: onlyInReplay,
            minDeltaMs: minDeltaMs, minDeltaPercent: minDeltaPercent, overall: delta(all),
            byUser: groups { $0.user }.map(delta), byQueryGroup: groups { $0.queryGroup }.map(delta),
            byStatementType: groups { $0.type.rawValue }.map(delta), byFingerprint: fingerprints,
            topRegressions: Array(regressions.prefix(topCount)), topImprovements: Array(improvements.prefix(topCount)),
            errorsAppeared: Array(appeared.prefix(divergenceLimit)), errorsDisappeared: Array(disappeared.prefix(divergenceLimit)),
            rowCountMismatches: Array(rowMismatches.prefix(divergenceLimit)), resultMismatches: Array(resultMismatches.prefix(divergenceLimit)),
            throughputBucketSeconds: bucket, throughput: buckets,
            baselineQuantilesMs: quantiles(all.baseline), replayQuantilesMs: quantiles(all.replay),
            failOnRegressionPercent: nil, failed: false)
        report.resultsCompared = resultsCompared
        report.replayDrift = replay.drift
        report.applyGate(percent: nil)
        return report
    }

    /// A fingerprint's scheme (`sha256:`): fingerprints of different schemes are not compared.
    static func scheme(_ fingerprint: String) -> Substring {
        fingerprint.firstIndex(of: ":").map { fingerprint[...$0] } ?? ""
    }

    struct GroupPairs {
        var key: String
        var baseline: [Double] = []
        var replay: [Double] = []
        mutating func add(_ b: Double, _ r: Double) { baseline.append(b); replay.append(r) }
    }

    func delta(_ g: GroupPairs) -> ComparisonReport.GroupDelta {
        let b = LatencyStats(millis: g.baseline), r = LatencyStats(millis: g.replay)
        let d95 = r.p95 - b.p95
        let pct: Double? = b.p95 > 0 ? d95 / b.p95 * 100 : nil
        // A p95 of a handful of statements is their maximum, one outlier: small groups are judged on p50.
        let basis = g.baseline.count >= minSamplesForP95 ? "p95" : "p50"
        let (delta, base) = basis == "p95" ? (d95, b.p95) : (r.p50 - b.p50, b.p50)
        var verdict = "unchanged"
        if abs(delta) >= minDeltaMs && (base > 0 ? abs(delta) / base * 100 >= minDeltaPercent : true) {
            verdict = delta > 0 ? "regressed" : "improved"
        }
        return .init(key: g.key, text: nil, baseline: b, replay: r, deltaP50Ms: r.p50 - b.p50, deltaP95Ms: d95,
                     deltaP95Percent: pct, verdict: verdict, verdictBasis: basis)
    }

    func quantiles(_ values: [Double]) -> [Double] {
        let sorted = values.sorted()
        return sorted.isEmpty ? [] : (0...100).map { Percentiles.value(sorted, Double($0)) }
    }

    /// Statements per second over time, for both runs on one axis (offsets from each run's first
    /// submission), in at most 60 buckets of a round width.
    func throughput(_ baseline: [ComparisonEntry], _ replay: [ComparisonEntry]) -> (Double, [ComparisonReport.ThroughputBucket]) {
        func offsets(_ entries: [ComparisonEntry]) -> [Int64] {
            guard let first = entries.map(\.submitted).min() else { return [] }
            return entries.map { $0.submitted - first }
        }
        let b = offsets(baseline), r = offsets(replay)
        let span = max(b.max() ?? 0, r.max() ?? 0)
        let nice: [Int64] = [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 2_000_000,
                             5_000_000, 10_000_000, 30_000_000, 60_000_000, 300_000_000, 600_000_000, 3_600_000_000]
        let width = nice.first { span / $0 < 60 } ?? 3_600_000_000
        let count = Int(span / width) + 1
        var bc = [Int](repeating: 0, count: count), rc = [Int](repeating: 0, count: count)
        for o in b { bc[Int(o / width)] += 1 }
        for o in r { rc[Int(o / width)] += 1 }
        let seconds = Double(width) / 1_000_000
        return (seconds, (0..<count).map {
            .init(startSeconds: Double($0) * seconds, baselinePerSecond: Double(bc[$0]) / seconds, replayPerSecond: Double(rc[$0]) / seconds)
        })
    }
}
