import Testing
@testable import RedshiftSQL

/// HyperLogLog sketches (r_HLL_function, r_HLL_CARDINALITY, r_HLL_COMBINE): exact counts for small
/// sets (linear counting), unions, and the sparse JSON form round trip.
@Suite struct HLLSketchTests {
    @Test func smallSetsCountExactly() {
        var sketch = HLLSketch()
        for value in [1, 2, 3, 4, 4, 2] { sketch.add(.integer(Int64(value))) }
        sketch.add(.null)
        #expect(sketch.cardinality == 4)  // r_HLL_function prints 4 for (1), (2), (3), (4)
    }

    @Test func unionsAndJSONRoundTrip() throws {
        var first = HLLSketch(), second = HLLSketch()
        for value in 1...4 { first.add(.integer(Int64(value))) }
        for value in 1...6 { second.add(.integer(Int64(value))) }
        let parsed = try HLLSketch(json: first.json)
        #expect(parsed == first)
        first.merge(second)
        #expect(first.cardinality == 6)  // r_HLL_COMBINE's union of the 4- and 6-value sketches
        #expect(first.json.hasPrefix(#"{"version":1,"logm":15,"sparse":{"indices":["#))
        #expect(throws: SQLError.self) { try HLLSketch(json: "not a sketch") }
    }

    @Test func largeSetsEstimateWithinTwoPercent() {
        var sketch = HLLSketch()
        for value in 0..<100_000 { sketch.add(.text("customer-\(value)")) }
        #expect(abs(Double(sketch.cardinality) - 100_000) < 2_000)
    }
}
