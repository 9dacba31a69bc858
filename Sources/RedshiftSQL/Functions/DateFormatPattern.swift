import Foundation

/// One element of a datetime format string: a pattern (with its FM prefix / TH suffix) or literal text.
///
/// - Redshift: Datetime format strings (r_FORMAT_strings): `AD BC A.D. B.C.`, `CC`, `Y,YYY YYYY YYY YY Y`,
///   `IYYY IYY IY I`, `Q`, `MONTH Month month`, `MON Mon mon`, `MM`, `RM rm`, `W`, `WW`, `IW`,
///   `DAY Day day`, `DY Dy dy`, `DDD`, `IDDD`, `DD`, `D` (Sunday = 1), `ID` (Monday = 1), `J`,
///   `HH24`, `HH`/`HH12`, `MI`, `SS`, `SSSS`, `MS`, `US`, `AM PM A.M. P.M.` (and lower case), `TZ tz`, `OF`;
///   text in double quotes is copied. `FM` suppresses padding, `TH`/`th` adds an ordinal suffix (PostgreSQL).
enum DateFormatElement: Equatable {
    case pattern(String, written: String, fillMode: Bool, ordinal: String?)
    case literal(String)

    /// Canonical pattern names, longest first where one is a prefix of another.
    static let patterns = [
        "Y,YYY", "YYYY", "YYY", "YY", "IYYY", "IYY", "IY", "A.D.", "B.C.", "A.M.", "P.M.", "AD", "BC", "AM", "PM",
        "MONTH", "MON", "MM", "MI", "MS", "DAY", "DDD", "DD", "DY", "D", "HH24", "HH12", "HH", "SSSS", "SS", "US",
        "IDDD", "ID", "IW", "I", "Y", "Q", "RM", "WW", "W", "J", "CC", "TZ", "OF",
    ]

    /// The elements of `format`, PostgreSQL style (patterns match case-insensitively; the case written
    /// decides the case of names).
    static func parse(_ format: String) -> [DateFormatElement] {
        var result: [DateFormatElement] = []
        var rest = Substring(format)
        func appendLiteral(_ c: Character) {
            if case .literal(let text) = result.last { result[result.count - 1] = .literal(text + String(c)) } else { result.append(.literal(String(c))) }
        }
        outer: while let first = rest.first {
            if first == "\"" {
                rest = rest.dropFirst()
                while let c = rest.first, c != "\"" {
                    if c == "\\", rest.count > 1 { rest = rest.dropFirst() }
                    appendLiteral(rest.first ?? c)
                    rest = rest.dropFirst()
                }
                rest = rest.dropFirst()
                continue
            }
            var fillMode = false
            if rest.prefix(2).uppercased() == "FM" { fillMode = true; rest = rest.dropFirst(2) }
            for pattern in patterns where rest.prefix(pattern.count).uppercased() == pattern {
                let written = String(rest.prefix(pattern.count))
                rest = rest.dropFirst(pattern.count)
                var ordinal: String?
                if rest.prefix(2) == "TH" || rest.prefix(2) == "th" { ordinal = String(rest.prefix(2)); rest = rest.dropFirst(2) }
                result.append(.pattern(pattern, written: written, fillMode: fillMode, ordinal: ordinal))
                continue outer
            }
            if fillMode { continue }
            appendLiteral(first)
            rest = rest.dropFirst()
        }
        return result
    }
}

/// TO_CHAR for datetimes.
///
/// - Redshift: TO_CHAR (r_TO_CHAR), Datetime format strings (r_FORMAT_strings): month and day names are
///   blank-padded to 9 characters (`DECEMBER -THU-31-2009`); `D` is 1–7 from Sunday; `TZ` is the session zone (UTC).
enum DateFormatting {
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    static let days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    static let romanMonths = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

    static func format(_ v: DateTimeValue, _ format: String) -> String {
        var result = ""
        for element in DateFormatElement.parse(format) {
            switch element {
            case .literal(let text): result += text
            case .pattern(let pattern, let written, let fillMode, let ordinal):
                result += render(pattern, written: written, fillMode: fillMode, ordinal: ordinal, v)
            }
        }
        return result
    }

    /// ISO 8601 year and week of `v`.
    static func isoWeek(_ v: DateTimeValue) -> (year: Int, week: Int, weekday: Int) {
        let weekday = ((v.dayNumber + 3) % 7 + 7) % 7  // 0 = Monday
        let thursday = v.dayNumber - weekday + 3
        let (isoYear, _, _) = DateTimeValue.civil(fromDays: thursday)
        return (isoYear, (thursday - DateTimeValue.days(year: isoYear, month: 1, day: 1)) / 7 + 1, weekday + 1)
    }

    private static func render(_ pattern: String, written: String, fillMode: Bool, ordinal: String?, _ v: DateTimeValue) -> String {
        func number(_ n: Int, _ width: Int) -> String {
            var text = fillMode ? String(n) : DateTimeValue.pad(n, width)
            if let ordinal { text += suffix(n, upper: ordinal == "TH") }
            return text
        }
        func name(_ word: String, padTo width: Int) -> String {
            let upperFirst = written.first?.isUppercase ?? false
            let allUpper = written.count > 1 ? written.dropFirst().first?.isUppercase ?? false : upperFirst
            let cased = allUpper ? word.uppercased() : upperFirst ? word : word.lowercased()
            return fillMode || cased.count >= width ? cased : cased.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        let dow = ((v.dayNumber + 4) % 7 + 7) % 7  // 0 = Sunday
        let doy = v.dayNumber - DateTimeValue.days(year: v.year, month: 1, day: 1) + 1
        let hour12 = v.hour % 12 == 0 ? 12 : v.hour % 12
        let lower = written.first?.isLowercase ?? false
        func marker(_ upper: String) -> String { lower ? upper.lowercased() : upper }
        let iso = isoWeek(v)
        switch pattern {
        case "Y,YYY": return String(v.year / 1000) + "," + DateTimeValue.pad(v.year % 1000, 3)
        case "YYYY": return number(v.year, 4)
        case "YYY": return number(v.year % 1000, 3)
        case "YY": return number(v.year % 100, 2)
        case "Y": return number(v.year % 10, 1)
        case "IYYY": return number(iso.year, 4)
        case "IYY": return number(iso.year % 1000, 3)
        case "IY": return number(iso.year % 100, 2)
        case "I": return number(iso.year % 10, 1)
        case "AD", "BC": return marker(v.year > 0 ? "AD" : "BC")
        case "A.D.", "B.C.": return marker(v.year > 0 ? "A.D." : "B.C.")
        case "AM", "PM": return marker(v.hour < 12 ? "AM" : "PM")
        case "A.M.", "P.M.": return marker(v.hour < 12 ? "A.M." : "P.M.")
        case "MONTH": return name(months[v.month - 1], padTo: 9)
        case "MON": return name(String(months[v.month - 1].prefix(3)), padTo: 3)
        case "MM": return number(v.month, 2)
        case "MI": return number(v.minute, 2)
        case "MS": return number(v.microsecond / 1000, 3)
        case "US": return number(v.microsecond, 6)
        case "DAY": return name(days[dow], padTo: 9)
        case "DY": return name(String(days[dow].prefix(3)), padTo: 3)
        case "DDD": return number(doy, 3)
        case "DD": return number(v.day, 2)
        case "D": return number(dow + 1, 1)
        case "ID": return number(iso.weekday, 1)
        case "IDDD": return number((iso.week - 1) * 7 + iso.weekday, 3)
        case "IW": return number(iso.week, 2)
        case "HH24": return number(v.hour, 2)
        case "HH", "HH12": return number(hour12, 2)
        case "SS": return number(v.second, 2)
        case "SSSS": return number(v.hour * 3600 + v.minute * 60 + v.second, 1)
        case "Q": return number((v.month - 1) / 3 + 1, 1)
        case "RM": return name(romanMonths[v.month - 1], padTo: 4)
        case "WW": return number((doy - 1) / 7 + 1, 2)
        case "W": return number((v.day - 1) / 7 + 1, 1)
        case "J": return number(v.dayNumber + 2_440_588, 1)
        case "CC": return number(v.year > 0 ? (v.year - 1) / 100 + 1 : -((-v.year) / 100 + 1), 2)
        case "TZ": return marker("UTC")
        case "OF": return "+00"
        default: return written
        }
    }

    /// `st`, `nd`, `rd`, `th` (upper case for `TH`).
    static func suffix(_ n: Int, upper: Bool) -> String {
        let tens = n.magnitude % 100, ones = n.magnitude % 10
        let text = (11...13).contains(tens) ? "th" : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th"
        return upper ? text.uppercased() : text
    }
}
