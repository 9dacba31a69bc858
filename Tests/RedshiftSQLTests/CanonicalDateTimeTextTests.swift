import Testing
@testable import RedshiftSQL

/// COPY stores a DATE or TIMESTAMP field already in the stored form as it is: that is right only
/// if parsing and rendering such a field gives it back, and if every other field is parsed.
struct CanonicalDateTimeTextTests {
    private func recognised(_ text: String, _ check: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
        Array(text.utf8).withUnsafeBufferPointer(check)
    }

    @Test(arguments: ["2024-02-29", "0001-01-01", "1970-01-01", "9999-12-31", "2000-02-29", "2023-04-30"])
    func canonicalDatesRenderAsThemselves(_ text: String) throws {
        #expect(recognised(text, CanonicalDateTimeText.isDate))
        let (value, offset) = try #require(DateTimeValue.parse(text))
        #expect(offset == nil)
        #expect(value.dateText == text)
    }

    @Test(arguments: ["2024-02-29 00:00:00", "2024-02-29 23:59:59", "1999-12-31 12:34:56.5", "2024-01-01 01:02:03.000001",
                      "9999-12-31 23:59:59.999999", "2024-06-30 10:00:00.12"])
    func canonicalTimestampsRenderAsThemselves(_ text: String) throws {
        #expect(recognised(text, CanonicalDateTimeText.isTimestamp))
        let (value, offset) = try #require(DateTimeValue.parse(text))
        #expect(offset == nil)
        #expect(value.timestampText == text)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2024-04-31", "2024-00-10", "2024-13-01", "2024-1-01", "2024/01/01",
                      " 2024-01-01", "2024-01-01 ", "20240101", "2024-01-01x", "+024-01-01"])
    func otherDatesAreParsed(_ text: String) {
        #expect(!recognised(text, CanonicalDateTimeText.isDate))
    }

    @Test(arguments: ["2024-01-01", "2024-01-01T10:00:00", "2024-01-01 24:00:00", "2024-01-01 10:60:00",
                      "2024-01-01 10:00:60", "2024-01-01 10:00:00.", "2024-01-01 10:00:00.50", "2024-01-01 10:00:00.1234567",
                      "2024-01-01 10:00:00Z", "2024-01-01 10:00:00+02", "2024-01-01 10:00", "2024-01-01  10:00:00",
                      "2023-02-29 10:00:00", "2024-01-01 1a:00:00"])
    func otherTimestampsAreParsed(_ text: String) {
        #expect(!recognised(text, CanonicalDateTimeText.isTimestamp))
    }
}
