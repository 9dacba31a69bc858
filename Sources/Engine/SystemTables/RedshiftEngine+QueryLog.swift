import Foundation
import RedshiftSQL

/// What the run path knows of a statement when it ends, for the query log.
struct QueryLogContext {
    var xid: Int64 = 0
    /// `query_group` when it ran.
    var label: String?
    var plan = LatencyPlan()
    /// WLM's view of it (nil without `--wlm`).
    var trace: WorkloadTrace?
    /// RLS policies the translation applied.
    var appliedPolicies: [AppliedPolicy] = []
    /// The connection it ran on and whether a transaction block was still open after it.
    var end = QueryHistory.StatementEnd(pid: 0, inTransaction: false)
}

extension RedshiftEngine {
    /// The engine tables' rows for statements of `target`.
    func systemTables(for target: Target) -> EmulatorSystemTables {
        EmulatorSystemTables(service: self, target: target)
    }

    /// Appends an ended statement to the query log. Called under the statement store's lock, once the
    /// record has its final status and Duration: the row exists as soon as the end is visible, and its
    /// times are DescribeStatement's (queue time + execution time = Duration).
    func logQuery(_ record: StatementRecord, _ context: QueryLogContext) {
        guard !record.isBatch else { return }
        let user = record.context.dbUser
        let superuser = isSuperuser(user)
        let configuration = workload.displayedConfiguration
        let elapsed = max(0, record.durationNanos) / 1000
        let trace = context.trace
        let queue = min(elapsed, Int64((trace?.queuedNanos(now: clock.monotonicNanoseconds()) ?? 0) / 1000))
        let serviceClass = trace?.serviceClass
            ?? configuration.route(WLMRoutingContext(user: user, isSuperuser: superuser, queryGroup: context.label))
        let parsed = record.statement
        let sql = parsed.logText   // secrets masked (ParsedStatement.logText)
        let status: String
        switch record.status {
        case .finished: status = "success"
        case .aborted: status = "canceled"
        default: status = "failed"
        }
        let attemptOffset = trace.map { Int64($0.attemptStart.elapsed(since: record.submittedNanos) / 1000) } ?? 0
        var entry = QueryLogEntry(
            statementId: record.id, target: record.context.target, queryId: record.redshiftQueryId, xid: context.xid,
            pid: record.redshiftPid,
            userId: workload.history.userId(database: record.context.database, user: user, isSuperuser: superuser),
            user: user, database: record.context.database, label: context.label, sql: sql, queryType: QueryType(parsed),
            submitted: record.createdAt, queueMicros: queue, elapsedMicros: elapsed, status: status, error: record.error,
            returnedRows: max(0, record.resultRows), returnedBytes: max(0, record.resultSize), serviceClass: serviceClass,
            serviceClassName: configuration.serviceClassName(serviceClass), slots: trace?.slots ?? 1,
            queryPriority: trace?.priority ?? (serviceClass >= WLMConfiguration.firstAutomaticServiceClass ? "normal" : "n/a"))
        entry.planningMicros = Int64(context.plan.planningNanos / 1000)
        entry.compileMicros = Int64(context.plan.compileNanos / 1000)
        entry.resultCacheHit = context.plan.resultCacheHit
        entry.appliedPolicies = context.appliedPolicies
        if context.plan.resultCacheHit {
            entry.sourceQuery = workload.history.resultSource(target: record.context.target, database: record.context.database, sql: sql)
        }
        if let trace, trace.hops > 0 {
            entry.lastAttemptOffsetMicros = attemptOffset
            entry.lastAttemptQueueMicros = max(0, queue - Int64(trace.queuedBefore / 1000))
        }
        record.queueName = entry.serviceClassName
        record.queueWaitMicros = queue
        workload.history.record(entry, ending: context.end)
    }
}
