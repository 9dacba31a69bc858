import DataAPI
import DataAPIModel
import Engine
import Foundation

/// `serve --record`: turns every finished statement of the engine into a recording line.
///
/// Statements run in a Data API session keep its `SessionId`; statements without one are grouped
/// by caller (access key, database user, cluster or workgroup, database), in the order they ended,
/// so a client's sequence replays in order. A batch's sub-statements share the batch id as
/// `batchId` and `transactionId`.
///
/// The statements of an explicit transaction block (BEGIN … COMMIT over several calls or round
/// trips) share `transactionId` `<sessionId>/t<N>` (``TransactionTracker``). Cluster-endpoint
/// connections are recorded as sessions: a session line when the connection opens (`event`
/// `connect`) and one when it closes (`disconnect`, with `endedAt`), format 1.3.
///
/// A FINISHED statement with a result set gets its `resultFingerprint` (``ResultFingerprint``):
/// the rows are hashed on a background queue, off the statement's connection, and the line is
/// written then. ``drain()`` waits for that queue (call it before closing the writer). When more
/// than ``maxPendingFingerprints`` results wait there (the server produces them faster than they
/// are hashed), further lines are written without a fingerprint rather than keep results alive.
public final class RecordingEventSink: StatementEventSink, @unchecked Sendable {
    private let writer: RecordingWriter
    private let lock = NSLock()
    private var sequences: [String: Int] = [:]
    private var transactions: [String: TransactionTracker] = [:]
    private let fingerprints = DispatchQueue(label: "recording-fingerprints", qos: .utility)
    /// False: results are not fingerprinted (lines are written at once).
    private let fingerprintResults: Bool
    private var pendingFingerprints = 0
    /// Results waiting to be hashed, at most.
    public static let maxPendingFingerprints = 1_024

    public init(writer: RecordingWriter, fingerprintResults: Bool = true) {
        self.writer = writer
        self.fingerprintResults = fingerprintResults
    }

    public func statementEnded(_ event: StatementEvent) {
        let session = event.sessionId
            ?? "caller:\(event.accessKeyId)/\(event.dbUser)@\(event.targetKind):\(event.targetName)/\(event.database)"
        let hashes = fingerprintResults && event.result != nil
        lock.lock()
        let sequence = (sequences[session] ?? 0) + 1
        sequences[session] = sequence
        var tracker = transactions[session] ?? TransactionTracker()
        let block = event.batchId == nil ? tracker.statement(event.sql, status: event.status) : nil
        transactions[session] = tracker
        let queued = hashes && pendingFingerprints < Self.maxPendingFingerprints
        if queued { pendingFingerprints += 1 }
        lock.unlock()
        var recorded = Self.statement(event, sessionId: session, sequence: sequence)
        if let block { recorded.transactionId = "\(session)/t\(block)" }
        let statement = recorded
        guard queued, let result = event.result else {
            writer.write(.statement(statement))
            return
        }
        fingerprints.async { [self] in
            var fingerprinted = statement
            fingerprinted.resultFingerprint = result.fingerprint()
            writer.write(.statement(fingerprinted))
            lock.lock()
            pendingFingerprints -= 1
            lock.unlock()
        }
    }

    public func connectionChanged(_ event: ConnectionEvent) {
        var session = RecordedSession(sessionId: event.sessionId, user: event.dbUser, database: event.database)
        session.event = event.kind.rawValue
        session.startedAt = RecordingTime(event.openedAt)
        if event.kind == .disconnect {
            // Sequences stay: the statement a disconnect cancelled may end after it.
            session.endedAt = RecordingTime(event.time)
        }
        session.redshiftPid = event.redshiftPid > 0 ? event.redshiftPid : nil
        session.remoteHost = event.remoteHost
        session.applicationName = event.applicationName
        if event.targetKind == "workgroup" { session.workgroupName = event.targetName } else {
            session.clusterIdentifier = event.targetName
        }
        writer.write(.session(session))
    }

    /// Waits until every fingerprint queued so far is computed and its line handed to the writer.
    public func drain() { fingerprints.sync {} }

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
