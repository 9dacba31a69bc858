/// Recognises load fields that are already in the form DATE and TIMESTAMP values are stored in
/// (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS[.ffffff]`, see `DateTimeValue`), so COPY stores the field's
/// bytes as they are instead of parsing and rendering them again. Anything else (other layouts,
/// blanks, zones, trailing fraction zeros) is left to `DateTimeValue.parse`.
enum CanonicalDateTimeText {
    /// `YYYY-MM-DD` of a real calendar day.
    static func isDate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == 10 && isDate(bytes, at: 0)
    }

    /// `YYYY-MM-DD HH:MM:SS`, then optionally `.` and 1 to 6 digits not ending in 0.
    static func isTimestamp(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        guard count >= 19, isDate(bytes, at: 0), bytes[10] == 32, bytes[13] == 58, bytes[16] == 58,
              let hour = twoDigits(bytes, 11), hour < 24, let minute = twoDigits(bytes, 14), minute < 60,
              let second = twoDigits(bytes, 17), second < 60 else { return false }
        if count == 19 { return true }
        guard bytes[19] == 46, count <= 26, count >= 21, bytes[count - 1] != 48 else { return false }
        for index in 20..<count where !isDigit(bytes[index]) { return false }
        return true
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }

    @inline(__always)
    private static func twoDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int? {
        let high = bytes[at] &- 48, low = bytes[at + 1] &- 48
        guard high < 10, low < 10 else { return nil }
        return Int(high) * 10 + Int(low)
    }

    private static func isDate(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard bytes[offset + 4] == 45, bytes[offset + 7] == 45,
              let century = twoDigits(bytes, offset), let yearInCentury = twoDigits(bytes, offset + 2),
              let month = twoDigits(bytes, offset + 5), (1...12).contains(month),
              let day = twoDigits(bytes, offset + 8), day >= 1 else { return false }
        return day <= DateTimeValue.daysInMonth(year: century * 100 + yearInCentury, month: month)
    }
}
