import Foundation

/// A HyperLogLog sketch with 2^15 registers, kept sparse and printed as Redshift prints sparse sketches:
/// `{"version":1,"logm":15,"sparse":{"indices":[…],"values":[…]}}`.
///
/// - Redshift: HLLSKETCH type (r_HLLSKTECH_type), HLL functions (r_HLL_function, r_HLL_CREATE_SKETCH,
///   r_HLL_CARDINALITY, r_HLL_COMBINE, r_HLL_COMBINE_SKETCHES). Divergence: the hash is ours, so a
///   sketch's indices differ from Redshift's (its cardinality does not for small sets: linear counting
///   is exact there), and sketches stay sparse (Redshift switches to a dense base64 form when large).
struct HLLSketch: Equatable {
    static let logm = 15
    static let registerCount = 1 << logm
    /// Register index → the largest rank seen.
    var registers: [Int: Int] = [:]

    /// Adds one non-NULL value: its 64-bit hash picks a register (top 15 bits) and a rank
    /// (1 + leading zeros of the rest).
    mutating func add(_ value: SQLiteValue) {
        let bytes: [UInt8]
        switch value {
        case .null: return
        case .integer(let i): bytes = withUnsafeBytes(of: i.littleEndian) { Array($0) }
        case .real(let d): bytes = withUnsafeBytes(of: d.bitPattern.littleEndian) { Array($0) }
        case .text(let t): bytes = Array(t.utf8)
        case .blob(let b): bytes = b
        }
        var hash = EmulatedFunctions.fnv1a(bytes, state: 0xcbf2_9ce4_8422_2325)
        hash ^= hash >> 33; hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33; hash = hash &* 0xc4ce_b9fe_1a85_ec53
        hash ^= hash >> 33
        let index = Int(hash >> UInt64(64 - Self.logm))
        let rest = hash << UInt64(Self.logm)
        let rank = min(rest.leadingZeroBitCount + 1, 64 - Self.logm + 1)
        registers[index] = max(registers[index] ?? 0, rank)
    }

    /// The union of two sketches: the larger rank per register.
    mutating func merge(_ other: HLLSketch) {
        for (index, rank) in other.registers { registers[index] = max(registers[index] ?? 0, rank) }
    }

    /// The HyperLogLog estimate, with linear counting while registers are empty.
    var cardinality: Int64 {
        let m = Double(Self.registerCount)
        let empty = Double(Self.registerCount - registers.count)
        var sum = empty
        for rank in registers.values { sum += pow(2, -Double(rank)) }
        let alpha = 0.7213 / (1 + 1.079 / m)
        var estimate = alpha * m * m / sum
        if estimate <= 2.5 * m, empty > 0 { estimate = m * log(m / empty) }
        return Int64(estimate.rounded())
    }

    /// The sparse JSON form.
    var json: String {
        let sorted = registers.keys.sorted()
        return #"{"version":1,"logm":15,"sparse":{"indices":["# + sorted.map(String.init).joined(separator: ",")
            + #"],"values":["# + sorted.map { String(registers[$0]!) }.joined(separator: ",") + "]}}"
    }

    /// Parses the sparse JSON form; throws for anything else.
    init(json text: String) throws {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let sparse = object["sparse"] as? [String: Any],
              let indices = sparse["indices"] as? [NSNumber], let values = sparse["values"] as? [NSNumber],
              indices.count == values.count else {
            // Redshift's wording is not on the pages (README "unverified").
            throw SQLError(code: "22023", message: "invalid HLLSKETCH value")
        }
        for (index, value) in zip(indices, values) { registers[index.intValue] = max(registers[index.intValue] ?? 0, value.intValue) }
    }

    init() {}
}

extension EmulatedAggregates {
    /// `rs_hll_create_sketch(x)` and `rs_hll_combine(sketch)` (r_HLL_CREATE_SKETCH, r_HLL_COMBINE).
    static var hllAggregates: [EmulatedAggregate] {
        [
            EmulatedAggregate("rs_hll_create_sketch", argumentCount: 1) { HLLAccumulator(combining: false) },
            EmulatedAggregate("rs_hll_combine", argumentCount: 1) { HLLAccumulator(combining: true) },
        ]
    }

    final class HLLAccumulator: AggregateAccumulator {
        let combining: Bool
        var sketch = HLLSketch()
        var sawSketch = false
        init(combining: Bool) { self.combining = combining }

        func step(_ arguments: [SQLiteValue]) throws {
            guard combining else { sketch.add(arguments[0]); return }
            guard case .text(let text) = arguments[0] else { return }
            sketch.merge(try HLLSketch(json: text))
            sawSketch = true
        }

        func finish() throws -> SQLiteValue {
            if combining && !sawSketch { return .null }
            return .text(sketch.json)
        }
    }
}

extension EmulatedFunctions {
    /// `rs_hll_cardinality(sketch)` and `rs_hll_combine_sketches(a, b)` (r_HLL_CARDINALITY, r_HLL_COMBINE_SKETCHES).
    static var hllFunctions: [EmulatedFunction] {
        [
            EmulatedFunction("rs_hll_cardinality", argumentCount: 1) { args in
                guard case .text(let text) = args[0] else { return .null }
                return .integer(try HLLSketch(json: text).cardinality)
            },
            EmulatedFunction("rs_hll_combine_sketches", argumentCount: 2) { args in
                var sketch = HLLSketch()
                var any = false
                for case .text(let text) in args {
                    sketch.merge(try HLLSketch(json: text))
                    any = true
                }
                return any ? .text(sketch.json) : .null
            },
        ]
    }
}
