/// One row of STV_WLM_QUERY_STATE (and, when queued, STV_WLM_QUERY_QUEUE_STATE).
public struct WLMQueryState: Sendable, Equatable {
    public var id: String
    public var serviceClass: Int
    public var slotCount: Int
    /// When it entered its current service class (wlm_start_time), scheduler nanoseconds.
    public var wlmStart: UInt64
    /// `Queued`, `Running` or `Returning`.
    public var state: String
    public var queueNanos: UInt64
    public var execNanos: UInt64
    /// `n/a` under manual WLM.
    public var queryPriority: String
    /// 1 = runs next; nil unless queued.
    public var position: Int?

    /// The system tables' unit.
    public var queueMicros: Int64 { Int64(queueNanos / 1000) }
    public var execMicros: Int64 { Int64(execNanos / 1000) }
}

/// One row of STV_WLM_SERVICE_CLASS_STATE, plus what STV_WLM_SERVICE_CLASS_CONFIG needs.
public struct WLMServiceClassState: Sendable, Equatable {
    public var serviceClass: Int
    public var name: String
    /// num_query_tasks; nil under automatic WLM (shared pool).
    public var slots: Int?
    public var slotsInUse: Int
    public var queued: Int
    public var executing: Int
    /// Statements that left the class after finishing, failing or being cancelled.
    public var serviced: Int
    public var executed: Int
    /// Statements hopped out or evicted.
    public var restarted: Int
}

/// Everything the live WLM system tables show, at one instant.
public struct WLMSnapshot: Sendable, Equatable {
    /// By service class, then running before queued, then queue position / start order.
    public var queries: [WLMQueryState]
    /// By service class: 5, the user queues, then 14 when SQA is on.
    public var serviceClasses: [WLMServiceClassState]
}

extension WLMScheduler {
    /// The live state at `now`, for STV_WLM_QUERY_STATE, STV_WLM_QUERY_QUEUE_STATE and
    /// STV_WLM_SERVICE_CLASS_STATE.
    public func snapshot(at now: UInt64) -> WLMSnapshot {
        var queries: [WLMQueryState] = []
        var states: [WLMServiceClassState] = []
        for serviceClass in classes.keys.sorted() {
            let queue = classes[serviceClass]!
            for id in queue.running {
                guard let entry = entries[id] else { continue }
                queries.append(state(of: entry, at: now, position: nil))
            }
            for (index, id) in queue.waiting.enumerated() {
                guard let entry = entries[id] else { continue }
                queries.append(state(of: entry, at: now, position: index + 1))
            }
            states.append(WLMServiceClassState(
                serviceClass: serviceClass, name: configuration.serviceClassName(serviceClass), slots: queue.capacity,
                slotsInUse: queue.slotsInUse, queued: queue.waiting.count, executing: queue.running.count,
                serviced: queue.serviced, executed: queue.executed, restarted: queue.restarted))
        }
        return WLMSnapshot(queries: queries, serviceClasses: states)
    }

    /// One statement's live state, or nil when unknown.
    public func state(of id: String, at now: UInt64) -> WLMQueryState? {
        guard let entry = entries[id] else { return nil }
        let position = entry.phase == .queued ? (classes[entry.serviceClass]!.waiting.firstIndex(of: id).map { $0 + 1 }) : nil
        return state(of: entry, at: now, position: position)
    }

    private func state(of entry: Entry, at now: UInt64, position: Int?) -> WLMQueryState {
        let queued = entry.phase == .queued
        let name: String
        switch entry.phase {
        case .queued: name = "Queued"
        case .running: name = "Running"
        case .returning: name = "Returning"
        }
        return WLMQueryState(
            id: entry.request.id, serviceClass: entry.serviceClass, slotCount: entry.slots, wlmStart: entry.queueStart,
            state: name, queueNanos: (queued ? now : entry.execStart).elapsed(since: entry.queueStart),
            execNanos: queued ? 0 : now.elapsed(since: entry.execStart), queryPriority: priorityLabel(entry), position: position)
    }
}

extension UInt64 {
    /// `self - start`, or 0 when a caller passes a time earlier than one it passed before.
    func elapsed(since start: UInt64) -> UInt64 { self >= start ? self - start : 0 }
}
