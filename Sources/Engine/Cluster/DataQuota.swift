import Foundation
import GRDB
import Synchronization

/// `--max-data-bytes` (`limits.maxDataBytes`): the bytes the server's files — databases, their WAL
/// files and the result spill in its storage directory, and the recording (`--record`) wherever it
/// is — may take.
///
/// Before each statement, and before each batch a result spills, the connection's `max_page_count`
/// is set so that its file may grow only by what is left of the quota; a write past it fails with
/// SQLITE_FULL, which the statement reports as Redshift's disk-full error (SQLSTATE 53100), its
/// transaction rolled back. Reads that need no new pages keep working.
final class DataQuota: Sendable {
    /// The quota of the server's engine (one per process), set by `RedshiftEngine.make`; nil: none.
    /// Read before every statement: without a quota (the default) it costs one atomic load.
    static var current: DataQuota? {
        guard isInstalled.load(ordering: .acquiring) else { return nil }
        return slot.withLock { $0 }
    }
    private static let slot = Locked<DataQuota?>(nil)
    private static let isInstalled = Atomic<Bool>(false)

    /// Makes `quota` the server's quota (nil: none).
    static func install(_ quota: DataQuota?) {
        slot.withLock { current in
            current = quota
            isInstalled.store(quota != nil, ordering: .releasing)
        }
    }

    let maxBytes: Int64
    let root: URL
    /// Files outside the storage directory that count too (the recording).
    let extraFiles: [String]

    init(maxBytes: Int64, root: URL, extraFiles: [String] = []) {
        self.maxBytes = maxBytes
        self.root = root
        self.extraFiles = extraFiles
    }

    /// Bytes taken by the regular files under the storage directory and by the extra files.
    func usedBytes() -> Int64 {
        var total: Int64 = 0
        if let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.fileSizeKey, .isRegularFileKey]) {
            for case let url as URL in files {
                let values = try? url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
                if values?.isRegularFile == true { total += Int64(values?.fileSize ?? 0) }
            }
        }
        let rootPath = root.standardizedFileURL.path + "/"
        for path in extraFiles where !URL(fileURLWithPath: path).standardizedFileURL.path.hasPrefix(rootPath) {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value
            total += size ?? 0
        }
        return total
    }

    /// Caps the connection's main database at its current pages plus what is left of the quota.
    func cap(_ db: Database) throws {
        let remaining = max(0, maxBytes - usedBytes())
        let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 4096
        let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        _ = try Int64.fetchOne(db, sql: "PRAGMA max_page_count = \(pages + remaining / max(pageSize, 512))")
    }

    /// Applies the server's quota, if any, to a connection.
    static func capCurrent(_ db: Database) {
        guard let quota = current else { return }
        try? quota.cap(db)
    }
}

extension RedshiftEngine {
    /// True when the server has a data quota (`--max-data-bytes`) and its files use all of it: a
    /// recording stops growing then (its events are dropped), as a statement that needs space fails.
    public static func dataQuotaExhausted() -> Bool {
        guard let quota = DataQuota.current else { return false }
        return quota.usedBytes() >= quota.maxBytes
    }
}
