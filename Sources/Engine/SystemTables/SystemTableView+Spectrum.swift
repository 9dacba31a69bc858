import Foundation
import RedshiftSQL

/// Rows of Spectrum's monitoring tables, from the engine's `SpectrumScanLog` (each user sees their
/// own rows, superusers all).
extension SystemTableView {
    func spectrumRows(of name: String) -> [[SQLiteValue]] {
        let scans = service.spectrumLog.entries(on: target).filter { visible($0.user) }
        switch name {
        case "svl_s3query_summary":
            // - Redshift: r_SVL_S3QUERY_SUMMARY; the emulator returns every scanned row and byte.
            return scans.map { scan in
                let micros = Int64((scan.end.timeIntervalSince(scan.start) * 1e6).rounded())
                return [SystemValue.int(userId(scan.user)), .integer(scan.queryId), .integer(scan.transactionId), .integer(scan.pid),
                        .integer(0), .integer(0), SystemValue.timestamp(scan.start), SystemValue.timestamp(scan.end),
                        .integer(max(micros, 0)), .integer(0), SystemValue.prefix(scan.tableName, 136),
                        SystemValue.prefix(scan.fileFormat, 16), .text(scan.isPartitioned ? "t" : "f"),
                        .integer(Int64(scan.summary.rows)), .integer(scan.summary.bytes), .integer(Int64(scan.summary.rows)),
                        .integer(scan.summary.bytes), .integer(Int64(scan.summary.files))]
            }
        case "svl_s3partition_summary":
            return scans.filter(\.isPartitioned).map { scan in
                [.integer(scan.queryId), .integer(0), SystemValue.timestamp(scan.start), SystemValue.timestamp(scan.end),
                 SystemValue.int(scan.summary.totalPartitions), SystemValue.int(scan.summary.partitionsRead)]
            }
        case "sys_external_query_detail":
            // - Redshift: SYS_EXTERNAL_QUERY_DETAIL: one row per external table scan (one segment
            //   each here); returned_rows/bytes are the rows and bytes scanned; an unpartitioned
            //   table counts as one partition, qualified when scanned.
            return scans.map { scan in
                let micros = max(Int64((scan.end.timeIntervalSince(scan.start) * 1e6).rounded()), 0)
                let total = scan.isPartitioned ? scan.summary.totalPartitions : 1
                let qualified = scan.isPartitioned ? scan.summary.partitionsRead : 1
                return [SystemValue.int(userId(scan.user)), .integer(scan.queryId), .integer(scan.transactionId), .integer(0), .integer(0),
                        .text("S3"), SystemValue.timestamp(scan.start), SystemValue.timestamp(scan.end), .integer(micros),
                        SystemValue.int(total), SystemValue.int(qualified), .integer(Int64(scan.summary.files)),
                        .integer(Int64(scan.summary.rows)), .integer(scan.summary.bytes), .text(scan.fileFormat), .text(scan.location),
                        .text(""), .text(""), SystemValue.prefix(scan.tableName, 136), .text("f"), .text("f"), .integer(0), .integer(0),
                        .null]
            }
        default:
            return []
        }
    }
}
