import Foundation

/// Percentiles by linear interpolation between closest ranks, as Redshift's `PERCENTILE_CONT`
/// (and Test Drive's figures) compute them: p of sorted values x[0…n-1] is at rank p/100·(n−1).
public enum Percentiles {
    /// The `p`-th percentile (0…100) of `sorted` (ascending); 0 for an empty list.
    public static func value(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = min(max(p, 0), 100) / 100 * Double(sorted.count - 1)
        let low = Int(rank.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - Double(low))
    }
}

/// Count, mean and the percentiles a report shows, of latencies in milliseconds.
public struct LatencyStats: Codable, Sendable, Equatable {
    public var count: Int
    public var mean: Double
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var max: Double

    public init(millis values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
        p50 = Percentiles.value(sorted, 50)
        p90 = Percentiles.value(sorted, 90)
        p95 = Percentiles.value(sorted, 95)
        p99 = Percentiles.value(sorted, 99)
        max = sorted.last ?? 0
    }
}
