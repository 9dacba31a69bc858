import Glibc

/// Monotonic time in nanoseconds (CLOCK_MONOTONIC), the one clock every measurement uses.
@inline(__always)
func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Seconds between two `monotonicNanos()` readings.
func seconds(from start: UInt64, to end: UInt64) -> Double { Double(end &- start) / 1e9 }

/// Progress goes to stderr so that `--json` output on stdout stays clean.
func progress(_ message: String) {
    fputs("bench: \(message)\n", stderr)
}
