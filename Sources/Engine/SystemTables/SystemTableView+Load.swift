import Foundation
import RedshiftSQL

/// Rows of COPY's tables, from the engine's `LoadLog` (each user sees their own rows, superusers all).
extension SystemTableView {
    func loadRows(of name: String) -> [[SQLiteValue]] {
        let log = service.loadLog
        switch name {
        case "stl_load_errors":
            return log.rejections(on: target).filter { visible($0.load.user) }.map { error in
                [SystemValue.int(userId(error.load.user)), .integer(0), .integer(0), SystemValue.timestamp(error.load.start),
                 .integer(error.load.pid), .integer(error.load.queryId), SystemValue.prefix(error.filename, 256),
                 .integer(error.lineNumber), SystemValue.prefix(error.column, 127), SystemValue.prefix(error.type, 10),
                 SystemValue.prefix(error.length, 10), SystemValue.int(error.position), SystemValue.prefix(error.rawLine, 1024),
                 SystemValue.prefix(error.rawField, 1024), SystemValue.int(error.code), SystemValue.prefix(error.reason, 100),
                 .integer(0), .integer(0), .integer(0)]
            }
        case "sys_load_error_detail":
            return log.rejections(on: target).filter { visible($0.load.user) }.map { error in
                [SystemValue.int(userId(error.load.user)), .integer(error.load.queryId), .integer(0), .integer(error.load.pid),
                 SystemValue.prefix(error.load.database, 64), .integer(0), SystemValue.timestamp(error.load.start),
                 SystemValue.prefix(error.filename, 256), .integer(error.lineNumber), SystemValue.prefix(error.column, 127),
                 SystemValue.prefix(error.type, 10), SystemValue.prefix(error.length, 10), SystemValue.int(error.position),
                 SystemValue.int(error.code), SystemValue.prefix(error.reason, 512)]
            }
        case "stl_load_commits":
            return log.commits(on: target).filter { visible($0.load.user) }.map { file in
                [SystemValue.int(userId(file.load.user)), .integer(file.load.queryId), .integer(0),
                 SystemValue.prefix(file.filename, 256), SystemValue.prefix(file.filename, 256), .integer(0),
                 .integer(file.linesScanned), .integer(file.errors), SystemValue.timestamp(file.time), .integer(1),
                 SystemValue.prefix(file.format, 16), .integer(0), .integer(0), .integer(0)]
            }
        case "sys_load_history":
            return log.loads(on: target).filter { visible($0.load.user) }.map { load in
                let micros = Int64((load.end.timeIntervalSince(load.load.start) * 1e6).rounded())
                return [SystemValue.int(userId(load.load.user)), .integer(load.load.queryId), .integer(0), .integer(load.load.pid),
                        .text(load.load.database), .text(load.completed ? "completed" : "aborted"), .text(load.tableName),
                        SystemValue.timestamp(load.load.start), SystemValue.timestamp(load.end), .integer(max(micros, 0)),
                        .text(load.source), .text(load.format), .integer(load.rows), .integer(load.bytes),
                        SystemValue.int(load.fileCount), .integer(load.bytes), SystemValue.int(load.fileCount),
                        .integer(load.bytes), .integer(load.errors), .integer(0)]
            }
        default:
            return []
        }
    }
}
