import Foundation

/// A progress line with ETA, redrawn on stderr twice a second while a replay runs (only when
/// stderr is a terminal): `replay 1,234/10,000 (12%) · 850 statements/s · 3 failed · ETA 0:10`.
public final class ProgressLine: @unchecked Sendable {
    private let replayer: Replayer
    private let scheduledSpanMicros: Int64
    private let stopped = NSCondition()
    private var running = false

    public init(replayer: Replayer, scheduledSpanMicros: Int64) {
        self.replayer = replayer
        self.scheduledSpanMicros = scheduledSpanMicros
    }

    public func start() {
        running = true
        let thread = Thread { [self] in
            stopped.lock()
            while running {
                _ = stopped.wait(until: Date().addingTimeInterval(0.5))
                if running { FileHandle.standardError.write(Data(("\r" + Self.line(replayer.progress(), scheduledSpanMicros: scheduledSpanMicros) + "\u{1B}[K").utf8)) }
            }
            stopped.unlock()
        }
        thread.start()
    }

    public func stop() {
        stopped.lock()
        running = false
        stopped.signal()
        stopped.unlock()
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// The text of one progress line. ETA: the longer of the schedule's remaining time and the
    /// remaining statements at the current rate.
    public static func line(_ p: ReplayProgress, scheduledSpanMicros: Int64) -> String {
        let seconds = Double(p.elapsedMicros) / 1_000_000
        let rate = seconds > 0 ? Double(p.done) / seconds : 0
        let byRate = rate > 0 ? Double(p.total - p.done) / rate : 0
        let bySchedule = max(0, Double(scheduledSpanMicros - p.elapsedMicros) / 1_000_000)
        let eta = Int(max(byRate, bySchedule).rounded())
        let percent = p.total > 0 ? p.done * 100 / p.total : 100
        return "replay \(p.done)/\(p.total) (\(percent)%) · \(Int(rate)) statements/s · \(p.failed) failed · ETA \(eta / 60):\(String(format: "%02d", eta % 60))"
    }
}
