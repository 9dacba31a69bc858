import Engine
import Foundation
import RedshiftSQL

/// The console API's JSON shapes.
enum ConsoleViews {
    /// A statement in a list.
    struct StatementRow: Codable {
        var id: String
        var door: String
        var target: String
        var database: String
        var user: String
        var status: String
        var sql: String
        var submittedAt: Date
        var durationMs: Double?
        var rows: Int64?
        var queue: String?
        var error: String?
    }

    /// A statement's detail page.
    struct StatementDetail: Codable {
        var row: StatementRow
        var sessionId: String?
        var batchId: String?
        var statementName: String?
        var parameters: [String: String]
        var queryId: Int64
        var pid: Int64
        var timeline: [TimelineStep]
        var queueWaitMs: Double?
        var statementClass: String?
        var sqliteSQL: [String]
        var rowLevelSecurity: [String]
        var masking: [String]
        var cancellable: Bool
    }

    struct TimelineStep: Codable {
        var step: String
        var at: Date
    }

    struct SessionRow: Codable {
        var id: String
        var door: String
        var target: String
        var database: String
        var user: String
        var status: String
        var createdAt: Date
        var pid: Int64
        var currentStatementId: String?
        var currentSQL: String?
        var remoteHost: String?
        var applicationName: String?
    }

    struct Column: Codable {
        var name: String
        var type: String
    }

    /// The SQL editor's answer.
    struct RunResult: Codable {
        var statementId: String?
        var status: String
        var error: String?
        var columns: [Column]
        var rows: [[String?]]
        var rowCount: Int64
        var truncated: Bool
        var durationMs: Double?
    }

    static let sqlPreview = 400

    static func row(_ event: StatementEvent) -> StatementRow {
        StatementRow(id: event.statementId, door: event.door.rawValue, target: event.targetName, database: event.database,
                     user: event.dbUser, status: event.status, sql: String(event.sql.prefix(sqlPreview)),
                     submittedAt: event.submittedAt,
                     durationMs: milliseconds(event.endedAt.timeIntervalSince(event.submittedAt)),
                     rows: event.resultRows >= 0 ? event.resultRows : nil, queue: event.queue, error: event.error)
    }

    static func row(_ snapshot: StatementSnapshot) -> StatementRow {
        StatementRow(id: snapshot.id, door: snapshot.door.rawValue, target: snapshot.context.target.name,
                     database: snapshot.context.database, user: snapshot.context.dbUser, status: snapshot.status.rawValue,
                     sql: String((snapshot.queryString ?? snapshot.queryStrings?.joined(separator: ";\n") ?? "").prefix(sqlPreview)),
                     submittedAt: snapshot.createdAt, durationMs: nil, rows: nil, queue: nil, error: snapshot.error)
    }

    static func detail(_ event: StatementEvent) -> StatementDetail {
        var row = row(event)
        row.sql = event.sql
        var timeline = [TimelineStep(step: "submitted", at: event.submittedAt)]
        if event.queueWaitMicros > 0 {
            timeline.append(TimelineStep(step: "queued until", at: event.submittedAt.addingTimeInterval(Double(event.queueWaitMicros) / 1e6)))
        }
        if let started = event.startedAt { timeline.append(TimelineStep(step: "started", at: started)) }
        timeline.append(TimelineStep(step: "ended", at: event.endedAt))
        return StatementDetail(
            row: row, sessionId: event.sessionId, batchId: event.batchId, statementName: event.statementName,
            parameters: event.parameters, queryId: event.redshiftQueryId, pid: event.redshiftPid, timeline: timeline,
            queueWaitMs: milliseconds(Double(event.queueWaitMicros) / 1e6), statementClass: String(describing: event.statementClass),
            sqliteSQL: event.translation.sqliteSQL,
            rowLevelSecurity: event.translation.rowLevelSecurity.map {
                "\($0.schema).\($0.relation): " + ($0.policy ?? "no policy for this user (default deny)")
            },
            masking: event.translation.masking.map { "\($0.schema).\($0.relation).\($0.column): \($0.policy)" },
            cancellable: false)
    }

    static func detail(_ snapshot: StatementSnapshot) -> StatementDetail {
        var row = row(snapshot)
        row.sql = snapshot.queryString ?? snapshot.queryStrings?.joined(separator: ";\n") ?? ""
        return StatementDetail(
            row: row, sessionId: snapshot.context.sessionId, batchId: nil, statementName: snapshot.statementName,
            parameters: Dictionary((snapshot.parameters ?? []).map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a }),
            queryId: snapshot.redshiftQueryId, pid: snapshot.redshiftPid,
            timeline: [TimelineStep(step: "submitted", at: snapshot.createdAt)], queueWaitMs: nil, statementClass: nil,
            sqliteSQL: [], rowLevelSecurity: [], masking: [], cancellable: !snapshot.status.isTerminal)
    }

    static func milliseconds(_ seconds: Double) -> Double { (seconds * 1_000_000).rounded() / 1000 }
}
