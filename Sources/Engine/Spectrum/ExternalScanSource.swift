import Foundation
import ObjectStore
import RedshiftSQL

/// The files one external table reference of a statement reads, chosen before the statement's SQL
/// runs, and what the scan of them read (for SVL_S3QUERY_SUMMARY).
///
/// The partitions are chosen first, pruned by the query's literal predicates on partition keys,
/// so the files of pruned partitions are never listed or opened; the folders left are listed
/// once. The files are opened only as the statement's virtual table (`ExternalScanModule`)
/// reaches them.
///
/// - Redshift: c-spectrum-external-tables (partitions, `$path`, `$size`), r_SVL_S3QUERY_SUMMARY.
final class ExternalScanSource: @unchecked Sendable {   // used only on its connection's serial queue
    /// One data file and the values of its constant columns: the partition keys, `$path`, `$size`.
    struct DataFile {
        let info: ObjectInfo
        let constants: [SQLiteValue]
    }

    let scan: ExternalScan
    let store: (any ObjectStore)?
    let files: [DataFile]
    let start: Date
    /// Files, bytes and partitions as listed; rows as the most a pass of the scan read.
    private(set) var summary: ExternalTableScanner.Summary
    /// Set when reading a file failed (the statement fails; its scan is not logged).
    var failed = false

    init(_ scan: ExternalScan, store: (any ObjectStore)?, start: Date) throws {
        self.scan = scan
        self.store = store
        self.start = start
        let table = scan.table
        let folders: [(location: String, values: [String])] = table.partitionKeys.isEmpty
            ? [(table.location, [])]
            : scan.selectedPartitions.map { ($0.location, $0.values) }
        summary = ExternalTableScanner.Summary(partitionsRead: table.partitionKeys.isEmpty ? 0 : folders.count,
                                               totalPartitions: table.partitions.count)
        guard !folders.isEmpty else {
            files = []
            return
        }
        guard let store else {
            throw SQLError(code: "XX000", message: "Spectrum Scan Error: the emulator has no object store for s3:// locations (start it with --s3-root or --s3-endpoint)")
        }
        var files: [DataFile] = []
        for folder in folders {
            let partitionValues = try zip(table.partitionKeys, folder.values).map { key, value -> SQLiteValue in
                // Hive's default partition holds the rows whose key is NULL (r_UNLOAD › PARTITION BY).
                if value == "__HIVE_DEFAULT_PARTITION__" { return .null }
                return try ExternalTableScanner.convert(Array(value.utf8), column: key, options: LoadOptions(), quoted: true,
                                                        file: folder.location, line: 0)
            }
            for file in try ExternalTableScanner.files(in: folder.location, store: store) {
                files.append(DataFile(info: file, constants: partitionValues + [.text(file.location.description), .integer(file.size)]))
                summary.files += 1
                summary.bytes += file.size
            }
        }
        self.files = files
    }

    /// The virtual table's columns, in order: the data columns, the partition keys, `$path`, `$size`.
    var columnNames: [String] { scan.columnNames }

    /// How many passes began for each set of used columns, and the rows a second pass kept.
    private var passes: [[Bool]: Int] = [:]
    private var kept: [[Bool]: [[SQLiteValue]]] = [:]
    /// The most values a rescan keeps in memory (above that, each pass reads the files again).
    static let keptValueLimit = 4_000_000

    /// Starts a pass reading the columns `used`: the rows a previous pass kept, or nil with
    /// whether this pass should keep its rows (the second pass does: SQLite is rescanning).
    func beginPass(using used: [Bool]) -> (kept: [[SQLiteValue]]?, keep: Bool) {
        if let rows = kept[used] { return (rows, false) }
        passes[used, default: 0] += 1
        return (nil, passes[used] == 2)
    }

    /// Keeps the rows of a complete pass over the columns `used` for the passes after it.
    func keep(_ rows: [[SQLiteValue]], using used: [Bool]) { kept[used] = rows }

    /// Notes that a pass of the scan read `rows` rows.
    func passRead(_ rows: Int) { summary.rows = max(summary.rows, rows) }
}
