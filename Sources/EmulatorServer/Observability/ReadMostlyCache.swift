import Synchronization

/// A map read on every statement and written once per new key: readers take no lock (a lock that
/// eight connections' threads take per statement makes them sleep on each other); a writer
/// publishes a new immutable snapshot. Every snapshot is kept while the cache lives, so a reader
/// never holds a freed one; there are as many as keys.
final class ReadMostlyCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private final class Snapshot: Sendable {
        let values: [Key: Value]
        init(_ values: [Key: Value]) { self.values = values }
    }

    private let current: Atomic<Unmanaged<Snapshot>>
    /// Every snapshot published, the newest last.
    private let published: Mutex<[Snapshot]>

    init() {
        let first = Snapshot([:])
        current = Atomic(Unmanaged.passUnretained(first))
        published = Mutex([first])
    }

    /// The value of `key`, made by `make` (once) when the key is new.
    func value(for key: Key, orMake make: () -> Value) -> Value {
        if let found = current.load(ordering: .acquiring).takeUnretainedValue().values[key] { return found }
        return published.withLock { snapshots in
            var values = snapshots[snapshots.count - 1].values
            if let found = values[key] { return found }
            let made = make()
            values[key] = made
            let next = Snapshot(values)
            snapshots.append(next)
            current.store(Unmanaged.passUnretained(next), ordering: .releasing)
            return made
        }
    }
}
