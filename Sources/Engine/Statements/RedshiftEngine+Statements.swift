import Foundation

/// Reads of the statement registry, and cancel.
extension RedshiftEngine {
    /// The statement (or sub-statement) `id` as it is now; `Query does not exist.` if unknown.
    public func statement(_ id: String) throws -> StatementSnapshot {
        try statements.withRecord(id) { $0.snapshot }
    }

    /// A finished statement's snapshot and its rows.
    public func result(_ id: String) throws -> (StatementSnapshot, ResultSet?) {
        try statements.withRecord(id) { ($0.snapshot, $0.result) }
    }

    /// The statements `include` accepts, newest first, older than `before` (a `sequence`), at most `limit`;
    /// `more` tells whether older ones remain. `include` sees each statement without its
    /// sub-statements; the statements returned have them.
    public func statements(before: Int64?, limit: Int,
                           where include: (StatementSnapshot) -> Bool) -> (items: [StatementSnapshot], more: Bool) {
        statements.state.withLock { state in
            var items: [StatementSnapshot] = []
            for record in state.order.reversed() {
                if let before, record.sequence >= before { continue }
                guard include(record.summary) else { continue }
                if items.count == limit { return (items, true) }
                items.append(record.snapshot)
            }
            return (items, false)
        }
    }

    /// Stops a statement: one waiting in a WLM queue leaves it at once, a running one is
    /// interrupted; it ends ABORTED. An ended statement cannot be cancelled.
    public func cancel(_ id: String) throws {
        let (action, record, running) = try statements.withRecord(id) { record in
            let action = try record.lifecycle.cancel(id: id)
            for sub in record.subStatements { _ = try? sub.lifecycle.cancel(id: sub.id) }
            return (action, record, record.runningOn ?? record.subStatements.lazy.compactMap(\.runningOn).first)
        }
        perform(action, record: record, running: running)
    }

    /// Carries out what the lifecycle asked for after a stop request, outside the store's lock.
    func perform(_ action: StatementLifecycle.StopAction, record: StatementRecord, running: SQLConnection?) {
        switch action {
        case .interrupt: running?.interrupt()
        case .leaveQueue: if !workload.isInert { workload.release(record.id, target: record.context.target) }
        case .none: break
        }
    }
}
