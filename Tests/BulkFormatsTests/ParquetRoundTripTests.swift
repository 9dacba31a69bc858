import ObjectStore
import Testing
@testable import BulkFormats

/// Files written by `ParquetWriter` read back by `ParquetReader` with the same values and the
/// column types r_UNLOAD documents for FORMAT PARQUET.
@Suite struct ParquetRoundTripTests {
    static let location = S3Location(bucket: "b", key: "data.parquet")

    /// Writes `rows` and returns the store holding the file and the writer.
    static func write(_ columns: [ParquetWriterColumn], _ rows: [[BulkValue]],
                      options: ParquetWriterOptions = ParquetWriterOptions(compression: .uncompressed)) throws -> (MemoryObjectStore, ParquetWriter) {
        let store = MemoryObjectStore(buckets: ["b"])
        let output = try store.writer(for: location)
        let writer = try ParquetWriter(columns: columns, output: output, options: options)
        for row in rows { try writer.append(row) }
        try writer.close()
        try output.finish()
        return (store, writer)
    }

    static func readAll(_ store: MemoryObjectStore) throws -> (ParquetReader, [[BulkValue]]) {
        let reader = try ParquetReader(store: store, location: location)
        var rows: [[BulkValue]] = []
        while let row = try reader.nextRow() { rows.append(row) }
        return (reader, rows)
    }

    static let everyType: [ParquetWriterColumn] = [
        .init(name: "si", type: .smallint), .init(name: "i", type: .integer), .init(name: "bi", type: .bigint),
        .init(name: "d_small", type: .decimal(precision: 9, scale: 2)),
        .init(name: "d_mid", type: .decimal(precision: 18, scale: 4)),
        .init(name: "d_wide", type: .decimal(precision: 38, scale: 10)),
        .init(name: "r", type: .real), .init(name: "dp", type: .double), .init(name: "b", type: .boolean),
        .init(name: "s", type: .string), .init(name: "dt", type: .date), .init(name: "ts", type: .timestamp),
        .init(name: "tstz", type: .timestamptz), .init(name: "t", type: .time), .init(name: "ttz", type: .timetz),
        .init(name: "vb", type: .varbyte),
    ]

    static let everyTypeRows: [[BulkValue]] = [
        [.int(1), .int(2), .int(3), .decimal("1234567.89", scale: 2), .decimal("-12345678901234.5678", scale: 4),
         .decimal("-1234567890123456789012345678.0123456789", scale: 10), .double(1.5), .double(2.25), .boolean(true),
         .string("héllo"), .date(18263), .timestamp(1_577_934_245_678_901, utc: false),
         .timestamp(1_577_934_245_678_901, utc: true), .time(3_723_000_004), .time(1), .bytes([0, 255])],
        [BulkValue](repeating: .null, count: 16),
        [.int(-32768), .int(Int64(Int32.min)), .int(.min), .decimal("-0.01", scale: 2), .decimal("0.0000", scale: 4),
         .decimal("0.0000000001", scale: 10), .double(-0.5), .double(-.infinity), .boolean(false), .string(""),
         .date(-1), .timestamp(-1, utc: false), .timestamp(0, utc: true), .time(0), .time(86_399_999_999), .bytes([])],
    ]

    /// The reader's view of each written type (r_UNLOAD's mapping, read back).
    @Test func everyTypeRoundTripsWithItsParquetType() throws {
        let (store, _) = try Self.write(Self.everyType, Self.everyTypeRows)
        let (reader, rows) = try Self.readAll(store)
        #expect(reader.columns.map(\.type) == [
            .integer(bitWidth: 16, signed: true), .integer(bitWidth: 32, signed: true), .integer(bitWidth: 64, signed: true),
            .decimal(precision: 9, scale: 2), .decimal(precision: 18, scale: 4), .decimal(precision: 38, scale: 10),
            .float, .double, .boolean, .string, .date, .timestamp(utc: false), .timestamp(utc: true), .time, .time, .bytes,
        ])
        #expect(reader.columns.map(\.name) == Self.everyType.map(\.name))
        #expect(reader.columns.allSatisfy { $0.nullable })
        var expected = Self.everyTypeRows
        expected[0][12] = .timestamp(1_577_934_245_678_901, utc: true)
        expected[2][11] = .timestamp(-1, utc: false)
        #expect(rows == expected)
    }

    @Test func everyCodecRoundTrips() throws {
        for compression in ParquetCompression.allCases {
            guard (try? PageCompression(compression.codec)) != nil else { continue }
            let (store, _) = try Self.write(Self.everyType, Self.everyTypeRows,
                                            options: ParquetWriterOptions(compression: compression))
            #expect(try Self.readAll(store).1 == Self.everyTypeRows, "\(compression)")
        }
    }

    @Test func requiredColumnsHaveNoDefinitionLevels() throws {
        let columns = [ParquetWriterColumn(name: "id", type: .bigint, nullable: false),
                       ParquetWriterColumn(name: "name", type: .string, nullable: false)]
        let rows: [[BulkValue]] = (0..<100).map { [.int(Int64($0)), .string("n\($0 % 7)")] }
        let (store, _) = try Self.write(columns, rows)
        let (reader, read) = try Self.readAll(store)
        #expect(reader.columns.map(\.nullable) == [false, false])
        #expect(read == rows)
    }

    @Test func rowGroupsAreCutBySize() throws {
        let columns = [ParquetWriterColumn(name: "id", type: .integer), ParquetWriterColumn(name: "s", type: .string)]
        let rows: [[BulkValue]] = (0..<5000).map { [$0 % 10 == 0 ? .null : .int(Int64($0)), .string("value \($0)")] }
        let options = ParquetWriterOptions(rowGroupSize: 16 << 10, pageSize: 4 << 10, compression: .uncompressed)
        let (store, writer) = try Self.write(columns, rows, options: options)
        let (reader, read) = try Self.readAll(store)
        #expect(reader.rowGroupCount > 3)
        #expect(reader.rowCount == 5000)
        #expect(read == rows)
        #expect(writer.bytesWritten == Int64(store.bytes(at: Self.location)!.count))
        let groups = (0..<reader.rowGroupCount).map { reader.rowCount(ofRowGroup: $0) }
        #expect(groups.reduce(0, +) == 5000)
        #expect(try reader.readRowGroup(1).count == 2)
    }

    @Test func bytesWrittenGrowsAsRowGroupsAreWritten() throws {
        let store = MemoryObjectStore(buckets: ["b"])
        let output = try store.writer(for: Self.location)
        let writer = try ParquetWriter(columns: [.init(name: "x", type: .bigint)], output: output,
                                       options: ParquetWriterOptions(rowGroupSize: 1 << 12, compression: .uncompressed))
        #expect(writer.bytesWritten == 4)   // "PAR1"
        for i in 0..<2000 { try writer.append([.int(Int64(i))]) }
        #expect(writer.bytesWritten > 8000)
        #expect(writer.estimatedFileSize >= writer.bytesWritten)
        try writer.close()
        let final = writer.bytesWritten
        try output.finish()
        #expect(final == Int64(store.bytes(at: Self.location)!.count))
    }

    @Test func dictionaryFallsBackToPlainWhenItGrows() throws {
        let columns = [ParquetWriterColumn(name: "s", type: .string)]
        let rows: [[BulkValue]] = (0..<3000).map { [.string("distinct value number \($0)")] }
        let options = ParquetWriterOptions(pageSize: 8 << 10, compression: .uncompressed)
        let (store, _) = try Self.write(columns, rows, options: options)
        #expect(try Self.readAll(store).1 == rows)
    }

    @Test func dictionaryOffWritesPlain() throws {
        let columns = [ParquetWriterColumn(name: "s", type: .string), ParquetWriterColumn(name: "v", type: .varbyte)]
        let rows: [[BulkValue]] = (0..<50).map { [.string("s\($0 % 3)"), $0 % 4 == 0 ? .null : .bytes([UInt8($0)])] }
        let (store, _) = try Self.write(columns, rows, options: ParquetWriterOptions(compression: .uncompressed, dictionary: false))
        #expect(try Self.readAll(store).1 == rows)
    }

    @Test func emptyFileHasTheSchemaAndNoRows() throws {
        let (store, _) = try Self.write(Self.everyType, [])
        let (reader, rows) = try Self.readAll(store)
        #expect(rows.isEmpty)
        #expect(reader.rowGroupCount == 0)
        #expect(reader.columns.count == Self.everyType.count)
    }

    @Test func allNullColumnsRoundTrip() throws {
        let columns = [ParquetWriterColumn(name: "s", type: .string), ParquetWriterColumn(name: "b", type: .boolean)]
        let rows = [[BulkValue]](repeating: [.null, .null], count: 40)
        let (store, _) = try Self.write(columns, rows)
        #expect(try Self.readAll(store).1 == rows)
    }

    @Test func valuesThatDoNotFitAreRefusedAndTheRowIsNotAdded() throws {
        let store = MemoryObjectStore(buckets: ["b"])
        let output = try store.writer(for: Self.location)
        let columns = [ParquetWriterColumn(name: "a", type: .integer), ParquetWriterColumn(name: "n", type: .smallint, nullable: false),
                       ParquetWriterColumn(name: "d", type: .decimal(precision: 5, scale: 2))]
        let writer = try ParquetWriter(columns: columns, output: output, options: ParquetWriterOptions(compression: .uncompressed))
        let bad: [[BulkValue]] = [
            [.int(1), .null, .null],                               // null in NOT NULL
            [.int(1), .int(40000), .null],                         // SMALLINT out of range
            [.string("x"), .int(1), .null],                        // a string for INTEGER
            [.int(1), .int(1), .decimal("1234.5", scale: 1)],     // 6 digits for DECIMAL(5,2)
            [.int(1), .int(1), .decimal("1.234", scale: 3)],      // would lose a digit
            [.int(1)],                                             // too few values
        ]
        for row in bad {
            let error = #expect(throws: ParquetError.self) { try writer.append(row) }
            #expect(error?.kind == .invalidValue)
        }
        try writer.append([.int(7), .int(8), .decimal("999.99", scale: 2)])
        try writer.close()
        try output.finish()
        #expect(try Self.readAll(store).1 == [[.int(7), .int(8), .decimal("999.99", scale: 2)]])
    }

    @Test func decimalsRescaleToTheColumnScale() throws {
        let columns = [ParquetWriterColumn(name: "d", type: .decimal(precision: 10, scale: 3))]
        let (store, _) = try Self.write(columns, [[.decimal("1.5", scale: 1)], [.int(-2)], [.decimal("0.120", scale: 3)]])
        #expect(try Self.readAll(store).1 == [[.decimal("1.500", scale: 3)], [.decimal("-2.000", scale: 3)], [.decimal("0.120", scale: 3)]])
    }

    @Test func pagesAreCutBySize() throws {
        let columns = [ParquetWriterColumn(name: "x", type: .double), ParquetWriterColumn(name: "b", type: .boolean)]
        let rows: [[BulkValue]] = (0..<10_000).map { (i: Int) -> [BulkValue] in
            let flag: BulkValue = i % 3 == 0 ? .null : .boolean(i % 2 == 0)
            return [.double(Double(i) / 3), flag]
        }
        let (store, _) = try Self.write(columns, rows, options: ParquetWriterOptions(pageSize: 1024, compression: .uncompressed))
        #expect(try Self.readAll(store).1 == rows)
    }
}

/// Column chunk statistics (parquet.thrift `Statistics`: min_value and max_value in PLAIN form,
/// null_count; signed zeros widened).
@Suite struct ParquetStatisticsTests {
    @Test func integerStringAndDoubleBounds() throws {
        let mapping = try ColumnTypeMapping(ParquetWriterColumn(name: "x", type: .bigint))
        var stats = ChunkStatistics()
        for value: EncodedValue in [.int64(5), .null, .int64(-3), .int64(9), .null] { stats.add(value) }
        let encoded = stats.encoded(for: mapping)
        #expect(encoded.nullCount == 2)
        #expect(encoded.minValue == [0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(encoded.maxValue == [9, 0, 0, 0, 0, 0, 0, 0])

        var strings = ChunkStatistics()
        for text in ["pear", "apple", "zoo"] { strings.add(.bytes(Array(text.utf8))) }
        let stringStats = strings.encoded(for: try ColumnTypeMapping(ParquetWriterColumn(name: "s", type: .string)))
        #expect(stringStats.minValue == Array("apple".utf8))
        #expect(stringStats.maxValue == Array("zoo".utf8))

        var zeros = ChunkStatistics()
        for v in [0.0, 0.0] { zeros.add(.double(v)) }
        let zeroStats = zeros.encoded(for: try ColumnTypeMapping(ParquetWriterColumn(name: "d", type: .double)))
        #expect(zeroStats.minValue == [0, 0, 0, 0, 0, 0, 0, 0x80])   // -0.0
        #expect(zeroStats.maxValue == [0, 0, 0, 0, 0, 0, 0, 0])      // +0.0
    }

    @Test func noBoundsWithNaN() throws {
        var stats = ChunkStatistics()
        for v in [1.0, .nan, 2.0] { stats.add(.double(v)) }
        let encoded = stats.encoded(for: try ColumnTypeMapping(ParquetWriterColumn(name: "d", type: .double)))
        #expect(encoded.minValue == nil && encoded.maxValue == nil)
        #expect(encoded.nullCount == 0)
    }
}
