import Testing
@testable import Engine

/// The last-N buffer behind the query log and the console's ended statements.
@Suite struct RingBufferTests {
    @Test func keepsEverythingUntilFullOldestFirst() {
        var ring = RingBuffer<Int>(capacity: 4)
        #expect(ring.isEmpty)
        for value in 1...3 { ring.append(value) }
        #expect(Array(ring) == [1, 2, 3])
        #expect(Array(ring.newestFirst) == [3, 2, 1])
        #expect(ring.count == 3)
    }

    @Test func pastItsCapacityTheOldestAreDropped() {
        var ring = RingBuffer<Int>(capacity: 3)
        for value in 1...8 { ring.append(value) }
        #expect(ring.count == 3)
        #expect(Array(ring) == [6, 7, 8])
        #expect(Array(ring.newestFirst) == [8, 7, 6])
        #expect(ring[0] == 6 && ring[2] == 8)
    }

    @Test func lastFindsTheNewestMatch() {
        var ring = RingBuffer<(id: String, value: Int)>(capacity: 3)
        for (index, id) in ["a", "b", "a", "c"].enumerated() { ring.append((id, index)) }
        #expect(ring.last { $0.id == "a" }?.value == 2)
        #expect(ring.last { $0.id == "b" }?.value == 1)
        #expect(ring.last { $0.id == "z" } == nil)
    }

    @Test func filteringSeesEveryKeptElementOnce() {
        var ring = RingBuffer<Int>(capacity: 5)
        for value in 0..<12 { ring.append(value) }
        #expect(ring.filter { $0 % 2 == 0 } == [8, 10])
        #expect(ring.reduce(0, +) == 45)   // 7 + 8 + 9 + 10 + 11
    }
}
