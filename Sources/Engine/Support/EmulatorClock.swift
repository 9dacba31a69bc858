import Foundation

/// The source of wall-clock time and monotonic durations; injected so tests and `--seed` runs can fix it.
public protocol EmulatorClock: Sendable {
    func now() -> Date
    /// Monotonic nanoseconds, for durations.
    func monotonicNanoseconds() -> UInt64
}

/// The real clock.
public struct SystemClock: EmulatorClock {
    public init() {}
    public func now() -> Date { Date() }
    public func monotonicNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
}
