import Foundation
import RedshiftSQL

/// The statement path's workload steps: WLM admission, injected faults and simulated latency.
/// Only reached when `WorkloadGate.isInert` is false.
extension EmulatorService {
    /// Waits (SUBMITTED) for a WLM slot; the statement's session settings route it.
    func admit(_ record: StatementRecord, on execution: Execution) async throws {
        let connection: SQLConnection? = if case .session(let session, _) = execution { session.connection } else { nil }
        let context = WLMRoutingContext(user: record.context.dbUser, isSuperuser: isSuperuser(record.context.dbUser),
                                        queryGroup: connection?.queryGroup)
        let sql = record.queryString ?? record.queryStrings?.first ?? ""
        do {
            _ = try await workload.admit(record.id, target: record.context.target, context: context,
                                         kind: StatementShape.kind(sql), slots: connection?.slotCount ?? 1)
        } catch let error as WorkloadError {
            throw SQLError(code: "57014", message: error.message)
        }
        for fault in record.faults {
            if case .abort(let millis) = fault.effect { scheduleAbort(record, afterMillis: millis, rule: fault.rule) }
        }
    }

    /// Holds the statement for the time the simulated cluster takes (and any injected delay), on the
    /// statement's own connection, before its end becomes visible; or fails it as a fault rule says.
    func simulateLatency(_ record: StatementRecord, _ outcome: Result<StatementOutcome, Error>) {
        var extraMillis = 0
        for fault in record.faults {
            if case .addLatency(let millis) = fault.effect { extraMillis += millis }
        }
        let rows: Int
        let bytes: Int
        switch outcome {
        case .success(let result): rows = Int(result.resultRows); bytes = result.result?.byteSize ?? 0
        case .failure: rows = 0; bytes = 0
        }
        let sql = record.queryString ?? ""
        let plan = workload.plan(sql: sql, database: record.context.database, target: record.context.target,
                                 isReadOnly: StatementShape.kind(sql) == .readOnly, rows: rows, bytes: bytes)
        let nanos = plan.totalNanos + UInt64(extraMillis) * 1_000_000
        if nanos > 0 { Thread.sleep(forTimeInterval: Double(nanos) / 1e9) }
    }

    /// A statement-level `fail` fault replaces running the statement.
    func injectedFailure(_ record: StatementRecord) -> SQLError? {
        for fault in record.faults {
            if case .fail(let error) = fault.effect, !error.isServiceError {
                return SQLError(code: error.code, message: error.message)
            }
        }
        return nil
    }

    /// An `abort after N ms` fault: cancels the statement as WLM would, with the rule named.
    private func scheduleAbort(_ record: StatementRecord, afterMillis millis: Int, rule: String) {
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(millis)) { [self] in
            let connection: SQLConnection? = statements.state.withLock { _ in
                guard !record.isTerminal else { return nil }
                record.cancelRequested = true
                record.abortMessage = "ERROR: Query (\(record.redshiftQueryId)) cancelled by fault rule \"\(rule)\" after \(millis) ms"
                return record.runningOn
            }
            connection?.interrupt()
        }
    }
}
