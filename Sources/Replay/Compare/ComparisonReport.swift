import Foundation

/// The comparison of a baseline and a replay of the same workload, paired by event id: what
/// `emulatord compare` renders as text, JSON, Markdown or HTML. Latencies are in milliseconds
/// (end − submission); percentiles interpolate linearly (``Percentiles``).
public struct ComparisonReport: Codable, Sendable {
    /// One run's inputs and shape.
    public struct Run: Codable, Sendable {
        public var path: String
        public var source: String
        public var statements: Int
        public var sessions: Int
        public var errors: Int
        /// First submission to last end, seconds.
        public var wallSeconds: Double
    }

    /// Baseline vs replay statistics of one group of paired statements.
    public struct GroupDelta: Codable, Sendable {
        public var key: String
        /// For fingerprints: the normalised text (`key` is its short id).
        public var text: String?
        public var baseline: LatencyStats
        public var replay: LatencyStats
        public var deltaP50Ms: Double
        public var deltaP95Ms: Double
        /// nil when the baseline p95 is 0.
        public var deltaP95Percent: Double?
        /// `regressed`, `improved` or `unchanged`: a change counts when the Δ of `verdictBasis` is
        /// at least the report's `minDeltaMs` and `minDeltaPercent`.
        public var verdict: String
        /// `p95`, or `p50` for groups of fewer than 20 paired statements (whose p95 is an outlier).
        public var verdictBasis: String

        /// Ranking weight of a regression or improvement: the Δ of the verdict's basis × count.
        public var weight: Double { (verdictBasis == "p95" ? deltaP95Ms : deltaP50Ms) * Double(baseline.count) }
    }

    /// A statement whose outcome differs: an error that appeared or disappeared, or another row
    /// count or result fingerprint.
    public struct Divergence: Codable, Sendable {
        public var eventId: String
        public var fingerprint: String
        public var baseline: String
        public var replay: String
    }

    /// How faithfully the replay kept its schedule: start-time drift (actual send minus due time).
    public struct ReplayDrift: Codable, Sendable {
        /// `calls`: the replay header's summary over every call; `statements`: computed from the
        /// statements' `driftMicros` (a batch's sub-statements share their call's drift).
        public var basis: String
        /// The replay's `--speed`; at 0 every statement is due at once and drift is queueing.
        public var speed: Double?
        /// Replayed statements that carry their drift.
        public var statements: Int
        public var p50Ms: Double
        public var p99Ms: Double
        public var maxMs: Double

        /// One line for the text formats.
        public var text: String {
            let caveat = speed == 0 ? " (speed 0: every statement due at once, so this is queueing, not timing error)" : ""
            return "replay start-time drift p50 \(Fmt.ms(p50Ms)) ms, p99 \(Fmt.ms(p99Ms)) ms, max \(Fmt.ms(maxMs)) ms over \(basis)\(caveat)"
        }
    }

    /// Statements submitted in one time bucket (offsets from each run's first submission).
    public struct ThroughputBucket: Codable, Sendable {
        public var startSeconds: Double
        public var baselinePerSecond: Double
        public var replayPerSecond: Double
    }

    public var baseline: Run
    public var replay: Run
    public var paired: Int
    public var onlyInBaseline: Int
    public var onlyInReplay: Int
    public var percentileMethod = "linear interpolation (PERCENTILE_CONT)"
    public var minDeltaMs: Double
    public var minDeltaPercent: Double
    public var overall: GroupDelta
    public var byUser: [GroupDelta]
    public var byQueryGroup: [GroupDelta]
    public var byStatementType: [GroupDelta]
    public var byFingerprint: [GroupDelta]
    public var topRegressions: [GroupDelta]
    public var topImprovements: [GroupDelta]
    public var errorsAppeared: [Divergence]
    public var errorsDisappeared: [Divergence]
    public var rowCountMismatches: [Divergence]
    public var resultMismatches: [Divergence]
    /// Paired statements whose results were compared: both FINISHED with a fingerprint of the same
    /// scheme. Fingerprints ignore row order, so a different order alone is no mismatch.
    public var resultsCompared = 0
    /// The replay's start-time drift, when the replay recording has it (format 1.2).
    public var replayDrift: ReplayDrift?
    public var throughputBucketSeconds: Double
    public var throughput: [ThroughputBucket]
    /// Latency at percentiles 0, 1, …, 100 of the paired statements (for the CDF chart).
    public var baselineQuantilesMs: [Double]
    public var replayQuantilesMs: [Double]
    /// `--fail-on-regression PCT`, when given.
    public var failOnRegressionPercent: Double?
    /// True when the overall p95 regressed by more than `failOnRegressionPercent`.
    public var failed: Bool

    /// The exit status the contract asks for: 3 when the gate failed, else 0.
    public var exitCode: Int32 { failed ? 3 : 0 }

    /// Sets the gate: fails when the overall p95 grew by more than `percent` % (or from 0 to more).
    public mutating func applyGate(percent: Double?) {
        failOnRegressionPercent = percent
        guard let percent else { failed = false; return }
        if let delta = overall.deltaP95Percent {
            failed = delta > percent
        } else {
            failed = overall.replay.p95 > overall.baseline.p95
        }
    }

    /// One sentence on the gate, for every format.
    public var verdictText: String {
        let delta = overall.deltaP95Percent.map { String(format: "%+.1f %%", $0) } ?? "n/a"
        guard let threshold = failOnRegressionPercent else { return "overall p95 \(delta) (no --fail-on-regression gate)" }
        return failed
            ? "overall p95 \(delta) > threshold \(String(format: "%g", threshold)) % -> exit 3"
            : "overall p95 \(delta) within threshold \(String(format: "%g", threshold)) % -> exit 0"
    }
}
