import DataAPIModel
import Foundation

/// Turning outcomes into recorded statements: the baseline's line with what the replay observed.
extension Replayer {
    /// A statement of `unit` as replayed: the original event id, session and sequence, the target
    /// and user it ran as, and the outcome fields cleared for the caller to fill.
    func replayed(_ statement: RecordedStatement, submitted: Int64) -> RecordedStatement {
        var out = RecordedStatement(eventId: statement.eventId, sessionId: statement.sessionId, sequence: statement.sequence,
                                    user: statement.user, database: statement.database, sql: statement.sql,
                                    submittedAt: clock.wallTime(atMicros: submitted))
        out.clusterIdentifier = statement.clusterIdentifier
        out.workgroupName = statement.workgroupName
        out.queryGroup = statement.queryGroup
        out.transactionId = statement.transactionId
        out.batchId = statement.batchId
        out.batchIndex = statement.batchIndex
        out.statementName = statement.statementName
        out.parameters = statement.parameters
        return out
    }

    /// Records every statement of `unit` as FAILED with the call's error.
    func record(_ unit: ReplayUnit, failure: (code: String, message: String), submitted: Int64, drift: Int64? = nil) {
        let end = clock.wallTime(atMicros: clock.nowMicros())
        for statement in unit.statements {
            var out = replayed(statement, submitted: submitted)
            out.endedAt = end
            out.status = "FAILED"
            out.errorCode = failure.code
            out.error = failure.message
            out.driftMicros = drift
            state.count(status: "FAILED", callError: true)
            sink(out)
        }
    }

    /// Records the outcome DescribeStatement reported. The end is the submission plus the server's
    /// `Duration` (submission to end, as the baseline's latency is), or the time the terminal
    /// status was seen when there is no Duration.
    /// `fingerprints[i]` is the i-th statement's result fingerprint (`--fingerprint`).
    func record(_ unit: ReplayUnit, described: DescribeStatementResponse, submitted: Int64, acknowledged: Int64, observedEnd: Int64,
                drift: Int64? = nil, fingerprints: [String?] = []) {
        let outcomes = DescribedOutcome.of(unit, described)
        let whole = DescribedOutcome(described)
        for (index, statement) in unit.statements.enumerated() {
            let source = outcomes[index] ?? whole
            var out = replayed(statement, submitted: submitted)
            let status = source.status ?? whole.status ?? "FAILED"
            out.status = status == "FINISHED" || status == "ABORTED" ? status : "FAILED"
            out.error = source.error
            if let nanos = source.duration, nanos > 0 {
                out.durationMicros = nanos / 1000
                out.endedAt = out.submittedAt.adding(microseconds: max(1, nanos / 1000))
            } else {
                out.endedAt = clock.wallTime(atMicros: observedEnd)
            }
            if let rows = source.resultRows, rows >= 0 { out.resultRows = rows }
            if let bytes = source.resultSize, bytes >= 0 { out.resultBytes = bytes }
            out.redshiftQueryId = source.redshiftQueryId.flatMap { $0 > 0 ? $0 : nil }
            out.redshiftPid = described.redshiftPid.flatMap { $0 > 0 ? $0 : nil }
            out.driftMicros = drift
            if index < fingerprints.count { out.resultFingerprint = fingerprints[index] }
            state.count(status: out.status, callError: false)
            sink(out)
        }
    }
}
