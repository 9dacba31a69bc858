import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A directory's listing kept while the directory's modification time stays the same.
///
/// A listing read less than `settle` after the directory last changed is not kept: a change in
/// the same clock tick as that one would leave the time as it was (file systems stamp times at a
/// tick's resolution). The owner calls `forget` after changing the directory itself.
final class DirectoryListing: Sendable {
    private let path: String
    private let settle: Double
    private let cached = Locked<(stamp: timespec, names: [String])?>(nil)

    init(path: String, settle: Double = 2) {
        self.path = path
        self.settle = settle
    }

    /// The names `list` returns, from the cache when the directory has not changed since.
    func names(_ list: () -> [String]) -> [String] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            forget()
            return list()
        }
        let stamp = info.st_mtim
        if let hit = cached.withLock({ entry -> [String]? in
            guard let entry, entry.stamp.tv_sec == stamp.tv_sec, entry.stamp.tv_nsec == stamp.tv_nsec else { return nil }
            return entry.names
        }) { return hit }
        let names = list()
        let changed = Double(stamp.tv_sec) + Double(stamp.tv_nsec) / 1e9
        if Date().timeIntervalSince1970 - changed > settle {
            cached.withLock { $0 = (stamp, names) }
        }
        return names
    }

    func forget() { cached.withLock { $0 = nil } }
}
