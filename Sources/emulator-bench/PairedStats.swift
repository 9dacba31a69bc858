import Foundation

/// A paired A/B comparison: per pair, the figure of A (without WLM) and of B (with WLM) measured
/// back to back; the effect is the median of the paired differences B − A, with a distribution-free
/// 95 % confidence interval (order statistics of the sorted differences, binomial rank bounds).
struct PairedComparison: Codable {
    var pairs: Int
    /// Medians of the per-pair figures, µs.
    var plainMicros: Double
    var wlmMicros: Double
    /// Median of (wlm − plain) over the pairs, µs, and its 95 % confidence interval.
    var medianDifferenceMicros: Double
    var ciLowMicros: Double
    var ciHighMicros: Double
    /// Pairs where the WLM figure was the larger one (a sign test's count).
    var wlmSlowerPairs: Int

    init(plain: [Double], wlm: [Double]) {
        let count = min(plain.count, wlm.count)
        let differences = (0..<count).map { wlm[$0] - plain[$0] }.sorted()
        pairs = count
        plainMicros = Stats.median(Array(plain.prefix(count))) ?? 0
        wlmMicros = Stats.median(Array(wlm.prefix(count))) ?? 0
        medianDifferenceMicros = Stats.median(differences) ?? 0
        let (low, high) = Self.confidenceRanks(count)
        ciLowMicros = count > 0 ? differences[low] : 0
        ciHighMicros = count > 0 ? differences[high] : 0
        wlmSlowerPairs = differences.filter { $0 > 0 }.count
    }

    /// 0-based ranks bounding the median with ≥ 95 % confidence: the k-th smallest and k-th largest of
    /// n, with k from the normal approximation of Binomial(n, ½) (exact enough from n ≈ 10 on).
    static func confidenceRanks(_ n: Int) -> (Int, Int) {
        guard n > 0 else { return (0, 0) }
        let k = max(1, Int(((Double(n) - 1.96 * Double(n).squareRoot()) / 2).rounded(.down)))
        return (min(k - 1, n - 1), max(n - k, 0))
    }
}
