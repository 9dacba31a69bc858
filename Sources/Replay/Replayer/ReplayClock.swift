import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The replayer's sense of time, injected so that tests can run a schedule without waiting.
public protocol ReplayClock: Sendable {
    /// Monotonic microseconds (any origin).
    func nowMicros() -> Int64
    /// Blocks the calling thread until ``nowMicros()`` reaches `deadline` (returns at once when late).
    func sleep(untilMicros deadline: Int64)
    /// The wall-clock time that corresponds to the monotonic `micros`.
    func wallTime(atMicros micros: Int64) -> RecordingTime
}

extension ReplayClock {
    /// Waits for a unit's due time; when it is sent and how late (the drift, never negative), as
    /// every target measures it.
    func awaitTurn(dueMicros due: Int64) -> (sent: Int64, drift: Int64) {
        sleep(untilMicros: due)
        let sent = nowMicros()
        return (sent, max(0, sent - due))
    }
}

/// `CLOCK_MONOTONIC` with absolute-deadline sleeps (`clock_nanosleep(TIMER_ABSTIME)`), so that
/// sleeping never accumulates drift: every due time is computed from the replay's origin.
public struct SystemReplayClock: ReplayClock {
    private let wallOrigin: Int64
    private let monoOrigin: Int64

    public init() {
        monoOrigin = Self.monotonic()
        wallOrigin = RecordingTime.now().microsecondsSinceEpoch
    }

    public func nowMicros() -> Int64 { Self.monotonic() }

    public func sleep(untilMicros deadline: Int64) {
        #if canImport(Glibc)
        var spec = timespec(tv_sec: Int(deadline / 1_000_000), tv_nsec: Int(deadline % 1_000_000) * 1000)
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &spec, nil) == EINTR {}
        #else
        let remaining = deadline - nowMicros()
        if remaining > 0 { usleep(UInt32(min(remaining, Int64(UInt32.max)))) }
        #endif
    }

    public func wallTime(atMicros micros: Int64) -> RecordingTime {
        RecordingTime(microsecondsSinceEpoch: wallOrigin + (micros - monoOrigin))
    }

    static func monotonic() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }
}

/// A clock that only moves when told to: `sleep` jumps to the deadline. For tests of scheduling.
public final class ManualReplayClock: ReplayClock, @unchecked Sendable {
    private let lock = NSLock()
    private var now: Int64
    public let wallOrigin: Int64

    public init(startMicros: Int64 = 1_000_000, wallOrigin: Int64 = 1_700_000_000_000_000) {
        now = startMicros
        self.wallOrigin = wallOrigin
    }

    public func nowMicros() -> Int64 { lock.lock(); defer { lock.unlock() }; return now }

    public func sleep(untilMicros deadline: Int64) {
        lock.lock(); defer { lock.unlock() }
        if deadline > now { now = deadline }
    }

    /// Moves time forward (a fake target uses it to simulate statement latency).
    public func advance(micros: Int64) { lock.lock(); now += micros; lock.unlock() }

    public func wallTime(atMicros micros: Int64) -> RecordingTime {
        RecordingTime(microsecondsSinceEpoch: wallOrigin + micros)
    }
}
