import Foundation

/// An INTERVAL value: months, days and microseconds, kept apart as PostgreSQL (and Redshift) do,
/// because a month has no fixed length (`'1 month'` added to Jan 31 gives Feb 28/29).
///
/// Stored in SQLite as the text `months:days:microseconds` (e.g. `0:90:0`).
///
/// - Redshift: Interval literals (r_interval_literals): unit names, abbreviations and plurals,
///   several quantities in one literal (`'7 days, 3 hours, 59 minutes'`), fractional quantities
///   (`'0.5 days'`), a bare number means seconds.
struct IntervalValue: Equatable, Sendable {
    var months: Int64 = 0
    var days: Int64 = 0
    var microseconds: Int64 = 0

    /// The storage text `months:days:microseconds`.
    var encoded: String { "\(months):\(days):\(microseconds)" }

    init(months: Int64 = 0, days: Int64 = 0, microseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
    }

    /// Decodes the storage text.
    init?(encoded: String) {
        let parts = encoded.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 3, let m = Int64(parts[0]), let d = Int64(parts[1]), let u = Int64(parts[2]) else { return nil }
        self.init(months: m, days: d, microseconds: u)
    }

    static func + (a: Self, b: Self) -> Self {
        Self(months: a.months + b.months, days: a.days + b.days, microseconds: a.microseconds + b.microseconds)
    }

    static prefix func - (a: Self) -> Self { Self(months: -a.months, days: -a.days, microseconds: -a.microseconds) }

    /// Multiplies by a number; fractions of months and days cascade down (PostgreSQL rule: a month is 30 days).
    func scaled(by factor: Double) -> Self {
        let m = Double(months) * factor
        let wholeMonths = m.rounded(.towardZero)
        let d = Double(days) * factor + (m - wholeMonths) * 30
        let wholeDays = d.rounded(.towardZero)
        let micros = Double(microseconds) * factor + (d - wholeDays) * 86_400_000_000
        return Self(months: Int64(clamping: wholeMonths), days: Int64(clamping: wholeDays), microseconds: Int64(clamping: micros.rounded()))
    }

    /// Parses interval text such as `90 days`, `1 year 2 mons`, `7 days, 3 hours`, `0.5 days`,
    /// `-1 day 02:00:00`, `10` (seconds), `3 months ago`. Nil when it is not an interval.
    static func parse(_ raw: String) -> IntervalValue? {
        var text = raw.lowercased().replacingOccurrences(of: ",", with: " ").trimmingCharacters(in: .whitespaces)
        var negate = false
        if text.hasSuffix(" ago") { negate = true; text = String(text.dropLast(4)) }
        if text.hasPrefix("@") { text = String(text.dropFirst()) }
        var tokens: [String] = []
        // Split "90days" into "90" "days" as PostgreSQL accepts it.
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            var current = ""
            var wasNumber: Bool?
            for c in word {
                let isNumber = c.isNumber || c == "." || c == ":" || ((c == "-" || c == "+") && current.isEmpty)
                if let previous = wasNumber, previous != isNumber { tokens.append(current); current = "" }
                current.append(c)
                wasNumber = isNumber
            }
            if !current.isEmpty { tokens.append(current) }
        }
        guard !tokens.isEmpty else { return nil }
        var result = IntervalValue()
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            if token.contains(":") {
                guard let time = parseTime(token) else { return nil }
                result.microseconds &+= time
                index += 1
                continue
            }
            // Beyond ~300,000 years of seconds no interval field can hold it: not an interval.
            guard let quantity = Double(token), quantity.isFinite, quantity.magnitude < 1e13 else { return nil }
            var unit = "second"
            if index + 1 < tokens.count, Double(tokens[index + 1]) == nil, !tokens[index + 1].contains(":") {
                unit = tokens[index + 1]
                index += 2
            } else {
                index += 1
            }
            guard let part = unitValue(unit) else { return nil }
            result = result + part.scaled(by: quantity)
        }
        return negate ? -result : result
    }

    /// `hh:mm[:ss[.ffffff]]` as microseconds.
    private static func parseTime(_ token: String) -> Int64? {
        var text = Substring(token)
        var sign: Int64 = 1
        if text.hasPrefix("-") { sign = -1; text = text.dropFirst() } else if text.hasPrefix("+") { text = text.dropFirst() }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), let h = Int64(parts[0]), let m = Int64(parts[1]) else { return nil }
        let seconds = parts.count == 3 ? Double(parts[2]) : 0
        guard let seconds else { return nil }
        return sign * ((h * 3600 + m * 60) * 1_000_000 + Int64((seconds * 1_000_000).rounded()))
    }

    /// One unit of `name` (any spelling of r_interval_literals / the date parts).
    private static func unitValue(_ name: String) -> IntervalValue? {
        switch name {
        case "millennium", "millennia", "millenniums", "mil", "mils": return IntervalValue(months: 12_000)
        case "century", "centuries", "c", "cent", "cents": return IntervalValue(months: 1200)
        case "decade", "decades", "dec", "decs": return IntervalValue(months: 120)
        case "year", "years", "y", "yr", "yrs": return IntervalValue(months: 12)
        case "quarter", "quarters", "qtr", "qtrs": return IntervalValue(months: 3)
        case "month", "months", "mon", "mons": return IntervalValue(months: 1)
        case "week", "weeks", "w": return IntervalValue(days: 7)
        case "day", "days", "d": return IntervalValue(days: 1)
        case "hour", "hours", "h", "hr", "hrs": return IntervalValue(microseconds: 3_600_000_000)
        case "minute", "minutes", "m", "min", "mins": return IntervalValue(microseconds: 60_000_000)
        case "second", "seconds", "s", "sec", "secs": return IntervalValue(microseconds: 1_000_000)
        case "millisecond", "milliseconds", "ms", "msec", "msecs", "msecond", "mseconds": return IntervalValue(microseconds: 1000)
        case "microsecond", "microseconds", "us", "usec", "usecs", "microsec", "microsecs": return IntervalValue(microseconds: 1)
        default: return nil
        }
    }

    /// PostgreSQL's output style, as Redshift prints intervals: `1 year 2 mons 3 days 04:05:06`,
    /// `90 days`, `00:00:00` for zero.
    var text: String {
        var parts: [String] = []
        let years = months / 12, mons = months % 12
        if years != 0 { parts.append("\(years) year" + (years.magnitude == 1 ? "" : "s")) }
        if mons != 0 { parts.append("\(mons) mon" + (mons.magnitude == 1 ? "" : "s")) }
        if days != 0 { parts.append("\(days) day" + (days.magnitude == 1 ? "" : "s")) }
        if microseconds != 0 || parts.isEmpty {
            let total = microseconds.magnitude
            var time = String(format: "%02llu:%02llu:%02llu", total / 3_600_000_000, total / 60_000_000 % 60, total / 1_000_000 % 60)
            if total % 1_000_000 != 0 {
                var fraction = String(format: "%06llu", total % 1_000_000)
                while fraction.hasSuffix("0") { fraction.removeLast() }
                time += "." + fraction
            }
            parts.append((microseconds < 0 ? "-" : "") + time)
        }
        return parts.joined(separator: " ")
    }

    /// `value + self` with PostgreSQL's order: months (clamped to the month's end), then days, then time.
    func added(to value: DateTimeValue, sign: Int64 = 1) -> DateTimeValue {
        var result = DateArithmetic.addMonths(Int(sign * months), to: value)
        let micros = result.epochMicroseconds + sign * days * 86_400_000_000 + sign * microseconds
        result = DateTimeValue(epochMicroseconds: micros)
        return result
    }

    /// The interval between two timestamps (`a - b`): whole days and the time rest, as PostgreSQL gives it.
    static func between(_ a: DateTimeValue, _ b: DateTimeValue) -> IntervalValue {
        let difference = a.epochMicroseconds - b.epochMicroseconds
        return IntervalValue(days: difference / 86_400_000_000, microseconds: difference % 86_400_000_000)
    }
}
