import BulkFormats
import ObjectStore
import RedshiftSQL

/// UNLOAD … FORMAT PARQUET: each file a `ParquetWriter` (BulkFormats/Parquet), one typed column
/// per result column, Snappy-compressed pages, row groups of ROWGROUPSIZE (32 MB by default).
///
/// - Redshift: r_UNLOAD › FORMAT AS PARQUET ("Each row group is compressed with SNAPPY";
///   "If a column uses TIMESTAMPTZ data format, only the timestamp values are unloaded. The time
///   zone information isn't unloaded": TIMESTAMPTZ is written as a TIMESTAMP of its UTC value),
///   ROWGROUPSIZE. SUPER, INTERVAL and other types without a Parquet mapping are written as strings
///   (unverified).
enum ParquetUnload {
    static func sinkFactory(_ columns: [ResultColumn], options: UnloadOptions) throws -> UnloadStream.OpenSink {
        let parquetColumns = columns.map { ParquetWriterColumn(name: $0.name, type: parquetType($0.type), nullable: true) }
        let writerOptions = ParquetWriterOptions(rowGroupSize: Int(options.rowGroupSize ?? 32 * 1024 * 1024), createdBy: "Amazon Redshift (redshift-emulator)")
        let types = columns.map(\.type)
        return { output in try ParquetFileSink(output: output, columns: parquetColumns, options: writerOptions, types: types) }
    }

    static func parquetType(_ type: RedshiftType) -> ParquetColumnType {
        switch type {
        case .smallint: return .smallint
        case .integer: return .integer
        case .bigint: return .bigint
        case .decimal(let precision, let scale): return .decimal(precision: precision, scale: scale)
        case .real: return .real
        case .doublePrecision: return .double
        case .boolean: return .boolean
        case .date: return .date
        case .timestamp, .timestamptz: return .timestamp
        case .time: return .time
        case .timetz: return .timetz
        case .varbyte: return .varbyte
        case .char, .varchar, .super, .interval, .unknown: return .string
        }
    }

    /// Cell `index` of `row`, of `type`, as the Parquet writer takes it: `bulkValue(_:type:)`
    /// read straight from SQLite's column for the common storages (UNLOAD's hot path).
    static func bulkValue<Row: ResultRow>(_ row: Row, _ index: Int, type: RedshiftType) throws -> BulkValue {
        switch (row.storage(at: index), type) {
        case (.null, _): return .null
        case (.integer, .smallint), (.integer, .integer), (.integer, .bigint): return .int(row.int64(at: index))
        case (.integer, .real), (.integer, .doublePrecision): return .double(Double(row.int64(at: index)))
        case (.real, .real), (.real, .doublePrecision): return .double(row.double(at: index))
        case (.integer, .boolean): return .boolean(row.int64(at: index) != 0)
        case (.integer, .decimal(_, let scale)):
            var text: [UInt8] = []
            UnloadCellText.appendScaled(row.int64(at: index), scale: scale, to: &text)
            return .decimal(String(decoding: text, as: UTF8.self), scale: scale)
        case (.text, .date):
            if let days = row.withText(at: index, TextDateTime.plainDateDays) { return .date(Int32(days)) }
        case (.text, .timestamp):
            if let micros = row.withText(at: index, TextDateTime.plainTimestampMicros) { return .timestamp(micros, utc: false) }
        case (.text, .varchar), (.text, .super), (.text, .unknown):
            return .string(row.withText(at: index) { String(decoding: $0, as: UTF8.self) })
        default: break
        }
        return try bulkValue(row.value(at: index), type: type)
    }

    /// A stored value of `type` as the Parquet writer takes it.
    static func bulkValue(_ value: SQLiteValue, type: RedshiftType) throws -> BulkValue {
        if case .null = value { return .null }
        switch type {
        case .smallint, .integer, .bigint:
            switch value {
            case .integer(let v): return .int(v)
            case .real(let d): return .int(Int64(d.rounded(.toNearestOrAwayFromZero)))
            default: break
            }
        case .decimal(_, let scale):
            if let text = type.text(of: value) { return .decimal(text, scale: scale) }
        case .real, .doublePrecision:
            switch value {
            case .integer(let v): return .double(Double(v))
            case .real(let d): return .double(d)
            default: break
            }
        case .boolean:
            return .boolean(type.text(of: value) == "t")
        case .date:
            if let text = type.text(of: value), let days = TextDateTime.days(text) { return .date(Int32(days)) }
        case .timestamp, .timestamptz:
            if let text = type.text(of: value), let micros = TextDateTime.timestampMicros(text) { return .timestamp(micros, utc: type == .timestamptz) }
        case .time, .timetz:
            if let text = type.text(of: value), let micros = TextDateTime.timeMicros(text) { return .time(micros) }
        case .varbyte:
            if case .blob(let bytes) = value { return .bytes(bytes) }
            if let text = type.text(of: value) { return .bytes(TextDateTime.hexBytes(text) ?? Array(text.utf8)) }
        case .char, .varchar, .super, .interval, .unknown:
            return .string(type.text(of: value) ?? "")
        }
        throw SQLError(code: "XX000", message: "Cannot unload \(value) as \(type.formatTypeName) to Parquet")
    }
}

/// One Parquet file being written.
final class ParquetFileSink: UnloadFileSink {
    private let output: any ObjectWriter
    private let writer: ParquetWriter
    private let types: [RedshiftType]
    /// The row being converted, reused (unchecked exclusivity: private, one thread; see ColumnChunkWriter).
    @exclusivity(unchecked) private var values: [BulkValue] = []

    init(output: any ObjectWriter, columns: [ParquetWriterColumn], options: ParquetWriterOptions, types: [RedshiftType]) throws {
        self.output = output
        self.types = types
        writer = try ParquetWriter(columns: columns, output: output, options: options)
    }

    var bytesWritten: Int64 { writer.estimatedFileSize }

    func write(_ row: [SQLiteValue]) throws {
        values.removeAll(keepingCapacity: true)
        for (index, value) in row.enumerated() { values.append(try ParquetUnload.bulkValue(value, type: types[index])) }
        try writer.append(values)
    }

    func write(_ row: SpilledResultRow, columns: [Int]) throws {
        values.removeAll(keepingCapacity: true)
        for (index, column) in columns.enumerated() {
            values.append(try ParquetUnload.bulkValue(row, column, type: types[index]))
        }
        try writer.append(values)
    }

    func finish() throws -> Int64 {
        try writer.close()
        return try output.finish().size
    }

    func abort() { output.abort() }
}
