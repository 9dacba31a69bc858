import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A directory's listing kept while the directory's modification time stays the same.
///
/// A listing read less than `settle` after the directory last changed is not trusted for longer
/// than `recheck`: a change in the same clock tick as that one would leave the time as it was
/// (file systems stamp times at a tick's resolution). The directory is looked at (one `stat`) at
/// most once per `recheck`: every statement asks for the listing, and a session opening touches
/// the directory (SQLite's journal files), so a listing kept only while the time is unchanged was
/// read again for most statements. The owner calls `forget` after changing the directory itself,
/// so its own changes are seen at once; other processes' within `recheck`.
final class DirectoryListing: Sendable {
    private struct Entry {
        var stamp: timespec
        var names: [String]
        /// When the directory was last looked at (monotonic nanoseconds).
        var checked: UInt64
        /// Read more than `settle` after the directory's last change.
        var settled: Bool
    }

    private let path: String
    private let settle: Double
    private let recheck: UInt64
    private let cached = Locked<Entry?>(nil)

    init(path: String, settle: Double = 2, recheckSeconds: Double = 1) {
        self.path = path
        self.settle = settle
        self.recheck = UInt64(max(0, recheckSeconds) * 1e9)
    }

    /// The names `list` returns, from the cache when the directory has not changed since.
    func names(_ list: () -> [String]) -> [String] {
        let now = Self.monotonicNanoseconds()
        if recheck > 0, let hit = cached.withLock({ entry -> [String]? in
            guard let entry, now &- entry.checked < recheck else { return nil }
            return entry.names
        }) { return hit }
        var info = stat()
        guard stat(path, &info) == 0 else {
            forget()
            return list()
        }
        let stamp = info.st_mtim
        if let hit = cached.withLock({ entry -> [String]? in
            guard let current = entry, current.settled, current.stamp.tv_sec == stamp.tv_sec,
                  current.stamp.tv_nsec == stamp.tv_nsec else { return nil }
            entry?.checked = now
            return current.names
        }) { return hit }
        let names = list()
        let changed = Double(stamp.tv_sec) + Double(stamp.tv_nsec) / 1e9
        let settled = Date().timeIntervalSince1970 - changed > settle
        cached.withLock { $0 = Entry(stamp: stamp, names: names, checked: now, settled: settled) }
        return names
    }

    func forget() { cached.withLock { $0 = nil } }

    private static func monotonicNanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }
}
