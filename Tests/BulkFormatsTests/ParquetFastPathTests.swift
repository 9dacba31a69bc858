import Testing
@testable import BulkFormats

/// The Parquet reader's fast paths (DECIMAL text from a 64/128-bit integer, STRING and DECIMAL
/// values converted in place from a PLAIN page) and the CSV encoder's byte-level fields give
/// what the general paths give.
@Suite struct ParquetFastPathTests {
    // parquet-format LogicalTypes.md, DECIMAL: the unscaled value, big-endian two's complement;
    // value = unscaled * 10^-scale.
    @Test func decimalTextOfEdgeValues() {
        #expect(DecimalText.format(0, scale: 2) == "0.00")
        #expect(DecimalText.format(-5, scale: 2) == "-0.05")
        #expect(DecimalText.format(36300, scale: 2) == "363.00")
        #expect(DecimalText.format(-123_456, scale: 0) == "-123456")
        #expect(DecimalText.format(Int64.min, scale: 0) == "-9223372036854775808")
        #expect(DecimalText.format(Int64.max, scale: 18) == "9.223372036854775807")
        #expect(DecimalText.format(7, scale: -2) == "7")   // a negative scale is read as 0 (the reader rejects one)
        let max38 = bytes16(of: "99999999999999999999999999999999999999")
        #expect(DecimalText.format(bigEndianTwosComplement: max38, scale: 0) == "99999999999999999999999999999999999999")
        #expect(DecimalText.format(bigEndianTwosComplement: max38, scale: 38) == "0.99999999999999999999999999999999999999")
        #expect(DecimalText.format(bigEndianTwosComplement: negate(max38), scale: 10) == "-9999999999999999999999999999.9999999999")
        #expect(DecimalText.format(bigEndianTwosComplement: [0x80] + [UInt8](repeating: 0, count: 15), scale: 0)
                == "-170141183460469231731687303715884105728")
        #expect(DecimalText.format(bigEndianTwosComplement: [0xff, 0xff], scale: 1) == "-0.1")
        #expect(DecimalText.format(bigEndianTwosComplement: [UInt8](), scale: 2) == "0.00")
    }

    @Test func decimalTextMatchesTheWideAlgorithm() {
        var generator = SystemRandomNumberGenerator()
        for width in 1...16 {
            for _ in 0..<200 {
                let bytes = (0..<width).map { _ in UInt8.random(in: 0...255, using: &generator) }
                for scale in [0, 2, 9, 18, 37] {
                    #expect(DecimalText.format(bigEndianTwosComplement: bytes, scale: scale)
                            == DecimalText.formatWide(bytes, negative: bytes[0] & 0x80 != 0, scale: scale), "\(bytes) \(scale)")
                }
            }
        }
        let wide = [UInt8](repeating: 0xfe, count: 20)   // wider than 16 bytes: the general algorithm
        #expect(DecimalText.format(bigEndianTwosComplement: wide, scale: 3)
                == DecimalText.formatWide(wide, negative: true, scale: 3))
    }

    @Test func plainStringsConvertInPlace() throws {
        let strings = ["", "abc", "naïve ✓ 日本", String(repeating: "x", count: 300)]
        var page: [UInt8] = []
        for text in strings {
            page.appendLittleEndian(UInt32(text.utf8.count))
            page += Array(text.utf8)
        }
        let converter = try ValueConverter(SchemaElement(type: .byteArray, name: "s", convertedType: .utf8))
        var fast = ByteCursor(page)
        var general = ByteCursor(page)
        let values = try converter.convertPlainBytes(&fast, fixedLength: nil, count: strings.count)
        #expect(values == strings.map { .string($0) })
        #expect(values == (try converter.convert(PlainDecoder.decode(&general, type: .byteArray, typeLength: 0, count: strings.count))))
        #expect(fast.position == page.count)

        var invalid = ByteCursor([2, 0, 0, 0, 0xC3, 0x28])
        #expect(throws: ParquetError.self) { try converter.convertPlainBytes(&invalid, fixedLength: nil, count: 1) }
        var short = ByteCursor([9, 0, 0, 0, 65])
        #expect(throws: ParquetError.self) { try converter.convertPlainBytes(&short, fixedLength: nil, count: 1) }
    }

    @Test func plainFixedDecimalsConvertInPlace() throws {
        var element = SchemaElement(type: .fixedLenByteArray, name: "d", convertedType: .decimal)
        element.typeLength = 6
        element.scale = 2
        element.precision = 12
        let converter = try ValueConverter(element)
        let page: [UInt8] = [0, 0, 0, 0, 0x8d, 0xcc,  0xff, 0xff, 0xff, 0xff, 0xff, 0xfb,  0, 0, 0, 0, 0, 0]
        var cursor = ByteCursor(page)
        let values = try converter.convertPlainBytes(&cursor, fixedLength: 6, count: 3)
        #expect(values == [.decimal("363.00", scale: 2), .decimal("-0.05", scale: 2), .decimal("0.00", scale: 2)])
        #expect(cursor.position == page.count)
    }

    @Test func csvFieldsFromBytesMatchWholeRows() throws {
        let encoder = CSVRowEncoder()
        let row: [OutputValue] = [.number("1"), .text("a,b", character: true), .null, .text("say \"hi\"", character: true),
                                  .text("", character: true), .text("line\nbreak", character: false), .boolean(true)]
        var whole: [UInt8] = []
        try encoder.encode(row, into: &whole)
        var fields: [UInt8] = []
        for (index, value) in row.enumerated() {
            if var text = value.text {
                text.withUTF8 { encoder.appendField($0, at: index, into: &fields) }
            } else {
                encoder.appendNull(at: index, into: &fields)
            }
        }
        encoder.endRow(into: &fields)
        #expect(fields == whole)
        // r_UNLOAD_command_examples: `2,"Columbus ""Crew"" Stadium",…`
        #expect(String(decoding: whole, as: UTF8.self) == "1,\"a,b\",,\"say \"\"hi\"\"\",,\"line\nbreak\",t\n")
    }

    private func bytes16(of decimal: String) -> [UInt8] {
        var value: UInt128 = 0
        for digit in decimal.utf8 { value = value * 10 + UInt128(digit - 48) }
        return (0..<16).map { UInt8(truncatingIfNeeded: value >> UInt128(8 * (15 - $0))) }
    }

    private func negate(_ bytes: [UInt8]) -> [UInt8] {
        var value: UInt128 = 0
        for byte in bytes { value = value << 8 | UInt128(byte) }
        value = ~value &+ 1
        return (0..<16).map { UInt8(truncatingIfNeeded: value >> UInt128(8 * (15 - $0))) }
    }
}
