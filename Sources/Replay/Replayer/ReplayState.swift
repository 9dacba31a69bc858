import Foundation

/// Counts so far, for the progress line.
public struct ReplayProgress: Sendable {
    public var total: Int
    public var done: Int
    public var failed: Int
    /// µs since the replay's origin.
    public var elapsedMicros: Int64
}

/// The replayer's shared, lock-protected state: the session queue, counters and drift samples.
final class ReplayState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var sessionCount = Int.max
    private var origin: Int64 = 0
    private var clock: ReplayClock?
    private var done = 0, finished = 0, failed = 0, aborted = 0, callErrors = 0
    private var drifts: [Int64] = []
    private var _longPoll = true

    func start(origin: Int64, clock: ReplayClock) {
        lock.lock(); defer { lock.unlock() }
        self.origin = origin
        self.clock = clock
    }

    func setSessionCount(_ count: Int) { lock.lock(); sessionCount = count; lock.unlock() }

    /// Whether DescribeStatement is sent with `WaitTimeSeconds` (cleared when the target refuses it).
    var longPoll: Bool {
        get { lock.lock(); defer { lock.unlock() }; return _longPoll }
        set { lock.lock(); _longPoll = newValue; lock.unlock() }
    }

    /// The index of the next session to run, nil when all have been taken.
    func nextSession() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < sessionCount else { return nil }
        next += 1
        return next - 1
    }

    func count(status: String?, callError: Bool) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        if callError { callErrors += 1 }
        switch status {
        case "FINISHED": finished += 1
        case "ABORTED": aborted += 1
        default: failed += 1
        }
    }

    func addDrifts(_ values: [Int64]) { lock.lock(); drifts.append(contentsOf: values); lock.unlock() }

    func snapshot(total: Int) -> ReplayProgress {
        lock.lock(); defer { lock.unlock() }
        let elapsed = clock.map { $0.nowMicros() - origin } ?? 0
        return ReplayProgress(total: total, done: done, failed: failed + aborted, elapsedMicros: max(0, elapsed))
    }

    func summary(wallMicros: Int64) -> ReplaySummary {
        lock.lock(); defer { lock.unlock() }
        var summary = ReplaySummary()
        summary.statements = done
        summary.finished = finished
        summary.failed = failed
        summary.aborted = aborted
        summary.callErrors = callErrors
        summary.wallMicros = wallMicros
        let sorted = drifts.sorted()
        if !sorted.isEmpty {
            summary.driftP50Micros = Int64(Percentiles.value(sorted.map(Double.init), 50).rounded())
            summary.driftP99Micros = Int64(Percentiles.value(sorted.map(Double.init), 99).rounded())
            summary.driftMaxMicros = sorted.last!
        }
        return summary
    }
}
