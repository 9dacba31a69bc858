import Foundation

extension EmulatedFunctions {
    /// Interval arithmetic on `IntervalValue` storage text (`months:days:microseconds`):
    /// `rs_add_interval(datetime, interval, ±1)`, `rs_interval_add(a, b, ±1)`,
    /// `rs_interval_mul(interval, factor, '*'|'/')`, `rs_timestamp_sub(a, b)`, and
    /// `rs_interval_key(interval)`, a number that orders intervals as PostgreSQL compares them
    /// (a month counts 30 days).
    ///
    /// - Redshift: Interval literals (r_interval_literals); datetime operators as in PostgreSQL 8.
    static var intervalFunctions: [EmulatedFunction] {
        @Sendable func interval(_ value: SQLiteValue) throws -> IntervalValue? {
            guard let text = value.textValue else { return nil }
            if let decoded = IntervalValue(encoded: text) ?? IntervalValue.parse(text) { return decoded }
            throw SQLError(code: "22007", message: "invalid input syntax for type interval: \"\(text)\"")
        }
        @Sendable func datetime(_ value: SQLiteValue) throws -> (DateTimeValue, isTime: Bool)? {
            guard let text = value.textValue else { return nil }
            if let (parsed, _) = DateTimeValue.parse(text) { return (parsed, false) }
            if let (parsed, _) = DateTimeValue.parse("2000-01-01 " + text) { return (parsed, true) }
            throw SQLError(code: "22007", message: "invalid input syntax for type timestamp: \"\(text)\"")
        }
        return [
            EmulatedFunction("rs_add_interval", argumentCount: 3) { args in
                guard let (value, isTime) = try datetime(args[0]), let i = try interval(args[1]) else { return .null }
                let result = i.added(to: value, sign: args[2].integerValue ?? 1)
                if isTime {
                    let micros = ((result.epochMicroseconds % 86_400_000_000) + 86_400_000_000) % 86_400_000_000
                    return .text(DateTimeValue(epochMicroseconds: micros).timeText)
                }
                return .text(result.timestampText)
            },
            EmulatedFunction("rs_interval_add", argumentCount: 3) { args in
                guard let a = try interval(args[0]), let b = try interval(args[1]) else { return .null }
                return .text((args[2].integerValue == -1 ? a + -b : a + b).encoded)
            },
            EmulatedFunction("rs_interval_mul", argumentCount: 3) { args in
                guard let a = try interval(args[0]), let f = args[1].doubleValue else { return .null }
                if args[2].textValue == "/" {
                    if f == 0 { throw SQLError(code: "22012", message: "division by zero") }
                    return .text(a.scaled(by: 1 / f).encoded)
                }
                return .text(a.scaled(by: f).encoded)
            },
            EmulatedFunction("rs_timestamp_sub", argumentCount: 2) { args in
                guard let (a, _) = try datetime(args[0]), let (b, _) = try datetime(args[1]) else { return .null }
                return .text(IntervalValue.between(a, b).encoded)
            },
            EmulatedFunction("rs_interval_key", argumentCount: 1) { args in
                guard let a = try interval(args[0]) else { return .null }
                return .integer((a.months * 30 + a.days) * 86_400_000_000 + a.microseconds)
            },
        ]
    }
}
