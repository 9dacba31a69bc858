import Foundation
import RedshiftSQL

/// Rows as a multiset of comparable keys, so two queries' answers compare whatever their order.
///
/// `.exact` keeps every bit (`-0.0` differs from `0.0`, `'a '` from `'a'`): for rows that the
/// same expressions produced from the same stored values. `.equalValues` keys values that Redshift
/// itself treats as equal the same way, for answers where the engine may return either of two
/// equal values (the representative of a DISTINCT or GROUP BY group, MIN/MAX): trailing blanks are
/// insignificant in comparisons (r_Character_types: "trailing blanks … are treated as semantically
/// insignificant"), `-0.0 = 0.0`, and a number's key does not depend on its type.
public struct RowMultiset: Equatable, Sendable {
    public enum Keying: Sendable { case exact, equalValues }

    public private(set) var counts: [String: Int] = [:]
    public private(set) var count = 0

    public init(_ rows: [[SQLiteValue]], keying: Keying) {
        for row in rows { add(Self.key(row, keying)) }
    }

    mutating func add(_ key: String) {
        counts[key, default: 0] += 1
        count += 1
    }

    /// The same keys, each once.
    public var distinct: RowMultiset {
        var copy = RowMultiset([], keying: .exact)
        for key in counts.keys { copy.add(key) }
        return copy
    }

    public static func + (lhs: RowMultiset, rhs: RowMultiset) -> RowMultiset {
        var sum = lhs
        for (key, n) in rhs.counts { sum.counts[key, default: 0] += n; sum.count += n }
        return sum
    }

    /// A short account of how `actual` differs from `self` (the expected rows).
    public func difference(_ actual: RowMultiset) -> String {
        var missing: [String] = [], extra: [String] = []
        for (key, n) in counts where actual.counts[key, default: 0] < n { missing.append(key) }
        for (key, n) in actual.counts where counts[key, default: 0] < n { extra.append(key) }
        return "expected \(count) rows, got \(actual.count); missing \(missing.sorted().prefix(3)), unexpected \(extra.sorted().prefix(3))"
    }

    static func key(_ row: [SQLiteValue], _ keying: Keying) -> String {
        row.map { key($0, keying) }.joined(separator: "|")
    }

    static func key(_ value: SQLiteValue, _ keying: Keying) -> String {
        switch (value, keying) {
        case (.null, _): return "NULL"
        case (.integer(let i), .exact): return "i\(i)"
        case (.real(let d), .exact): return "r\(d.bitPattern)"
        case (.text(let s), .exact): return "t'\(s)'"
        case (.blob(let b), _): return "b\(b)"
        case (.integer(let i), .equalValues): return "n\(i)"
        case (.real(let d), .equalValues):
            if d == d.rounded(), abs(d) < 1e15 { return "n\(Int64(d))" }
            return "n\(d == 0 ? 0 : d)"
        case (.text(let s), .equalValues):
            if let number = canonicalNumber(s) { return "n\(number)" }
            var trimmed = Substring(s)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            return "t'\(trimmed)'"
        }
    }

    /// `-12.500` as `-12.5`, `7.00` as `7`; nil for text that is not a plain decimal number.
    private static func canonicalNumber(_ s: String) -> String? {
        guard !s.isEmpty, s.range(of: #"^-?[0-9]+(\.[0-9]+)?$"#, options: .regularExpression) != nil else { return nil }
        var t = Substring(s)
        if t.contains(".") {
            while t.last == "0" { t = t.dropLast() }
            if t.last == "." { t = t.dropLast() }
        }
        if t == "-0" { return "0" }
        return String(t)
    }
}
