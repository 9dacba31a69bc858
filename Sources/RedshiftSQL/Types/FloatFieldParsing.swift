#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a DOUBLE PRECISION load field written in plain decimal or exponent notation (digits,
/// sign, point, `e`) straight from its bytes with the C library's `strtod` (correctly rounded, as
/// `Double(String)`, which calls it too), without making a String of it. Other spellings
/// (`inf`, `NaN`, hexadecimal) and bad fields are left to the caller's `Double(String)`.
enum FloatFieldParsing {
    /// The longest field read here; longer ones take the general path.
    private static let maximumLength = 63

    /// Whether `strtod` reads `.` as the decimal point (the process's C locale); when it does
    /// not, every field takes the general path.
    private static let pointIsDecimal: Bool = "1.5".withCString { strtod($0, nil) } == 1.5

    static func plainDouble(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let count = bytes.count
        guard count > 0, count <= maximumLength, pointIsDecimal else { return nil }
        for byte in bytes {
            guard (byte >= 48 && byte <= 57) || byte == 46 || byte == 45 || byte == 43 || byte == 101 || byte == 69 else { return nil }
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: maximumLength + 1) { buffer -> Double? in
            let base = buffer.baseAddress!
            UnsafeMutableRawPointer(base).copyMemory(from: bytes.baseAddress!, byteCount: count)
            base[count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(base, &end)
            guard let end, end == base + count else { return nil }
            return value
        }
    }
}
