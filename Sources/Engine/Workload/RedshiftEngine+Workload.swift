import Foundation
import RedshiftSQL

/// The statement path's workload steps: WLM admission, injected faults, simulated latency and what
/// WLM decides while a statement runs. Only reached when `WorkloadGate.isInert` is false.
extension RedshiftEngine {
    /// Waits (SUBMITTED) for a WLM slot; the statement's session settings route it. The query id is
    /// given here, so a queued statement shows it in STV_WLM_QUERY_STATE.
    func admit(_ record: StatementRecord, on execution: Execution) async throws {
        let connection: SQLConnection?
        let cluster: Cluster
        switch execution {
        case .session(let session, let owner): connection = session.connection; cluster = owner
        case .pooled(_, let owner): connection = nil; cluster = owner
        }
        let queryId: Int64 = record.isBatch ? 0 : cluster.nextQueryId()
        statements.state.withLock { _ in if !record.isBatch { record.lifecycle.assign(queryId: queryId) } }
        let user = record.context.dbUser
        let queryGroup = connection?.queryGroup
        let facts = await routingFacts(user: user, database: record.context.database, cluster: cluster,
                                       connection: connection, queryGroup: queryGroup)
        let context = WLMRoutingContext(user: user, groups: facts.groups, isSuperuser: facts.isSuperuser, queryGroup: queryGroup)
        let parsed = record.parsed ?? record.subStatements.first?.parsed
        let kind = parsed.map { WLMStatementKind($0.statementClass) } ?? .write
        var prediction: (short: Bool, shape: String?) = (false, nil)
        if !record.isBatch, let parsed {
            prediction = workload.shortQueryPrediction(shape: parsed.fingerprint, kind: kind, target: record.context.target)
        }
        let restart = record.isBatch ? nil : newQueryIdOnRestart(record, cluster: cluster)
        do {
            _ = try await workload.admit(record.id, target: record.context.target, context: context, kind: kind,
                                         slots: connection?.slotCount ?? 1, shortQuery: prediction.short,
                                         shape: prediction.shape, database: record.context.database, queryId: queryId,
                                         onEvict: { [self] in interruptRunning(record) },
                                         onRestart: restart)
        } catch let error as WorkloadError {
            throw SQLError(code: "57014", message: error.message)
        } catch is CancellationError {
            throw statementTimeoutFailure(record) ?? CancellationError()   // statement_timeout while queued
        }
        for fault in record.faults {
            if case .abort(let millis) = fault.effect { scheduleAbort(record, afterMillis: millis, rule: fault.rule) }
        }
    }

    /// Gives a statement WLM restarts (a hop that could not reassign it) a new query id, as Redshift
    /// does (r_STV_WLM_QUERY_STATE: "assigned a new query ID but not a new task ID"); DescribeStatement's
    /// RedshiftQueryId is then the id of the attempt that ran last.
    private func newQueryIdOnRestart(_ record: StatementRecord, cluster: Cluster) -> @Sendable () -> Int64 {
        return { [self] in
            let restarted = cluster.nextQueryId()
            statements.state.withLock { (_: inout StatementStore.State) -> Void in record.lifecycle.assign(queryId: restarted) }
            return restarted
        }
    }

    /// The user's groups and superuser status for routing, read from the database's security
    /// catalog (CREATE GROUP, CREATE USER … CREATEUSER) only when routing needs them: groups when a
    /// queue routes by user_group, superuser status for `SET query_group TO 'superuser'`.
    private func routingFacts(user: String, database: String, cluster: Cluster, connection: SQLConnection?,
                              queryGroup: String?) async -> (groups: [String], isSuperuser: Bool) {
        let configured = isSuperuser(user)
        let needsGroups = workload.wlm?.queues.contains { !$0.userGroups.isEmpty } ?? false
        let needsSuperuser = !configured && queryGroup == "superuser"
        guard needsGroups || needsSuperuser else { return (workload.userGroups(database, user), configured) }
        let read: @Sendable (SQLConnection) async throws -> ([String], Bool) = { connection in
            try await connection.access { db, _ in
                let catalog = SecurityCatalog(executor: GRDBExecutor(db: db))
                return (try catalog.groups(of: user), try catalog.isSuperuser(user))
            }
        }
        let facts: ([String], Bool)?
        if let connection {
            facts = try? await read(connection)
        } else {
            facts = try? await cluster.database(named: database).withPooledConnection { try await read($0) }
        }
        return ((facts?.0 ?? []) + workload.userGroups(database, user), configured || (facts?.1 ?? false))
    }

    /// Holds the statement for the time the simulated cluster takes (and any injected delay), on the
    /// statement's own connection, before its end becomes visible; or fails it as a fault rule says.
    /// The wait ends early when the statement is cancelled or WLM stops it; after a hop that
    /// restarts it in another queue it waits for that queue's slot, then executes again.
    func simulateLatency(_ record: StatementRecord, _ outcome: Result<StatementOutcome, Error>)
        -> (Result<StatementOutcome, Error>, LatencyPlan) {
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
        let id = record.batch?.id ?? record.id
        workload.noteRows(id, rows: rows)
        let parsed = record.statement
        let plan = workload.plan(parsed, database: record.context.database, target: record.context.target,
                                 rows: rows, bytes: bytes)
        let extra = UInt64(extraMillis) * 1_000_000
        var deadline = clock.monotonicNanoseconds() + plan.totalNanos + extra
        while true {
            if statements.state.withLock({ _ in record.cancelRequested }) { return (.failure(CancellationError()), plan) }
            if let timeout = statementTimeoutFailure(record) { return (.failure(timeout), plan) }
            switch workload.verdict(id) {
            case .stop(let reason): return (.failure(wlmFailure(reason, record)), plan)
            case .waitForRestart:
                Thread.sleep(forTimeInterval: 0.002)
                deadline = clock.monotonicNanoseconds() + plan.serverNanos + extra   // runs again from scratch
                continue
            case .restarted:
                deadline = clock.monotonicNanoseconds() + plan.serverNanos + extra
            case .run:
                break
            }
            let now = clock.monotonicNanoseconds()
            guard now < deadline else { break }
            Thread.sleep(forTimeInterval: Double(min(deadline - now, 5_000_000)) / 1e9)
        }
        return (outcome, plan)
    }

    /// The statement's error when WLM stopped it: Redshift's text with its query id.
    func wlmFailure(_ reason: WLMCancelReason, _ record: StatementRecord) -> SQLError {
        let queryId = statements.state.withLock { _ in record.redshiftQueryId }
        return SQLError(code: "57014", message: reason.message(queryId: queryId))
    }

    /// Interrupts whatever the statement (or its batch's current sub-statement) runs on SQLite.
    private func interruptRunning(_ record: StatementRecord) {
        let connection = statements.state.withLock { _ in
            record.runningOn ?? record.subStatements.lazy.compactMap(\.runningOn).first
        }
        connection?.interrupt()
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
            let (action, running) = statements.state.withLock { _ in
                (record.lifecycle.abortByFault(rule: rule, afterMillis: millis), record.runningOn)
            }
            perform(action, record: record, running: running)
        }
    }
}
