import Foundation

extension EmulatedAggregates {
    /// Sort-based aggregates: `rs_percentile_cont(x, fraction, descending, integerResult)` (MEDIAN is
    /// fraction 0.5), `rs_percentile_disc(x, fraction, descending)`, and
    /// `rs_listagg(x, delimiter, distinct, key₁, flags₁, …)` (flags: 1 = DESC, 2 = NULLS FIRST).
    ///
    /// - Redshift: PERCENTILE_CONT (r_PERCENTILE_CONT) interpolates between the rows at 1 + p·(n − 1);
    ///   PERCENTILE_DISC (r_WF_PERCENTILE_DISC) is the first value whose cumulative distribution is ≥ p;
    ///   NULLs are ignored. LISTAGG (r_LISTAGG) skips NULLs and empty strings, orders by WITHIN GROUP,
    ///   DISTINCT ignores trailing blanks, and a result over 65535 bytes fails.
    static var statisticalAggregates: [EmulatedAggregate] {
        [
            EmulatedAggregate("rs_percentile_cont", argumentCount: 4) { PercentileAccumulator(continuous: true) },
            EmulatedAggregate("rs_percentile_disc", argumentCount: 3) { PercentileAccumulator(continuous: false) },
            EmulatedAggregate("rs_listagg", argumentCount: nil) { ListaggAccumulator() },
        ]
    }
}

/// Collects one group's values for PERCENTILE_CONT / PERCENTILE_DISC / MEDIAN.
final class PercentileAccumulator: AggregateAccumulator {
    let continuous: Bool
    var values: [SQLiteValue] = []
    var fraction: Double?
    var descending = false
    var integerResult = false

    init(continuous: Bool) { self.continuous = continuous }

    func step(_ arguments: [SQLiteValue]) throws {
        if fraction == nil {
            guard let p = arguments[1].doubleValue, (0...1).contains(p) else {
                throw SQLError(code: "22003", message: "percentile value must be between 0 and 1")
            }
            fraction = p
            descending = arguments[2].doubleValue == 1
            integerResult = arguments.count > 3 && arguments[3].doubleValue == 1
        }
        if !arguments[0].isNull { values.append(arguments[0]) }
    }

    func finish() throws -> SQLiteValue {
        guard let p = fraction else { return .null }
        return PercentileAccumulator.percentile(values, fraction: p, descending: descending, continuous: continuous, integerResult: integerResult)
    }

    /// The percentile of `values` (NULLs already removed).
    static func percentile(_ values: [SQLiteValue], fraction p: Double, descending: Bool, continuous: Bool, integerResult: Bool) -> SQLiteValue {
        guard !values.isEmpty else { return .null }
        var sorted = values.sorted { SQLiteValue.ordered($0, $1) }
        if descending { sorted.reverse() }
        if !continuous {
            let position = max(Int((p * Double(sorted.count)).rounded(.up)), 1)
            return sorted[min(position, sorted.count) - 1]
        }
        let row = p * Double(sorted.count - 1)
        let lower = Int(row.rounded(.down)), upper = Int(row.rounded(.up))
        guard let a = sorted[lower].doubleValue, let b = sorted[upper].doubleValue else { return sorted[lower] }
        let value = a + (row - Double(lower)) * (b - a)
        return integerResult ? .integer(Int64(value.rounded(.toNearestOrAwayFromZero))) : .real(value)
    }
}

/// Collects one group's rows for LISTAGG.
final class ListaggAccumulator: AggregateAccumulator {
    var rows: [(value: String, keys: [SQLiteValue])] = []
    var delimiter = ""
    var distinct = false
    var flags: [Int] = []
    var started = false

    func step(_ arguments: [SQLiteValue]) throws {
        if !started {
            started = true
            delimiter = arguments.count > 1 ? (arguments[1].textValue ?? "") : ""
            distinct = arguments.count > 2 && arguments[2].doubleValue == 1
            flags = stride(from: 4, to: arguments.count, by: 2).map { Int(arguments[$0].doubleValue ?? 0) }
        }
        guard let value = arguments[0].textValue, !value.isEmpty else { return }
        rows.append((value, stride(from: 3, to: arguments.count, by: 2).map { arguments[$0] }))
    }

    func finish() throws -> SQLiteValue {
        guard started else { return .null }
        return try ListaggAccumulator.join(rows, delimiter: delimiter, distinct: distinct, flags: flags)
    }

    static func join(_ rows: [(value: String, keys: [SQLiteValue])], delimiter: String, distinct: Bool, flags: [Int]) throws -> SQLiteValue {
        guard !rows.isEmpty else { return .null }
        let sorted = rows.enumerated().sorted { l, r in
            for (i, flag) in flags.enumerated() where i < l.element.keys.count {
                let a = l.element.keys[i], b = r.element.keys[i]
                if a == b { continue }
                let nullsFirst = flag & 2 != 0
                if a.isNull || b.isNull { return a.isNull == nullsFirst }
                if SQLiteValue.ordered(a, b) { return flag & 1 == 0 }
                if SQLiteValue.ordered(b, a) { return flag & 1 != 0 }
            }
            return l.offset < r.offset
        }
        var seen = Set<Substring>()
        var out = ""
        var first = true
        for (_, row) in sorted {
            if distinct {
                let key = row.value[..<(row.value.lastIndex { $0 != " " }.map { row.value.index(after: $0) } ?? row.value.startIndex)]
                if !seen.insert(key).inserted { continue }
            }
            if !first { out += delimiter }
            out += row.value
            first = false
            if out.utf8.count > 65535 { throw SQLError(code: "XX000", message: "Result size exceeds LISTAGG limit") }
        }
        return .text(out)
    }
}

extension SQLiteValue {
    /// SQLite's order for non-NULL values: numbers (by value) before text before blobs.
    static func ordered(_ a: SQLiteValue, _ b: SQLiteValue) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y
        case (.integer, .real), (.real, .integer), (.real, .real): return (a.doubleValue ?? 0) < (b.doubleValue ?? 0)
        case (.integer, _), (.real, _): return !b.isNumber
        case (.text(let x), .text(let y)): return x < y
        case (.text, .blob): return true
        case (.blob(let x), .blob(let y)): return x.lexicographicallyPrecedes(y)
        default: return false
        }
    }

    var isNumber: Bool {
        switch self { case .integer, .real: return true; default: return false }
    }
}

extension EmulatedFunctions {
    /// The window forms (SQLite cannot run a custom aggregate as a window function): the partition's
    /// values arrive as `json_group_array(x) OVER (…)` and these scalars finish the job.
    /// `rs_percentile_json(values, fraction, descending, continuous, integerResult)`,
    /// `rs_listagg_json(values, delimiter, distinct)` (values already in WITHIN GROUP order).
    static var statisticalWindowFunctions: [EmulatedFunction] {
        [
            EmulatedFunction("rs_percentile_json", argumentCount: 5) { args in
                guard let json = args[0].textValue, let p = args[1].doubleValue else { return .null }
                guard (0...1).contains(p) else { throw SQLError(code: "22003", message: "percentile value must be between 0 and 1") }
                let values = jsonArrayValues(json).filter { !$0.isNull }
                return PercentileAccumulator.percentile(values, fraction: p, descending: args[2].doubleValue == 1,
                                                        continuous: args[3].doubleValue == 1, integerResult: args[4].doubleValue == 1)
            },
            EmulatedFunction("rs_listagg_json", argumentCount: 3) { args in
                guard let json = args[0].textValue else { return .null }
                let rows = jsonArrayValues(json).compactMap { $0.textValue }.filter { !$0.isEmpty }.map { (value: $0, keys: [SQLiteValue]()) }
                return try ListaggAccumulator.join(rows, delimiter: args[1].textValue ?? "", distinct: args[2].doubleValue == 1, flags: [])
            },
        ]
    }

    /// The elements of a `json_group_array` result as SQLite values.
    static func jsonArrayValues(_ json: String) -> [SQLiteValue] {
        guard let (root, source) = JSONText.parse(json), case .array(let elements) = root.value else { return [] }
        return elements.map { node in
            switch node.value {
            case .string(let s): return .text(s)
            case .number:
                let text = String(decoding: source[node.span], as: UTF8.self)
                return Int64(text).map(SQLiteValue.integer) ?? Double(text).map(SQLiteValue.real) ?? .null
            case .bool(let b): return .integer(b ? 1 : 0)
            default: return .null
            }
        }
    }
}

extension EmulatedFunctions {
    /// `rs_json_pick(values, n, fromEnd)`: the n-th non-NULL element of a `json_group_array` result,
    /// counted from the start (or the end); NULL when there are fewer. Window IGNORE NULLS uses it.
    static var windowPickFunctions: [EmulatedFunction] {
        [
            EmulatedFunction("rs_json_pick", argumentCount: 3) { args in
                guard let json = args[0].textValue, let n = args[1].clampedInt, n >= 1 else { return .null }
                let values = jsonArrayValues(json).filter { !$0.isNull }
                guard n <= values.count else { return .null }
                return args[2].doubleValue == 1 ? values[values.count - n] : values[n - 1]
            },
        ]
    }
}
