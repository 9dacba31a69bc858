import Foundation

extension EmulatedFunctions {
    /// ADD_MONTHS, LAST_DAY and TO_CHAR for datetimes.
    ///
    /// - Redshift: ADD_MONTHS (r_ADD_MONTHS), LAST_DAY (r_LAST_DAY), TO_CHAR (r_TO_CHAR) with the
    ///   datetime format strings of r_FORMAT_strings (the common subset; others are copied literally).
    static var formatFunctions: [EmulatedFunction] {
        [
            EmulatedFunction("rs_add_months", argumentCount: 2) { args in
                guard let text = args[0].textValue, let months = args[1].doubleValue, let (value, _) = DateTimeValue.parse(text) else { return .null }
                var result = DateArithmetic.addMonths(Int(months), to: value)
                if value.day == DateTimeValue.daysInMonth(year: value.year, month: value.month) {
                    result.day = DateTimeValue.daysInMonth(year: result.year, month: result.month)
                }
                return .text(result.timestampText)
            },
            EmulatedFunction("rs_last_day", argumentCount: 1) { args in
                guard let text = args[0].textValue, var (value, _) = DateTimeValue.parse(text) else { return .null }
                value.day = DateTimeValue.daysInMonth(year: value.year, month: value.month)
                return .text(value.dateText)
            },
            EmulatedFunction("rs_to_char", argumentCount: 2) { args in
                guard let text = args[0].textValue, let format = args[1].textValue, let (value, _) = DateTimeValue.parse(text) else { return .null }
                return .text(DateFormatting.format(value, format))
            },
        ]
    }
}

/// TO_CHAR datetime patterns.
enum DateFormatting {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func format(_ v: DateTimeValue, _ format: String) -> String {
        let dow = Int(DateArithmetic.field(.dayofweek, of: v, wholeFieldOnly: true))
        func pad(_ n: Int, _ width: Int) -> String { String(format: "%0\(width)d", n) }
        func cased(_ word: String, _ pattern: String) -> String {
            if pattern.uppercased() == pattern { return word.uppercased() }
            if pattern.lowercased() == pattern { return word.lowercased() }
            return word
        }
        let hour12 = v.hour % 12 == 0 ? 12 : v.hour % 12
        // Longest patterns first.
        let patterns: [(String, (String) -> String)] = [
            ("YYYY", { _ in pad(v.year, 4) }), ("HH24", { _ in pad(v.hour, 2) }), ("HH12", { _ in pad(hour12, 2) }),
            ("MONTH", { p in cased(months[v.month - 1].padding(toLength: 9, withPad: " ", startingAt: 0), p) }),
            ("DAY", { p in cased(days[dow].padding(toLength: 9, withPad: " ", startingAt: 0), p) }),
            ("MON", { p in cased(String(months[v.month - 1].prefix(3)), p) }),
            ("DDD", { _ in pad(Int(DateArithmetic.field(.dayofyear, of: v, wholeFieldOnly: true)), 3) }),
            ("YYY", { _ in pad(v.year % 1000, 3) }), ("YY", { _ in pad(v.year % 100, 2) }),
            ("MM", { _ in pad(v.month, 2) }), ("DD", { _ in pad(v.day, 2) }), ("DY", { p in cased(String(days[dow].prefix(3)), p) }),
            ("HH", { _ in pad(hour12, 2) }), ("MI", { _ in pad(v.minute, 2) }), ("SS", { _ in pad(v.second, 2) }),
            ("MS", { _ in pad(v.microsecond / 1000, 3) }), ("US", { _ in pad(v.microsecond, 6) }),
            ("AM", { p in cased(v.hour < 12 ? "AM" : "PM", p) }), ("PM", { p in cased(v.hour < 12 ? "AM" : "PM", p) }),
            ("Q", { _ in String((v.month - 1) / 3 + 1) }), ("D", { _ in String(dow + 1) }), ("Y", { _ in String(v.year % 10) }),
        ]
        var result = ""
        var rest = Substring(format)
        outer: while !rest.isEmpty {
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let c = rest.first, c != "\"" { result.append(c); rest = rest.dropFirst() }
                rest = rest.dropFirst()
                continue
            }
            for (pattern, render) in patterns {
                let candidate = rest.prefix(pattern.count)
                if candidate.uppercased() == pattern {
                    result += render(String(candidate))
                    rest = rest.dropFirst(pattern.count)
                    continue outer
                }
            }
            result.append(rest.removeFirst())
        }
        return result
    }
}
