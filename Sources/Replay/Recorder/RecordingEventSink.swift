import Emulator
import Foundation

/// `serve --record`: turns every finished statement of the engine into a recording line.
///
/// Statements run in a Data API session keep its `SessionId`; statements without one are grouped
/// by caller (access key, database user, cluster or workgroup, database), in the order they ended,
/// so a client's sequence replays in order. A batch's sub-statements share the batch id as
/// `batchId` and `transactionId`.
public final class RecordingEventSink: StatementEventSink, @unchecked Sendable {
    private let writer: RecordingWriter
    private let lock = NSLock()
    private var sequences: [String: Int] = [:]

    public init(writer: RecordingWriter) { self.writer = writer }

    public func statementEnded(_ event: StatementEvent) {
        let session = event.sessionId
            ?? "caller:\(event.accessKeyId)/\(event.dbUser)@\(event.targetKind):\(event.targetName)/\(event.database)"
        lock.lock()
        let sequence = (sequences[session] ?? 0) + 1
        sequences[session] = sequence
        lock.unlock()
        writer.write(.statement(Self.statement(event, sessionId: session, sequence: sequence)))
    }

    /// The recording form of an engine event.
    public static func statement(_ event: StatementEvent, sessionId: String, sequence: Int) -> RecordedStatement {
        var statement = RecordedStatement(eventId: event.statementId, sessionId: sessionId, sequence: sequence,
                                          user: event.dbUser, database: event.database, sql: event.sql,
                                          submittedAt: RecordingTime(event.submittedAt))
        if event.targetKind == "workgroup" { statement.workgroupName = event.targetName } else {
            statement.clusterIdentifier = event.targetName
        }
        statement.accessKeyId = event.accessKeyId.isEmpty ? nil : event.accessKeyId
        statement.queryGroup = event.queryGroup
        if let batch = event.batchId {
            statement.batchId = batch
            statement.transactionId = batch
            if let colon = event.statementId.lastIndex(of: ":") {
                statement.batchIndex = Int(event.statementId[event.statementId.index(after: colon)...])
            }
        }
        statement.statementName = event.statementName
        if !event.parameters.isEmpty {
            statement.parameters = event.parameters.sorted { $0.key < $1.key }
                .map { RecordedParameter(name: $0.key, value: $0.value) }
        }
        statement.startedAt = event.startedAt.map(RecordingTime.init)
        let ended = RecordingTime(event.endedAt)
        statement.endedAt = ended
        statement.durationMicros = ended.microsecondsSinceEpoch - statement.submittedAt.microsecondsSinceEpoch
        statement.status = event.status
        statement.error = event.error
        if event.status == "FINISHED" {
            statement.resultRows = event.resultRows
            statement.resultBytes = event.resultBytes
        }
        statement.redshiftQueryId = event.redshiftQueryId > 0 ? event.redshiftQueryId : nil
        statement.redshiftPid = event.redshiftPid > 0 ? event.redshiftPid : nil
        return statement
    }
}
