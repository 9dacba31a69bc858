import Foundation

extension EmulatedFunctions {
    /// Clock and date-part functions.
    ///
    /// - Redshift: GETDATE (r_GETDATE) whole seconds; SYSDATE (r_SYSDATE) microseconds;
    ///   DATEADD (r_DATEADD_function) clamps to month end; DATEDIFF (r_DATEDIFF_function) counts
    ///   boundaries crossed; DATE_TRUNC (r_DATE_TRUNC) weeks start Monday; DATE_PART (r_DATE_PART_function);
    ///   EXTRACT (r_EXTRACT_function) returns only the named field.
    /// - Divergence: the clock functions read the wall clock when the engine gives no `__now` setting;
    ///   the week boundary DATEDIFF counts is Monday (unverified).
    static var dateFunctions: [EmulatedFunction] {
        @Sendable func now() -> DateTimeValue {
            DateTimeValue(epochMicroseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()))
        }
        @Sendable func parts(_ args: [SQLiteValue]) throws -> (DatePart, DateTimeValue, isTime: Bool)? {
            guard let partText = args[0].textValue, let value = args.last?.textValue else { return nil }
            guard let part = DatePart(partText) else { throw SQLError(code: "0A000", message: "date part \"\(partText)\" is not supported") }
            if let (parsed, _) = DateTimeValue.parse(value) { return (part, parsed, false) }
            if let (parsed, _) = DateTimeValue.parse("2000-01-01 " + value) { return (part, parsed, true) }
            throw SQLError(code: "22007", message: "invalid input syntax for type timestamp: \"\(value)\"")
        }
        return [
            EmulatedFunction("rs_getdate", argumentCount: 0, isDeterministic: false) { _ in
                var value = now()
                value.microsecond = 0
                return .text(value.timestampText)
            },
            EmulatedFunction("rs_sysdate", argumentCount: 0, isDeterministic: false) { _ in .text(now().timestampText) },
            EmulatedFunction("rs_current_date", argumentCount: 0, isDeterministic: false) { _ in .text(now().dateText) },
            EmulatedFunction("rs_dateadd", argumentCount: 3) { args in
                guard !args[1].isNull, let (part, value, isTime) = try parts([args[0], args[2]]), let amount = args[1].doubleValue.map({ Int64($0) }) else { return .null }
                let result = DateArithmetic.add(part, Int(amount), to: value)
                return .text(isTime ? DateTimeValue(epochMicroseconds: result.epochMicroseconds % 86_400_000_000).timeText : result.timestampText)
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
        ]
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
        case .microsecond: r = value
        }
        return r
    }

    static func field(_ part: DatePart, of v: DateTimeValue, wholeFieldOnly: Bool) -> Double {
        switch part {
        case .millennium: return Double((v.year - 1) / 1000 + 1)
        case .century: return Double((v.year - 1) / 100 + 1)
        case .decade: return Double(v.year / 10)
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
        case .millisecond: return wholeFieldOnly ? Double(v.microsecond / 1000) : Double(v.second) * 1000 + Double(v.microsecond) / 1000
        case .microsecond: return wholeFieldOnly ? Double(v.microsecond) : Double(v.second) * 1_000_000 + Double(v.microsecond)
        case .epoch: return Double(v.epochMicroseconds) / 1_000_000
        }
    }
}
