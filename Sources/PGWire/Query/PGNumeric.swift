/// PostgreSQL's numeric_send of a plain decimal text: ndigits, weight, sign, dscale and base-10000
/// digits aligned on the decimal point.
enum PGNumeric {
    static func bytes(of text: String) -> [UInt8]? {
        if text == "NaN" { return int16s([0, 0, Int16(bitPattern: 0xC000), 0]) }
        var body = Substring(text)
        let negative = body.first == "-"
        if negative || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholePart = parts.first, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        let whole = String(wholePart.drop { $0 == "0" })
        // Pad the whole part on the left and the fraction on the right to groups of four.
        let paddedWhole = String(repeating: "0", count: (4 - whole.count % 4) % 4) + whole
        let paddedFraction = fraction + String(repeating: "0", count: (4 - fraction.count % 4) % 4)
        var groups = chunks(paddedWhole) + chunks(paddedFraction)
        var weight = paddedWhole.count / 4 - 1
        // Strip leading and trailing zero groups.
        while let first = groups.first, first == 0 { groups.removeFirst(); weight -= 1 }
        while let last = groups.last, last == 0 { groups.removeLast() }
        if groups.isEmpty { weight = 0 }
        guard groups.count < Int(Int16.max), fraction.count < Int(Int16.max), weight < Int(Int16.max) else { return nil }
        let sign: Int16 = negative && !groups.isEmpty ? 0x4000 : 0
        return int16s([Int16(groups.count), Int16(weight), sign, Int16(fraction.count)] + groups.map { Int16($0) })
    }

    private static func chunks(_ digits: String) -> [Int] {
        var result: [Int] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let end = digits.index(index, offsetBy: 4)
            result.append(Int(digits[index..<end])!)
            index = end
        }
        return result
    }

    private static func int16s(_ values: [Int16]) -> [UInt8] {
        values.flatMap { BinaryResult.bigEndian(UInt64(UInt16(bitPattern: $0)), 2) }
    }
}
