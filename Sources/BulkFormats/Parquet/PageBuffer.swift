/// A reusable buffer that holds a copy of one page's values for reading by index without
/// array bounds checks, retains or exclusivity checks: `ParquetColumnValues` loads each page's
/// typed values into it and reads them by row. The owner deallocates it.
struct PageBuffer<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    private(set) var count = 0

    init() {
        capacity = 16
        base = .allocate(capacity: capacity)
    }

    /// Replaces the contents with `values`.
    mutating func load(_ values: [Element]) {
        if values.count > capacity {
            base.deallocate()
            capacity = max(values.count, capacity * 2)
            base = .allocate(capacity: capacity)
        }
        values.withUnsafeBufferPointer { source in
            if let start = source.baseAddress { base.update(from: start, count: source.count) }
        }
        count = values.count
    }

    @inline(__always)
    subscript(index: Int) -> Element { base[index] }

    func deallocate() { base.deallocate() }
}
