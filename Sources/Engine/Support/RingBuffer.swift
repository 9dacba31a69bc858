/// The last `capacity` elements appended, oldest first: a full buffer overwrites its oldest element
/// in place, so a log that keeps its newest entries costs one store per entry, not a shift of the
/// whole log whenever it trims.
public struct RingBuffer<Element>: Sequence {
    public let capacity: Int
    private var storage: [Element] = []
    /// Where the oldest element is, once the buffer is full.
    private var head = 0

    public init(capacity: Int) {
        precondition(capacity > 0, "a ring buffer holds at least one element")
        self.capacity = capacity
    }

    public var count: Int { storage.count }
    public var isEmpty: Bool { storage.isEmpty }

    /// Appends `element`, dropping the oldest one when the buffer is full.
    public mutating func append(_ element: consuming Element) {
        if storage.count < capacity {
            storage.append(element)
        } else {
            storage[head] = consume element
            head = head + 1 == capacity ? 0 : head + 1
        }
    }

    /// The element `offset` places from the oldest (0 is the oldest).
    public subscript(offset: Int) -> Element {
        precondition(offset >= 0 && offset < storage.count, "ring buffer offset out of range")
        let index = head + offset
        return storage[index < storage.count ? index : index - storage.count]
    }

    /// The newest element `include` accepts.
    public func last(where include: (Element) throws -> Bool) rethrows -> Element? {
        for offset in stride(from: storage.count - 1, through: 0, by: -1) where try include(self[offset]) {
            return self[offset]
        }
        return nil
    }

    /// The elements newest first.
    public var newestFirst: some Sequence<Element> {
        stride(from: storage.count - 1, through: 0, by: -1).lazy.map { self[$0] }
    }

    public func makeIterator() -> some IteratorProtocol<Element> {
        (0..<storage.count).lazy.map { self[$0] }.makeIterator()
    }
}
