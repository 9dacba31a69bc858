import Foundation

extension DateTimeValue {
    /// Date and timestamp literals beyond the ISO forms `parse` reads quickly: month names
    /// (`Jun 1,2008`, `January 8, 1999`, `08-Jan-1999`, `1999-Jan-08`), dotted or slashed MDY dates
    /// (`1.12.1997`), `AM`/`PM`, and a trailing zone (`09:59:59 EST`, `PDT`, `+05:30`, `America/New_York`).
    ///
    /// - Redshift: Date, time, and timestamp literals (r_Date_and_time_literals), DateStyle `ISO, MDY`
    ///   (r_datestyle): a numeric date without a 4-digit first field is month-first; two-digit years
    ///   are 1970–2069.
    static func parseLoose(_ text: String) -> (DateTimeValue, offsetSeconds: Int?)? {
        var words: [String] = []
        var current = ""
        var timeWord: String?
        var zoneWords: [String] = []
        for c in text {
            if c == " " || c == "," || c == "\t" {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                current.append(c)
            }
        }
        if !current.isEmpty { words.append(current) }
        // The time is the word with a colon; the words after it name the zone (or AM/PM).
        var dateWords: [String] = []
        var meridiem: String?
        for word in words {
            if timeWord == nil, word.contains(":"), word.first?.isNumber == true {
                timeWord = word
            } else if timeWord != nil {
                let upper = word.uppercased()
                if upper == "AM" || upper == "PM" || upper == "A.M." || upper == "P.M." { meridiem = upper } else { zoneWords.append(word) }
            } else {
                dateWords.append(word)
            }
        }
        // Date fields: numbers and a month name, split further at '-', '/' and '.'.
        var numbers: [(value: Int, digits: Int)] = []
        var month: Int?
        var bc = false
        for word in dateWords {
            for field in word.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }) {
                if let n = Int(field), field.allSatisfy(\.isNumber) {
                    numbers.append((n, field.count))
                } else if let m = monthNumber(String(field)) {
                    guard month == nil else { return nil }
                    month = m
                } else if weekdayNames.contains(where: { $0.hasPrefix(field.lowercased()) }) && field.count >= 3 {
                    continue
                } else if field.uppercased() == "BC" || field.uppercased() == "B.C" {
                    bc = true
                } else if field.uppercased() == "AD" {
                    continue
                } else {
                    return nil
                }
            }
        }
        func fullYear(_ n: (value: Int, digits: Int)) -> Int {
            n.digits <= 2 ? (n.value < 70 ? 2000 + n.value : 1900 + n.value) : n.value
        }
        var year: Int, monthValue: Int, day: Int
        if let m = month {
            guard numbers.count == 2 else { return nil }
            monthValue = m
            if numbers[0].digits >= 3 || numbers[0].value > 31 {
                (year, day) = (fullYear(numbers[0]), numbers[1].value)
            } else {
                (day, year) = (numbers[0].value, fullYear(numbers[1]))
            }
        } else {
            guard numbers.count == 3 else { return nil }
            if numbers[0].digits >= 3 {
                (year, monthValue, day) = (numbers[0].value, numbers[1].value, numbers[2].value)
            } else {
                (monthValue, day, year) = (numbers[0].value, numbers[1].value, fullYear(numbers[2]))
            }
        }
        if bc { year = 1 - year }
        guard DateArithmetic.yearRange.contains(year), (1...12).contains(monthValue), day >= 1, day <= daysInMonth(year: year, month: monthValue) else { return nil }
        var value = DateTimeValue(year: year, month: monthValue, day: day)
        if let time = timeWord {
            guard let (parsed, _) = DateTimeValue.parse("2000-01-01 " + time) else { return nil }
            value.hour = parsed.hour; value.minute = parsed.minute; value.second = parsed.second; value.microsecond = parsed.microsecond
            if let meridiem {
                guard (1...12).contains(value.hour) else { return nil }
                if meridiem.hasPrefix("P"), value.hour < 12 { value.hour += 12 }
                if meridiem.hasPrefix("A"), value.hour == 12 { value.hour = 0 }
            }
        }
        var offset: Int?
        if !zoneWords.isEmpty {
            guard let zone = ZoneSpec.resolve(zoneWords.joined(separator: " ")) else { return nil }
            offset = zone.offset(atLocal: value.epochMicroseconds)
        }
        return (value, offset)
    }

    private static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"]
    private static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// 1–12 for a month name or its abbreviation of 3+ letters (`Jan`, `Sept`, `September`).
    static func monthNumber(_ word: String) -> Int? {
        let lower = word.lowercased()
        guard lower.count >= 3 else { return nil }
        return monthNames.firstIndex { $0.hasPrefix(lower) }.map { $0 + 1 }
    }
}
