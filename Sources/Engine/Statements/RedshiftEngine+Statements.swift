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
    /// `more` tells whether older ones remain.
    public func statements(before: Int64?, limit: Int,
                           where include: (StatementSnapshot) -> Bool) -> (items: [StatementSnapshot], more: Bool) {
        statements.state.withLock { state in
            var items: [StatementSnapshot] = []
            for record in state.order.reversed() {
                if let before, record.sequence >= before { continue }
                let snapshot = record.snapshot
                guard include(snapshot) else { continue }
                if items.count == limit { return (items, true) }
                items.append(snapshot)
            }
            return (items, false)
        }
    }

    /// Stops a statement: one waiting in a WLM queue leaves it at once, a running one is
    /// interrupted; it ends ABORTED. An ended statement cannot be cancelled.
    public func cancel(_ id: String) throws {
        var queued: StatementRecord?
        let running: SQLConnection? = try statements.withRecord(id) { record in
            if record.isTerminal {
                throw EngineError.invalid(
                    "Could not cancel a query that is already in \(record.status.rawValue) state with ID: \(id)")
            }
            record.cancelRequested = true
            for sub in record.subStatements { sub.cancelRequested = true }
            if record.status == .submitted { queued = record }
            return record.runningOn ?? record.subStatements.lazy.compactMap(\.runningOn).first
        }
        running?.interrupt()
        // A statement waiting in a WLM queue leaves it at once.
        if let queued, !workload.isInert { workload.release(queued.id, target: queued.context.target) }
    }
}
