import Testing
@testable import BulkFormats

/// The encodings of apache/parquet-format Encodings.md, and DECIMAL text conversion.
@Suite struct ParquetEncodingTests {
    // Encodings.md, RLE/bit-packing hybrid: bit-packed values 0..7 with bit width 3 are the
    // bytes 10001000 11000110 11111010 (header 0x03: one group of 8).
    @Test func bitPackedRunMatchesTheSpecificationExample() throws {
        var cursor = ByteCursor([0x03, 0x88, 0xC6, 0xFA])
        #expect(try RLEHybrid.decode(&cursor, bitWidth: 3, count: 8) == [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(RLEHybrid.encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3) == [0x03, 0x88, 0xC6, 0xFA])
    }

    @Test func repeatedRunIsRLE() throws {
        let values = [UInt32](repeating: 5, count: 100)
        let encoded = RLEHybrid.encode(values, bitWidth: 3)
        #expect(encoded == [200, 1, 5])   // header varint(100 << 1), one value byte
        var cursor = ByteCursor(encoded)
        #expect(try RLEHybrid.decode(&cursor, bitWidth: 3, count: 100) == values)
    }

    @Test func hybridRoundTripsMixedRuns() throws {
        for bitWidth in [1, 2, 5, 8, 13, 20, 32] {
            let limit = UInt64(1) << UInt64(bitWidth)
            var values: [UInt32] = []
            for i in 0..<1000 {
                let v = UInt32(UInt64(i * 7919 % 97) % limit)
                values += [UInt32](repeating: v, count: i % 13 == 0 ? 20 : 1)
            }
            var cursor = ByteCursor(RLEHybrid.encode(values, bitWidth: bitWidth))
            #expect(try RLEHybrid.decode(&cursor, bitWidth: bitWidth, count: values.count) == values)
        }
    }

    @Test func truncatedRunThrows() {
        var cursor = ByteCursor([0x05, 0x88])   // two groups promised, one byte present
        #expect(throws: ParquetError.self) { try RLEHybrid.decode(&cursor, bitWidth: 3, count: 16) }
    }

    // Encodings.md, DELTA_BINARY_PACKED example 1: 1, 2, 3, 4, 5 (all deltas 1: bit widths 0).
    @Test func deltaBinaryPackedConstantDeltas() throws {
        var cursor = ByteCursor([0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0, 0, 0, 0])
        #expect(try DeltaDecoders.binaryPacked(&cursor) == [1, 2, 3, 4, 5])
        #expect(cursor.remaining == 0)
    }

    // Encodings.md, DELTA_BINARY_PACKED example 2: 7, 5, 3, 1, 2, 3, 4, 5 (min delta -2,
    // relative deltas 0 0 0 3 3 3 3 in one 2-bit miniblock of 32 values).
    @Test func deltaBinaryPackedWithAMiniblock() throws {
        let bytes: [UInt8] = [0x80, 0x01, 0x04, 0x08, 0x0E, 0x03, 2, 0, 0, 0, 0xC0, 0x3F, 0, 0, 0, 0, 0, 0]
        var cursor = ByteCursor(bytes)
        #expect(try DeltaDecoders.binaryPacked(&cursor) == [7, 5, 3, 1, 2, 3, 4, 5])
        #expect(cursor.remaining == 0)
    }

    @Test func byteStreamSplitInterleavesBytes() throws {
        var cursor = ByteCursor([1, 2, 3, 4, 5, 6])
        #expect(try DeltaDecoders.byteStreamSplit(&cursor, width: 2, count: 3) == [[1, 4], [2, 5], [3, 6]])
    }

    @Test func plainBooleansAreBitPackedLSBFirst() throws {
        var cursor = ByteCursor([0b0000_0101, 0b1])
        guard case .booleans(let values) = try PlainDecoder.decode(&cursor, type: .boolean, typeLength: 0, count: 9) else {
            Issue.record("not booleans"); return
        }
        #expect(values == [true, false, true, false, false, false, false, false, true])
    }

    @Test func plainByteArrayPastTheEndThrows() {
        var cursor = ByteCursor([10, 0, 0, 0, 65])
        #expect(throws: ParquetError.self) { try PlainDecoder.decode(&cursor, type: .byteArray, typeLength: 0, count: 1) }
    }

    @Test func decimalTextFromUnscaledIntegers() {
        #expect(DecimalText.format(1234, scale: 2) == "12.34")
        #expect(DecimalText.format(-5, scale: 3) == "-0.005")
        #expect(DecimalText.format(0, scale: 2) == "0.00")
        #expect(DecimalText.format(42, scale: 0) == "42")
        #expect(DecimalText.format(Int64.min, scale: 0) == "-9223372036854775808")
        #expect(DecimalText.format(bigEndianTwosComplement: [0xFF, 0xFE], scale: 1) == "-0.2")
        #expect(DecimalText.format(bigEndianTwosComplement: [0x00, 0x80], scale: 0) == "128")
        // 10^30 as 16 bytes
        let big = DecimalText.unscaledBytes("1000000000000000000000000000000", scale: 0, width: 16)!
        #expect(DecimalText.format(bigEndianTwosComplement: big, scale: 0) == "1000000000000000000000000000000")
        let negative = DecimalText.unscaledBytes("-99999999999999999999999999999.999999999", scale: 9, width: 16)!
        #expect(DecimalText.format(bigEndianTwosComplement: negative, scale: 9) == "-99999999999999999999999999999.999999999")
    }

    @Test func decimalTextToUnscaledIntegers() {
        #expect(DecimalText.unscaledInt64("12.3", scale: 2) == 1230)
        #expect(DecimalText.unscaledInt64("-0.05", scale: 2) == -5)
        #expect(DecimalText.unscaledInt64("7", scale: 3) == 7000)
        #expect(DecimalText.unscaledInt64("1.230", scale: 2) == 123)   // trailing zeros dropped
        #expect(DecimalText.unscaledInt64("1.235", scale: 2) == nil)   // would lose a digit
        #expect(DecimalText.unscaledInt64("abc", scale: 0) == nil)
        #expect(DecimalText.unscaledInt64("", scale: 0) == nil)
        #expect(DecimalText.unscaledBytes("-1", scale: 0, width: 4) == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(DecimalText.unscaledBytes("2147483648", scale: 0, width: 4) == nil)
    }

    /// The quick reading of plain decimal texts agrees with the general one, and leaves it every
    /// text it does not take (more fraction digits than the scale, blanks, too many digits).
    @Test(arguments: ["12.3", "-0.05", "7", "0", "-0.00", "+5.5", ".5", "5.", "123456.78", "999999999999999.99",
                      "0000012.30", "1.230", "1.235", "abc", "", ".", "-", " 5", "1e3", "1.2.3", "99999999999999999.99"])
    func plainDecimalTextAgreesWithTheGeneralReading(_ text: String) {
        for (precision, scale) in [(12, 2), (18, 2), (5, 1), (9, 0), (18, 4)] {
            let general = DecimalText.unscaledDigits(text, scale: scale).flatMap { _, digits in
                digits.drop { $0 == 0 }.count <= precision ? DecimalText.unscaledInt64(text, scale: scale) : nil
            }
            if let quick = DecimalText.plainUnscaled(text, scale: scale, precision: precision) {
                #expect(quick == general, "\(text) at (\(precision),\(scale))")
            } else if text.contains(" ") == false, text.split(separator: ".").last.map({ $0.count <= scale }) ?? true,
                      general != nil, text.filter(\.isNumber).drop { $0 == "0" }.count <= 18 {
                Issue.record("\(text) at (\(precision),\(scale)) was left to the general reading")
            }
        }
    }
}

/// How values inside a nested field are rendered in its JSON text.
@Suite struct ParquetNestedJSONTests {
    @Test func civilDates() {
        #expect(CivilDate(days: 0).text == "1970-01-01")
        #expect(CivilDate(days: 18321).text == "2020-02-29")
        #expect(CivilDate(days: -1).text == "1969-12-31")
        #expect(CivilDate(days: -719_162).text == "0001-01-01")
        #expect(CivilDate(days: 2_932_896).text == "9999-12-31")
    }

    @Test func valuesAsJSON() {
        func json(_ value: BulkValue) -> String {
            var text = ""
            JSONText.append(value, to: &text)
            return text
        }
        #expect(json(.string("a\"b\\c\n\u{1}")) == #""a\"b\\c\n\u0001""#)
        #expect(json(.double(.nan)) == "null")
        #expect(json(.double(1.5)) == "1.5")
        #expect(json(.decimal("-0.50", scale: 2)) == "-0.50")
        #expect(json(.timestamp(-1, utc: false)) == #""1969-12-31 23:59:59.999999""#)
        #expect(json(.timestamp(1_577_934_245_000_000, utc: true)) == #""2020-01-02 03:04:05+00""#)
        #expect(json(.time(3_723_000_004)) == #""01:02:03.000004""#)
        #expect(json(.bytes([0x41, 0xFF])) == "\"A\u{FF}\"")
    }
}
