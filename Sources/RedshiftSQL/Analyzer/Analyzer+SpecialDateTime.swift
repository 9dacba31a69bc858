import Foundation

/// Date-time forms outside the arithmetic tables: `date + time`, and the special input strings
/// `'now'`, `'today'`, `'yesterday'`, `'tomorrow'` read against the statement's clock.
///
/// - Redshift: + (Concatenation) operator (r_DATE-CONCATENATE_function): DATE + TIME is a TIMESTAMP,
///   DATE + TIMETZ a TIMESTAMPTZ, either order. Datetime literals (r_Datetime_types, "Special datetime
///   values"; PostgreSQL's input strings): `now` is the current instant, `today` midnight of the current
///   day, `yesterday`/`tomorrow` the midnights around it. Divergence: a TIMETZ is stored in UTC, so
///   DATE + TIMETZ joins the date with the UTC time (the page's `date '2000-01-01' + timetz '20:00:00 PST'`
///   is 2000-01-02 04:00:00+00 in Redshift, 2000-01-01 04:00:00+00 here).
extension Analyzer {
    /// `date + time` (or `time + date`) as a timestamp; nil for any other operands.
    func dateTimeConcatenation(_ op: String, _ left: Expr, _ right: Expr) -> Expr? {
        guard op == "+" else { return nil }
        let (date, time): (Expr, Expr)
        if left.type == .date, right.type == .time || right.type == .timetz { (date, time) = (left, right) }
        else if right.type == .date, left.type == .time || left.type == .timetz { (date, time) = (right, left) }
        else { return nil }
        let type: RedshiftType = time.type == .timetz ? .timestamptz : .timestamp
        let space = Expr.literal(.text(" "), .varchar(length: 1)).with(nullable: false)
        return .binary("||", .binary("||", date, space, type: .varchar(length: 11)), time, type: type)
    }

    /// The value of a special date-time input string for `target`, or nil when `text` is not one.
    func specialDateTime(_ text: String, target: RedshiftType) -> Expr? {
        guard target == .date || target == .timestamp || target == .timestamptz else { return nil }
        let word = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard ["now", "today", "yesterday", "tomorrow"].contains(word) else { return nil }
        var clockContext = context
        if clockContext.now == nil { clockContext.now = Date() }
        guard let now = clockContext.clock else { return nil }
        let day: Int64 = 86_400_000_000
        let midnight = now.epochMicroseconds - ((now.epochMicroseconds % day) + day) % day
        let instant: Int64
        switch word {
        case "now": instant = now.epochMicroseconds
        case "today": instant = midnight
        case "yesterday": instant = midnight - day
        default: instant = midnight + day
        }
        let value = DateTimeValue(epochMicroseconds: instant)
        return Expr.literal(.text(target == .date ? value.dateText : value.timestampText), target).with(nullable: false)
    }
}
