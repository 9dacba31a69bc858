import BulkFormats
import Foundation
import ObjectStore
import RedshiftSQL
import Testing
@testable import Engine

/// The column-at-a-time Parquet reader of external tables (`ParquetColumnRows`) against the text
/// path it replaces: the same file is read both ways into every column type, under several load
/// options, and each stored value or load error must be identical byte for byte. The values are
/// edge values: DECIMAL(38) extremes, negative numbers, scale differences between the file and
/// the column (dropped digits, rounded under ROUNDEC, added zeros, overflow), dates before 1970
/// and at 9999-12-31, timestamps with microseconds and before 1970, UTF-8, empty and blank
/// strings (CHAR drops trailing blanks), NULLs.
///
/// - Redshift: copy-usage_notes-copy-from-columnar (an external table's values are COPY's),
///   copy-parameters-data-conversion (ROUNDEC, TRUNCATECOLUMNS, EMPTYASNULL, BLANKSASNULL),
///   r_Load_Error_Reference (1204 overflow and length, 1205/1206 dates, 1207 digits).
@Suite struct ParquetColumnRowsTests {
    private static let fileColumns: [ParquetWriterColumn] = [
        .init(name: "i32", type: .integer), .init(name: "i64", type: .bigint), .init(name: "f64", type: .double),
        .init(name: "flag", type: .boolean), .init(name: "text", type: .string),
        .init(name: "d38", type: .decimal(precision: 38, scale: 0)), .init(name: "d38s6", type: .decimal(precision: 38, scale: 6)),
        .init(name: "d9s2", type: .decimal(precision: 9, scale: 2)), .init(name: "d18s4", type: .decimal(precision: 18, scale: 4)),
        .init(name: "day", type: .date), .init(name: "ts", type: .timestamp), .init(name: "tstz", type: .timestamptz),
        .init(name: "clock", type: .time), .init(name: "raw", type: .varbyte),
    ]

    private static let rows: [[BulkValue]] = [
        [.int(32767), .int(.max), .double(1.5e308), .boolean(true), .string("héllo wörld ✓"),
         .decimal("99999999999999999999999999999999999999", scale: 0), .decimal("-12345678901234567890123456789012.123456", scale: 6),
         .decimal("9999999.99", scale: 2), .decimal("99999999999999.9999", scale: 4),
         .date(-1), .timestamp(1_704_067_200_123_456, utc: false), .timestamp(-1, utc: true), .time(45_296_123_456), .bytes([0, 255])],
        [.int(-32769), .int(.min), .double(-0.0), .boolean(false), .string(""),
         .decimal("-99999999999999999999999999999999999999", scale: 0), .decimal("0.000000", scale: 6),
         .decimal("-0.01", scale: 2), .decimal("-99999999999999.9999", scale: 4),
         .date(-719_528), .timestamp(0, utc: false), .timestamp(-62_135_596_800_000_000, utc: true), .time(0), .bytes([])],
        [.int(40000), .int(2_147_483_648), .double(.infinity), .boolean(true), .string("   "),
         .decimal("1", scale: 0), .decimal("0.005000", scale: 6), .decimal("0.00", scale: 2), .decimal("0.0050", scale: 4),
         .date(2_932_896), .timestamp(253_402_300_799_999_999, utc: false), .timestamp(1_000, utc: true),
         .time(86_399_999_999), .bytes([1, 2, 3, 4, 5])],
        [.int(0), .int(-1), .double(5e-324), .boolean(false), .string("ab  "),
         .decimal("-1", scale: 0), .decimal("-0.005000", scale: 6), .decimal("1.00", scale: 2), .decimal("-0.0049", scale: 4),
         .date(-1_000_000), .timestamp(-1_000_000_000_000_000, utc: false), .timestamp(1_704_067_200_000_001, utc: true),
         .time(1), .bytes([0xCA, 0xFE])],
        [.int(-2_147_483_648), .int(9_223_372_036_854_775_806), .double(.nan), .boolean(true), .string(" 42 "),
         .decimal("12345678901234567890", scale: 0), .decimal("99999999999999999999999999999999.999999", scale: 6),
         .decimal("-9999999.99", scale: 2), .decimal("12345678901234.5678", scale: 4),
         .date(0), .timestamp(1, utc: false), .timestamp(0, utc: true), .time(43_200_000_000), .bytes([0x7F])],
        Array(repeating: .null, count: 14),
        [.int(12), .int(1_234_567), .double(0.1), .boolean(false), .string("日本語テキスト"),
         .decimal("-170141183460469231731687303715884105", scale: 0), .decimal("1.999999", scale: 6),
         .decimal("0.05", scale: 2), .decimal("-0.0001", scale: 4),
         .date(19_000), .timestamp(-1_500_000, utc: false), .timestamp(-86_400_000_001, utc: true), .time(59_999_999), .null],
    ]

    private static let targetTypes: [RedshiftType] = [
        .smallint, .integer, .bigint, .decimal(precision: 38, scale: 0), .decimal(precision: 38, scale: 6),
        .decimal(precision: 10, scale: 2), .decimal(precision: 19, scale: 0), .decimal(precision: 18, scale: 8),
        .decimal(precision: 20, scale: 1), .decimal(precision: 5, scale: 0), .real, .doublePrecision, .boolean,
        .varchar(length: 5), .varchar(length: 256), .char(length: 3), .char(length: 10), .date, .timestamp,
        .timestamptz, .time, .varbyte(length: 4),
    ]

    private static var optionSets: [LoadOptions] {
        var blanks = LoadOptions()
        blanks.emptyAsNull = true
        blanks.blanksAsNull = true
        var truncate = LoadOptions()
        truncate.truncateColumns = true
        truncate.trimBlanks = true
        var round = LoadOptions()
        round.roundDecimals = true
        return [LoadOptions(), blanks, truncate, round]
    }

    /// A stored value written out exactly (`LoadedValue.exactText`).
    private static func describe(_ value: LoadedValue, field: UnsafeBufferPointer<UInt8>) -> String {
        value.exactText(field: field)
    }

    private static func describe(_ error: LoadFieldError) -> String { "error \(error.code) \(error.reason) @\(error.position)" }

    /// The text path: the value's text (what COPY reads from a typed file), then the column's
    /// text conversion. NULL stays NULL (typed NULLs never reach the conversion).
    private static func textPath(_ value: BulkValue, _ converter: LoadFieldConverter) -> String {
        guard let text = BulkRowRecordSource.text(value, hex: converter.column.type.isVarbyte) else { return "null" }
        return text.withUnsafeBufferPointer { field in
            do throws(LoadFieldError) {
                return describe(try converter.convert(field, quoted: true), field: field)
            } catch {
                return describe(error)
            }
        }
    }

    private static func columnPath(_ rows: ParquetColumnRows, _ column: Int) -> String {
        do throws(LoadFieldError) {
            return try rows.withStoredValue(column) { describe($0, field: $1) }
        } catch {
            return describe(error)
        }
    }

    @Test(arguments: targetTypes)
    func columnAndTextPathsStoreTheSame(_ type: RedshiftType) throws {
        let store = MemoryObjectStore(buckets: ["bucket"])
        let location = S3Location(bucket: "bucket", key: "typed/all.parquet")
        // Dictionary-encoded strings and PLAIN ones (a dictionary page, then data pages of each).
        for writerOptions in [ParquetWriterOptions(), ParquetWriterOptions(dictionary: false)] {
            try store.writeParquet(at: location, columns: Self.fileColumns, rows: Self.rows, options: writerOptions)
            for options in Self.optionSets {
                let columns = Self.fileColumns.indices.map { CopyPlan.Column(name: "c\($0)", type: type, nullable: true) }
                let converters = columns.map { LoadFieldConverter(column: $0, options: options) }
                let parquet = try ParquetReader(store: store, location: location)
                let rows = try #require(ParquetColumnRows(parquet, sources: Array(columns.indices), converters: converters, location: location))
                var rowIndex = 0
                while try rows.next() {
                    let row = try #require(rowIndex < Self.rows.count ? Self.rows[rowIndex] : nil)
                    #expect(rows.rowNumber == rowIndex + 1)
                    for index in columns.indices {
                        let columnar = Self.columnPath(rows, index)
                        let text = Self.textPath(row[index], converters[index])
                        #expect(columnar == text, "\(type) \(Self.fileColumns[index].name) row \(rowIndex) \(row[index]) \(options)")
                    }
                    rowIndex += 1
                }
                #expect(rowIndex == Self.rows.count)
            }
        }
    }

    /// Direct checks of the DECIMAL conversion against the documented rules (r_Numeric_types201:
    /// DECIMAL(p ≤ 19) values are 64-bit, wider ones 128-bit; copy-parameters-data-conversion:
    /// ROUNDEC rounds, otherwise extra fraction digits are truncated).
    @Test func decimalsWithoutText() {
        func converter(_ precision: Int, _ scale: Int, round: Bool = false) -> LoadFieldConverter {
            var options = LoadOptions()
            options.roundDecimals = round
            return LoadFieldConverter(column: .init(name: "d", type: .decimal(precision: precision, scale: scale), nullable: true), options: options)
        }
        // 12.345 (scale 3) into DECIMAL(10,2): 12.34 truncated, 12.35 rounded.
        #expect(converter(10, 2).storedDecimal(magnitude: 12_345, negative: false, scale: 3) == .integer(1_234))
        #expect(converter(10, 2, round: true).storedDecimal(magnitude: 12_345, negative: true, scale: 3) == .integer(-1_235))
        // 1.5 (scale 1) into DECIMAL(10,3): 1.500.
        #expect(converter(10, 3).storedDecimal(magnitude: 15, negative: false, scale: 1) == .integer(1_500))
        // Does not fit: nil, the text conversion then reports the overflow with the value's text.
        #expect(converter(5, 2).storedDecimal(magnitude: 100_000, negative: false, scale: 2) == nil)
        #expect(converter(19, 0).storedDecimal(magnitude: 9_999_999_999_999_999_999, negative: false, scale: 0) == nil)
        // A wide column stores the order-preserving 16-byte form.
        let big = UInt128(10).power(37)
        if case .blob(let bytes) = converter(38, 0).storedDecimal(magnitude: big, negative: true, scale: 0) {
            // Big-endian two's complement with the sign bit flipped (WideDecimal's stored form).
            let bits = UInt128(bitPattern: -Int128(big)) ^ (UInt128(1) << 127)
            #expect(bytes == (0..<16).map { UInt8(truncatingIfNeeded: bits >> (8 * (15 - $0))) })
        } else {
            Issue.record("expected a BLOB for DECIMAL(38,0)")
        }
        // Not a DECIMAL column: the text path decides.
        let integer = LoadFieldConverter(column: .init(name: "i", type: .integer, nullable: true), options: LoadOptions())
        #expect(integer.storedDecimal(magnitude: 1, negative: false, scale: 0) == nil)
    }
}

private extension UInt128 {
    func power(_ exponent: Int) -> UInt128 { (0..<exponent).reduce(1) { value, _ in value * self } }
}
