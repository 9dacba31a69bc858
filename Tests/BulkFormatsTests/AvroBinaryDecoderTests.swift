import Testing
@testable import BulkFormats

/// Avro specification, "Binary Encoding": int and long are zig-zag variable-length; the decimal
/// logical type is a two's-complement big-endian integer.
@Suite struct AvroBinaryDecoderTests {
    // The specification's table: 0 -> 00, -1 -> 01, 1 -> 02, -2 -> 03, 2 -> 04, -64 -> 7f, 64 -> 80 01.
    @Test(arguments: [([0x00], 0), ([0x01], -1), ([0x02], 1), ([0x03], -2), ([0x04], 2), ([0x7f], -64), ([0x80, 0x01], 64)]
          as [([UInt8], Int64)])
    func zigZagLongs(bytes: [UInt8], value: Int64) throws {
        var decoder = AvroBinaryDecoder(bytes)
        #expect(try decoder.readLong() == value)
        #expect(decoder.isAtEnd)
    }

    @Test func extremeLongs() throws {
        var decoder = AvroBinaryDecoder(AvroFixtures.long(.min) + AvroFixtures.long(.max))
        #expect(try decoder.readLong() == .min)
        #expect(try decoder.readLong() == .max)
    }

    @Test func anOverlongVarintThrows() throws {
        var decoder = AvroBinaryDecoder([UInt8](repeating: 0xff, count: 11))
        #expect(throws: AvroError.self) { try decoder.readLong() }
    }

    @Test func anIntOutOfRangeThrows() throws {
        var decoder = AvroBinaryDecoder(AvroFixtures.long(Int64(Int32.max) + 1))
        #expect(throws: AvroError.self) { try decoder.readInt() }
    }

    @Test func floatsAndDoublesAreLittleEndian() throws {
        var decoder = AvroBinaryDecoder([0x00, 0x00, 0x80, 0x3f] + [0, 0, 0, 0, 0, 0, 0xf8, 0x3f])
        #expect(try decoder.readFloat() == 1.0)
        #expect(try decoder.readDouble() == 1.5)
    }

    @Test func lengthsPastTheEndThrow() throws {
        var decoder = AvroBinaryDecoder(AvroFixtures.long(10) + [1, 2])
        #expect(throws: AvroError.self) { try decoder.readBytes() }
        var negative = AvroBinaryDecoder(AvroFixtures.long(-3))
        #expect(throws: AvroError.self) { try negative.readBytes() }
    }

    @Test(arguments: [
        ([0xcf, 0xcc], 3, "-12.340"),   // -12340
        ([0x30, 0x39], 2, "123.45"),
        ([0x00], 2, "0.00"),
        ([0xff], 2, "-0.01"),
        ([0x80], 0, "-128"),
        ([0x00, 0x80], 0, "128"),
        ([], 1, "0.0"),
        ([0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], 0, "18446744073709551616"),   // 2^64
        ([0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00], 4, "-1844674407370955.1616"), // -2^64
    ] as [([UInt8], Int, String)])
    func decimals(unscaled: [UInt8], scale: Int, text: String) {
        #expect(AvroDecimal.text(unscaled: unscaled, scale: scale) == text)
    }
}
