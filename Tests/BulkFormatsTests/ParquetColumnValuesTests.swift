import ObjectStore
import Testing
@testable import BulkFormats

/// Column-at-a-time reading (`ParquetReader.nextRowGroup(fields:)`) gives the values row reading
/// (`nextRow()`) gives, over many pages and row groups, NULLs, dictionary and PLAIN pages, and
/// throws the same errors.
@Suite struct ParquetColumnValuesTests {
    static let location = ParquetRoundTripTests.location

    private static let columns: [ParquetWriterColumn] = [
        .init(name: "n", type: .bigint, nullable: false), .init(name: "i", type: .integer),
        .init(name: "s", type: .string), .init(name: "d", type: .decimal(precision: 12, scale: 2)),
        .init(name: "w", type: .decimal(precision: 38, scale: 4)), .init(name: "small", type: .decimal(precision: 9, scale: 3)),
        .init(name: "day", type: .date), .init(name: "ts", type: .timestamp), .init(name: "f", type: .real),
        .init(name: "g", type: .double), .init(name: "flag", type: .boolean), .init(name: "raw", type: .varbyte),
        .init(name: "clock", type: .time),
    ]

    private static func row(_ i: Int) -> [BulkValue] {
        let null = i % 7 == 3
        return [
            .int(Int64(i) * 7 - 500),
            null ? .null : .int(Int64(i % 1000) - 300),
            null ? .null : .string(i % 11 == 0 ? "" : "code \(i % 97) é"),
            null ? .null : .decimal(DecimalText.format(Int64(i) * 12_345 - 9_000_000, scale: 2), scale: 2),
            null ? .null : .decimal(DecimalText.format(Int64(i) * -98_765_432_101, scale: 4), scale: 4),
            null ? .null : .decimal(DecimalText.format(Int64(i % 1000) - 500, scale: 3), scale: 3),
            null ? .null : .date(Int32(i % 40_000) - 20_000),
            null ? .null : .timestamp(Int64(i) * 1_000_003_017 - 50_000_000_000, utc: false),
            null ? .null : .double(Double(Float(Double(i) / 3))),
            null ? .null : .double(Double(i) * -0.25),
            null ? .null : .boolean(i % 3 == 0),
            null ? .null : .bytes([UInt8(i % 256), 0xFF]),
            null ? .null : .time(Int64(i) * 1_000_001 % 86_400_000_000),
        ]
    }

    private static func readByColumns(_ reader: ParquetReader, fields: [Int]) throws -> [[BulkValue]] {
        var rows: [[BulkValue]] = []
        while let group = try reader.nextRowGroup(fields: fields) {
            for _ in 0..<group.rows {
                for column in group.columns { try column.advance() }
                rows.append(group.columns.map { $0.value() })
            }
        }
        return rows
    }

    @Test(arguments: [true, false])
    func columnsReadWhatRowsRead(dictionary: Bool) throws {
        let rows = (0..<5_000).map(Self.row)
        let options = ParquetWriterOptions(rowGroupSize: 40 << 10, pageSize: 2 << 10, compression: .snappy, dictionary: dictionary)
        let (store, _) = try ParquetRoundTripTests.write(Self.columns, rows, options: options)
        let reader = try ParquetReader(store: store, location: Self.location)
        #expect(reader.rowGroupCount > 1)
        let fields = Array(Self.columns.indices)
        #expect(fields.allSatisfy { reader.readsColumnValues(field: $0) })
        #expect(try Self.readByColumns(reader, fields: fields) == rows)
        // A projection: only some fields, in any order of use.
        let projected = try Self.readByColumns(try ParquetReader(store: store, location: Self.location), fields: [2, 3, 6])
        #expect(projected == rows.map { [$0[2], $0[3], $0[6]] })
    }

    /// DECIMAL and STRING values read without a `BulkValue` are the ones `value()` gives.
    @Test func decimalsAndStringsInPlace() throws {
        let rows = (0..<300).map(Self.row)
        let (store, _) = try ParquetRoundTripTests.write(Self.columns, rows)
        let reader = try ParquetReader(store: store, location: Self.location)
        let group = try #require(try reader.nextRowGroup(fields: [2, 3, 4, 5]))
        #expect(group.columns.map(\.kind) == [.string, .decimal(scale: 2), .decimal(scale: 4), .decimal(scale: 3)])
        for _ in 0..<group.rows {
            for column in group.columns { try column.advance() }
            for column in group.columns where !column.isNull {
                switch (column.kind, column.value()) {
                case (.string, .string(let text)):
                    #expect(Array(column.stringBytes) == Array(text.utf8))
                case (.decimal(let scale), .decimal(let text, _)):
                    let (magnitude, negative) = column.decimal
                    #expect(DecimalText.format(magnitude: magnitude, negative: negative, scale: scale) == text)
                default:
                    Issue.record("unexpected \(column.kind) \(column.value())")
                }
            }
        }
    }

    /// Invalid UTF-8 in a STRING column is the row reader's error, whichever way it is read.
    @Test(arguments: [true, false])
    func invalidUTF8IsTheSameError(dictionary: Bool) throws {
        let rows: [[BulkValue]] = (0..<50).map { [.string($0 == 20 ? "QQQQ" : "ok \($0)")] }
        let options = ParquetWriterOptions(compression: .uncompressed, dictionary: dictionary)
        let (store, _) = try ParquetRoundTripTests.write([.init(name: "s", type: .string)], rows, options: options)
        var bytes = try #require(store.bytes(at: Self.location))
        let marker = Array("QQQQ".utf8)
        var patched = 0
        for start in 0...(bytes.count - marker.count) where Array(bytes[start..<start + 4]) == marker {
            bytes[start + 1] = 0xFF
            patched += 1
        }
        #expect(patched > 0)
        store.put(Self.location, bytes)
        func rowError() -> ParquetError? {
            do {
                let reader = try ParquetReader(store: store, location: Self.location)
                while try reader.nextRow() != nil {}
            } catch let error as ParquetError { return error } catch {}
            return nil
        }
        func columnError() -> ParquetError? {
            do { _ = try Self.readByColumns(try ParquetReader(store: store, location: Self.location), fields: [0]) } catch let error as ParquetError { return error } catch {}
            return nil
        }
        let expected = try #require(rowError())
        #expect(expected.message.contains("Invalid UTF-8"))
        #expect(columnError() == expected)
    }
}
