import Foundation

/// What Prometheus metrics cost the HTTP cycle (issue 18: under 5 %): the select 1 cycle on a
/// server with `--metrics off` (A) and one with the default `--metrics on` (B), paired
/// (`ServerPairs`). Scrapes are not part of it: they are rare and off the statements' path.
enum MetricsScenario {
    static let goalPercent = 5.0

    static func run(_ options: Options) throws -> MetricsOverheadResult {
        let comparison = try ServerPairs.compare(options, name: "metrics", a: ["--metrics", "off"], b: ["--metrics", "on"])
        let percent = comparison.plainMicros > 0 ? 100 * comparison.medianDifferenceMicros / comparison.plainMicros : 0
        return MetricsOverheadResult(http: comparison, overheadPercent: percent, goalPercent: goalPercent,
                                     met: comparison.plainMicros > 0 && 100 * comparison.ciHighMicros / comparison.plainMicros < goalPercent)
    }
}

/// The select 1 cycle with metrics off and on.
struct MetricsOverheadResult: Codable {
    /// `plain`: `--metrics off`; `wlm`: `--metrics on` (the comparison's B side).
    var http: PairedComparison
    /// The median difference over the metrics-off cycle, %.
    var overheadPercent: Double
    var goalPercent: Double
    /// The difference's upper 95 % bound is under the goal.
    var met: Bool
}
