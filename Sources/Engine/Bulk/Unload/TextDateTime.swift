import RedshiftSQL

/// Reads back the ISO texts Redshift prints for dates and times (`RedshiftType.text(of:)`), for
/// the typed Parquet values.
enum TextDateTime {
    /// Days since 1970-01-01 of `YYYY-MM-DD`.
    static func days(_ text: String) -> Int? {
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        return CivilCalendar.days(year: year, month: month, day: day)
    }

    /// Microseconds since 1970-01-01 00:00:00 of `YYYY-MM-DD HH:MM:SS[.ffffff][+00]`.
    static func timestampMicros(_ text: String) -> Int64? {
        guard let days = days(text) else { return nil }
        let rest = text.dropFirst(11)
        let time = rest.isEmpty ? 0 : timeMicros(String(rest)) ?? 0
        return Int64(days) * 86_400_000_000 + time
    }

    /// Microseconds since midnight of `HH:MM:SS[.ffffff]` (a trailing zone is ignored).
    static func timeMicros(_ text: String) -> Int64? {
        let clock = text.prefix { $0 != "+" && $0 != "-" }
        let parts = clock.split(separator: ":")
        guard parts.count == 3, let hours = Int64(parts[0]), let minutes = Int64(parts[1]) else { return nil }
        let secondParts = parts[2].split(separator: ".", maxSplits: 1)
        guard let seconds = Int64(secondParts[0]) else { return nil }
        var micros: Int64 = 0
        if secondParts.count == 2 {
            let digits = String(secondParts[1].prefix(6))
            micros = (Int64(digits) ?? 0) * Int64([1, 100_000, 10_000, 1_000, 100, 10, 1][digits.count])
        }
        return ((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + micros
    }

    /// The bytes of a hexadecimal text (VARBYTE's text form).
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 48...57: return digit - 48
        case 97...102: return digit - 87
        case 65...70: return digit - 55
        default: return nil
        }
    }
}
