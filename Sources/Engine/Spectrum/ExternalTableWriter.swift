import BulkFormats
import Foundation
import GRDB
import GRDBSQLite
import ObjectStore
import RedshiftSQL

/// Writes the rows of a CREATE EXTERNAL TABLE AS or INSERT INTO an external table as files under
/// the table's location, one folder per partition (`key=value/`), through UNLOAD's file streams
/// and writers (Parquet, or delimited text with the table's delimiter and null format).
///
/// - Redshift: r_CREATE_EXTERNAL_TABLE_usage › CREATE EXTERNAL TABLE AS and r_INSERT_external_table
///   (file names `<date>_<time>_<microseconds>_<query_id>_<slice-number>_part_<part-number>.<format>`,
///   e.g. `20200303_004509_810669_1007_0001_part_00.parquet`; the partition columns are left out of
///   the files; 'write.maxfilesize.mb', 'compression_type' and 'serialization.null.format' apply).
/// - The emulated cluster has one slice: files are `…_0000_part_00`, `…_0000_part_01` past the
///   maximum file size. Text files end in `.txt` (plus `.gz`/`.bz2` when compressed): unverified.
struct ExternalTableWriter {
    let table: ExternalTable
    let columns: [ResultColumn]
    let store: any ObjectStore
    let queryId: Int64
    let clock: () -> Date

    /// What one write produced.
    struct Result {
        var rows: Int64
        var files: [UnloadedFile]
        /// The partitions the files went to (values and folder), in the order first written.
        var partitions: [ExternalPartition]
    }

    /// The table's folder, always ending in `/`.
    var folder: S3Location? {
        guard var location = S3Location(url: table.location) else { return nil }
        if !location.key.isEmpty, !location.key.hasSuffix("/") { location.key += "/" }
        return location
    }

    /// `<date>_<time>_<microseconds>_<query_id>_` for files written at `date`.
    static func namePrefix(date: Date, queryId: Int64) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let micros = Int((date.timeIntervalSince1970 * 1_000_000).rounded(.down)) % 1_000_000
        func pad(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return pad(parts.year, 4) + pad(parts.month, 2) + pad(parts.day, 2) + "_" + pad(parts.hour, 2) + pad(parts.minute, 2)
            + pad(parts.second, 2) + "_" + pad(micros, 6) + "_" + String(queryId) + "_"
    }

    func run(_ step: RedshiftSQL.SQLiteStatement, db: Database, isInterrupted: () -> Bool) throws -> Result {
        guard let folder else { throw SQLError(code: "22023", message: "Invalid S3 location: \(table.location)") }
        let options = unloadOptions
        let naming = UnloadFileNaming(prefix: folder, options: options)
        let stamp = Self.namePrefix(date: clock(), queryId: queryId)
        let dataCount = table.columns.count
        let keys = table.partitionKeys
        let open = try sinkFactory(Array(columns.prefix(dataCount)), options: options)
        let maxFileSize = options.maxFileSize ?? UnloadOptions.defaultMaxFileSize

        var streams: [String: UnloadStream] = [:]
        var order: [String] = []
        var partitions: [ExternalPartition] = []
        func stream(_ path: String, values: [String]) -> UnloadStream {
            if let existing = streams[path] { return existing }
            let created = UnloadStream(naming: naming, folder: path + stamp, store: store, maxFileSize: maxFileSize,
                                       hasHeader: false, clock: clock, open: open)
            streams[path] = created
            order.append(path)
            if !keys.isEmpty { partitions.append(ExternalPartition(values: values, location: folder.appending(path).description)) }
            return created
        }

        var rows: Int64 = 0
        do {
            let statement = try db.makeStatement(sql: step.sql)
            try statement.setArguments(step.statementArguments)
            let raw = statement.sqliteStatement
            defer { sqlite3_reset(raw) }
            let row = SpilledResultRow(statement: raw, columnCount: columns.count)
            var values: [SQLiteValue] = []
            values.reserveCapacity(dataCount)
            while true {
                let code = sqlite3_step(raw)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: step.sql)
                }
                if rows & 0x3FF == 0, isInterrupted() { throw SQLError(code: "57014", message: "Query cancelled.") }
                var path = ""
                var partitionValues: [String] = []
                if !keys.isEmpty {
                    let texts = keys.indices.map { columns[dataCount + $0].type.text(of: row.value(at: dataCount + $0)) }
                    path = UnloadFileNaming.folder(keys.map(\.name), texts)
                    partitionValues = texts.map { $0 ?? "__HIVE_DEFAULT_PARTITION__" }
                }
                values.removeAll(keepingCapacity: true)
                for index in 0..<dataCount { values.append(row.value(at: index)) }
                try stream(path, values: partitionValues).write(values)
                rows += 1
            }
            var files: [UnloadedFile] = []
            for path in order { files += try streams[path]!.finish() }
            files.sort { $0.location < $1.location }
            return Result(rows: rows, files: files, partitions: partitions)
        } catch {
            for path in order { streams[path]?.abort() }
            try? store.delete(order.flatMap { streams[$0]?.files ?? [] }.map(\.location))
            throw UnloadErrors.map(error)
        }
    }

    /// The UNLOAD options that describe the table's files.
    var unloadOptions: UnloadOptions {
        var options = UnloadOptions()
        options.allowOverwrite = true
        let compression = table.property("compression_type")?.lowercased()
        switch table.format {
        case .parquet:
            options.format = .parquet
            options.fileExtension = "parquet"
        case .text, .json, .avro:
            options.format = .text
            switch compression {
            case "gzip": options.compression = .gzip; options.fileExtension = "txt.gz"
            case "bzip2": options.compression = .bzip2; options.fileExtension = "txt.bz2"
            default: options.fileExtension = "txt"
            }
        }
        if let megabytes = table.property("write.maxfilesize.mb").flatMap(Int64.init), megabytes > 0 {
            options.maxFileSize = megabytes * 1024 * 1024
        }
        return options
    }

    private func sinkFactory(_ fileColumns: [ResultColumn], options: UnloadOptions) throws -> UnloadStream.OpenSink {
        if table.format == .parquet { return try ParquetUnload.sinkFactory(fileColumns, options: options) }
        var delimiter = Character("\u{1}")
        if case .text(let byte, _) = table.format { delimiter = Character(Unicode.Scalar(byte)) }
        // LazySimpleSerDe's null is `\N` unless 'serialization.null.format' says otherwise.
        let encoder = DelimitedRowEncoder(delimiter: delimiter, nullAs: table.property("serialization.null.format") ?? #"\N"#)
        let types = fileColumns.map(\.type)
        let compression = options.compression
        return { writer in
            TextFileSink(writer: try UnloadCompression.wrap(writer, compression), encoder: encoder, types: types, header: nil)
        }
    }
}
