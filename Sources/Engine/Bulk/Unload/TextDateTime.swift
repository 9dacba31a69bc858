import RedshiftSQL

/// Reads back the ISO texts Redshift prints for dates and times (`RedshiftType.text(of:)`), for
/// the typed Parquet values.
enum TextDateTime {
    /// Days since 1970-01-01 of `YYYY-MM-DD`.
    static func days(_ text: String) -> Int? {
        var text = text
        if let days = text.withUTF8(plainDays) { return days }
        let parts = text.prefix(10).split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        return CivilCalendar.days(year: year, month: month, day: day)
    }

    /// Microseconds since 1970-01-01 00:00:00 of `YYYY-MM-DD HH:MM:SS[.ffffff][+00]`.
    static func timestampMicros(_ text: String) -> Int64? {
        var copy = text
        if let micros = copy.withUTF8(plainTimestampMicros) { return micros }
        guard let days = days(text) else { return nil }
        let rest = text.dropFirst(11)
        let time = rest.isEmpty ? 0 : timeMicros(String(rest)) ?? 0
        return Int64(days) * 86_400_000_000 + time
    }

    /// Microseconds since midnight of `HH:MM:SS[.ffffff]` (a trailing zone is ignored).
    static func timeMicros(_ text: String) -> Int64? {
        var text = text
        if let micros = text.withUTF8({ plainTimeMicros($0, from: 0) }) { return micros }
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

    /// Days since 1970-01-01 of a text starting `YYYY-MM-DD`, else nil (`days(_:)`'s fast path).
    static func plainDateDays(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? { plainDays(bytes) }

    /// Microseconds since 1970-01-01 of exactly `YYYY-MM-DD[ HH:MM:SS[.ffffff]]`, else nil.
    static func plainTimestampMicros(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard let days = plainDays(bytes) else { return nil }
        if bytes.count == 10 { return Int64(days) * 86_400_000_000 }
        guard bytes.count > 11, bytes[10] == 32, let time = plainTimeMicros(bytes, from: 11) else { return nil }
        return Int64(days) * 86_400_000_000 + time
    }

    /// The day number of a text starting `YYYY-MM-DD` (the form dates are stored in), else nil.
    private static func plainDays(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard bytes.count >= 10, bytes[4] == 45, bytes[7] == 45,
              let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2) else { return nil }
        return CivilCalendar.days(year: year, month: month, day: day)
    }

    /// Microseconds since midnight of exactly `HH:MM:SS[.f…]` (up to 6 fraction digits) from `start`, else nil.
    private static func plainTimeMicros(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int64? {
        let count = bytes.count - start
        guard count >= 8, bytes[start + 2] == 58, bytes[start + 5] == 58, let hours = digits(bytes, start, 2),
              let minutes = digits(bytes, start + 3, 2), let seconds = digits(bytes, start + 6, 2) else { return nil }
        var micros: Int64 = 0
        if count > 8 {
            let fraction = count - 9
            guard bytes[start + 8] == 46, fraction >= 1, fraction <= 6, let value = digits(bytes, start + 9, fraction) else { return nil }
            micros = Int64(value) * Int64([1, 100_000, 10_000, 1_000, 100, 10, 1][fraction])
        }
        return Int64((hours * 60 + minutes) * 60 + seconds) * 1_000_000 + micros
    }

    private static func digits(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<start + count {
            let digit = bytes[index] &- 48
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
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
