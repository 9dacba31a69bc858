import Testing
@testable import PGWire

/// Bind's binary values read as PostgreSQL's `*send` functions write them
/// (protocol-overview.html#PROTOCOL-FORMAT-CODES; src/backend/utils/adt).
@Suite struct BinaryParameterTests {
    private func text(_ bytes: [UInt8], _ oid: Int32) throws -> String {
        try BinaryParameter.text(of: bytes, oid: oid)
    }

    @Test func integersAreBigEndian() throws {
        #expect(try text([0xFF, 0xFE], PGTypeOID.int2) == "-2")
        #expect(try text([0, 0, 1, 0], PGTypeOID.int4) == "256")
        #expect(try text([0, 0, 1, 0, 0, 0, 0, 0], PGTypeOID.int8) == "1099511627776")
        #expect(try text([1], PGTypeOID.bool) == "true")
        #expect(try text([0], PGTypeOID.bool) == "false")
    }

    @Test func floatsAreIEEE() throws {
        #expect(try text([0x3F, 0xC0, 0, 0], PGTypeOID.float4) == "1.5")
        #expect(try text([0x3F, 0xF8, 0, 0, 0, 0, 0, 0], PGTypeOID.float8) == "1.5")
        #expect(try text([0x7F, 0xF0, 0, 0, 0, 0, 0, 0], PGTypeOID.float8) == "Infinity")
    }

    @Test func numericIsBase10000() throws {
        // -12.3400: ndigits 2, weight 0, sign 0x4000, dscale 4, digits 12, 3400.
        #expect(try text([0, 2, 0, 0, 0x40, 0, 0, 4, 0, 12, 0x0D, 0x48], PGTypeOID.numeric) == "-12.3400")
        // 10000000.5: ndigits 3, weight 1, dscale 1, digits 1000, 0, 5000.
        #expect(try text([0, 3, 0, 1, 0, 0, 0, 1, 0x03, 0xE8, 0, 0, 0x13, 0x88], PGTypeOID.numeric) == "10000000.5")
        // 0.0001: ndigits 1, weight -1, dscale 4, digit 1.
        #expect(try text([0, 1, 0xFF, 0xFF, 0, 0, 0, 4, 0, 1], PGTypeOID.numeric) == "0.0001")
        // 0 with dscale 2: no digits.
        #expect(try text([0, 0, 0, 0, 0, 0, 0, 2], PGTypeOID.numeric) == "0.00")
    }

    @Test func datesAndTimesCountFrom2000() throws {
        #expect(try text([0, 0, 0, 0], PGTypeOID.date) == "2000-01-01")
        #expect(try text([0xFF, 0xFF, 0xFF, 0xFF], PGTypeOID.date) == "1999-12-31")
        #expect(try text([0, 0, 0x22, 0x3D], PGTypeOID.date) == "2023-12-31")   // 8765 days
        // 2024-01-02 03:04:05.6: 757_479_845_600_000 µs.
        let micros = Int64(757_479_845_600_000)
        let bytes = (0..<8).map { UInt8(truncatingIfNeeded: micros >> (56 - 8 * $0)) }
        #expect(try text(bytes, PGTypeOID.timestamp) == "2024-01-02 03:04:05.6")
        #expect(try text(bytes, PGTypeOID.timestamptz) == "2024-01-02 03:04:05.6+00")
        #expect(try text([0, 0, 0, 0, 0xDC, 0x89, 0x85, 0x00], PGTypeOID.time) == "01:01:40")   // 3_700_000_000 µs
    }

    @Test func textIsUTF8() throws {
        #expect(try text(Array("héllo".utf8), PGTypeOID.varchar) == "héllo")
        #expect(throws: BinaryParameter.Failure.self) { try text([0xFF], PGTypeOID.text) }
    }

    @Test func byteaAndVarbyteAreTheirBytesInByteasHexFormat() throws {
        #expect(try text([0x00, 0x01, 0xAB, 0xFF], PGTypeOID.bytea) == #"\x0001abff"#)
        #expect(try text([0x7F], PGTypeOID.varbyte) == #"\x7f"#)
        #expect(try text([], PGTypeOID.bytea) == #"\x"#)
    }

    @Test func wrongLengthsAndUnknownTypesFail() {
        #expect(throws: BinaryParameter.Failure(code: "22P03", message: "incorrect binary data format")) {
            try text([0, 1], PGTypeOID.int4)
        }
        #expect(throws: BinaryParameter.Failure.self) { try text([0, 1], PGTypeOID.unspecified) }
        #expect(throws: BinaryParameter.Failure.self) { try text([0, 1], 600) }
    }
}

/// Hostile binary values give an error or a value, never a trap.
@Suite struct BinaryParameterEdgeTests {
    @Test func extremesDoNotTrap() throws {
        let minInt64: [UInt8] = [0x80, 0, 0, 0, 0, 0, 0, 0]
        _ = try BinaryParameter.text(of: minInt64 + [0, 0, 0, 0, 0, 0, 0, 0], oid: PGTypeOID.interval)
        _ = try BinaryParameter.text(of: minInt64, oid: PGTypeOID.timestamp)
        _ = try BinaryParameter.text(of: minInt64, oid: PGTypeOID.time)
        _ = try BinaryParameter.text(of: [0x80, 0, 0, 0], oid: PGTypeOID.date)
        // numeric with the largest weight and scale the header allows, and no digits.
        _ = try BinaryParameter.text(of: [0, 0, 0x7F, 0xFF, 0, 0, 0x3F, 0xFF], oid: PGTypeOID.numeric)
        #expect(throws: BinaryParameter.Failure.self) {
            try BinaryParameter.text(of: [0, 5, 0, 0, 0, 0, 0, 0, 0, 1], oid: PGTypeOID.numeric)
        }
    }
}
