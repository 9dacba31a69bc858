import Foundation

/// TO_DATE / TO_TIMESTAMP: reads a string by a datetime format.
///
/// - Redshift: TO_DATE (r_TO_DATE_function), TO_TIMESTAMP (r_TO_TIMESTAMP), Datetime format strings
///   (r_FORMAT_strings). Fields not in the format default to 0001-01-01 00:00:00; with `is_strict`
///   false (the default) out-of-range values roll over (`20010631` is 2001-07-01, `24:38:15` the next
///   day's 00:38:15); with true they fail (`date/time field date value out of range: 2001-6-31`).
///   TZ, tz and OF are not accepted in the format.
/// - Divergence: a separator in the format skips one separator character of the input, and blanks are
///   skipped (PostgreSQL's non-FX matching); fields without separators between them are read at their width.
enum DateFormatParsing {
    static func parse(_ input: String, format: String, strict: Bool) throws -> DateTimeValue {
        // An empty string is 0001-01-01 00:00:00 (r_TO_TIMESTAMP).
        if input.allSatisfy({ $0 == " " }) { return DateTimeValue(year: 1, month: 1, day: 1) }
        let chars = Array(input)
        var i = 0
        var year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, micro = 0
        var dayOfYear: Int?, julian: Int?, pm: Bool?, bc = false
        func skipBlanks() { while i < chars.count, chars[i] == " " { i += 1 } }
        func invalid(_ pattern: String) -> SQLError {
            let rest = String(chars[min(i, chars.count)...])
            return SQLError(code: "22007", message: "invalid value \"\(rest)\" for \"\(pattern)\"")
        }
        func digits(_ pattern: String, width: Int, greedy: Bool) throws -> Int {
            skipBlanks()
            var sign = 1
            if i < chars.count, chars[i] == "-" || chars[i] == "+", pattern == "J" { sign = chars[i] == "-" ? -1 : 1; i += 1 }
            var value = 0, count = 0
            while i < chars.count, let d = chars[i].wholeNumberValue, chars[i].isASCII, greedy || count < width {
                value = value &* 10 &+ d; i += 1; count += 1
                if count > 9 { throw invalid(pattern) }
            }
            guard count > 0 else { throw invalid(pattern) }
            return sign * value
        }
        func word() -> String {
            skipBlanks()
            var text = ""
            while i < chars.count, chars[i].isLetter { text.append(chars[i]); i += 1 }
            return text
        }
        let elements = DateFormatElement.parse(format)
        for (index, element) in elements.enumerated() {
            // A numeric field runs to its width only when another field follows without a separator.
            var greedy = true
            if index + 1 < elements.count, case .pattern = elements[index + 1] { greedy = false }
            switch element {
            case .literal(let text):
                for c in text {
                    if c == " " { skipBlanks(); continue }
                    if i < chars.count, !chars[i].isLetter && !chars[i].isNumber || chars[i] == c { i += 1 }
                }
            case .pattern(let pattern, _, let fillMode, let ordinal):
                let greedyField = greedy || fillMode
                switch pattern {
                case "YYYY", "IYYY": year = try digits(pattern, width: 4, greedy: greedyField)
                case "Y,YYY":
                    let thousands = try digits(pattern, width: 3, greedy: false)
                    if i < chars.count, chars[i] == "," { i += 1 }
                    year = thousands * 1000 + (try digits(pattern, width: 3, greedy: false))
                case "YYY", "IYY": let y = try digits(pattern, width: 3, greedy: greedyField); year = y < 100 ? 2000 + y : 1000 + y
                case "YY", "IY": let y = try digits(pattern, width: 2, greedy: greedyField); year = y < 70 ? 2000 + y : 1900 + y
                case "Y", "I": year = 2000 + (try digits(pattern, width: 1, greedy: greedyField))
                case "MM": month = try digits(pattern, width: 2, greedy: greedyField)
                case "DD": day = try digits(pattern, width: 2, greedy: greedyField)
                case "DDD", "IDDD": dayOfYear = try digits(pattern, width: 3, greedy: greedyField)
                case "HH24": hour = try digits(pattern, width: 2, greedy: greedyField)
                case "HH", "HH12": hour = try digits(pattern, width: 2, greedy: greedyField)
                case "MI": minute = try digits(pattern, width: 2, greedy: greedyField)
                case "SS": second = try digits(pattern, width: 2, greedy: greedyField)
                case "SSSS":
                    let s = try digits(pattern, width: 5, greedy: greedyField)
                    (hour, minute, second) = (s / 3600, s / 60 % 60, s % 60)
                case "MS", "US":
                    skipBlanks()
                    let start = i
                    let n = try digits(pattern, width: pattern == "MS" ? 3 : 6, greedy: greedyField)
                    let width = i - start
                    micro = pattern == "MS" ? n * [100_000, 10_000, 1000][min(width, 3) - 1] : n * Int(pow(10.0, Double(max(0, 6 - width))))
                case "J": julian = try digits(pattern, width: 7, greedy: true)
                case "MONTH", "MON":
                    let text = word()
                    guard let m = DateTimeValue.monthNumber(pattern == "MON" ? String(text.prefix(3)) : text) else { throw invalid(pattern) }
                    if pattern == "MON", text.count > 3 { i -= text.count - 3 }
                    month = m
                case "RM":
                    let text = word().uppercased()
                    guard let m = DateFormatting.romanMonths.firstIndex(of: text) else { throw invalid(pattern) }
                    month = m + 1
                case "DAY", "DY": _ = word()
                case "AM", "PM", "A.M.", "P.M.":
                    skipBlanks()
                    let width = pattern.count
                    let text = String(chars[i..<min(i + width, chars.count)]).uppercased()
                    guard text.hasPrefix("A") || text.hasPrefix("P") else { throw invalid(pattern) }
                    pm = text.hasPrefix("P"); i += text.count
                case "AD", "BC", "A.D.", "B.C.":
                    skipBlanks()
                    let text = String(chars[i..<min(i + pattern.count, chars.count)]).uppercased()
                    bc = text.hasPrefix("B"); i += text.count
                case "TZ", "OF":
                    throw SQLError(code: "0A000", message: "\"\(pattern)\" format patterns are not supported in to_date/to_timestamp")
                default:  // Q, W, WW, IW, D, ID, CC: read and ignored, as PostgreSQL does
                    _ = try digits(pattern, width: 2, greedy: greedyField)
                }
                if ordinal != nil { i = min(i + 2, chars.count) }
            }
        }
        if let pm {
            if strict, !(1...12).contains(hour) { throw timeOutOfRange(hour, minute, second, micro) }
            if pm, hour < 12 { hour += 12 }
            if !pm, hour == 12 { hour = 0 }
        }
        if bc { year = 1 - year }
        if strict {
            if !(1...12).contains(month) || day < 1 || day > DateTimeValue.daysInMonth(year: year, month: month) {
                throw SQLError(code: "22008", message: "date/time field date value out of range: \(year)-\(month)-\(day)")
            }
            if hour > 23 || minute > 59 || second > 59 { throw timeOutOfRange(hour, minute, second, micro) }
        }
        guard DateArithmetic.yearRange.contains(year), month.magnitude < 4_000_000, day.magnitude < 200_000_000, julian.map({ $0.magnitude < 200_000_000 }) ?? true,
              dayOfYear.map({ $0.magnitude < 200_000_000 }) ?? true else {
            throw SQLError(code: "22008", message: "timestamp out of range")
        }
        var days: Int
        if let julian {
            days = julian - 2_440_588
        } else {
            let months = year * 12 + (month - 1)
            let y = months >= 0 ? months / 12 : (months - 11) / 12
            days = DateTimeValue.days(year: y, month: months - y * 12 + 1, day: 1) + day - 1
            if let dayOfYear { days = DateTimeValue.days(year: year, month: 1, day: 1) + dayOfYear - 1 }
        }
        // Fields may roll over (non-strict), so add them with overflow checks.
        let parts: [(Int64, Int64)] = [(Int64(days), 86_400_000_000), (Int64(hour), 3_600_000_000), (Int64(minute), 60_000_000), (Int64(second), 1_000_000), (Int64(micro), 1)]
        var total: Int64 = 0
        for (value, unit) in parts {
            let (product, o1) = value.multipliedReportingOverflow(by: unit)
            let (sum, o2) = total.addingReportingOverflow(product)
            guard !o1, !o2 else { throw SQLError(code: "22008", message: "timestamp out of range") }
            total = sum
        }
        let result = DateTimeValue(epochMicroseconds: total)
        guard DateArithmetic.yearRange.contains(result.year) else { throw SQLError(code: "22008", message: "timestamp out of range") }
        return result
    }

    private static func timeOutOfRange(_ h: Int, _ m: Int, _ s: Int, _ micro: Int) -> SQLError {
        let fraction = micro == 0 ? "0" : String(DateTimeValue.pad(micro, 6).reversed().drop { $0 == "0" }.reversed())
        return SQLError(code: "22008", message: "date/time field time value out of range: \(h):\(DateTimeValue.pad(m, 2)):\(DateTimeValue.pad(s, 2)).\(fraction)")
    }
}
