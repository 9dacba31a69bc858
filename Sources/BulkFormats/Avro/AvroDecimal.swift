/// Avro's `decimal` logical type: a two's-complement big-endian unscaled integer of any length,
/// rendered as `BulkValue.decimal`'s canonical text.
enum AvroDecimal {
    /// The canonical text of `unscaled` × 10^-`scale` ("-12.340" for [0xcf, 0xcc] and scale 3).
    static func text(unscaled: [UInt8], scale: Int) -> String {
        guard let first = unscaled.first else { return scale > 0 ? "0." + String(repeating: "0", count: scale) : "0" }
        let negative = first & 0x80 != 0
        var magnitude = unscaled
        if negative {   // two's complement: invert and add one
            for index in magnitude.indices { magnitude[index] = ~magnitude[index] }
            var index = magnitude.count - 1
            while index >= 0 {
                let (sum, overflow) = magnitude[index].addingReportingOverflow(1)
                magnitude[index] = sum
                if !overflow { break }
                index -= 1
            }
        }
        var digits = decimalDigits(of: magnitude)
        if digits.count <= scale { digits = String(repeating: "0", count: scale + 1 - digits.count) + digits }
        let sign = negative && digits.contains(where: { $0 != "0" }) ? "-" : ""
        guard scale > 0 else { return sign + digits }
        let split = digits.index(digits.endIndex, offsetBy: -scale)
        return sign + digits[..<split] + "." + digits[split...]
    }

    /// The base-10 digits of a big-endian unsigned integer ("0" for zero).
    private static func decimalDigits(of bigEndian: [UInt8]) -> String {
        var number = Array(bigEndian.drop { $0 == 0 })
        var reversedDigits: [UInt8] = []
        while !number.isEmpty {
            var remainder: UInt16 = 0
            for index in number.indices {
                let current = remainder << 8 | UInt16(number[index])
                number[index] = UInt8(current / 10)
                remainder = current % 10
            }
            reversedDigits.append(UInt8(remainder) + UInt8(ascii: "0"))
            number = Array(number.drop { $0 == 0 })
        }
        return reversedDigits.isEmpty ? "0" : String(decoding: reversedDigits.reversed(), as: UTF8.self)
    }
}
