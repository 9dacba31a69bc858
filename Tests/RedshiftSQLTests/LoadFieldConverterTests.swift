import Testing
@testable import RedshiftSQL

/// COPY's field conversion (copy-parameters-data-conversion) and its load error codes
/// (r_Load_Error_Reference).
struct LoadFieldConverterTests {
    private func convert(_ text: String, _ type: RedshiftType, nullable: Bool = true, _ configure: (inout LoadOptions) -> Void = { _ in })
        -> Result<LoadedValue, LoadFieldError> {
        var options = LoadOptions()
        configure(&options)
        let converter = LoadFieldConverter(column: CopyPlan.Column(name: "c", type: type, nullable: nullable), options: options)
        return Array(text.utf8).withUnsafeBufferPointer { field in Result { () throws(LoadFieldError) in try converter.convert(field) } }
    }

    @Test(arguments: [
        ("42", RedshiftType.integer, LoadedValue.integer(42)),
        (" -7 ", .smallint, .integer(-7)),
        ("9223372036854775807", .bigint, .integer(Int64.max)),
        ("-9223372036854775808", .bigint, .integer(Int64.min)),
        ("12.345", .decimal(precision: 8, scale: 2), .integer(1234)),
        ("-0.5", .decimal(precision: 8, scale: 2), .integer(-50)),
        ("1.5", .doublePrecision, .real(1.5)),
        ("t", .boolean, .integer(1)),
        ("No", .boolean, .integer(0)),
        ("2024-02-29", .date, .fieldText),
        ("2024-02-29 13:14:15", .timestamp, .fieldText),
        ("2024-02-29 13:14:15.25", .timestamp, .fieldText),
        (" 2024-02-29", .date, .text("2024-02-29")),
        ("02/29/2024", .date, .text("2024-02-29")),
        ("2024-02-29T13:14:15", .timestamp, .text("2024-02-29 13:14:15")),
        ("2024-02-29 13:14:15.250", .timestamp, .text("2024-02-29 13:14:15.25")),
        ("2024-02-29", .timestamp, .text("2024-02-29 00:00:00")),
        ("-2.5e3", .doublePrecision, .real(-2500)),
        (" .5 ", .doublePrecision, .real(0.5)),
        ("Infinity", .doublePrecision, .real(.infinity)),
        ("0.1", .real, .real(Double(Float(0.1)))),
        ("TRUE", .boolean, .integer(1)),
        (" yes ", .boolean, .integer(1)),
        ("abc", .varchar(length: 3), .fieldText),
        ("ab  ", .char(length: 2), .text("ab")),
        ("\\N", .varchar(length: 3), .null),
        ("", .integer, .null),
        ("", .varchar(length: 3), .text("")),
        ("   ", .integer, .null),
        ("0aff", .varbyte(length: 4), .blob([0x0A, 0xFF])),
    ])
    func converts(_ text: String, _ type: RedshiftType, _ expected: LoadedValue) throws {
        #expect(try convert(text, type).get() == expected)
    }

    @Test(arguments: [
        ("1x", RedshiftType.integer, 1207, "Invalid digit, Value 'x', Pos 1, Type: Integer"),
        ("40000", .smallint, 1204, "Overflow, Value '40000', Pos 0, Type: Short"),
        ("12a", .decimal(precision: 5, scale: 1), 1207, "Invalid digit, Value 'a', Pos 2, Type: Decimal"),
        ("12345", .decimal(precision: 5, scale: 1), 1204, "Overflow for NUMERIC(5,1), Value '12345', Pos 0, Type: Decimal"),
        ("maybe", .boolean, 1210, "Invalid boolean value, Value 'maybe'"),
        ("abcd", .varchar(length: 3), 1204, "String length exceeds DDL length"),
        ("2024-13-01", .date, 1205, "Invalid date format or value [YYYY-MM-DD]"),
        ("2023-02-29", .date, 1205, "Invalid date format or value [YYYY-MM-DD]"),
        ("2023-02-29 10:00:00", .timestamp, 1206, "Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]"),
        ("1.5x", .doublePrecision, 1208, "Invalid digit, Value '1.5x', Pos 3, Type: Double"),
        ("1e5e", .doublePrecision, 1208, "Invalid digit, Value '1e5e', Pos 0, Type: Double"),
        ("24-1-1", .date, 1205, "Invalid Date Format - length must be 10 or more"),
        ("yesterday", .timestamp, 1206, "Invalid timestamp format or value [YYYY-MM-DD HH24:MI:SS]"),
    ])
    func rejects(_ text: String, _ type: RedshiftType, _ code: Int, _ reason: String) {
        guard case .failure(let error) = convert(text, type) else { Issue.record("expected \(code)"); return }
        #expect(error.code == code)
        #expect(error.reason == reason)
    }

    @Test func notNullColumnsRejectNulls() {
        guard case .failure(let error) = convert("\\N", .integer, nullable: false) else { Issue.record("expected 1213"); return }
        #expect(error == LoadFieldError(code: 1213, reason: "Missing data for not-null field"))
    }

    @Test func optionsChangeValues() throws {
        #expect(try convert("abcdef", .varchar(length: 3)) { $0.truncateColumns = true }.get() == .text("abc"))
        #expect(try convert("  ", .varchar(length: 3)) { $0.blanksAsNull = true }.get() == .null)
        #expect(try convert("", .varchar(length: 3)) { $0.emptyAsNull = true }.get() == .null)
        #expect(try convert("NA", .integer) { $0.nullString = Array("NA".utf8) }.get() == .null)
        #expect(try convert("20.259", .decimal(precision: 8, scale: 2)) { $0.roundDecimals = true }.get() == .integer(2026))
        #expect(try convert("1700000000123", .timestamp) { $0.timeFormat = "epochmillisecs" }.get() == .text("2023-11-14 22:13:20.123"))
        #expect(try convert("31.12.2023", .date) { $0.dateFormat = "DD.MM.YYYY" }.get() == .text("2023-12-31"))
        #expect(try convert("garbage", .date) { $0.acceptAnyDate = true }.get() == .null)
        #expect(try convert("ab   ", .varchar(length: 3)) { $0.trimBlanks = true }.get() == .text("ab"))
    }

    @Test func invalidUTF8IsRejectedOrReplaced() throws {
        let bytes: [UInt8] = [0x61, 0xC3, 0x28, 0x62]
        let converter = LoadFieldConverter(column: CopyPlan.Column(name: "c", type: .varchar(length: 10), nullable: true), options: LoadOptions())
        let rejected = bytes.withUnsafeBufferPointer { field in Result { () throws(LoadFieldError) in try converter.convert(field) } }
        guard case .failure(let error) = rejected else { Issue.record("expected 1220"); return }
        #expect(error.code == 1220)
        var options = LoadOptions()
        options.invalidCharacterReplacement = UInt8(ascii: "?")
        let accepting = LoadFieldConverter(column: converter.column, options: options)
        let value = bytes.withUnsafeBufferPointer { field in Result { () throws(LoadFieldError) in try accepting.convert(field) } }
        #expect(try value.get() == .text("a?(b"))
    }
}

/// Round trip (r_UNLOAD FORMAT PARQUET, copy-usage-varbyte): an empty VARBYTE value written to
/// Parquet is zero bytes, and COPY FORMAT PARQUET must load it as zero bytes, not as NULL; an empty
/// unquoted text field of a VARBYTE column stays NULL (an empty non-character field,
/// copy-parameters-data-conversion).
@Suite struct EmptyVarbyteLoadTests {
    private func convert(quoted: Bool, emptyAsNull: Bool = false) throws -> LoadedValue {
        var options = LoadOptions()
        options.emptyAsNull = emptyAsNull
        let converter = LoadFieldConverter(column: CopyPlan.Column(name: "v", type: .varbyte(length: 8), nullable: true), options: options)
        return try [UInt8]().withUnsafeBufferPointer { field in try converter.convert(field, quoted: quoted) }
    }

    @Test func aTypedOrQuotedEmptyValueIsZeroBytes() throws {
        #expect(try convert(quoted: true) == .blob([]))
    }

    @Test func anUnquotedEmptyFieldOrEmptyAsNullIsNull() throws {
        #expect(try convert(quoted: false) == .null)
        #expect(try convert(quoted: true, emptyAsNull: true) == .null)
    }
}

/// copy-parameters-data-conversion: a field that is not JSON loads into SUPER as a SUPER string;
/// it is stored as that JSON string (JSON_SERIALIZE gives it back quoted), so a JSON string unloaded
/// by UNLOAD FORMAT JSON and copied back is the same SUPER value (r_UNLOAD, r_COPY).
@Suite struct SuperStringLoadTests {
    private func convert(_ text: String) throws -> LoadedValue {
        let converter = LoadFieldConverter(column: CopyPlan.Column(name: "j", type: .super, nullable: true), options: LoadOptions())
        return try Array(text.utf8).withUnsafeBufferPointer { field in try converter.convert(field, quoted: true) }
    }

    @Test func aBareStringIsStoredAsAJSONString() throws {
        #expect(try convert("str") == .text("\"str\""))
        #expect(try convert("say \"hi\"\\\n") == .text("\"say \\\"hi\\\"\\\\\\n\""))
    }

    @Test func jsonTextIsStoredAsItIs() throws {
        #expect(try convert("{\"a\":1}") == .fieldText)
        #expect(try convert("\"str\"") == .fieldText)
    }
}
