/// INTERVAL literals and date/time arithmetic with intervals.
///
/// - Redshift: Interval literals (r_interval_literals); datetime operators follow PostgreSQL 8:
///   date ± interval and timestamp ± interval give a TIMESTAMP (months first, clamped to the month's
///   end, then days, then time), time ± interval a TIME, timestamp − timestamp an INTERVAL,
///   interval ± interval and interval × number an INTERVAL. Constant operands fold while translating.
extension Analyzer {
    /// `INTERVAL '90 days'` (optionally with a trailing unit, `INTERVAL '3' MONTH`).
    func intervalLiteral(_ text: String, position: Int) throws -> Expr {
        guard let value = IntervalValue.parse(text) else {
            throw SQLError(code: "22007", message: "invalid input syntax for type interval: \"\(text)\"", position: position)
        }
        return Expr.literal(.text(value.encoded), .interval).with(nullable: false)
    }

    private func intervalConstant(_ e: Expr) -> IntervalValue? {
        guard e.type == .interval, case .text(let t) = e.literalValue ?? .null else { return nil }
        return IntervalValue(encoded: t)
    }

    private func datetimeConstant(_ e: Expr) -> DateTimeValue? {
        guard e.type.isDatetime, e.type != .time, e.type != .timetz, case .text(let t) = e.literalValue ?? .null else { return nil }
        return DateTimeValue.parse(t)?.0
    }

    func bindIntervalArithmetic(_ op: String, _ left: Expr, _ right: Expr, position: Int) throws -> Expr {
        var l = left, r = right
        if l.type == .unknown { l = try coerce(l, to: r.type == .interval ? .timestamp : .interval) }
        if r.type == .unknown { r = try coerce(r, to: .interval) }
        func unsupported() -> SQLError {
            SQLError.undefinedFunction("operator does not exist: \(l.type.formatTypeName) \(op) \(r.type.formatTypeName)", at: position)
        }
        // datetime ± interval (and interval + datetime).
        if r.type == .interval, l.type.isDatetime {
            guard op == "+" || op == "-" else { throw unsupported() }
            let isTime = l.type == .time || l.type == .timetz
            let resultType: RedshiftType = isTime ? l.type : (l.type == .timestamptz ? .timestamptz : .timestamp)
            let sign: Int64 = op == "-" ? -1 : 1
            if let date = datetimeConstant(l), let interval = intervalConstant(r) {
                return Expr.literal(.text(interval.added(to: date, sign: sign).timestampText), resultType).with(nullable: false)
            }
            return .call("rs_add_interval", [l, r, Self.integerLiteral(sign)], type: resultType)
        }
        if l.type == .interval, r.type.isDatetime, op == "+" {
            return try bindIntervalArithmetic("+", r, l, position: position)
        }
        if l.type == .interval, r.type == .interval, op == "+" || op == "-" {
            if let a = intervalConstant(l), let b = intervalConstant(r) {
                return Expr.literal(.text((op == "+" ? a + b : a + -b).encoded), .interval).with(nullable: false)
            }
            return .call("rs_interval_add", [l, r, Self.integerLiteral(op == "-" ? -1 : 1)], type: .interval)
        }
        if (l.type == .interval && r.type.isNumeric) || (l.type.isNumeric && r.type == .interval && op == "*") {
            guard op == "*" || (op == "/" && l.type == .interval) else { throw unsupported() }
            let (interval, number) = l.type == .interval ? (l, r) : (r, l)
            let factor = try coerce(number, to: .doublePrecision)
            if op == "/", factor.literalValue == .real(0) { throw SQLError(code: "22012", message: "division by zero", position: position) }
            let divisor: Expr = op == "/" ? .call("rs_nonzero", [factor], type: .doublePrecision) : factor
            if let a = intervalConstant(interval), case .real(let f) = factor.literalValue ?? .null {
                return Expr.literal(.text(a.scaled(by: op == "/" ? 1 / f : f).encoded), .interval).with(nullable: false)
            }
            return .call("rs_interval_mul", [interval, divisor, .literal(.text(op), .varchar(length: 1))], type: .interval)
        }
        if l.type.isDatetime, r.type.isDatetime, op == "-", l.type != .time, r.type != .time {
            // timestamp − timestamp (or with a date) is an interval of days and time.
            let a = l.type == .date ? try coerce(l, to: .timestamp) : l
            let b = r.type == .date ? try coerce(r, to: .timestamp) : r
            return .call("rs_timestamp_sub", [a, b], type: .interval)
        }
        throw unsupported()
    }
}
