import RedshiftSQL

/// PostgreSQL's binary date and time values (days and microseconds from 2000-01-01, the
/// "integer datetimes" of ParameterStatus `integer_datetimes on`) to and from ISO text.
enum PGDateTime {
    static let microsPerDay: Int64 = 86_400_000_000
    /// Days from 1970-01-01 to 2000-01-01.
    static let epochOffsetDays: Int64 = 10_957

    /// `YYYY-MM-DD` (`YYYY-MM-DD BC` before year 1) of days since 2000-01-01.
    static func dateText(days: Int64) -> String {
        if days == Int64(Int32.max) { return "infinity" }
        if days == Int64(Int32.min) { return "-infinity" }
        let (year, month, day) = CivilCalendar.civil(fromDays: Int(days + epochOffsetDays))
        let shown = Int64(year > 0 ? year : 1 - year)
        return "\(pad(shown, 4))-\(pad(Int64(month), 2))-\(pad(Int64(day), 2))" + (year > 0 ? "" : " BC")
    }

    /// `HH:MM:SS[.ffffff]` of microseconds since midnight.
    static func timeText(micros: Int64) -> String {
        let seconds = micros / 1_000_000, fraction = micros % 1_000_000
        var text = "\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if fraction != 0 {
            var digits = pad(fraction, 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff]` of microseconds since 2000-01-01 00:00:00.
    static func timestampText(micros: Int64) -> String {
        if micros == Int64.max { return "infinity" }
        if micros == Int64.min { return "-infinity" }
        let days = floorDiv(micros, microsPerDay)
        let date = dateText(days: days)
        let time = timeText(micros: micros - days * microsPerDay)
        if date.hasSuffix(" BC") { return String(date.dropLast(3)) + " " + time + " BC" }
        return date + " " + time
    }

    /// `+hh[:mm]` of a zone given as seconds west of UTC (timetz_send's sign).
    static func zoneText(westSeconds: Int32) -> String {
        let east = -Int64(westSeconds)
        let sign = east < 0 ? "-" : "+"
        let hours = abs(east) / 3600, minutes = abs(east) / 60 % 60
        return sign + pad(hours, 2) + (minutes != 0 ? ":" + pad(minutes, 2) : "")
    }

    /// `N mons N days HH:MM:SS[.ffffff]`, which Redshift's interval input reads.
    static func intervalText(months: Int32, days: Int32, micros: Int64) -> String {
        var parts: [String] = []
        if months != 0 { parts.append("\(months) mons") }
        if days != 0 { parts.append("\(days) days") }
        let sign = micros < 0 ? "-" : ""
        parts.append(sign + timeText(micros: micros == .min ? .max : abs(micros)))   // no trap on Int64.min
        return parts.joined(separator: " ")
    }

    /// Days since 2000-01-01 of a civil date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        Int64(CivilCalendar.days(year: Int(year), month: Int(month), day: Int(day))) - epochOffsetDays
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
