import Engine
import Foundation
import Logging

/// Logs every statement's end and every cluster-endpoint connection's open and close at `info`,
/// with the fields a log collector filters on (`serve --log-level info`, or `--log-format json`).
struct StatementLog: StatementEventSink {
    let logger: Logger

    func statementEnded(_ event: StatementEvent) {
        guard logger.logLevel <= .info else { return }
        var fields: Logger.Metadata = [
            "event": "statement",
            "statement_id": .string(event.statementId),
            "door": .string(event.door.rawValue),
            event.targetKind: .string(event.targetName),
            "database": .string(event.database),
            "user": .string(event.dbUser),
            "status": .string(event.status),
            "statement_class": .string(String(describing: event.statementClass)),
            "duration_ms": .stringConvertible(Self.milliseconds(event.endedAt.timeIntervalSince(event.submittedAt))),
            "queue_wait_ms": .stringConvertible(Self.milliseconds(Double(event.queueWaitMicros) / 1e6)),
            "rows": .stringConvertible(event.resultRows),
            "query_id": .stringConvertible(event.redshiftQueryId),
            "pid": .stringConvertible(event.redshiftPid),
        ]
        if let batchId = event.batchId { fields["batch_id"] = .string(batchId) }
        if let sessionId = event.sessionId { fields["session_id"] = .string(sessionId) }
        if let queue = event.queue { fields["queue"] = .string(queue) }
        if let error = event.error { fields["error"] = .string(error) }
        logger.info("statement \(event.status.lowercased())", metadata: fields)
    }

    func connectionChanged(_ event: ConnectionEvent) {
        guard logger.logLevel <= .info else { return }
        var fields: Logger.Metadata = [
            "event": .string(event.kind.rawValue),
            "session_id": .string(event.sessionId),
            event.targetKind: .string(event.targetName),
            "database": .string(event.database),
            "user": .string(event.dbUser),
            "pid": .stringConvertible(event.redshiftPid),
        ]
        if let host = event.remoteHost { fields["remote_host"] = .string(host) }
        if let application = event.applicationName { fields["application_name"] = .string(application) }
        logger.info("postgresql \(event.kind.rawValue)", metadata: fields)
    }

    /// Milliseconds with microsecond precision.
    static func milliseconds(_ seconds: Double) -> Double { (seconds * 1_000_000).rounded() / 1000 }
}
