import RedshiftSQL
/// What kind of statement, as WLM timeouts and QMR hops treat it.
/// - Redshift: Database Developer Guide › WLM query queue hopping (wlm.md §3.3).
public enum WLMStatementKind: Sendable, Equatable {
    /// SELECT and other read-only queries: hopped on timeout while Running; eligible for SQA.
    case readOnly
    /// CREATE TABLE AS, SELECT INTO: hopped; eligible for SQA.
    case createTableAs
    /// INSERT, UPDATE, DELETE, UNLOAD, UDFs: cancelled on a WLM timeout.
    case write
    /// COPY, ANALYZE, VACUUM: not subject to WLM timeout, never stopped by QMR.
    case exempt

    var isHoppable: Bool { self == .readOnly || self == .createTableAs }

    /// The kind WLM sees of a statement of this class.
    public init(_ statementClass: StatementClass) {
        switch statementClass {
        case .query: self = .readOnly
        case .createTableAs: self = .createTableAs
        case .copy, .maintenance: self = .exempt
        default: self = .write
        }
    }
}

/// One statement asking for a slot.
public struct WLMRequest: Sendable, Equatable {
    /// The caller's id for the statement (the Data API statement id, or a sub-statement's).
    public var id: String
    public var context: WLMRoutingContext
    /// `wlm_query_slot_count` (1–50, default 1); ignored under automatic WLM.
    public var slots: Int
    public var kind: WLMStatementKind
    /// The caller predicts a short run (e.g. a cached plan of a cheap shape): eligible for SQA (service
    /// class 14) when it would otherwise wait.
    public var shortQuery: Bool

    public init(id: String, context: WLMRoutingContext, slots: Int = 1, kind: WLMStatementKind = .readOnly,
                shortQuery: Bool = false) {
        self.id = id
        self.context = context
        self.slots = slots
        self.kind = kind
        self.shortQuery = shortQuery
    }
}

/// The answer to `submit`: run now, wait, or fail.
public enum WLMAdmission: Sendable, Equatable {
    case run(serviceClass: Int)
    /// Waiting; position 1 runs next (STV_WLM_QUERY_QUEUE_STATE.position).
    case queued(serviceClass: Int, position: Int)
    case rejected(WLMCancelReason)
}

/// A statement that now holds its slots and must (re)start executing.
public struct WLMStart: Sendable, Equatable {
    public var id: String
    public var serviceClass: Int
    public var slots: Int
    /// Time spent waiting in this queue, ns.
    public var queuedNanos: UInt64
}

/// Why WLM ends a statement. `message(queryId:)` gives Redshift's text (without the `ERROR: ` prefix).
public enum WLMCancelReason: Sendable, Equatable {
    /// CancelStatement / statement_timeout.
    case userRequest
    /// A WLM timeout (`max_execution_time`) with no next matching queue to hop to.
    case timeoutNoQueue
    /// A WLM timeout on a statement that cannot hop (INSERT, UPDATE, DELETE, UNLOAD, UDF).
    case timeoutNotHoppable
    /// A QMR `hop` with no next matching queue.
    case ruleHopNoQueue(rule: String)
    /// A QMR `abort`.
    case ruleAbort(rule: String)
    /// `wlm_query_slot_count` larger than the queue's concurrency.
    case slotCountExceeded(requested: Int, available: Int)

    /// Redshift's wording. `canceled on user's request` is documented (r_statement_timeout); "ran out of
    /// wlm queues for restart" is quoted by Redshift release notes; the QMR abort and slot texts are
    /// **unverified**.
    public func message(queryId: Int64) -> String {
        switch self {
        case .userRequest, .timeoutNotHoppable:
            return "Query (\(queryId)) canceled on user's request"
        case .timeoutNoQueue, .ruleHopNoQueue:
            return "Query (\(queryId)) cancelled on user's request and ran out of wlm queues for restart."
        case .ruleAbort(let rule):
            return "Query (\(queryId)) cancelled by WLM abort action of Query Monitoring Rule \"\(rule)\"."
        case .slotCountExceeded(let requested, let available):
            return "wlm_query_slot_count (\(requested)) exceeds the \(available) slots of the WLM queue"
        }
    }
}

/// One STL_WLM_QUERY row: one execution attempt in one service class. Times are the scheduler's
/// monotonic nanoseconds; `exec*` are nil when the attempt never ran.
public struct WLMQueryRecord: Sendable, Equatable {
    public var id: String
    public var serviceClass: Int
    public var slots: Int
    public var queueStart: UInt64
    public var queueEnd: UInt64
    public var execStart: UInt64?
    public var execEnd: UInt64?
    /// `Completed` (finished, failed or cancelled) or `Evicted` (hopped out, or evicted from SQA).
    public var finalState: String
    /// `n/a` under manual WLM, else the priority name.
    public var queryPriority: String
    /// 1 for the first attempt, 2 after one hop or restart, …
    public var attempt: Int

    public var totalQueueNanos: UInt64 { queueEnd.elapsed(since: queueStart) }
    public var totalExecNanos: UInt64 { execStart.map { (execEnd ?? $0).elapsed(since: $0) } ?? 0 }
}

/// The answer to `finish` and `cancel`: the attempt's log row and who starts now.
public struct WLMRelease: Sendable, Equatable {
    /// Whether the statement held slots (the caller must interrupt it when cancelling).
    public var wasRunning: Bool
    public var record: WLMQueryRecord?
    public var started: [WLMStart]
}

/// What a WLM timeout or a QMR `hop` did to a running statement.
public enum WLMHopOutcome: Sendable, Equatable {
    /// Moved to `to` and keeps running (intermediate results kept).
    case reassigned(to: Int)
    /// Interrupt the current execution; it runs again from scratch when it appears in a `started`
    /// list (maybe the same answer's). The new attempt gets a new query id in Redshift.
    case restarted(to: Int)
    /// Interrupt it and fail it with `reason.message(queryId:)`.
    case cancelled(WLMCancelReason)
    /// Not subject to this hop (COPY, maintenance, Returning, or automatic WLM): nothing changes.
    case continued
}

/// The answer to `hop` / `expire`, per statement.
public struct WLMHop: Sendable, Equatable {
    public var id: String
    public var outcome: WLMHopOutcome
    /// STL_WLM_QUERY row of the attempt that ended (final_state `Evicted` or `Completed`).
    public var record: WLMQueryRecord?
    public var started: [WLMStart]
}
