import Foundation

/// A calendar date and time of day with microseconds, as Redshift's DATE/TIMESTAMP hold them.
///
/// Stored in SQLite as text: DATE `YYYY-MM-DD`, TIMESTAMP `YYYY-MM-DD HH:MM:SS[.ffffff]`
/// (fraction only when non-zero, trailing zeros dropped), so text order is time order.
struct DateTimeValue: Equatable, Sendable {
    var year: Int, month: Int, day: Int
    var hour = 0, minute = 0, second = 0, microsecond = 0

    /// Days since 1970-01-01 (proleptic Gregorian).
    var dayNumber: Int { Self.days(year: year, month: month, day: day) }

    /// Microseconds since 1970-01-01 00:00:00.
    var epochMicroseconds: Int64 {
        Int64(dayNumber) * 86_400_000_000 + Int64(hour * 3600 + minute * 60 + second) * 1_000_000 + Int64(microsecond)
    }

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, microsecond: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second, self.microsecond) = (year, month, day, hour, minute, second, microsecond)
    }

    init(epochMicroseconds: Int64) {
        var days = epochMicroseconds / 86_400_000_000
        var rest = epochMicroseconds % 86_400_000_000
        if rest < 0 { rest += 86_400_000_000; days -= 1 }
        let (y, m, d) = Self.civil(fromDays: Int(days))
        let seconds = Int(rest / 1_000_000)
        self.init(year: y, month: m, day: d, hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60, microsecond: Int(rest % 1_000_000))
    }

    static func days(year: Int, month: Int, day: Int) -> Int { CivilCalendar.days(year: year, month: month, day: day) }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let date = CivilCalendar.civil(fromDays: days)
        return (date.year, date.month, date.day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    var dateText: String { Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) }

    /// Zero-padded decimal digits (String(format:) is slow on Linux, and dates are rendered per row).
    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + padded : padded
    }

    /// `HH:MM:SS[.ffffff]` with trailing fraction zeros dropped.
    var timeText: String {
        var text = Self.pad(hour, 2) + ":" + Self.pad(minute, 2) + ":" + Self.pad(second, 2)
        if microsecond != 0 {
            var fraction = String(format: "%06d", microsecond)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]`.
    var timestampText: String { dateText + " " + timeText }

    /// Parses ISO dates and timestamps (`2022-02-22`, `2022-02-22 10:00:00.5`, `2022-02-22T10:00:00Z`),
    /// MDY dates (`02/22/2022`) and compact `20220222`. Returns the value and the UTC offset in seconds if one was written.
    static func parse(_ raw: String) -> (DateTimeValue, offsetSeconds: Int?)? {
        let text = raw.first == " " || raw.last == " " || raw.first == "\t" || raw.last == "\t" ? raw.trimmingCharacters(in: .whitespaces) : raw
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func number(maxDigits: Int) -> Int? {
            var value = 0, count = 0
            while i < scalars.count, count < maxDigits, ("0"..."9").contains(scalars[i]) {
                value = value * 10 + Int(scalars[i].value - 48); i += 1; count += 1
            }
            return count > 0 ? value : nil
        }
        func accept(_ c: Unicode.Scalar) -> Bool {
            if i < scalars.count, scalars[i] == c { i += 1; return true }
            return false
        }
        var year: Int, month: Int, day: Int
        guard let first = number(maxDigits: 8) else { return parseLoose(text) }
        if i == 8, !accept("-") { // compact YYYYMMDD
            (year, month, day) = (first / 10000, first / 100 % 100, first % 100)
        } else if accept("-") {
            year = first
            guard let m = number(maxDigits: 2), accept("-"), let d = number(maxDigits: 2) else { return parseLoose(text) }
            (month, day) = (m, d)
        } else if accept("/") {
            guard let d = number(maxDigits: 2), accept("/"), let y = number(maxDigits: 4) else { return nil }
            (month, day, year) = (first, d, y < 100 ? (y < 70 ? 2000 + y : 1900 + y) : y)
        } else {
            return parseLoose(text)
        }
        guard DateArithmetic.yearRange.contains(year), (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        var value = DateTimeValue(year: year, month: month, day: day)
        var offset: Int?
        if accept(" ") || accept("T") {
            while accept(" ") {}
            guard let h = number(maxDigits: 2), accept(":"), let mi = number(maxDigits: 2) else { return nil }
            value.hour = h; value.minute = mi
            if accept(":") {
                guard let s = number(maxDigits: 2) else { return nil }
                value.second = s
                if accept(".") {
                    let start = i
                    guard let f = number(maxDigits: 9) else { return nil }
                    let digits = i - start
                    value.microsecond = digits >= 6 ? f / Int(pow(10.0, Double(digits - 6))) : f * Int(pow(10.0, Double(6 - digits)))
                }
            }
            guard value.hour <= 24, value.minute < 60, value.second < 62 else { return nil }
            while accept(" ") {}
            if accept("Z") { offset = 0 } else if i < scalars.count, scalars[i] == "+" || scalars[i] == "-" {
                let sign = scalars[i] == "-" ? -1 : 1
                i += 1
                guard let oh = number(maxDigits: 2) else { return nil }
                var om = 0
                if accept(":") { om = number(maxDigits: 2) ?? 0 } else if let more = number(maxDigits: 2) { om = more }
                offset = sign * (oh * 3600 + om * 60)
            } else if i < scalars.count {
                // A zone name or abbreviation (TIMESTAMP ignores it, r_Datetime_types; TIMESTAMPTZ converts).
                let rest = String(String.UnicodeScalarView(scalars[i...]))
                if let zone = ZoneSpec.resolve(rest) { offset = zone.offset(atLocal: value.epochMicroseconds); i = scalars.count }
            }
        }
        guard i == scalars.count else { return parseLoose(text) }
        return (value, offset)
    }
}
