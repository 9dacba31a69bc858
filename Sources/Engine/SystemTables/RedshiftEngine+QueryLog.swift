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

    /// The query-log row of a statement about to end, but for what its end decides (`logQuery`).
    /// Built before the end is published, outside the statement store's lock, from what does not
    /// change once the statement started; nil for a batch parent (its statements have the rows).
    /// Its times are DescribeStatement's (queue time + execution time = Duration).
    func queryLogEntry(_ record: StatementRecord, _ context: QueryLogContext, durationNanos: Int64) -> QueryLogEntry? {
        guard !record.isBatch else { return nil }
        let user = record.context.dbUser
        let superuser = isSuperuser(user)
        let configuration = workload.displayedConfiguration
        let elapsed = max(0, durationNanos) / 1000
        let trace = context.trace
        let queue = min(elapsed, Int64((trace?.queuedNanos(now: clock.monotonicNanoseconds()) ?? 0) / 1000))
        let serviceClass = trace?.serviceClass
            ?? configuration.route(WLMRoutingContext(user: user, isSuperuser: superuser, queryGroup: context.label))
        let parsed = record.statement
        let sql = parsed.logText   // secrets masked (ParsedStatement.logText)
        let attemptOffset = trace.map { Int64($0.attemptStart.elapsed(since: record.submittedNanos) / 1000) } ?? 0
        var entry = QueryLogEntry(
            statementId: record.id, target: record.context.target, queryId: 0, xid: context.xid, pid: 0,
            userId: workload.history.userId(database: record.context.database, user: user, isSuperuser: superuser),
            user: user, database: record.context.database, label: context.label, sql: sql, queryType: QueryType(parsed),
            submitted: record.createdAt, queueMicros: queue, elapsedMicros: elapsed, status: "", error: nil,
            returnedRows: 0, returnedBytes: 0, serviceClass: serviceClass,
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
        return entry
    }

    /// Appends an ended statement's row to the query log, with what its end decided (read under
    /// the store's lock when the end was published). Called right after that, outside the lock.
    func logQuery(_ entry: QueryLogEntry, _ ended: QueryLogEnding, _ context: QueryLogContext) {
        var entry = entry
        entry.queryId = ended.queryId
        entry.pid = ended.pid
        switch ended.status {
        case .finished: entry.status = "success"
        case .aborted: entry.status = "canceled"
        default: entry.status = "failed"
        }
        entry.error = ended.error
        entry.returnedRows = max(0, ended.resultRows)
        entry.returnedBytes = max(0, ended.resultSize)
        workload.history.record(entry, ending: context.end)
    }
}

/// What a statement's end decided, for its query-log row.
struct QueryLogEnding {
    var queryId: Int64
    var pid: Int64
    var status: StatementStatus
    var error: String?
    var resultRows: Int64
    var resultSize: Int64

    /// Read under the store's lock.
    init(_ record: StatementRecord) {
        queryId = record.redshiftQueryId
        pid = record.redshiftPid
        status = record.status
        error = record.error
        resultRows = record.resultRows
        resultSize = record.resultSize
    }
}
