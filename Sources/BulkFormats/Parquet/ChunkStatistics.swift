/// A column chunk's statistics: the null count, and the minimum and maximum for the types whose
/// order is plain to compute (integers, dates, times, timestamps, floating point without NaN,
/// strings and VARBYTE by unsigned bytes, DECIMAL stored as INT32/INT64).
struct ChunkStatistics {
    private var nullCount: Int64 = 0
    private var minimum: EncodedValue?
    private var maximum: EncodedValue?
    private var ordered = true

    mutating func add(_ value: EncodedValue) {
        if value.isNull {
            nullCount += 1
            return
        }
        guard ordered else { return }
        switch value {
        case .float(let v) where v.isNaN: ordered = false
        case .double(let v) where v.isNaN: ordered = false
        case .boolean: ordered = false
        default: break
        }
        guard ordered else { return }
        if minimum.map({ Self.less(value, $0) }) ?? true { minimum = value }
        if maximum.map({ Self.less($0, value) }) ?? true { maximum = value }
    }

    func encoded(for mapping: ColumnTypeMapping) -> Statistics {
        var result = Statistics(nullCount: nullCount)
        guard ordered, mapping.physical != .fixedLenByteArray, let minimum, let maximum else { return result }
        // parquet.thrift: a zero minimum is written as -0.0 and a zero maximum as +0.0.
        switch (minimum, maximum) {
        case (.float(let lo), .float(let hi)):
            result.minValue = Self.plain(.float(lo == 0 ? -0.0 : lo))
            result.maxValue = Self.plain(.float(hi == 0 ? 0.0 : hi))
        case (.double(let lo), .double(let hi)):
            result.minValue = Self.plain(.double(lo == 0 ? -0.0 : lo))
            result.maxValue = Self.plain(.double(hi == 0 ? 0.0 : hi))
        default:
            result.minValue = Self.plain(minimum)
            result.maxValue = Self.plain(maximum)
        }
        return result
    }

    private static func less(_ a: EncodedValue, _ b: EncodedValue) -> Bool {
        switch (a, b) {
        case (.int32(let x), .int32(let y)): return x < y
        case (.int64(let x), .int64(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        case (.double(let x), .double(let y)): return x < y
        case (.bytes(let x), .bytes(let y)): return x.lexicographicallyPrecedes(y)
        default: return false
        }
    }

    private static func plain(_ value: EncodedValue) -> [UInt8] {
        var bytes: [UInt8] = []
        switch value {
        case .int32(let v): bytes.appendLittleEndian(v)
        case .int64(let v): bytes.appendLittleEndian(v)
        case .float(let v): bytes.appendLittleEndian(v.bitPattern)
        case .double(let v): bytes.appendLittleEndian(v.bitPattern)
        case .bytes(let v): bytes = v
        case .null, .boolean: break
        }
        return bytes
    }
}
