import RedshiftSQL
import Testing
@testable import PGWire

/// Result values in binary: PostgreSQL's `*send` formats, and the Redshift driver's forms
/// (redshift_connector's `numeric_in_binary` and `interval_recv_integer`).
@Suite struct BinaryResultTests {
    private func bytes(_ value: SQLiteValue, _ type: RedshiftType,
                       _ dialect: BinaryResult.Dialect = .postgres) -> [UInt8]? {
        BinaryResult.bytes(of: value, type: type, dialect: dialect)
    }

    @Test func numbers() {
        #expect(bytes(.integer(-2), .smallint) == [0xFF, 0xFE])
        #expect(bytes(.integer(256), .integer) == [0, 0, 1, 0])
        #expect(bytes(.integer(70_000), .smallint) == nil)
        #expect(bytes(.real(1.5), .doublePrecision) == [0x3F, 0xF8, 0, 0, 0, 0, 0, 0])
        #expect(bytes(.real(1.5), .real) == [0x3F, 0xC0, 0, 0])
        #expect(bytes(.integer(1), .boolean) == [1])
    }

    @Test func numericRoundTripsThroughTheParameterReader() throws {
        for text in ["-12.3400", "10000000.5", "0.0001", "0.00", "123456789012345678901.5", "7"] {
            let encoded = try #require(PGNumeric.bytes(of: text))
            #expect(try BinaryParameter.text(of: encoded, oid: PGTypeOID.numeric) == text)
        }
    }

    @Test func redshiftNumericIsTheUnscaledInteger() {
        #expect(BinaryResult.scaledNumeric("-12.34", precision: 10) == BinaryResult.bigEndian(UInt64(bitPattern: -1234), 8))
        // 16 bytes past precision 18: -1234567890123456789012345 (two's complement, 128 bits).
        let wide = BinaryResult.scaledNumeric("-12345678901234567890123.45", precision: 30)
        #expect(wide?.count == 16)
        #expect(wide?.first == 0xFF)
    }

    @Test func datesAndTimesRoundTrip() throws {
        let cases: [(RedshiftType, String, Int32)] = [
            (.date, "2024-02-29", PGTypeOID.date), (.time, "01:02:03.5", PGTypeOID.time),
            (.timestamp, "2024-01-02 03:04:05.6", PGTypeOID.timestamp),
            (.timestamp, "1999-12-31 23:59:59", PGTypeOID.timestamp),
        ]
        for (type, text, oid) in cases {
            let encoded = try #require(bytes(.text(text), type))
            #expect(try BinaryParameter.text(of: encoded, oid: oid) == text)
        }
        let tz = try #require(bytes(.text("2024-01-02 03:04:05+00"), .timestamptz))
        #expect(try BinaryParameter.text(of: tz, oid: PGTypeOID.timestamptz) == "2024-01-02 03:04:05+00")
    }

    @Test func intervalsInBothForms() {
        // 1 day 2 hours, stored as months:days:microseconds.
        let stored = SQLiteValue.text("0:1:7200000000")
        #expect(bytes(stored, .interval)?.count == 16)
        let redshift = bytes(stored, .interval, .redshift)
        #expect(redshift == BinaryResult.bigEndian(93_600_000_000, 8) + [0, 0, 0, 0])
    }

    @Test func superHasNoBinaryForm() {
        #expect(!BinaryResult.supports(.super))
        #expect(BinaryResult.supports(.varchar(length: 10)))
    }
}
