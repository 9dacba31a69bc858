import Foundation

/// CREATE/ALTER USER … VALID UNTIL 'abstime': "an absolute time after which the user account
/// password is no longer valid" (Developer Guide › CREATE USER). `'infinity'` never expires.
enum PasswordValidity {
    /// True when `validUntil` names a time at or before `now`. A text that is not a date or a
    /// timestamp (`YYYY-MM-DD[ HH:MM[:SS]]`, UTC) does not expire.
    static func hasExpired(_ validUntil: String?, now: Date) -> Bool {
        guard let text = validUntil?.trimmingCharacters(in: .whitespaces), let limit = date(text) else { return false }
        return limit <= now
    }

    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}
