import RedshiftSQL

/// The text `BulkRowRecordSource.appendText` writes for a typed DATE (`YYYY-MM-DD`) or
/// TIMESTAMP (`YYYY-MM-DD HH:MM:SS[.ffffff]`, the fraction without trailing zeros), written into
/// a stack buffer instead of an array: the field a DATE or TIMESTAMP value's conversion reads.
/// Years outside 0…9999 give nil (their text is `appendText`'s).
enum DateTimeFieldText {
    /// Calls `body` with the text of `days` since 1970-01-01.
    @inline(__always)
    static func withText<T>(days: Int, _ body: (UnsafeBufferPointer<UInt8>) throws(LoadFieldError) -> T) throws(LoadFieldError) -> T? {
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        guard (0...9999).contains(year) else { return nil }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            writeDate(year, month, day, into: buffer)
            return Result { () throws(LoadFieldError) in try body(UnsafeBufferPointer(buffer)) }
        }.get()
    }

    /// Calls `body` with the text of `micros` since 1970-01-01 00:00:00.
    @inline(__always)
    static func withText<T>(micros: Int64, _ body: (UnsafeBufferPointer<UInt8>) throws(LoadFieldError) -> T) throws(LoadFieldError) -> T? {
        var days = micros / 86_400_000_000
        var rest = micros % 86_400_000_000
        if rest < 0 { rest += 86_400_000_000; days -= 1 }
        let (year, month, day) = CivilCalendar.civil(fromDays: Int(days))
        guard (0...9999).contains(year) else { return nil }
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 26) { buffer in
            writeDate(year, month, day, into: buffer)
            buffer[10] = 32
            let seconds = Int(rest / 1_000_000)
            write(seconds / 3600, width: 2, into: buffer, at: 11)
            buffer[13] = 58
            write(seconds / 60 % 60, width: 2, into: buffer, at: 14)
            buffer[16] = 58
            write(seconds % 60, width: 2, into: buffer, at: 17)
            var count = 19
            let fraction = Int(rest % 1_000_000)
            if fraction != 0 {
                buffer[19] = 46
                write(fraction, width: 6, into: buffer, at: 20)
                count = 26
                while buffer[count - 1] == 48 { count -= 1 }
            }
            return Result { () throws(LoadFieldError) in try body(UnsafeBufferPointer(rebasing: buffer[..<count])) }
        }.get()
    }

    @inline(__always)
    private static func writeDate(_ year: Int, _ month: Int, _ day: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        write(year, width: 4, into: buffer, at: 0)
        buffer[4] = 45
        write(month, width: 2, into: buffer, at: 5)
        buffer[7] = 45
        write(day, width: 2, into: buffer, at: 8)
    }

    /// The `width` last decimal digits of `value` (not negative), zero-padded.
    @inline(__always)
    private static func write(_ value: Int, width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var rest = value
        for index in stride(from: offset + width - 1, through: offset, by: -1) {
            buffer[index] = 48 + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
    }
}
