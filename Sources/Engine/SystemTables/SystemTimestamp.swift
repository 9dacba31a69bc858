import Foundation
import RedshiftSQL

/// Values as the engine stores them (docs/sql-pipeline.md, storage per type).
enum SystemValue {
    /// TIMESTAMP text: `YYYY-MM-DD HH:MM:SS[.ffffff]`, UTC, fraction without trailing zeros.
    static func timestamp(_ date: Date) -> SQLiteValue {
        let micros = Int64((date.timeIntervalSince1970 * 1e6).rounded())
        let days = micros >= 0 ? micros / 86_400_000_000 : (micros - 86_399_999_999) / 86_400_000_000
        let rest = micros - days * 86_400_000_000
        let (year, month, day) = CivilCalendar.civil(fromDays: Int(days))
        let seconds = Int(rest / 1_000_000)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + " "
            + pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        var fraction = Int(rest % 1_000_000)
        if fraction > 0 {
            var digits = 6
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            text += "." + pad(fraction, digits)
        }
        return .text(text)
    }

    static func int(_ value: Int) -> SQLiteValue { .integer(Int64(value)) }
    static func int(_ value: Int64) -> SQLiteValue { .integer(value) }
    static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }
    static func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }

    /// At most `count` characters (CHAR(n) columns hold the leading part of longer texts).
    static func prefix(_ value: String, _ count: Int) -> SQLiteValue { .text(String(value.prefix(count))) }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
