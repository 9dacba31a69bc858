import Foundation

/// What a replay did and how faithfully it kept the schedule.
public struct ReplaySummary: Sendable, Equatable {
    public var sessions = 0
    public var statements = 0
    public var finished = 0
    public var failed = 0
    public var aborted = 0
    /// Calls the target refused (an AWS error instead of a statement id) or that got no answer.
    public var callErrors = 0
    public var skippedWrites = 0
    /// The plan's speed: with 0 every statement is due at once, so drift is only queueing.
    public var speed: Double = 1
    public var wallMicros: Int64 = 0
    /// Start-time drift (actual send minus due time) per call, µs: p50, p99, max.
    public var driftP50Micros: Int64 = 0
    public var driftP99Micros: Int64 = 0
    public var driftMaxMicros: Int64 = 0

    public init() {}

    public var statementsPerSecond: Double {
        wallMicros > 0 ? Double(statements) / (Double(wallMicros) / 1_000_000) : 0
    }

    /// One paragraph for stderr.
    public var text: String {
        func ms(_ micros: Int64) -> String { String(format: "%.3f ms", Double(micros) / 1000) }
        return """
            replayed \(statements) statements in \(sessions) sessions in \(String(format: "%.2f", Double(wallMicros) / 1_000_000)) s \
            (\(String(format: "%.0f", statementsPerSecond)) statements/s): \(finished) finished, \(failed) failed, \(aborted) aborted, \
            \(callErrors) call errors, \(skippedWrites) writes skipped
            start-time drift\(speed == 0 ? " (speed 0: every statement is due at once, so this is queueing, not timing error)" : ""): \
            p50 \(ms(driftP50Micros)), p99 \(ms(driftP99Micros)), max \(ms(driftMaxMicros))
            """
    }
}

/// A plan's shape, for `--dry-run`.
public struct ReplayPlanReport {
    public static func text(_ plan: ReplayPlan, header: RecordingHeader, dryRun: Bool = true) -> String {
        let targets = Set(plan.sessions.map { schedule in
            schedule.cluster.map { "cluster \($0)" } ?? schedule.workgroup.map { "workgroup \($0)" } ?? "the endpoint's cluster"
        })
        let users = Set(plan.sessions.map(\.user))
        let batches = plan.sessions.reduce(0) { $0 + $1.units.filter(\.isBatch).count }
        return """
            \(dryRun ? "dry run" : "plan"): recording from \(header.source.rawValue), \(plan.statementCount) statements (\(plan.unitCount) calls, \(batches) batches) \
            in \(plan.sessions.count) sessions; \(plan.skippedWrites) writes skipped
            recorded span \(String(format: "%.3f", Double(plan.recordedSpanMicros) / 1_000_000)) s; at speed \(plan.speed == 0 ? "0 (as fast as possible)" : String(plan.speed)) \
            the schedule lasts at least \(String(format: "%.3f", Double(plan.scheduledSpanMicros) / 1_000_000)) s; peak concurrent sessions \(plan.peakConcurrentSessions)
            targets: \(targets.sorted().joined(separator: ", ")); users: \(users.sorted().joined(separator: ", "))
            """
    }
}
