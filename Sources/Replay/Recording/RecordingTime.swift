import Foundation
import RedshiftSQL

/// A point in time with exact microsecond precision, written as ISO 8601 UTC with six fraction
/// digits (`2024-03-05T14:02:07.000000Z`).
///
/// Recordings keep microseconds as an integer so that times survive a round trip exactly (a `Date`
/// is a `Double` and loses the last digit near the present). For example:
///
/// ```swift
/// let t = RecordingTime(iso8601: "2024-03-05T14:02:07.123456Z")!
/// t.microsecondsSinceEpoch   // 1709647327123456
/// t.iso8601                  // "2024-03-05T14:02:07.123456Z"
/// ```
public struct RecordingTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z.
    public var microsecondsSinceEpoch: Int64

    public init(microsecondsSinceEpoch: Int64) { self.microsecondsSinceEpoch = microsecondsSinceEpoch }

    /// The nearest microsecond of `date`.
    public init(_ date: Date) {
        microsecondsSinceEpoch = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    /// Now, from the system clock.
    public static func now() -> RecordingTime { RecordingTime(Date()) }

    public var date: Date { Date(timeIntervalSince1970: Double(microsecondsSinceEpoch) / 1_000_000) }

    public static func < (lhs: RecordingTime, rhs: RecordingTime) -> Bool {
        lhs.microsecondsSinceEpoch < rhs.microsecondsSinceEpoch
    }

    /// `self + microseconds`.
    public func adding(microseconds: Int64) -> RecordingTime {
        RecordingTime(microsecondsSinceEpoch: microsecondsSinceEpoch + microseconds)
    }

    public var description: String { iso8601 }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    public var iso8601: String {
        var seconds = microsecondsSinceEpoch / 1_000_000
        var micros = microsecondsSinceEpoch % 1_000_000
        if micros < 0 { micros += 1_000_000; seconds -= 1 }
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 { secondOfDay += 86_400; days -= 1 }
        let (year, month, day) = Self.civil(fromDays: days)
        var out = [UInt8]()
        out.reserveCapacity(27)
        func digits(_ value: Int64, _ count: Int) {
            var divisor: Int64 = 1
            for _ in 1..<count { divisor *= 10 }
            var v = value
            while divisor > 0 { out.append(UInt8(48 + (v / divisor) % 10)); v %= divisor; divisor /= 10 }
        }
        digits(year, 4); out.append(45); digits(month, 2); out.append(45); digits(day, 2)
        out.append(84)
        digits(secondOfDay / 3600, 2); out.append(58); digits(secondOfDay / 60 % 60, 2); out.append(58)
        digits(secondOfDay % 60, 2); out.append(46); digits(micros, 6); out.append(90)
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses `YYYY-MM-DD[T| ]HH:MM:SS[.f…]` with an optional `Z`, ` UTC`, `+00`, `+00:00` or other
    /// offset; without one the time is taken as UTC (Redshift's system tables and logs are UTC).
    public init?(iso8601 text: String) {
        var utf8 = Array(text.utf8)
        while let last = utf8.last, last == 32 || last == 9 { utf8.removeLast() }
        guard utf8.count >= 19 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for i in start..<(start + count) {
                let c = utf8[i]
                guard c >= 48 && c <= 57 else { return nil }
                value = value * 10 + Int64(c - 48)
            }
            return value
        }
        guard utf8[4] == 45, utf8[7] == 45, utf8[10] == 84 || utf8[10] == 32 || utf8[10] == 116,
              utf8[13] == 58, utf8[16] == 58,
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var micros: Int64 = 0
        if index < utf8.count, utf8[index] == 46 {
            index += 1
            var scale: Int64 = 100_000
            var any = false
            while index < utf8.count, utf8[index] >= 48, utf8[index] <= 57 {
                micros += Int64(utf8[index] - 48) * scale
                scale /= 10
                index += 1
                any = true
            }
            guard any else { return nil }
        }
        var offsetSeconds: Int64 = 0
        let rest = String(decoding: utf8[index...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        switch rest {
        case "", "Z", "z", "UTC", "+00", "+00:00", "+0000", "-00", "-00:00": break
        default:
            let sign: Int64
            if rest.hasPrefix("+") { sign = 1 } else if rest.hasPrefix("-") { sign = -1 } else { return nil }
            let digitsOnly = rest.dropFirst().filter { $0 != ":" }
            guard digitsOnly.count == 2 || digitsOnly.count == 4, let value = Int64(digitsOnly) else { return nil }
            let hours = digitsOnly.count == 2 ? value : value / 100
            let minutes = digitsOnly.count == 2 ? 0 : value % 100
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        }
        let days = Self.days(fromCivil: year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        microsecondsSinceEpoch = seconds * 1_000_000 + micros
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        Int64(CivilCalendar.days(year: Int(year), month: Int(month), day: Int(day)))
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let date = CivilCalendar.civil(fromDays: Int(days))
        return (Int64(date.year), Int64(date.month), Int64(date.day))
    }
}

extension RecordingTime: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = RecordingTime(iso8601: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 time: \(text)")
        }
        self = time
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
