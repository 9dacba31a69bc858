/// Who starts when slots free up, and short query acceleration.
extension WLMScheduler {
    /// Starts what fits in `serviceClass` (automatic queues: in the whole shared pool), FIFO.
    mutating func dispatch(_ serviceClass: Int, at now: UInt64) -> [WLMStart] {
        guard let queue = classes[serviceClass] else { return [] }
        guard let capacity = queue.capacity else { return dispatchAutomatic(at: now) }
        var started: [WLMStart] = []
        while let head = classes[serviceClass]!.waiting.first, let entry = entries[head],
              entry.slots <= capacity - classes[serviceClass]!.slotsInUse {
            started.append(start(head, at: now))
        }
        return started
    }

    /// Automatic WLM: while the pool has a free slot, start the queue head with the highest effective
    /// priority (priority rank + one level per `agingStarts` starts since it was queued); ties go to the
    /// earliest submitted.
    private mutating func dispatchAutomatic(at now: UInt64) -> [WLMStart] {
        var started: [WLMStart] = []
        while automaticSlotsInUse < options.automaticConcurrency {
            var best: (id: String, rank: Int, sequence: Int)?
            for queue in configuration.queues {
                guard let head = classes[queue.serviceClass]?.waiting.first, let entry = entries[head] else { continue }
                let rank = entry.priority.rank + (startCount - entry.enqueuedAtStart) / max(1, options.agingStarts)
                if best == nil || rank > best!.rank || (rank == best!.rank && entry.sequence < best!.sequence) {
                    best = (head, rank, entry.sequence)
                }
            }
            guard let next = best else { break }
            started.append(start(next.id, at: now))
        }
        return started
    }

    /// Gives a queued (or SQA-bound) entry its slots in its current service class.
    mutating func start(_ id: String, at now: UInt64) -> WLMStart {
        var entry = entries[id]!
        let serviceClass = entry.serviceClass
        classes[serviceClass]!.waiting.removeAll { $0 == id }
        entry.phase = .running
        entry.execStart = now
        entry.deadline = deadline(for: entry, at: now)
        entries[id] = entry
        classes[serviceClass]!.slotsInUse += entry.slots
        classes[serviceClass]!.running.append(id)
        if classes[serviceClass]!.capacity == nil { automaticSlotsInUse += entry.slots }
        startCount += 1
        return WLMStart(id: id, serviceClass: serviceClass, slots: entry.slots, queuedNanos: now.elapsed(since: entry.queueStart))
    }

    /// When a running entry times out: SQA's limit in class 14; the queue's `max_execution_time` under
    /// manual WLM (COPY and maintenance exempt); never in the superuser queue or under automatic WLM.
    func deadline(for entry: Entry, at now: UInt64) -> UInt64? {
        if entry.serviceClass == WLMConfiguration.shortQueryServiceClass {
            let configured = configuration.shortQueryAcceleration?.maxExecutionTimeMillis ?? 0
            let millis = configured > 0 ? configured : options.shortQueryDynamicMaxMillis
            return now + UInt64(millis) * 1_000_000
        }
        guard entry.request.kind != .exempt, configuration.mode == .manual,
              let queue = configuration.queue(serviceClass: entry.serviceClass), queue.maxExecutionTimeMillis > 0 else { return nil }
        return now + UInt64(queue.maxExecutionTimeMillis) * 1_000_000
    }

    /// SQA: a short read-only query that would wait runs in service class 14 if it has a free slot.
    /// - Redshift: Database Developer Guide › Short query acceleration (wlm.md §3.4).
    mutating func moveToShortQueryQueue(_ id: String, at now: UInt64) -> Bool {
        let sqa = WLMConfiguration.shortQueryServiceClass
        guard let queue = classes[sqa], let capacity = queue.capacity, queue.slotsInUse < capacity,
              var entry = entries[id] else { return false }
        classes[entry.serviceClass]!.waiting.removeAll { $0 == id }
        entry.serviceClass = sqa
        entry.slots = 1
        entries[id] = entry
        _ = start(id, at: now)
        return true
    }

    /// Memory a query holds in a queue, in percent of the cluster: the queue's share (set, or an equal
    /// split of what the configured queues leave) divided by its slots, times the query's slots.
    func memoryPercent(serviceClass: Int, slots: Int) -> Double {
        guard configuration.mode == .manual, let queue = configuration.queue(serviceClass: serviceClass) else { return 0 }
        let share: Double
        if let percent = queue.memoryPercent {
            share = Double(percent)
        } else {
            let configured = configuration.queues.compactMap(\.memoryPercent).reduce(0, +)
            let unset = configuration.queues.filter { $0.memoryPercent == nil }.count
            share = Double(100 - configured) / Double(max(1, unset))
        }
        return share / Double(queue.concurrency ?? 5) * Double(slots)
    }
}
