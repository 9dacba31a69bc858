import Foundation

extension Int64 {
    /// The double rounded toward zero and clamped to the Int64 range (NaN is 0).
    init(clamping value: Double) {
        if value.isNaN { self = 0 } else if value >= 9.2e18 { self = .max } else if value <= -9.2e18 { self = .min } else { self = Int64(value) }
    }
}

extension EmulatedFunctions {
    /// Clock and date-part functions.
    ///
    /// - Redshift: GETDATE (r_GETDATE) whole seconds; SYSDATE (r_SYSDATE) microseconds; TIMEOFDAY
    ///   (r_TIMEOFDAY_function) `Thu Sep 19 22:53:50.333525 2013 UTC`; DATEADD (r_DATEADD_function) clamps to
    ///   month end, TIME wraps around midnight; DATEDIFF (r_DATEDIFF_function) counts boundaries crossed;
    ///   DATE_TRUNC (r_DATE_TRUNC) weeks start Monday; DATE_PART (r_DATE_PART_function); EXTRACT
    ///   (r_EXTRACT_function) returns only the named field; MONTHS_BETWEEN (r_MONTHS_BETWEEN_function);
    ///   NEXT_DAY (r_NEXT_DAY).
    /// - Divergence: the clock functions read the wall clock when the engine gives no `TranslationContext.now`;
    ///   the week boundary DATEDIFF counts is Monday (unverified).
    static var dateFunctions: [EmulatedFunction] {
        @Sendable func now() -> DateTimeValue {
            DateTimeValue(epochMicroseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()))
        }
        @Sendable func parts(_ args: [SQLiteValue]) throws -> (DatePart, DateTimeValue, isTime: Bool)? {
            guard let partText = args[0].textValue, let value = args.last?.textValue else { return nil }
            guard let part = DatePart(partText) else { throw SQLError(code: "0A000", message: "date part \"\(partText)\" is not supported") }
            guard let (parsed, isTime) = try datetime(value) else { return nil }
            return (part, parsed, isTime)
        }
        return [
            EmulatedFunction("rs_getdate", argumentCount: 0, isDeterministic: false) { _ in
                var value = now()
                value.microsecond = 0
                return .text(value.timestampText)
            },
            EmulatedFunction("rs_sysdate", argumentCount: 0, isDeterministic: false) { _ in .text(now().timestampText) },
            EmulatedFunction("rs_current_date", argumentCount: 0, isDeterministic: false) { _ in .text(now().dateText) },
            EmulatedFunction("rs_timeofday", argumentCount: 0, isDeterministic: false) { _ in .text(DateArithmetic.timeOfDayText(now())) },
            EmulatedFunction("rs_dateadd", argumentCount: 3) { args in
                guard !args[1].isNull, let (part, value, isTime) = try parts([args[0], args[2]]), let amount = args[1].integerValue ?? args[1].doubleValue.map({ Int64(clamping: $0) }) else { return .null }
                let result = try DateArithmetic.checkedAdd(part, amount, to: value)
                if isTime {
                    let micros = ((result.epochMicroseconds % 86_400_000_000) + 86_400_000_000) % 86_400_000_000
                    return .text(DateTimeValue(epochMicroseconds: micros).timeText)
                }
                return .text(result.timestampText)
            },
            EmulatedFunction("rs_datediff", argumentCount: 3) { args in
                guard let (part, a, _) = try parts([args[0], args[1]]), let (_, b, _) = try parts([args[0], args[2]]) else { return .null }
                return .integer(DateArithmetic.difference(part, from: a, to: b))
            },
            EmulatedFunction("rs_date_trunc", argumentCount: 2) { args in
                guard let (part, value, _) = try parts(args) else { return .null }
                return .text(DateArithmetic.truncate(value, to: part).timestampText)
            },
            EmulatedFunction("rs_date_part", argumentCount: 2) { args in
                guard let (part, value, _) = try parts(args) else { return .null }
                return .real(DateArithmetic.field(part, of: value, wholeFieldOnly: false))
            },
            EmulatedFunction("rs_extract", argumentCount: 2) { args in
                guard let (part, value, _) = try parts(args) else { return .null }
                return .integer(Int64(DateArithmetic.field(part, of: value, wholeFieldOnly: true)))
            },
            EmulatedFunction("rs_months_between", argumentCount: 2) { args in
                guard let a = args[0].textValue, let b = args[1].textValue, let (x, _) = try datetime(a), let (y, _) = try datetime(b) else { return .null }
                return .real(DateArithmetic.monthsBetween(x, y))
            },
            EmulatedFunction("rs_next_day", argumentCount: 2) { args in
                guard let text = args[0].textValue, let day = args[1].textValue, let (value, _) = try datetime(text) else { return .null }
                guard let weekday = DateArithmetic.weekday(named: day) else {
                    throw SQLError(code: "22023", message: "Invalid weekday: \"\(day)\"")
                }
                let current = ((value.dayNumber + 4) % 7 + 7) % 7
                let ahead = (weekday - current + 7) % 7
                return .text(DateTimeValue(epochMicroseconds: Int64(value.dayNumber + (ahead == 0 ? 7 : ahead)) * 86_400_000_000).dateText)
            },
        ]
    }

    /// A stored date, timestamp or time (`isTime`), or the input-syntax error; nil for NULL.
    @Sendable static func datetime(_ text: String) throws -> (DateTimeValue, isTime: Bool)? {
        if let (parsed, _) = DateTimeValue.parse(text) { return (parsed, false) }
        if let (parsed, _) = DateTimeValue.parse("2000-01-01 " + text) { return (parsed, true) }
        throw SQLError(code: "22007", message: "invalid input syntax for type timestamp: \"\(text)\"")
    }
}

/// Calendar arithmetic on `DateTimeValue`.
enum DateArithmetic {
    static func addMonths(_ months: Int, to value: DateTimeValue) -> DateTimeValue {
        var result = value
        let total = value.year * 12 + (value.month - 1) + months
        result.year = total >= 0 ? total / 12 : (total - 11) / 12
        result.month = total - result.year * 12 + 1
        result.day = min(value.day, DateTimeValue.daysInMonth(year: result.year, month: result.month))
        return result
    }

    /// Years a value may have: Redshift's range starts 4713 BC (r_Datetime_types); it ends at 294276 AD,
    /// here at 250000 AD (divergence: microseconds since 1970 must fit 64 bits).
    static let yearRange = -4712...250_000

    /// `add`, or `timestamp out of range` (22008) instead of an overflow.
    static func checkedAdd(_ part: DatePart, _ amount: Int64, to value: DateTimeValue) throws -> DateTimeValue {
        let outOfRange = SQLError(code: "22008", message: "timestamp out of range")
        guard amount.magnitude <= 200_000_000_000_000 else { throw outOfRange }
        let unitMicros: Int64
        switch part {
        case .year, .decade, .century, .millennium, .quarter, .month:
            guard amount.magnitude <= 4_000_000 else { throw outOfRange }
            unitMicros = 0
        case .week: unitMicros = 7 * 86_400_000_000
        case .day, .dayofweek, .dayofyear: unitMicros = 86_400_000_000
        case .hour: unitMicros = 3_600_000_000
        case .minute: unitMicros = 60_000_000
        default: unitMicros = 1_000_000
        }
        if unitMicros > 0 {
            let (product, overflow) = amount.multipliedReportingOverflow(by: unitMicros)
            let (sum, overflow2) = value.epochMicroseconds.addingReportingOverflow(product)
            guard !overflow, !overflow2, sum.magnitude < 250_000 * 365 * 86_400_000_000 else { throw outOfRange }
        }
        let result = add(part, Int(amount), to: value)
        guard yearRange.contains(result.year) else { throw outOfRange }
        return result
    }

    static func add(_ part: DatePart, _ amount: Int, to value: DateTimeValue) -> DateTimeValue {
        func micros(_ unit: Int64) -> DateTimeValue { DateTimeValue(epochMicroseconds: value.epochMicroseconds + Int64(amount) * unit) }
        switch part {
        case .year, .decade, .century, .millennium:
            let years = amount * (part == .year ? 1 : part == .decade ? 10 : part == .century ? 100 : 1000)
            var result = value
            result.year += years
            if value.month == 2, value.day == 29, DateTimeValue.daysInMonth(year: result.year, month: 2) == 28 {
                result.month = 3; result.day = 1  // dateadd(year,1,'2016-02-29') = 2017-03-01
            }
            return result
        case .quarter: return addMonths(amount * 3, to: value)
        case .month: return addMonths(amount, to: value)
        case .week: return micros(7 * 86_400_000_000)
        case .day, .dayofweek, .dayofyear: return micros(86_400_000_000)
        case .hour: return micros(3_600_000_000)
        case .minute: return micros(60_000_000)
        case .second, .epoch: return micros(1_000_000)
        case .millisecond: return micros(1000)
        case .microsecond: return micros(1)
        case .timezone, .timezoneHour, .timezoneMinute: return value
        }
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }

    static func difference(_ part: DatePart, from a: DateTimeValue, to b: DateTimeValue) -> Int64 {
        func units(_ v: DateTimeValue) -> Int64 {
            switch part {
            case .millennium: return Int64(floorDiv(Int64(v.year - 1), 1000))
            case .century: return Int64(floorDiv(Int64(v.year - 1), 100))
            case .decade: return Int64(floorDiv(Int64(v.year), 10))
            case .year: return Int64(v.year)
            case .quarter: return Int64(v.year * 4 + (v.month - 1) / 3)
            case .month: return Int64(v.year * 12 + v.month - 1)
            case .week: return floorDiv(Int64(v.dayNumber) + 3, 7)
            case .day, .dayofweek, .dayofyear: return Int64(v.dayNumber)
            case .hour: return floorDiv(v.epochMicroseconds, 3_600_000_000)
            case .minute: return floorDiv(v.epochMicroseconds, 60_000_000)
            case .second, .epoch: return floorDiv(v.epochMicroseconds, 1_000_000)
            case .millisecond: return floorDiv(v.epochMicroseconds, 1000)
            case .microsecond: return v.epochMicroseconds
            case .timezone, .timezoneHour, .timezoneMinute: return 0
            }
        }
        return units(b) - units(a)
    }

    static func truncate(_ value: DateTimeValue, to part: DatePart) -> DateTimeValue {
        var r = DateTimeValue(year: value.year, month: value.month, day: value.day)
        switch part {
        case .millennium: r = DateTimeValue(year: (value.year - 1) / 1000 * 1000 + 1, month: 1, day: 1)
        case .century: r = DateTimeValue(year: (value.year - 1) / 100 * 100 + 1, month: 1, day: 1)
        case .decade: r = DateTimeValue(year: value.year - value.year % 10, month: 1, day: 1)
        case .year: r.month = 1; r.day = 1
        case .quarter: r.month = (value.month - 1) / 3 * 3 + 1; r.day = 1
        case .month: r.day = 1
        case .week:
            let monday = value.dayNumber - Int((Int64(value.dayNumber) + 3) - floorDiv(Int64(value.dayNumber) + 3, 7) * 7)
            r = DateTimeValue(epochMicroseconds: Int64(monday) * 86_400_000_000)
        case .day, .dayofweek, .dayofyear: break
        case .hour: r.hour = value.hour
        case .minute: r.hour = value.hour; r.minute = value.minute
        case .second, .epoch: r.hour = value.hour; r.minute = value.minute; r.second = value.second
        case .millisecond: r = value; r.microsecond = value.microsecond / 1000 * 1000
        case .microsecond, .timezone, .timezoneHour, .timezoneMinute: r = value
        }
        return r
    }

    static func field(_ part: DatePart, of v: DateTimeValue, wholeFieldOnly: Bool) -> Double {
        switch part {
        case .millennium: return Double((v.year - 1) / 1000 + 1)
        case .century: return Double((v.year - 1) / 100 + 1)
        case .decade: return Double(v.year / 10 + 1)  // 1999 → 200, 2000 → 201 (r_Dateparts_for_datetime_functions)
        case .year: return Double(v.year)
        case .quarter: return Double((v.month - 1) / 3 + 1)
        case .month: return Double(v.month)
        case .week:
            // ISO 8601 week number.
            let weekday = Int((Int64(v.dayNumber) + 3) - floorDiv(Int64(v.dayNumber) + 3, 7) * 7)  // 0 = Monday
            let thursday = v.dayNumber - weekday + 3
            let (ty, _, _) = DateTimeValue.civil(fromDays: thursday)
            return Double((thursday - DateTimeValue.days(year: ty, month: 1, day: 1)) / 7 + 1)
        case .dayofweek: return Double(Int((Int64(v.dayNumber) + 4) - floorDiv(Int64(v.dayNumber) + 4, 7) * 7))
        case .dayofyear: return Double(v.dayNumber - DateTimeValue.days(year: v.year, month: 1, day: 1) + 1)
        case .day: return Double(v.day)
        case .hour: return Double(v.hour)
        case .minute: return Double(v.minute)
        case .second: return wholeFieldOnly ? Double(v.second) : Double(v.second) + Double(v.microsecond) / 1_000_000
        // DATE_PART(microsecond, '… 04:05:06.789') is 789000: the fraction only (r_DATE_PART_function).
        case .millisecond: return wholeFieldOnly ? Double(v.microsecond / 1000) : Double(v.microsecond) / 1000
        case .microsecond: return Double(v.microsecond)
        case .epoch: return Double(v.epochMicroseconds) / 1_000_000
        case .timezone, .timezoneHour, .timezoneMinute: return 0  // the session time zone is UTC
        }
    }

    /// MONTHS_BETWEEN: whole months from year and month; the rest from days and time over a 31-day
    /// month, unless both are the same day of the month or both the last day (r_MONTHS_BETWEEN_function).
    static func monthsBetween(_ a: DateTimeValue, _ b: DateTimeValue) -> Double {
        let months = Double((a.year - b.year) * 12 + (a.month - b.month))
        let aLast = a.day == DateTimeValue.daysInMonth(year: a.year, month: a.month)
        let bLast = b.day == DateTimeValue.daysInMonth(year: b.year, month: b.month)
        if a.day == b.day || (aLast && bLast) { return months }
        func dayFraction(_ v: DateTimeValue) -> Double {
            Double(v.day) + Double(Int64(v.hour * 3600 + v.minute * 60 + v.second) * 1_000_000 + Int64(v.microsecond)) / 86_400_000_000
        }
        return months + (dayFraction(a) - dayFraction(b)) / 31
    }

    /// 0 (Sunday) … 6 for a day name or its abbreviation, any case (r_NEXT_DAY).
    static func weekday(named name: String) -> Int? {
        let lower = name.trimmingCharacters(in: .whitespaces).lowercased()
        let names = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
        if let exact = ["su": 0, "m": 1, "mo": 1, "tu": 2, "tues": 2, "w": 3, "we": 3, "th": 4, "thurs": 4, "f": 5, "fr": 5, "sa": 6][lower] { return exact }
        guard lower.count >= 3 else { return nil }
        return names.firstIndex { $0.hasPrefix(lower) }
    }

    /// TIMEOFDAY's text: `Thu Sep 19 22:53:50.333525 2013 UTC` (r_TIMEOFDAY_function).
    static func timeOfDayText(_ v: DateTimeValue) -> String {
        let dow = ((v.dayNumber + 4) % 7 + 7) % 7
        let day = String(DateFormatting.days[dow].prefix(3)), month = String(DateFormatting.months[v.month - 1].prefix(3))
        let time = DateTimeValue.pad(v.hour, 2) + ":" + DateTimeValue.pad(v.minute, 2) + ":" + DateTimeValue.pad(v.second, 2) + "." + DateTimeValue.pad(v.microsecond, 6)
        return "\(day) \(month) \(DateTimeValue.pad(v.day, 2)) \(time) \(v.year) UTC"
    }
}
