import Foundation
import RedshiftSQL

/// Rows of the unload tables, from the engine's `UnloadLog`.
extension SystemTableView {
    private func unloads() -> [UnloadLog.Entry] {
        service.unloadLog.entries(on: target).filter { visible($0.user) }
    }

    /// - Redshift: r_STL_UNLOAD_LOG: one row per file an UNLOAD created; the emulated cluster has
    ///   one slice (0).
    func stlUnloadLog() -> [[SQLiteValue]] {
        unloads().flatMap { entry in
            entry.files.map { file in
                [SystemValue.int(userId(entry.user)), .integer(entry.queryId), .integer(0), .integer(entry.pid),
                 SystemValue.prefix(file.location.description, 1280), SystemValue.timestamp(file.start),
                 SystemValue.timestamp(file.end), .integer(file.rows), .integer(file.size),
                 SystemValue.prefix(entry.fileFormat, 10)]
            }
        }
    }

    /// - Redshift: SYS_UNLOAD_DETAIL: one row per file, as STL_UNLOAD_LOG with the session and transaction.
    func sysUnloadDetail() -> [[SQLiteValue]] {
        unloads().flatMap { entry in
            entry.files.map { file in
                [SystemValue.int(userId(entry.user)), .integer(entry.queryId), .integer(entry.pid), .integer(entry.transactionId),
                 SystemValue.prefix(file.location.description, 1280), SystemValue.timestamp(file.start),
                 SystemValue.timestamp(file.end), .integer(file.rows), .integer(file.size),
                 SystemValue.prefix(entry.fileFormat, 10)]
            }
        }
    }

    /// - Redshift: SYS_UNLOAD_HISTORY: one row per UNLOAD, `completed` or `aborted` (with its error).
    func sysUnloadHistory() -> [[SQLiteValue]] {
        unloads().map { entry in
            [SystemValue.int(userId(entry.user)), .integer(entry.queryId), .integer(entry.transactionId), .integer(entry.pid),
             .text(entry.database), .text(entry.error == nil ? "completed" : "aborted"), SystemValue.timestamp(entry.start),
             SystemValue.timestamp(entry.end), .integer(Int64(max(0, entry.end.timeIntervalSince(entry.start)) * 1_000_000)),
             .text(entry.fileFormat), .text(entry.compressionType), .text(entry.location), .integer(entry.rows),
             .integer(Int64(entry.files.count)), .integer(entry.files.reduce(0) { $0 + $1.size }),
             SystemValue.text(entry.error)]
        }
    }
}
