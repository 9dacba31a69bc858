import Foundation
import GRDB
import ObjectStore
import BulkFormats
import RedshiftSQL

/// Reads the files of an external table reference (`ExternalScan`) into its temp table before the
/// statement's SQL runs: the partitions are chosen first (pruned by the query's literal
/// predicates on partition keys, so the files of pruned partitions are never listed or opened),
/// then each file is streamed record by record through the COPY readers and field conversions.
///
/// - Redshift: c-spectrum-external-tables (partitions, `$path`, `$size`; hidden files — names
///   beginning with `.`, `_` or `#`, or ending with `~` — are ignored), r_CREATE_EXTERNAL_TABLE
///   (`skip.header.line.count`, `serialization.null.format`), c-spectrum-data-files (compression
///   by file extension); Avro files are read by field name (r_CREATE_EXTERNAL_TABLE › STORED AS AVRO).
enum ExternalTableScanner {
    /// What one scan read (for the statement's Spectrum summary).
    struct Summary: Equatable {
        var files = 0
        var bytes: Int64 = 0
        var rows = 0
        var partitionsRead = 0
        var totalPartitions = 0
    }

    static func fill(_ scan: ExternalScan, store: (any ObjectStore)?, db: Database) throws -> Summary {
        let table = scan.table
        try db.execute(sql: "DROP TABLE IF EXISTS \(scan.sqliteName)")
        try db.execute(sql: scan.createStatement)
        var folders: [(location: String, values: [String])] = []
        if table.partitionKeys.isEmpty {
            folders = [(table.location, [])]
        } else {
            folders = scan.selectedPartitions.map { ($0.location, $0.values) }
        }
        guard !folders.isEmpty else { return Summary(totalPartitions: table.partitions.count) }
        guard let store else {
            throw SQLError(code: "XX000", message: "Spectrum Scan Error: the emulator has no object store for s3:// locations (start it with --s3-root or --s3-endpoint)")
        }
        let placeholders = Array(repeating: "?", count: scan.columnNames.count).joined(separator: ", ")
        let inserter = try PreparedRowInserter(db: db, sql: "INSERT INTO \(scan.sqliteName) VALUES (\(placeholders))")
        var summary = Summary(partitionsRead: table.partitionKeys.isEmpty ? 0 : folders.count, totalPartitions: table.partitions.count)
        let dataCount = table.columns.count
        for folder in folders {
            let partitionValues = try zip(table.partitionKeys, folder.values).map { key, value -> SQLiteValue in
                // Hive's default partition holds the rows whose key is NULL (r_UNLOAD › PARTITION BY).
                if value == "__HIVE_DEFAULT_PARTITION__" { return .null }
                return try convert(Array(value.utf8), column: key, options: LoadOptions(), quoted: true, file: folder.location, line: 0)
            }
            for file in try files(in: folder.location, store: store) {
                summary.files += 1
                summary.bytes += file.size
                // The same for every row of the file: bound once (SQLite keeps bindings across resets).
                for (offset, value) in (partitionValues + [.text(file.location.description), .integer(file.size)]).enumerated() {
                    inserter.bind(value, column: dataCount + offset)
                }
                summary.rows += try read(file, table: table, store: store, inserter: inserter)
            }
        }
        return summary
    }

    /// The data files under a LOCATION folder, in key order, hidden files left out.
    static func files(in location: String, store: any ObjectStore) throws -> [ObjectInfo] {
        guard let folder = S3Location(url: location) else {
            throw SQLError(code: "XX000", message: "Spectrum Scan Error: invalid location '\(location)'")
        }
        let prefix = folder.key.isEmpty || folder.key.hasSuffix("/") ? folder.key : folder.key + "/"
        let listed: [ObjectInfo]
        do {
            listed = try store.list(bucket: folder.bucket, prefix: prefix)
        } catch let error as ObjectStoreError {
            if error.kind == .noSuchKey { return [] }
            throw CopySource.sqlError(error)
        }
        return listed.filter { info in
            let name = info.location.key.split(separator: "/").last.map(String.init) ?? ""
            guard !info.location.key.hasSuffix("/"), !name.isEmpty else { return false }
            return !(name.hasPrefix(".") || name.hasPrefix("_") || name.hasPrefix("#") || name.hasSuffix("~"))
        }
    }

    /// Reads one file's records into the table's data columns of `inserter`, one row each;
    /// returns the number of rows.
    private static func read(_ file: ObjectInfo, table: ExternalTable, store: any ObjectStore, inserter: PreparedRowInserter) throws -> Int {
        let columns = table.columns.map { CopyPlan.Column(name: $0.name, type: $0.type, nullable: true) }
        var options = LoadOptions()
        let reader: any TextRecordSource
        switch table.format {
        case .parquet:
            let parquet: ParquetReader
            do {
                parquet = try ParquetReader(store: store, location: file.location, size: file.size)
            } catch let error as ParquetError {
                throw scanError(file.location, "\(error.message)")
            } catch let error as ObjectStoreError {
                throw CopySource.sqlError(error)
            }
            let names = parquet.columns.map { $0.name.lowercased() }
            let sources = table.columns.map { names.firstIndex(of: $0.name.lowercased()) }
            reader = BulkRowRecordSource(columns: columns, sources: sources) {
                do { return try parquet.nextRow() } catch let error as ParquetError { throw scanError(file.location, error.message) }
            }
        case .text(let delimiter, let quote):
            options.nullString = table.property("serialization.null.format").map { Array($0.utf8) } ?? (quote == nil ? Array(#"\N"#.utf8) : [0xFF, 0xFF])
            let dialect = DelimitedRecordReader.Dialect(delimiter: delimiter, csvQuote: quote)
            reader = DelimitedRecordReader(try input(file, store: store), dialect: dialect)
        case .avro:
            let avro: AvroContainerReader
            do {
                avro = try AvroContainerReader(try input(file, store: store))
            } catch let error as AvroError {
                throw scanError(file.location, error.message)
            }
            let names = avro.fieldNames.map { $0.lowercased() }
            let sources = table.columns.map { names.firstIndex(of: $0.name.lowercased()) }
            reader = BulkRowRecordSource(columns: columns, sources: sources) {
                do { return try avro.nextRecord() } catch let error as AvroError { throw scanError(file.location, error.message) }
            }
        case .json:
            reader = JSONRecordReader(try input(file, store: store), mapping: .names(table.columns.map(\.name), ignoringCase: true))
        }
        if let skip = table.property("skip.header.line.count").flatMap(Int.init), skip > 0, table.format != .parquet, table.format != .avro {
            try reader.skipLines(skip)
        }
        var count = 0
        let converters = columns.map { LoadFieldConverter(column: $0, options: options) }
        let path = file.location.description
        while try reader.next() {
            if let error = reader.recordError {
                throw scanError(file.location, "line \(reader.lineNumber): \(error.reason)")
            }
            for index in columns.indices {
                if index >= reader.fieldCount || reader.isNull(index) {
                    inserter.bind(SQLiteValue.null, column: index)
                    continue
                }
                try reader.withField(index) { field in
                    let quoted = reader.isQuoted(index)
                    do throws(LoadFieldError) {
                        inserter.bind(try converters[index].convert(field, quoted: quoted), column: index, field: field)
                    } catch {
                        throw fieldError(error, column: table.columns[index], file: path, line: reader.lineNumber)
                    }
                }
            }
            try inserter.step()
            count += 1
        }
        return count
    }

    private static func input(_ file: ObjectInfo, store: any ObjectStore) throws -> any ByteReader {
        let raw: any ByteReader
        do {
            raw = try store.reader(for: file.location)
        } catch let error as ObjectStoreError {
            throw CopySource.sqlError(error)
        }
        let key = file.location.key.lowercased()
        let compression = CompressionFormat.allCases.first { $0 != .none && key.hasSuffix($0.fileExtension) }
            ?? (key.hasSuffix(".zstd") ? .zstd : key.hasSuffix(".bz") ? .bzip2 : nil)
        guard let compression else { return raw }
        do {
            return try compression.reader(decompressing: raw)
        } catch let error as CompressionError {
            throw scanError(file.location, error.message)
        }
    }

    private static func convert(_ bytes: [UInt8], column: ExternalColumn, options: LoadOptions, quoted: Bool, file: String, line: Int) throws -> SQLiteValue {
        try bytes.withUnsafeBufferPointer { try convert($0, column: column, options: options, quoted: quoted, file: file, line: line) }
    }

    private static func convert(_ field: UnsafeBufferPointer<UInt8>, column: ExternalColumn, options: LoadOptions, quoted: Bool,
                                file: String, line: Int) throws -> SQLiteValue {
        let converter = LoadFieldConverter(column: CopyPlan.Column(name: column.name, type: column.type, nullable: true), options: options)
        do {
            switch try converter.convert(field, quoted: quoted) {
            case .null: return .null
            case .integer(let i): return .integer(i)
            case .real(let d): return .real(d)
            case .text(let t): return .text(t)
            case .fieldText: return .text(String(decoding: field, as: UTF8.self))
            case .blob(let b): return .blob(b)
            }
        } catch {
            throw fieldError(error, column: column, file: file, line: line)
        }
    }

    /// Divergence: the layout of Spectrum's message is the emulator's; the reason is the load
    /// error reason COPY gives for the same field (r_Load_Error_Reference).
    private static func fieldError(_ error: LoadFieldError, column: ExternalColumn, file: String, line: Int) -> SQLError {
        SQLError(code: "XX000", message: "Spectrum Scan Error: file '\(file)'\(line > 0 ? " line \(line)" : ""), column '\(column.name)': \(error.reason)")
    }

    private static func scanError(_ location: S3Location, _ detail: String) -> SQLError {
        SQLError(code: "XX000", message: "Spectrum Scan Error: file '\(location)': \(detail)")
    }
}
