/// DECIMAL values between Parquet's unscaled integers (INT32, INT64, or big-endian two's
/// complement bytes) and `BulkValue.decimal`'s canonical text ("-12.340" for scale 3).
enum DecimalText {
    /// The text of `unscaled / 10^scale`.
    static func format(_ unscaled: Int64, scale: Int) -> String {
        format(magnitude: UInt128(unscaled.magnitude), negative: unscaled < 0, scale: scale)
    }

    /// The text of a big-endian two's complement unscaled value of any length.
    static func format(bigEndianTwosComplement bytes: [UInt8], scale: Int) -> String {
        bytes.withUnsafeBufferPointer { format(bigEndianTwosComplement: $0, scale: scale) }
    }

    /// The text of a big-endian two's complement unscaled value read in place.
    static func format(bigEndianTwosComplement bytes: UnsafeBufferPointer<UInt8>, scale: Int) -> String {
        guard let first = bytes.first else { return place("0", negative: false, scale: scale) }
        let negative = first & 0x80 != 0
        if bytes.count <= 16 {   // the common widths (DECIMAL(38) takes 16 bytes): in a 128-bit integer
            var value: UInt128 = negative ? ~0 : 0
            for byte in bytes { value = value << 8 | UInt128(byte) }
            let signed = Int128(bitPattern: value)
            return format(magnitude: signed.magnitude, negative: signed < 0, scale: scale)
        }
        return formatWide(Array(bytes), negative: negative, scale: scale)
    }

    /// The text of `magnitude / 10^scale` (with `-` when `negative` and not zero), made from
    /// its digits in a stack buffer: the hot path of every DECIMAL a Parquet file holds.
    static func format(magnitude: UInt128, negative: Bool, scale: Int) -> String {
        if let narrow = UInt64(exactly: magnitude) { return format(digitsOf: narrow, negative: negative, scale: scale) }
        return format(digitsOf: magnitude, negative: negative, scale: scale)
    }

    private static func format<Magnitude: UnsignedInteger>(digitsOf magnitude: Magnitude, negative: Bool, scale: Int) -> String {
        let scale = max(scale, 0)
        let capacity = 44 + scale
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var position = capacity
            var rest = magnitude
            var digitCount = 0
            repeat {
                if scale > 0, digitCount == scale {
                    position -= 1
                    buffer[position] = 46
                }
                position -= 1
                buffer[position] = 48 + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                digitCount += 1
            } while rest > 0 || digitCount <= scale
            if negative, magnitude != 0 {
                position -= 1
                buffer[position] = 45
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[position..<capacity]), as: UTF8.self)
        }
    }

    /// `format(bigEndianTwosComplement:scale:)` for values wider than 16 bytes.
    static func formatWide(_ bytes: [UInt8], negative: Bool, scale: Int) -> String {
        var magnitude = bytes
        if negative {   // two's complement: invert and add one
            for i in magnitude.indices { magnitude[i] = ~magnitude[i] }
            var i = magnitude.count - 1
            while i >= 0 {
                let (sum, overflow) = magnitude[i].addingReportingOverflow(1)
                magnitude[i] = sum
                if !overflow { break }
                i -= 1
            }
        }
        return place(decimalDigits(ofBigEndian: magnitude), negative: negative, scale: scale)
    }

    /// The unscaled integer of `text` at `scale` as big-endian two's complement in `width` bytes,
    /// or nil when the text is not a number or does not fit.
    static func unscaledBytes(_ text: String, scale: Int, width: Int) -> [UInt8]? {
        guard let (negative, digits) = unscaledDigits(text, scale: scale) else { return nil }
        var magnitude = [UInt8](repeating: 0, count: width)
        for digit in digits {   // magnitude = magnitude * 10 + digit
            var carry = Int(digit)
            for i in stride(from: width - 1, through: 0, by: -1) {
                let value = Int(magnitude[i]) * 10 + carry
                magnitude[i] = UInt8(value & 0xFF)
                carry = value >> 8
            }
            if carry != 0 { return nil }
        }
        if magnitude.first.map({ $0 & 0x80 != 0 }) ?? false { return nil }
        guard negative else { return magnitude }
        for i in magnitude.indices { magnitude[i] = ~magnitude[i] }
        var i = width - 1
        while i >= 0 {
            let (sum, overflow) = magnitude[i].addingReportingOverflow(1)
            magnitude[i] = sum
            if !overflow { break }
            i -= 1
        }
        return magnitude
    }

    /// The unscaled integer of a plain `[-]digits[.digits]` text with at most `scale` fraction
    /// digits and at most `precision` (and 18) significant digits; nil for anything else, which
    /// `unscaledDigits` then reads (or rejects).
    static func plainUnscaled(_ text: String, scale: Int, precision: Int) -> Int64? {
        var text = text
        return text.withUTF8 { bytes -> Int64? in
            let count = bytes.count
            var index = 0
            var negative = false
            if index < count, bytes[index] == 45 || bytes[index] == 43 {
                negative = bytes[index] == 45
                index += 1
            }
            var value: Int64 = 0
            var significant = 0, digitCount = 0, fractionDigits = 0
            var seenPoint = false
            while index < count {
                let byte = bytes[index]
                index += 1
                if byte == 46, !seenPoint {
                    seenPoint = true
                    continue
                }
                let digit = byte &- 48
                guard digit < 10 else { return nil }
                digitCount += 1
                if seenPoint { fractionDigits += 1 }
                if significant > 0 || digit != 0 { significant += 1 }
                guard significant <= 18, fractionDigits <= scale else { return nil }
                value = value * 10 + Int64(digit)
            }
            guard digitCount > 0 else { return nil }
            for _ in fractionDigits..<scale {
                guard significant > 0 else { break }
                significant += 1
                guard significant <= 18 else { return nil }
                value *= 10
            }
            guard significant <= precision else { return nil }
            return negative ? -value : value
        }
    }

    /// The unscaled integer of `text` at `scale`, or nil when it is not a number or overflows.
    static func unscaledInt64(_ text: String, scale: Int) -> Int64? {
        guard let (negative, digits) = unscaledDigits(text, scale: scale) else { return nil }
        var value: Int64 = 0
        for digit in digits {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    /// The sign and the digits of `text` scaled to exactly `scale` fraction digits (extra
    /// fraction digits must be zeros).
    static func unscaledDigits(_ text: String, scale: Int) -> (Bool, [UInt8])? {
        let pieces = text.split(separator: " ")
        guard pieces.count == 1 else { return nil }
        var chars = pieces[0]
        var negative = false
        if chars.first == "-" || chars.first == "+" {
            negative = chars.first == "-"
            chars = chars.dropFirst()
        }
        let parts = chars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !(whole.isEmpty && (parts.count < 2 || parts[1].isEmpty)) else { return nil }
        var fraction = parts.count > 1 ? Array(parts[1].utf8) : []
        guard whole.utf8.allSatisfy({ (48...57).contains($0) }), fraction.allSatisfy({ (48...57).contains($0) }) else {
            return nil
        }
        if fraction.count > scale {
            guard fraction[scale...].allSatisfy({ $0 == 48 }) else { return nil }
            fraction.removeSubrange(scale...)
        }
        fraction += [UInt8](repeating: 48, count: scale - fraction.count)
        let digits = (Array(whole.utf8) + fraction).map { $0 - 48 }
        return (negative && digits.contains { $0 != 0 }, digits)
    }

    /// Inserts the decimal point `scale` digits from the right, with a leading "0" if needed.
    private static func place(_ digits: String, negative: Bool, scale: Int) -> String {
        var text = digits
        if scale > 0 {
            if text.count <= scale { text = String(repeating: "0", count: scale - text.count + 1) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -scale))
        }
        let isZero = !digits.contains { $0 != "0" }
        return negative && !isZero ? "-" + text : text
    }

    /// The base-10 digits of a big-endian unsigned integer.
    private static func decimalDigits(ofBigEndian bytes: [UInt8]) -> String {
        var number = Array(bytes.drop { $0 == 0 })
        if number.isEmpty { return "0" }
        var digits: [UInt8] = []
        while !number.isEmpty {   // divide by 10, collecting remainders
            var remainder = 0
            var quotient: [UInt8] = []
            quotient.reserveCapacity(number.count)
            for byte in number {
                let value = remainder << 8 | Int(byte)
                let q = value / 10
                remainder = value % 10
                if !quotient.isEmpty || q != 0 { quotient.append(UInt8(q)) }
            }
            digits.append(UInt8(48 + remainder))
            number = quotient
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}
