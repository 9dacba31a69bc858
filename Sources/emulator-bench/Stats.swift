/// Order statistics over samples: nearest-rank percentiles and medians of runs.
enum Stats {
    /// The nearest-rank percentile `p` (0...100) of already sorted samples.
    static func percentile(sorted: [UInt64], _ p: Double) -> UInt64 {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank - 1, 0), sorted.count - 1)]
    }

    /// The median of a run's figures (mean of the two middle ones for an even count); nil when empty.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    /// The median of the figures that are present (runs that produced the figure).
    static func median(_ values: [Double?]) -> Double? { median(values.compactMap { $0 }) }
}

/// Latency summary of one operation in one run, in microseconds.
struct LatencySummary: Codable {
    var count: Int
    var p50Micros: Double
    var p99Micros: Double
    var maxMicros: Double

    init(samples: [UInt64]) {
        let sorted = samples.sorted()
        count = sorted.count
        p50Micros = Double(Stats.percentile(sorted: sorted, 50)) / 1000
        p99Micros = Double(Stats.percentile(sorted: sorted, 99)) / 1000
        maxMicros = Double(sorted.last ?? 0) / 1000
    }

    init(count: Int, p50Micros: Double, p99Micros: Double, maxMicros: Double) {
        self.count = count
        self.p50Micros = p50Micros
        self.p99Micros = p99Micros
        self.maxMicros = maxMicros
    }

    /// Per-figure medians over several runs.
    static func median(_ runs: [LatencySummary]) -> LatencySummary? {
        guard !runs.isEmpty else { return nil }
        return LatencySummary(count: Int(Stats.median(runs.map { Double($0.count) })!),
                              p50Micros: Stats.median(runs.map(\.p50Micros))!,
                              p99Micros: Stats.median(runs.map(\.p99Micros))!,
                              maxMicros: Stats.median(runs.map(\.maxMicros))!)
    }
}
