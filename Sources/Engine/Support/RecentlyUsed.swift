/// A small map that keeps at most `capacity` entries, forgetting the least recently used one
/// when a new key would pass the bound. Not thread-safe: its owner serializes access.
public struct RecentlyUsed<Key: Hashable, Value> {
    public let capacity: Int
    private var entries: [Key: (value: Value, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "a cache holds at least one entry")
        self.capacity = capacity
    }

    public var count: Int { entries.count }

    /// The value of `key`, marked as just used; nil when absent.
    public mutating func value(for key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        clock &+= 1
        entries[key] = (entry.value, clock)
        return entry.value
    }

    /// Stores `value` for `key`; when the map is full, the least recently used entry goes first.
    public mutating func store(_ value: Value, for key: Key) {
        clock &+= 1
        if entries[key] == nil, entries.count >= capacity,
           let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        entries[key] = (value, clock)
    }

    public mutating func removeValue(for key: Key) { entries[key] = nil }

    public mutating func removeAll() { entries.removeAll() }
}
