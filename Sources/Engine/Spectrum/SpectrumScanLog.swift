import Foundation
import RedshiftSQL

/// The external table scans of every cluster and workgroup (SVL_S3QUERY_SUMMARY,
/// SVL_S3PARTITION_SUMMARY). Bounded: the oldest are forgotten past `capacity`.
final class SpectrumScanLog: Sendable {
    /// One external table read by one query.
    struct Entry: Sendable {
        var target: Target
        var user: String
        var pid: Int64
        var queryId: Int64
        var transactionId: Int64
        var start: Date
        var end: Date
        /// `schema.table` as the query named it.
        var tableName: String
        /// The table's LOCATION.
        var location: String
        var fileFormat: String
        var isPartitioned: Bool
        var summary: ExternalTableScanner.Summary
    }

    static let capacity = 10_000
    private let entries = Locked<[Entry]>([])

    func record(_ entry: Entry) {
        entries.withLock { entries in
            entries.append(entry)
            if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
        }
    }

    /// The scans run on `target`, oldest first.
    func entries(on target: Target) -> [Entry] {
        entries.withLock { $0.filter { $0.target == target } }
    }
}
