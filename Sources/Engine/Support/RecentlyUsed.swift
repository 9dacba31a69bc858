/// A small map that keeps at most `capacity` entries, forgetting the least recently used one
/// when a new key would pass the bound. Not thread-safe: its owner serializes access.
///
/// Inlinable, so that the PostgreSQL door's per-statement caches (in another module) get code
/// specialized for their key and value types instead of generic calls.
public struct RecentlyUsed<Key: Hashable, Value> {
    public let capacity: Int
    @usableFromInline var entries: [Key: (value: Value, lastUse: UInt64)] = [:]
    @usableFromInline var clock: UInt64 = 0

    @inlinable public init(capacity: Int) {
        precondition(capacity > 0, "a cache holds at least one entry")
        self.capacity = capacity
    }

    @inlinable public var count: Int { entries.count }

    /// The value of `key`, marked as just used; nil when absent.
    @inlinable public mutating func value(for key: Key) -> Value? {
        guard let index = entries.index(forKey: key) else { return nil }
        clock &+= 1
        entries.values[index].lastUse = clock
        return entries.values[index].value
    }

    /// Stores `value` for `key`; when the map is full, the least recently used entry goes first.
    @inlinable public mutating func store(_ value: Value, for key: Key) {
        clock &+= 1
        if entries[key] == nil, entries.count >= capacity,
           let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        entries[key] = (value, clock)
    }

    @inlinable public mutating func removeValue(for key: Key) { entries[key] = nil }

    @inlinable public mutating func removeAll() { entries.removeAll() }
}
