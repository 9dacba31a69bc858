/// WLM timeouts and QMR hops (manual WLM), and SQA evictions.
/// - Redshift: Database Developer Guide › WLM query queue hopping (wlm.md §3.3, §3.4).
extension WLMScheduler {
    /// Why a running statement is being moved.
    public enum HopCause: Sendable, Equatable {
        /// The queue's `max_execution_time` (or SQA's run-time limit) passed.
        case timeout
        /// A query monitoring rule with action `hop` fired.
        case rule(String)
    }

    /// The earliest time at which `expire` has something to do, if any (arm one timer for it).
    public func nextDeadline() -> UInt64? {
        entries.values.compactMap { $0.phase == .running ? $0.deadline : nil }.min()
    }

    /// Applies every timeout due at `now`, earliest first.
    public mutating func expire(at now: UInt64) -> [WLMHop] {
        let due = entries.values
            .filter { $0.phase == .running && ($0.deadline ?? .max) <= now }
            .sorted { ($0.deadline!, $0.sequence) < ($1.deadline!, $1.sequence) }
            .map(\.request.id)
        return due.map { hop($0, cause: .timeout, at: now) }
    }

    /// Hops a running statement to the next matching queue, or cancels or leaves it, per Redshift's table:
    /// read-only and CTAS statements hop (reassigned when the new queue has free slots and at least as
    /// much memory, otherwise restarted there); INSERT/UPDATE/DELETE/UNLOAD are cancelled on timeout and
    /// keep running on a QMR hop (**unverified**); COPY, maintenance and statements already returning rows
    /// continue. With no next matching queue the statement is cancelled (no fallback to the default queue).
    public mutating func hop(_ id: String, cause: HopCause, at now: UInt64) -> WLMHop {
        let unchanged = WLMHop(id: id, outcome: .continued, record: nil, started: [])
        guard let entry = entries[id], entry.phase != .queued else { return unchanged }
        if entry.phase == .returning, cause == .timeout { return unchanged }
        if entry.serviceClass == WLMConfiguration.shortQueryServiceClass {
            return move(entry, to: entry.routedClass, at: now)             // SQA overrun: back to its queue
        }
        guard configuration.mode == .manual, entry.serviceClass != WLMConfiguration.superuserServiceClass else { return unchanged }
        switch entry.request.kind {
        case .exempt: return unchanged
        case .write:
            guard cause == .timeout else { return unchanged }
            return cancelByWLM(entry, reason: .timeoutNotHoppable, at: now)
        case .readOnly, .createTableAs:
            guard let target = configuration.hopTarget(from: entry.serviceClass, context: entry.request.context),
                  entry.slots <= classes[target]?.capacity ?? .max else {
                if case .rule(let rule) = cause { return cancelByWLM(entry, reason: .ruleHopNoQueue(rule: rule), at: now) }
                return cancelByWLM(entry, reason: .timeoutNoQueue, at: now)
            }
            return move(entry, to: target, at: now)
        }
    }

    private mutating func cancelByWLM(_ entry: Entry, reason: WLMCancelReason, at now: UInt64) -> WLMHop {
        let release = cancel(entry.request.id, at: now)
        return WLMHop(id: entry.request.id, outcome: .cancelled(reason), record: release.record, started: release.started)
    }

    /// Ends the current attempt (`Evicted`) and continues in `target`: reassigned if it fits now without
    /// overtaking anyone there and gets at least as much memory, else queued there to restart.
    private mutating func move(_ entry: Entry, to target: Int, at now: UInt64) -> WLMHop {
        let id = entry.request.id
        let record = self.record(entry, finalState: "Evicted", at: now)
        release(entry)
        classes[entry.serviceClass]!.restarted += 1
        var moved = entry
        moved.serviceClass = target
        moved.attempt += 1
        moved.queueStart = now
        moved.enqueuedAtStart = startCount
        if entry.serviceClass == WLMConfiguration.shortQueryServiceClass { moved.slots = max(1, entry.request.slots) }
        let capacity = classes[target]!.capacity ?? options.automaticConcurrency
        let inUse = classes[target]!.capacity == nil ? automaticSlotsInUse : classes[target]!.slotsInUse
        let fits = classes[target]!.waiting.isEmpty && capacity - inUse >= moved.slots
            && memoryPercent(serviceClass: target, slots: moved.slots) >= memoryPercent(serviceClass: entry.serviceClass, slots: entry.slots)
        var outcome = WLMHopOutcome.restarted(to: target)
        if fits {
            moved.phase = .running
            moved.execStart = now
            moved.deadline = deadline(for: moved, at: now)
            classes[target]!.slotsInUse += moved.slots
            classes[target]!.running.append(id)
            if classes[target]!.capacity == nil { automaticSlotsInUse += moved.slots }
            outcome = .reassigned(to: target)
        } else {
            moved.phase = .queued
            moved.deadline = nil
            classes[target]!.waiting.append(id)
        }
        entries[id] = moved
        let started = dispatch(entry.serviceClass, at: now) + dispatch(target, at: now)
        return WLMHop(id: id, outcome: outcome, record: record, started: started)
    }
}
