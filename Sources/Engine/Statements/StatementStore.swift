import Foundation

/// Every statement the server knows, by id, in submission order.
///
/// Statements and their results are kept 24 hours, as the real service
/// keeps them (reference data-api.md §13).
final class StatementStore: Sendable {
    struct State {
        var byId: [String: StatementRecord] = [:]
        var order: [StatementRecord] = []
        /// Statements not known to be terminal yet: pruned whenever the active count is asked for,
        /// so counting costs O(statements in flight), not O(all statements kept).
        var inFlight: [StatementRecord] = []
    }

    static let retention: TimeInterval = 24 * 3600

    let state = Locked(State())

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
        }
    }

    /// Forgets an unlisted statement (its connection has read its end and its rows).
    func remove(_ record: StatementRecord) {
        state.withLock { state in
            state.inFlight.removeAll { $0 === record || $0.isTerminal }
            state.byId[record.id] = nil
            for sub in record.subStatements { state.byId[sub.id] = nil }
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

    /// Drops statements older than the retention period.
    func expire(now: Date) {
        state.withLock { state in
            let cutoff = now.addingTimeInterval(-Self.retention)
            guard let first = state.order.first, first.createdAt < cutoff else { return }
            let (old, kept) = (state.order.filter { $0.createdAt < cutoff }, state.order.filter { $0.createdAt >= cutoff })
            for record in old {
                state.byId[record.id] = nil
                for sub in record.subStatements { state.byId[sub.id] = nil }
            }
            state.order = kept
        }
    }
}
