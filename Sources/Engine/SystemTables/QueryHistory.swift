import Foundation

/// The emulator's query log: statements that ended, hopped attempts and QMR actions, per
/// cluster/workgroup, kept bounded (the oldest go first, like Redshift's STL retention).
///
/// Also hands out the ids the logs show: transaction ids (one per transaction: the statements of
/// a BEGIN … COMMIT block share it) and user ids (the superuser is 100, like the admin user of a
/// new cluster; other users 101, 102 … in order of first appearance, unless a lookup knows them).
final class QueryHistory: Sendable {
    /// Entries kept (all targets together); older ones are dropped.
    let capacity: Int
    /// The user id for (database, user) when the catalog knows it (issue 5's users); nil: allocate.
    private let userIdLookup: (@Sendable (String, String) -> Int?)?

    private struct State {
        var entries: RingBuffer<QueryLogEntry>
        var evicted: [EvictedAttempt] = []
        var ruleActions: [RuleActionEntry] = []
        var nextXid: Int64 = 1_000
        var openXid: [Int64: Int64] = [:]
        var running: [String: Int64] = [:]
        var userIds: [String: Int] = [:]
        var nextUserId = 101
        /// Last query id that computed the result of (target, database, sql): SVL_QLOG.source_query.
        var resultSources: [ResultKey: Int64] = [:]
    }

    private struct ResultKey: Hashable {
        var target: Target
        var database: String
        var sql: String
    }

    private let state: Locked<State>

    init(capacity: Int = 20_000, userId: (@Sendable (String, String) -> Int?)? = nil) {
        self.capacity = max(1, capacity)
        state = Locked(State(entries: RingBuffer(capacity: self.capacity)))
        userIdLookup = userId
    }

    // MARK: Recording

    /// Where and how a statement ended, for its transaction id: the transaction stays open for the
    /// connection's next statement when `inTransaction`.
    struct StatementEnd {
        var pid: Int64
        var inTransaction: Bool
    }

    /// Logs an ended statement and ends its `beginStatement`.
    func record(_ entry: QueryLogEntry, ending end: StatementEnd) {
        state.withLock { state in
            state.running[entry.statementId] = nil
            if !end.inTransaction { state.openXid[end.pid] = nil }
            state.entries.append(entry)
            if entry.queryType == .select, entry.status == "success", !entry.resultCacheHit {
                state.resultSources[ResultKey(target: entry.target, database: entry.database, sql: entry.sql)] = entry.queryId
            }
            if state.resultSources.count > capacity { state.resultSources.removeAll(keepingCapacity: true) }
        }
    }

    func record(_ attempt: EvictedAttempt) {
        state.withLock { state in
            state.evicted.append(attempt)
            if state.evicted.count > capacity { state.evicted.removeFirst(state.evicted.count - capacity) }
        }
    }

    func record(_ action: RuleActionEntry) {
        state.withLock { state in
            state.ruleActions.append(action)
            if state.ruleActions.count > capacity { state.ruleActions.removeFirst(state.ruleActions.count - capacity) }
        }
    }

    // MARK: Ids

    /// The transaction id of a statement starting on backend `pid`: the open transaction's when
    /// `inTransaction` (BEGIN ran before), else a new one. STV_INFLIGHT shows it while it runs.
    func beginStatement(_ id: String, pid: Int64, inTransaction: Bool) -> Int64 {
        state.withLock { state in
            let xid: Int64
            if inTransaction, let open = state.openXid[pid] {
                xid = open
            } else {
                state.nextXid &+= 1
                xid = state.nextXid
            }
            state.openXid[pid] = xid
            state.running[id] = xid
            return xid
        }
    }

    /// Transaction ids of running statements, by statement id.
    func runningTransactions() -> [String: Int64] { state.withLock { $0.running } }

    /// STL `userid` / SYS `user_id` of a user.
    func userId(database: String, user: String, isSuperuser: Bool) -> Int {
        if let known = userIdLookup?(database, user) { return known }
        if isSuperuser { return 100 }
        return state.withLock { state in
            if let id = state.userIds[user] { return id }
            let id = state.nextUserId
            state.nextUserId += 1
            state.userIds[user] = id
            return id
        }
    }

    /// The query that last computed this read-only result (for a result-cache hit).
    func resultSource(target: Target, database: String, sql: String) -> Int64? {
        state.withLock { $0.resultSources[ResultKey(target: target, database: database, sql: sql)] }
    }

    // MARK: Reading

    func entries(on target: Target) -> [QueryLogEntry] { state.withLock { $0.entries.filter { $0.target == target } } }
    func evicted(on target: Target) -> [EvictedAttempt] { state.withLock { $0.evicted.filter { $0.target == target } } }
    func ruleActions(on target: Target) -> [RuleActionEntry] { state.withLock { $0.ruleActions.filter { $0.target == target } } }
}
