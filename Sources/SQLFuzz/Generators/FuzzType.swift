import Foundation

/// A Redshift column type the fuzzer creates, with its family (which values compare with which)
/// and the edge values of its range (r_Numeric_types201, r_Character_types, r_Datetime_types,
/// r_Boolean_type).
public enum FuzzType: Sendable, Equatable {
    case smallint, integer, bigint
    case decimal(precision: Int, scale: Int)
    case real, double
    case char(Int), varchar(Int)
    case boolean
    case date, timestamp, timestamptz, time

    /// Values of one family compare with each other without an explicit cast.
    public enum Family: Sendable, CaseIterable { case number, text, boolean, date, timestamp, timestamptz, time }

    public var family: Family {
        switch self {
        case .smallint, .integer, .bigint, .decimal, .real, .double: .number
        case .char, .varchar: .text
        case .boolean: .boolean
        case .date: .date
        case .timestamp: .timestamp
        case .timestamptz: .timestamptz
        case .time: .time
        }
    }

    /// Exact numbers: sums of them do not depend on the order of addition.
    public var isExact: Bool {
        switch self {
        case .smallint, .integer, .bigint, .decimal: true
        default: false
        }
    }

    public var sql: String {
        switch self {
        case .smallint: "SMALLINT"
        case .integer: "INTEGER"
        case .bigint: "BIGINT"
        case .decimal(let p, let s): "DECIMAL(\(p),\(s))"
        case .real: "REAL"
        case .double: "DOUBLE PRECISION"
        case .char(let n): "CHAR(\(n))"
        case .varchar(let n): "VARCHAR(\(n))"
        case .boolean: "BOOLEAN"
        case .date: "DATE"
        case .timestamp: "TIMESTAMP"
        case .timestamptz: "TIMESTAMPTZ"
        case .time: "TIME"
        }
    }

    /// A random column type, edge-heavy sizes included.
    public static func random(_ rng: inout FuzzRandom) -> FuzzType {
        switch rng.int(0...12) {
        case 0: return .smallint
        case 1: return .integer
        case 2: return .bigint
        case 3: return .decimal(precision: rng.pick([5, 10, 18, 19, 20, 38]), scale: rng.pick([0, 2, 4]))
        case 4: return .decimal(precision: 38, scale: rng.pick([0, 10, 37]))
        case 5: return .real
        case 6: return .double
        case 7: return .char(rng.pick([1, 3, 8]))
        case 8: return .varchar(rng.pick([4, 16, 256]))
        case 9: return .boolean
        case 10: return .date
        case 11: return rng.chance(0.5) ? .timestamp : .timestamptz
        default: return .time
        }
    }

    /// A literal of this type as it appears in an INSERT's VALUES (quoted text for strings and
    /// datetimes): NULL sometimes, an edge value often, an ordinary value otherwise.
    public func randomValue(_ rng: inout FuzzRandom) -> String {
        if rng.chance(0.15) { return "NULL" }
        let edge = rng.chance(0.4)
        switch self {
        case .smallint:
            return edge ? rng.pick(["-32768", "32767", "0", "-1"]) : String(rng.int(-5...5))
        case .integer:
            return edge ? rng.pick(["-2147483648", "2147483647", "0", "1"]) : String(rng.int(-5...5))
        case .bigint:
            return edge ? rng.pick(["-9223372036854775808", "9223372036854775807", "0", "4294967296"]) : String(rng.int(-5...5))
        case .decimal(let p, let s):
            let whole = p - s
            if edge {
                // r_Numeric_types201: "the largest string that Amazon Redshift can represent as a DECIMAL
                // number" at precision 19 is 9223372036854775807, wherever the decimal point is.
                let digits = p == 19 ? "9223372036854775807" : String(repeating: "9", count: p)
                let nines = String(digits.prefix(whole)) + (s > 0 ? "." + String(digits.suffix(s)) : "")
                let tiny = s > 0 ? "0." + String(repeating: "0", count: s - 1) + "1" : "1"
                return rng.pick([nines.hasPrefix(".") ? "0" + nines : nines, "-" + (nines.hasPrefix(".") ? "0" + nines : nines),
                                 tiny, "-" + tiny, "0"])
            }
            let intPart = whole > 0 ? String(rng.int(-5...5)) : "0"
            return s > 0 ? "\(intPart).\(String(rng.int(0...9)))" : intPart
        case .real, .double:
            if edge {
                return rng.pick(self == .real ? ["-0.0", "0.0", "3.4e38", "-3.4e38", "1e-30", "0.5"]
                                              : ["-0.0", "0.0", "1.7976931348623157e308", "-1e300", "2.2250738585072014e-308", "0.1"])
            }
            return rng.pick(["1.5", "-2.25", "3", "0.125", "-7.5", "2"])
        case .char(let n):
            let pool = ["", "a", "A", "b", "a ", "ab", "x y", "zz"].filter { $0.utf8.count <= n }
            return "'\(rng.pick(pool))'"
        case .varchar(let n):
            let pool = ["", "a", "A", "a ", "a  ", " a", "b", "abc", "é", "日本", "ÄÖ ", "o''k", "%_", "Zz"]
                .filter { $0.replacingOccurrences(of: "''", with: "'").utf8.count <= n }
            return "'\(rng.pick(pool))'"
        case .boolean:
            return rng.pick(["TRUE", "FALSE"])
        case .date:
            return "'" + (edge ? rng.pick(["0001-01-01", "1970-01-01", "9999-12-31", "2000-02-29"])
                                : rng.pick(["2024-01-31", "2024-02-29", "2023-12-31", "2024-03-01"])) + "'"
        case .timestamp:
            return "'" + (edge ? rng.pick(["1970-01-01 00:00:00", "9999-12-31 23:59:59.999999", "2000-02-29 12:00:00.5"])
                                : rng.pick(["2024-01-31 10:00:00", "2024-02-29 23:59:59", "2024-03-01 00:00:00"])) + "'"
        case .timestamptz:
            return "'" + rng.pick(["2024-01-01 00:00:00+00", "2024-06-30 12:00:00-07", "1999-12-31 23:59:59.5+05:30",
                                   "2024-02-29 23:00:00+00", "1970-01-01 00:00:00+00"]) + "'"
        case .time:
            return "'" + rng.pick(["00:00:00", "23:59:59.999999", "12:30:00", "08:00:00.5", "12:30:00"]) + "'"
        }
    }
}

extension FuzzType.Family {
    /// Families that compare with this one.
    var comparable: [FuzzType.Family] {
        switch self {
        case .date, .timestamp: [.date, .timestamp]
        default: [self]
        }
    }

    /// A typed literal of this family for use inside an expression.
    func literal(_ rng: inout FuzzRandom) -> String {
        switch self {
        case .number: rng.pick(["0", "1", "-1", "2", "3.5", "-0.5", "100", "2147483647", "0.001"])
        case .text: rng.pick(["'a'", "'a '", "''", "'A'", "'b'", "'é'", "'abc'"])
        case .boolean: rng.pick(["TRUE", "FALSE"])
        case .date: "CAST('" + rng.pick(["2024-02-29", "1970-01-01", "2024-01-31"]) + "' AS DATE)"
        case .timestamp: "CAST('" + rng.pick(["2024-02-29 12:00:00", "1970-01-01 00:00:00", "2024-03-01 00:00:00"]) + "' AS TIMESTAMP)"
        case .timestamptz: "CAST('" + rng.pick(["2024-01-01 00:00:00+00", "2024-06-30 19:00:00+00"]) + "' AS TIMESTAMPTZ)"
        case .time: "CAST('" + rng.pick(["12:30:00", "00:00:00", "23:59:59"]) + "' AS TIME)"
        }
    }
}
