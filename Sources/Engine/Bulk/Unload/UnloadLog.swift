import Foundation
import RedshiftSQL

/// The UNLOADs of every cluster and workgroup, as STL_UNLOAD_LOG (one row per file written) and
/// SYS_UNLOAD_HISTORY (one row per UNLOAD, failed ones included) show them. Bounded: the oldest
/// are forgotten past `capacity`.
final class UnloadLog: Sendable {
    /// One UNLOAD statement that ran.
    struct Entry: Sendable {
        var target: Target
        var user: String
        var database: String
        var pid: Int64
        var queryId: Int64
        var transactionId: Int64
        var start: Date
        var end: Date
        var format: UnloadOptions.Format
        var compression: UnloadOptions.Compression
        var location: String
        var rows: Int64
        var files: [UnloadedFile]
        /// nil when it completed.
        var error: String?
    }

    static let capacity = 10_000
    private let entries = Locked<[Entry]>([])

    func record(_ entry: Entry) {
        entries.withLock { entries in
            entries.append(entry)
            if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
        }
    }

    /// The UNLOADs run on `target`, oldest first.
    func entries(on target: Target) -> [Entry] {
        entries.withLock { $0.filter { $0.target == target } }
    }
}

extension UnloadLog.Entry {
    /// STL_UNLOAD_LOG.file_format and SYS_UNLOAD_HISTORY.file_format: `Text` as the pages' examples
    /// show; `CSV`, `JSON`, `Parquet` for the others (unverified).
    var fileFormat: String {
        switch format {
        case .text: return "Text"
        case .csv: return "CSV"
        case .json: return "JSON"
        case .parquet: return "Parquet"
        }
    }

    /// SYS_UNLOAD_HISTORY.compression_type (unverified spelling).
    var compressionType: String {
        if format == .parquet { return "SNAPPY" }
        return compression == .none ? "NONE" : compression.rawValue.uppercased()
    }
}
