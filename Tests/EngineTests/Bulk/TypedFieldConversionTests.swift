import BulkFormats
import Foundation
import ObjectStore
import RedshiftSQL
import Testing
@testable import Engine

/// The typed path of COPY and Spectrum (a Parquet value's stored form made without its text)
/// against the text path it replaces: the same Parquet file is read both ways into every column
/// type, and the stored values and load errors must be identical byte for byte.
///
/// - Redshift: copy-usage_notes-copy-from-columnar (Parquet columns into table columns),
///   r_Load_Error_Reference (1204 overflow, 1205/1206 dates, 1207 digits, 1210 boolean).
@Suite struct TypedFieldConversionTests {
    private static let fileColumns: [ParquetWriterColumn] = [
        .init(name: "i32", type: .integer), .init(name: "i64", type: .bigint),
        .init(name: "f64", type: .double), .init(name: "f32", type: .real),
        .init(name: "flag", type: .boolean), .init(name: "text", type: .string),
        .init(name: "d38", type: .decimal(precision: 38, scale: 0)), .init(name: "d38s6", type: .decimal(precision: 38, scale: 6)),
        .init(name: "d9s2", type: .decimal(precision: 9, scale: 2)),
        .init(name: "day", type: .date), .init(name: "ts", type: .timestamp), .init(name: "tstz", type: .timestamptz),
        .init(name: "clock", type: .time), .init(name: "raw", type: .varbyte),
    ]

    private static let rows: [[BulkValue]] = [
        [.int(32767), .int(.max), .double(1.5e308), .double(Double(Float.greatestFiniteMagnitude)), .boolean(true),
         .string("héllo wörld ✓"), .decimal("99999999999999999999999999999999999999", scale: 0),
         .decimal("-12345678901234567890123456789012.123456", scale: 6), .decimal("9999999.99", scale: 2),
         .date(-1), .timestamp(1_704_067_200_123_456, utc: false), .timestamp(-1, utc: true), .time(45_296_123_456), .bytes([0, 255])],
        [.int(-32769), .int(.min), .double(-0.0), .double(Double(Float.leastNonzeroMagnitude)), .boolean(false),
         .string(""), .decimal("-99999999999999999999999999999999999999", scale: 0), .decimal("0.000000", scale: 6),
         .decimal("-0.01", scale: 2), .date(-719_528), .timestamp(0, utc: false), .timestamp(-62_135_596_800_000_000, utc: true),
         .time(0), .bytes([])],
        [.int(40000), .int(2_147_483_648), .double(.infinity), .double(-.infinity), .boolean(true),
         .string("   "), .decimal("1", scale: 0), .decimal("0.000001", scale: 6), .decimal("0.00", scale: 2),
         .date(2_932_896), .timestamp(253_402_300_799_999_999, utc: false), .timestamp(1_000, utc: true),
         .time(86_399_999_999), .bytes([1, 2, 3, 4, 5])],
        [.int(0), .int(-1), .double(5e-324), .double(Double(Float(3.14159))), .boolean(false),
         .string("12345678901234567890 "), .decimal("-1", scale: 0), .decimal("1.500000", scale: 6), .decimal("1.00", scale: 2),
         .date(-1_000_000), .timestamp(-1_000_000_000_000_000, utc: false), .timestamp(1_704_067_200_000_001, utc: true),
         .time(1), .bytes([0xCA, 0xFE])],
        [.int(-2_147_483_648), .int(9_223_372_036_854_775_806), .double(.nan), .double(0.1), .boolean(true),
         .string(" 42 "), .decimal("0", scale: 0), .decimal("-0.000001", scale: 6), .decimal("-9999999.99", scale: 2),
         .date(0), .timestamp(1, utc: false), .timestamp(0, utc: true), .time(43_200_000_000), .bytes([0x7F])],
        Array(repeating: .null, count: 14),
    ]

    private static let targetTypes: [RedshiftType] = [
        .smallint, .integer, .bigint, .decimal(precision: 38, scale: 0), .decimal(precision: 38, scale: 6),
        .decimal(precision: 10, scale: 2), .real, .doublePrecision, .boolean, .varchar(length: 5), .varchar(length: 256),
        .char(length: 3), .date, .timestamp, .timestamptz, .time, .varbyte(length: 4),
    ]

    private static var optionSets: [LoadOptions] {
        var blanks = LoadOptions()
        blanks.emptyAsNull = true
        blanks.blanksAsNull = true
        var truncate = LoadOptions()
        truncate.truncateColumns = true
        truncate.trimBlanks = true
        return [LoadOptions(), blanks, truncate]
    }

    /// A stored value written out exactly (`LoadedValue.exactText`).
    private static func describe(_ value: LoadedValue, field: UnsafeBufferPointer<UInt8>) -> String {
        value.exactText(field: field)
    }

    private static func describe(_ error: LoadFieldError, raw: [UInt8]) -> String {
        "error \(error.code) \(error.reason) @\(error.position) raw \(raw)"
    }

    /// The text path as it was: every value rendered, then the column's text conversion.
    private static func textPath(_ value: BulkValue, _ converter: LoadFieldConverter) -> String {
        guard let text = BulkRowRecordSource.text(value, hex: converter.column.type.isVarbyte) else {
            return converter.column.nullable ? "null" : "not null"
        }
        return text.withUnsafeBufferPointer { field in
            do throws(LoadFieldError) {
                return describe(try converter.convert(field, quoted: true), field: field)
            } catch {
                return describe(error, raw: text)
            }
        }
    }

    /// What COPY does now (CopyExecutor.load): NULL, else the typed value, else the lazily made text.
    private static func typedPath(_ reader: BulkRowRecordSource, _ index: Int, _ converter: LoadFieldConverter) -> String {
        if reader.isNull(index) { return converter.column.nullable ? "null" : "not null" }
        do throws(LoadFieldError) {
            if let value = try reader.storedValue(index, for: converter) {
                return describe(value, field: UnsafeBufferPointer(start: nil, count: 0))
            }
        } catch {
            return describe(error, raw: reader.withField(index) { Array($0) })
        }
        var outcome = ""
        var failure: LoadFieldError?
        reader.withFieldBytes(index) { field in
            do throws(LoadFieldError) {
                outcome = describe(try converter.convert(field, quoted: true), field: field)
            } catch {
                failure = error
            }
        }
        if let failure { return describe(failure, raw: reader.withField(index) { Array($0) }) }
        return outcome
    }

    @Test(arguments: targetTypes)
    func typedAndTextPathsStoreTheSame(_ type: RedshiftType) throws {
        let store = MemoryObjectStore(buckets: ["bucket"])
        let location = S3Location(bucket: "bucket", key: "typed/all.parquet")
        try store.writeParquet(at: location, columns: Self.fileColumns, rows: Self.rows)
        for options in Self.optionSets {
            for nullable in [true, false] {
                let columns = Self.fileColumns.indices.map { CopyPlan.Column(name: "c\($0)", type: type, nullable: nullable) }
                let converters = columns.map { LoadFieldConverter(column: $0, options: options) }
                let parquet = try ParquetReader(store: store, location: location)
                let reader = BulkRowRecordSource(columns: columns, sources: Array(columns.indices)) { (row: inout [BulkValue]) in
                    try parquet.nextRow(into: &row)
                }
                var rowIndex = 0
                while try reader.next() {
                    let row = try #require(rowIndex < Self.rows.count ? Self.rows[rowIndex] : nil)
                    for index in columns.indices {
                        let value = reader.value(index)
                        let typed = Self.typedPath(reader, index, converters[index])
                        let text = Self.textPath(value, converters[index])
                        #expect(typed == text, "\(type) \(Self.fileColumns[index].name) row \(rowIndex) \(value) \(row[index])")
                    }
                    // The field's text, made after the typed values, is still the value's text.
                    for index in columns.indices {
                        let expected = BulkRowRecordSource.text(reader.value(index), hex: type.isVarbyte) ?? []
                        #expect(reader.withField(index) { Array($0) } == expected)
                    }
                    rowIndex += 1
                }
                #expect(rowIndex == Self.rows.count)
            }
        }
    }

    /// The typed conversions that replace text: ranges and errors (r_Numeric_types201: SMALLINT
    /// -32768…32767, INTEGER -2147483648…2147483647).
    @Test func typedIntegersCheckTheColumnRange() throws {
        let smallint = LoadFieldConverter(column: .init(name: "s", type: .smallint, nullable: true), options: LoadOptions())
        #expect(try smallint.storedValue(of: .int(-32768)) == .integer(-32768))
        #expect(throws: LoadFieldError(code: 1204, reason: "Overflow, Value '40000', Pos 0, Type: Short")) {
            try smallint.storedValue(of: .int(40000))
        }
        let integer = LoadFieldConverter(column: .init(name: "i", type: .integer, nullable: true), options: LoadOptions())
        #expect(throws: LoadFieldError(code: 1204, reason: "Overflow, Value '-2147483649', Pos 0, Type: Integer")) {
            try integer.storedValue(of: .int(-2_147_483_649))
        }
        let real = LoadFieldConverter(column: .init(name: "r", type: .real, nullable: true), options: LoadOptions())
        #expect(throws: LoadFieldError(code: 1204, reason: "Overflow, Value '1e+300', Pos 0, Type: Float")) {
            try real.storedValue(of: .double(1e300))
        }
        // Pairs without a direct form keep the text path.
        #expect(try integer.storedValue(of: .string("1")) == nil)
        #expect(try real.storedValue(of: .double(.nan)) == nil)
        let decimal = LoadFieldConverter(column: .init(name: "d", type: .decimal(precision: 10, scale: 2), nullable: true), options: LoadOptions())
        #expect(try decimal.storedValue(of: .int(1)) == nil)
    }

    /// 38 integer digits into DECIMAL(38,6) do not fit: a 1204 overflow (r_Numeric_types201), where the
    /// text conversion used to trap on the Int128 overflow and stop the server.
    @Test func thirtyEightDigitsIntoAScaledDecimalOverflow() {
        let converter = LoadFieldConverter(column: .init(name: "d", type: .decimal(precision: 38, scale: 6), nullable: true), options: LoadOptions())
        for text in ["99999999999999999999999999999999999999", "-99999999999999999999999999999999999999.999999"] {
            let bytes = Array(text.utf8)
            #expect(throws: LoadFieldError(code: 1204, reason: "Overflow for NUMERIC(38,6), Value '\(String(text.prefix(40)))', Pos 0, Type: Decimal")) {
                try bytes.withUnsafeBufferPointer { field throws(LoadFieldError) in _ = try converter.convert(field, quoted: true) }
            }
        }
    }

    /// COPY of a Parquet INT64 too large for a SMALLINT column: the row is rejected with the text
    /// path's STL_LOAD_ERRORS row (r_STL_LOAD_ERRORS, r_Load_Error_Reference code 1204).
    @Test func copyRejectsAnOutOfRangeParquetInteger() async throws {
        let h = try CopyHarness()
        try await h.run("create table small (n smallint, name varchar(3))")
        try h.store.writeParquet(at: S3Location(bucket: "bucket", key: "small/x.parquet"),
                                 columns: [.init(name: "n", type: .bigint), .init(name: "name", type: .string)],
                                 rows: [[.int(7), .string("abc")], [.int(70000), .string("def")], [.int(8), .string("toolong")]])
        let copy = try await h.run("copy small from 's3://bucket/small/' \(CopyHarness.role) format as parquet maxerror 5")
        #expect(copy.status == .finished, "\(copy.error ?? "")")
        #expect(try await h.rows("select n, name from small") == [[.integer(7), .text("abc")]])
        let errors = try await h.rows("select line_number, trim(colname), trim(raw_field_value), err_code, trim(err_reason) from stl_load_errors order by line_number")
        #expect(errors == [
            [.integer(2), .text("n"), .text("70000"), .integer(1204), .text("Overflow, Value '70000', Pos 0, Type: Short")],
            [.integer(3), .text("name"), .text("toolong"), .integer(1204), .text("String length exceeds DDL length")],
        ])
    }
}
