import Foundation
import RedshiftSQL

/// Where and as whom a statement runs: resolved from the request's connection members.
public struct StatementContext: Sendable {
    public var target: Target
    public var database: String
    public var dbUser: String
    public var secretArn: String?
    public var sessionId: String?
    public var caller: Caller
}

/// One Data API statement (or batch parent, or batch sub-statement) and everything DescribeStatement
/// reports about it. Mutated only under `StatementStore`'s lock; its status only through `lifecycle`.
final class StatementRecord: @unchecked Sendable {   // every var is read and written under StatementStore's lock
    let id: String
    let context: StatementContext
    let createdAt: Date
    var updatedAt: Date
    /// Status, error, query id and stop requests: changed only through its events.
    var lifecycle = StatementLifecycle()
    var status: StatementStatus { lifecycle.status }
    /// The statement parsed once at submission (nil on a batch parent).
    let parsed: ParsedStatement?
    /// The SQL exactly as submitted (nil on a batch parent).
    var queryString: String? { parsed?.text }
    /// The statement a lone statement or a sub-statement runs (the empty statement for a batch
    /// parent, which runs none of its own).
    var statement: ParsedStatement { parsed ?? Self.noStatement }
    private static let noStatement = Translator.parse("")
    /// The batch's SQLs (batch parent only).
    let queryStrings: [String]?
    let parameters: [StatementParameter]?
    let statementName: String?
    let resultFormat: ResultFormat
    let batchMode: BatchMode?
    var subStatements: [StatementRecord] = []

    var error: String? { lifecycle.error }
    /// The SQLSTATE and position of a FAILED statement's error, when it failed running.
    var errorCode: String?
    var errorPosition: Int?
    var redshiftPid: Int64 = 0
    /// When it went from PICKED to STARTED.
    var startedAt: Date?
    var redshiftQueryId: Int64 { lifecycle.queryId }
    /// The query's UUID in SYS_QUERY_HISTORY (`query_uuid`), once it started.
    var redshiftQueryUuid: String?
    var hasResultSet = false
    var resultRows: Int64 = -1
    var resultSize: Int64 = -1
    var result: ResultSet?
    /// A CALL's RAISE INFO/NOTICE messages.
    var notices: [StatementNotice] = []
    /// Monotonic start (submission) and run time, for Duration.
    let submittedNanos: UInt64
    var durationNanos: Int64 = -1
    /// The connection running it, so CancelStatement can interrupt SQLite.
    var runningOn: SQLConnection?
    var cancelRequested: Bool { lifecycle.stopRequested }
    /// Statement-level fault actions that matched it (fail, add latency, abort after N ms).
    var faults: [FaultAction] = []
    var waitingRequests = 0
    /// Submission order, for listing newest first and for paging tokens.
    var sequence: Int64 = 0
    /// A Data API statement, kept and listed; false for a connection's statement (set at insertion).
    var listed = true
    /// The door it came through (set at registration).
    var door = StatementDoor.dataAPI
    /// The WLM queue it ran in and its wait there, once the query log has it.
    var queueName: String?
    var queueWaitMicros: Int64 = 0
    /// What its translation became and applied, once it finished (the console shows them).
    var translationSummary = TranslationSummary()

    var isBatch: Bool { queryStrings != nil }
    /// The batch this record is a sub-statement of.
    weak var batch: StatementRecord?
    var isTerminal: Bool { status.isTerminal }

    init(id: String, context: StatementContext, createdAt: Date, submittedNanos: UInt64, parsed: ParsedStatement?,
         queryStrings: [String]?, parameters: [StatementParameter]?, statementName: String?,
         resultFormat: ResultFormat, batchMode: BatchMode?) {
        self.id = id
        self.context = context
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.submittedNanos = submittedNanos
        self.parsed = parsed
        self.queryStrings = queryStrings
        self.parameters = parameters
        self.statementName = statementName
        self.resultFormat = resultFormat
        self.batchMode = batchMode
    }
}


extension StatementRecord {
    /// The event sinks receive for this (terminal, non-batch-parent) record. Read under the store's lock.
    func event(parameters: [String: String]?, queryGroup: String?) -> StatementEvent {
        StatementEvent(statementId: id, batchId: batch?.id, sessionId: context.sessionId,
                       targetKind: context.target.kind.rawValue, targetName: context.target.name,
                       database: context.database, dbUser: context.dbUser, accessKeyId: context.caller.accessKeyId,
                       sql: queryString ?? "", parameters: parameters ?? [:], statementName: batch?.statementName ?? statementName,
                       queryGroup: queryGroup, submittedAt: createdAt, startedAt: startedAt, endedAt: updatedAt,
                       status: status.rawValue, error: error, resultRows: resultRows, resultBytes: resultSize,
                       redshiftQueryId: redshiftQueryId, redshiftPid: redshiftPid,
                       result: status == .finished && hasResultSet ? result.map(StatementResultRows.init) : nil,
                       door: door, statementClass: statement.statementClass,
                       queue: queueName, queueWaitMicros: queueWaitMicros, translation: translationSummary)
    }
}
