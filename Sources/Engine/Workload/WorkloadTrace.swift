import Foundation

/// What the workload gate knows about one admitted statement while it lives: where WLM put it,
/// its queue time, and what WLM decided about it at run time.
struct WorkloadTrace: Sendable {
    var target: Target
    var database: String
    var kind: WLMStatementKind
    var routing: WLMRoutingContext
    /// The statement's RedshiftQueryId (for error texts and the rule-action log): a restarted query
    /// gets a new one (r_STV_WLM_QUERY_STATE).
    var queryId: Int64
    /// The first query id: WLM's `task`, kept across restarts.
    var taskId: Int64
    /// The statement's shape when SQA is on (its run time feeds the next prediction).
    var shape: String?
    /// It overran SQA's limit and left service class 14.
    var evictedFromShortQuery = false
    var serviceClass: Int
    var slots: Int
    var priority: String
    /// When the current attempt entered its queue (scheduler nanoseconds).
    var attemptStart: UInt64
    /// When the current attempt got its slots; nil while queued.
    var queueEnd: UInt64?
    /// Queue time of earlier attempts (hops), ns.
    var queuedBefore: UInt64 = 0
    /// Hops so far (timeout or QMR).
    var hops = 0
    /// Hopped and queued in the new queue: the statement waits, then executes again.
    var restartPending = false
    /// Restarted, and the run path has not started its execution again yet.
    var restartUnseen = false
    /// WLM ended it (timeout, QMR abort, hop with nowhere to go).
    var failure: WLMCancelReason?
    /// Rows the statement returned, once known (QMR `return_row_count`).
    var rows: Int?
    var onEvict: (@Sendable () -> Void)?
    /// Gives the statement a new query id when WLM restarts it, and returns it.
    var onRestart: (@Sendable () -> Int64)?

    init(target: Target, database: String, kind: WLMStatementKind, routing: WLMRoutingContext, queryId: Int64,
         serviceClass: Int, slots: Int, priority: String, attemptStart: UInt64, onEvict: (@Sendable () -> Void)?) {
        self.target = target
        self.database = database
        self.kind = kind
        self.routing = routing
        self.queryId = queryId
        self.taskId = queryId
        self.serviceClass = serviceClass
        self.slots = slots
        self.priority = priority
        self.attemptStart = attemptStart
        self.onEvict = onEvict
    }

    /// Total time spent waiting for slots, all attempts, up to `now` if still queued.
    func queuedNanos(now: UInt64) -> UInt64 { queuedBefore &+ (queueEnd ?? now).elapsed(since: attemptStart) }
}

/// The run path's questions to the gate while a statement executes.
extension WorkloadGate {
    /// What WLM decided for a running statement: carry on, wait for a restart in another queue, or stop.
    enum RuntimeVerdict: Equatable {
        case run
        case waitForRestart
        /// Restarted and holding its new slots: execute again from scratch (answered once).
        case restarted
        case stop(WLMCancelReason)
    }

    func verdict(_ id: String) -> RuntimeVerdict {
        guard wlm != nil else { return .run }
        return state.withLock { state in
            guard let trace = state.traces[id] else { return .run }
            if let failure = trace.failure { return .stop(failure) }
            if trace.restartPending { return .waitForRestart }
            guard trace.restartUnseen else { return .run }
            state.traces[id]!.restartUnseen = false
            return .restarted
        }
    }

    /// What WLM knows of a statement still admitted (a batch's, while its sub-statements run).
    func trace(_ id: String) -> WorkloadTrace? {
        guard wlm != nil else { return nil }
        return state.withLock { $0.traces[id] }
    }

    /// The rows a statement returned (metric `return_row_count` for the rules still to evaluate).
    func noteRows(_ id: String, rows: Int) {
        guard wlm != nil else { return }
        state.withLock { $0.traces[id]?.rows = rows }
    }

    /// The live WLM state of a cluster/workgroup (nil without `--wlm`).
    func snapshot(target: Target) -> WLMSnapshot? {
        guard wlm != nil else { return nil }
        let now = clock.monotonicNanoseconds()
        return state.withLock { $0.schedulers[target]?.snapshot(at: now) }
            ?? WLMScheduler(configuration: wlm!).snapshot(at: now)
    }

    /// WLM task ids (the first query id, kept across restarts) of the statements WLM tracks, by statement id.
    func taskIds(target: Target) -> [String: Int64] {
        guard wlm != nil else { return [:] }
        return state.withLock { state in
            var ids: [String: Int64] = [:]
            for (id, trace) in state.traces where trace.target == target { ids[id] = trace.taskId }
            return ids
        }
    }
}
