import BulkFormats
import RedshiftSQL
import Testing
@testable import Engine

/// UNLOAD's hot paths (cells read straight from SQLite into text bytes or Parquet values) give
/// exactly what the general path (`SQLiteValue` → `RedshiftType.text(of:)`) gives, for every
/// storage class a column of each type can hold.
@Suite struct UnloadCellTextTests {
    static let types: [RedshiftType] = [
        .smallint, .integer, .bigint, .decimal(precision: 12, scale: 2), .decimal(precision: 38, scale: 0),
        .decimal(precision: 38, scale: 37), .decimal(precision: 5, scale: 5), .real, .doublePrecision, .boolean,
        .char(length: 4), .char(length: 1), .varchar(length: 64), .date, .timestamp, .timestamptz, .time, .timetz,
        .super, .varbyte(length: 16), .interval, .unknown,
    ]
    static let values: [SQLiteValue] = [
        .null, .integer(0), .integer(1), .integer(-1), .integer(5), .integer(-5), .integer(36300),
        .integer(Int64.max), .integer(Int64.min + 1), .integer(-123_456_789_012),
        .real(0), .real(-0.0), .real(1.5), .real(-2.25), .real(523.4567891234567), .real(1e20), .real(1.25e-7),
        .real(123_456_789_012_345.0), .real(.infinity), .real(-.infinity), .real(.nan), .real(0.1),
        .text(""), .text("abc"), .text("C001"), .text("naïve ✓ 日本"), .text("note, with a comma"),
        .text("1969-12-31"), .text("0001-01-01"), .text("2024-03-05 10:20:30"), .text("1900-02-28 23:59:59.123456"),
        .text("2024-03-05 10:20:30.5"), .text("10:20:30"), .text("12.5"), .text("t"), .text("0"),
        .blob([]), .blob([0x00, 0xff, 0x10]),
    ]

    /// Values each type's columns actually hold (the general path traps on some others, e.g. a
    /// REAL beyond Int64 in an integer column; the fast path keeps that behaviour).
    static func fits(_ value: SQLiteValue, _ type: RedshiftType) -> Bool {
        guard case .real(let d) = value else { return true }
        switch type {
        case .smallint, .integer, .bigint: return d.isFinite && abs(d) < 9e18
        default: return true
        }
    }

    @Test func cellTextMatchesTheGeneralPath() {
        for type in Self.types {
            let cell = UnloadCellText(type)
            for value in Self.values where Self.fits(value, type) {
                let row = MemoryResultRow(values: [.integer(7), value])
                var out: [UInt8] = [9]
                let present = cell.append(row, 1, to: &out)
                let expected = OutputValue(value, type: type).text
                #expect(present == (expected != nil), "\(type) \(value)")
                #expect(String(decoding: out.dropFirst(), as: UTF8.self) == (expected ?? ""), "\(type) \(value)")
            }
        }
    }

    // r_UNLOAD_command_examples: numeric columns print their full scale ("363.00"); CHAR is
    // blank-padded (r_Character_types); booleans print t/f; floats PostgreSQL's way (15 and 6
    // significant digits).
    @Test func documentedTexts() {
        func text(_ value: SQLiteValue, _ type: RedshiftType) -> String {
            var out: [UInt8] = []
            _ = UnloadCellText(type).append(MemoryResultRow(values: [value]), 0, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(text(.integer(36300), .decimal(precision: 8, scale: 2)) == "363.00")
        #expect(text(.integer(-5), .decimal(precision: 8, scale: 2)) == "-0.05")
        #expect(text(.integer(0), .decimal(precision: 8, scale: 2)) == "0.00")
        #expect(text(.text("ab"), .char(length: 4)) == "ab  ")
        #expect(text(.integer(1), .boolean) == "t")
        #expect(text(.real(0.1), .doublePrecision) == "0.1")
        #expect(text(.real(1.0 / 3.0), .doublePrecision) == "0.333333333333333")
        #expect(text(.real(1.0 / 3.0), .real) == "0.333333")
        #expect(text(.text("1969-12-31"), .date) == "1969-12-31")
        #expect(text(.text("naïve ✓"), .varchar(length: 16)) == "naïve ✓")
    }

    @Test func parquetValuesMatchTheGeneralPath() throws {
        for type in Self.types {
            for value in Self.values where Self.fits(value, type) {
                let row = MemoryResultRow(values: [value])
                let general = Result { try ParquetUnload.bulkValue(value, type: type) }
                let fast = Result { try ParquetUnload.bulkValue(row, 0, type: type) }
                switch (general, fast) {
                case (.success(let a), .success(let b)):
                    if case .double(let x) = a, case .double(let y) = b, x.isNaN, y.isNaN { continue }
                    #expect(a == b, "\(type) \(value)")
                case (.failure, .failure): break
                default: Issue.record("\(type) \(value): \(general) vs \(fast)")
                }
            }
        }
    }
}
