import Foundation

/// Every statement the server knows, by id, in submission order.
///
/// Ended Data API statements and their results are kept for `retention` after their end (24 hours by
/// default, as the real service keeps them: reference data-api.md §13) and, independent of time, at
/// most `maxEnded` of them: past that bound the oldest ended ones are forgotten first, their results
/// (and result spills) with them. A forgotten id is answered as an expired one: `Query does not exist.`
final class StatementStore: Sendable {
    struct State {
        var byId: [String: StatementRecord] = [:]
        var order: [StatementRecord] = []
        /// Statements not known to be terminal yet: pruned whenever the active count is asked for,
        /// so counting costs O(statements in flight), not O(all statements kept).
        var inFlight: [StatementRecord] = []
    }

    static let defaultRetention: TimeInterval = 24 * 3600
    static let defaultMaxEnded = 10_000

    /// How long an ended statement is kept after its end.
    let retention: TimeInterval
    /// How many ended Data API statements are kept at most.
    let maxEnded: Int
    let state = Locked(State())

    init(retention: TimeInterval = StatementStore.defaultRetention, maxEnded: Int = StatementStore.defaultMaxEnded) {
        self.retention = retention
        self.maxEnded = max(0, maxEnded)
    }

    /// Registers a statement; `listed` ones are kept for the retention period and count toward the
    /// Data API's active-statement quota (Data API statements), the others only until `remove` (a
    /// connection's statements, read once by their connection). Both are in flight until they end
    /// (STV_INFLIGHT, STV_RECENTS).
    func insert(_ record: StatementRecord, listed: Bool = true) {
        record.listed = listed
        state.withLock { state in
            state.byId[record.id] = record
            if listed { state.order.append(record) }
            state.inFlight.append(record)
            for sub in record.subStatements { state.byId[sub.id] = sub }
            // Housekeeping trims to the bound every 250 ms; a burst between two rounds is trimmed here.
            if state.order.count > 2 * maxEnded + 64 { Self.trim(&state, keeping: maxEnded) }
        }
    }

    /// Forgets an unlisted statement once its connection has read its end and its rows with `read`,
    /// under the same lock; returns what `read` returned.
    func remove<T>(_ record: StatementRecord, reading read: () -> T) -> T {
        state.withLock { state in
            let value = read()
            state.inFlight.removeAll { $0 === record || $0.isTerminal }
            state.byId[record.id] = nil
            for sub in record.subStatements { state.byId[sub.id] = nil }
            return value
        }
    }

    /// Runs `body` on the record under the store's lock; `Query does not exist.` if unknown.
    func withRecord<T>(_ id: String, _ body: (StatementRecord) throws -> T) throws -> T {
        try state.withLock { state in
            guard let record = state.byId[id] else { throw EngineError.statementNotFound(id) }
            return try body(record)
        }
    }

    /// Number of listed (Data API) statements not yet in a terminal state on `target`.
    func activeCount(on target: Target) -> Int {
        state.withLock { state in
            state.inFlight.removeAll { $0.isTerminal }
            return state.inFlight.reduce(0) { $0 + ($1.context.target == target && $1.listed ? 1 : 0) }
        }
    }

    /// Forgets ended statements whose end is older than the retention period, then the oldest
    /// ended ones past `maxEnded`. Statements still running are never forgotten.
    func expire(now: Date) {
        state.withLock { state in
            let cutoff = now.addingTimeInterval(-retention)
            // `order` is by submission: nothing submitted after the cutoff can have ended before it.
            if let first = state.order.first, first.createdAt < cutoff {
                Self.forget(&state) { $0.isTerminal && $0.updatedAt < cutoff }
            }
            Self.trim(&state, keeping: maxEnded)
        }
    }

    /// Forgets the oldest ended statements until at most `keeping` ended ones are left.
    private static func trim(_ state: inout State, keeping: Int) {
        guard state.order.count > keeping else { return }
        var excess = state.order.reduce(0) { $0 + ($1.isTerminal ? 1 : 0) } - keeping
        guard excess > 0 else { return }
        forget(&state) { record in
            guard excess > 0, record.isTerminal else { return false }
            excess -= 1
            return true
        }
    }

    /// Drops the listed statements `matches` accepts (visited oldest first) and their sub-statements.
    private static func forget(_ state: inout State, where matches: (StatementRecord) -> Bool) {
        var kept: [StatementRecord] = []
        kept.reserveCapacity(state.order.count)
        for record in state.order {
            if matches(record) {
                state.byId[record.id] = nil
                for sub in record.subStatements { state.byId[sub.id] = nil }
            } else {
                kept.append(record)
            }
        }
        state.order = kept
    }
}
