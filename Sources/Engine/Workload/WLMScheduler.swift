/// WLM queues and slots as a pure state machine: `submit` admits or queues, `finish` / `cancel` release
/// slots and say who starts next, `expire` / `hop` apply timeouts and QMR hops.
///
/// A value type without clock, locks or I/O: the caller serialises access (one lock around it), passes
/// the current monotonic time in nanoseconds, and performs the returned effects (start, interrupt, fail).
///
/// Manual WLM: each queue has `query_concurrency` slots and is strictly FIFO; a statement needing N
/// slots (`wlm_query_slot_count`) waits at the head until N are free, and nobody overtakes it, so no
/// statement starves. Automatic WLM: all queues share `Options.automaticConcurrency` slots; the head of
/// the highest-priority queue starts first, and a waiting head gains one priority level for every
/// `Options.agingStarts` statements that start before it ("low priority slows but never starves").
///
/// For example:
/// ```swift
/// var wlm = WLMScheduler(configuration: try WLMConfiguration(json: #"[{"query_concurrency":1}]"#))
/// let alice = WLMRoutingContext(user: "alice")
/// wlm.submit(WLMRequest(id: "a", context: alice), at: 0)   // .run(serviceClass: 6)
/// wlm.submit(WLMRequest(id: "b", context: alice), at: 5)   // .queued(serviceClass: 6, position: 1)
/// wlm.finish("a", at: 9).started                            // [b]: run it now
/// ```
/// - Redshift: Database Developer Guide › Implementing workload management (wlm.md §1, §3).
public struct WLMScheduler: Sendable {
    /// Knobs for what Redshift decides dynamically; documented assumptions (wlm.md marks them unverified).
    public struct Options: Sendable, Equatable {
        /// Concurrent queries across all automatic-WLM queues (AWS recommends ≤ 15 manual slots in total).
        public var automaticConcurrency = 15
        /// Concurrent short queries in service class 14.
        public var shortQuerySlots = 6
        /// SQA run-time limit when `max_execution_time` is 0 ("dynamic").
        public var shortQueryDynamicMaxMillis = 5_000
        /// Automatic WLM: starts that may overtake a waiting statement before it gains one priority level.
        public var agingStarts = 8
        public init() {}
    }

    enum Phase: Sendable, Equatable { case queued, running, returning }

    struct Entry: Sendable {
        var request: WLMRequest
        var serviceClass: Int
        /// Where routing put it (SQA evictions go back there).
        var routedClass: Int
        var slots: Int
        var priority: WLMPriority
        var phase: Phase = .queued
        var queueStart: UInt64
        var execStart: UInt64 = 0
        var deadline: UInt64?
        var enqueuedAtStart: Int
        var sequence: Int
        var attempt = 1
    }

    struct ServiceClass: Sendable {
        let id: Int
        /// Slots; nil for automatic queues (they share the pool).
        let capacity: Int?
        var slotsInUse = 0
        var waiting: [String] = []
        var running: [String] = []
        var serviced = 0
        var executed = 0
        var restarted = 0
    }

    public let configuration: WLMConfiguration
    public let options: Options
    var classes: [Int: ServiceClass] = [:]
    var entries: [String: Entry] = [:]
    var automaticSlotsInUse = 0
    var startCount = 0
    var sequenceCount = 0

    public init(configuration: WLMConfiguration, options: Options = Options()) {
        self.configuration = configuration
        self.options = options
        let superuser = WLMConfiguration.superuserServiceClass
        classes[superuser] = ServiceClass(id: superuser, capacity: 1)
        for queue in configuration.queues {
            classes[queue.serviceClass] = ServiceClass(id: queue.serviceClass,
                                                       capacity: configuration.mode == .manual ? queue.concurrency ?? 5 : nil)
        }
        if configuration.shortQueryAcceleration != nil {
            let sqa = WLMConfiguration.shortQueryServiceClass
            classes[sqa] = ServiceClass(id: sqa, capacity: options.shortQuerySlots)
        }
    }

    /// Whether the scheduler knows this statement (queued or running).
    public func contains(_ id: String) -> Bool { entries[id] != nil }

    /// Routes and admits a statement: `.run` (it holds its slots now), `.queued` or `.rejected`.
    /// `id` must not be known already.
    @discardableResult
    public mutating func submit(_ request: WLMRequest, at now: UInt64) -> WLMAdmission {
        precondition(entries[request.id] == nil, "statement \(request.id) submitted twice")
        let target = configuration.route(request.context)
        let automatic = target >= WLMConfiguration.firstAutomaticServiceClass
        let slots = automatic ? 1 : max(1, request.slots)
        if let capacity = classes[target]?.capacity, slots > capacity {
            return .rejected(.slotCountExceeded(requested: slots, available: capacity))
        }
        let priority = configuration.queue(serviceClass: target)?.priority ?? .normal
        sequenceCount += 1
        entries[request.id] = Entry(request: request, serviceClass: target, routedClass: target, slots: slots,
                                    priority: priority, queueStart: now, enqueuedAtStart: startCount, sequence: sequenceCount)
        classes[target]!.waiting.append(request.id)
        _ = dispatch(target, at: now)
        if entries[request.id]!.phase != .queued { return .run(serviceClass: target) }
        if request.shortQuery, request.kind.isHoppable, target != WLMConfiguration.superuserServiceClass,
           moveToShortQueryQueue(request.id, at: now) {
            return .run(serviceClass: WLMConfiguration.shortQueryServiceClass)
        }
        return .queued(serviceClass: target, position: classes[target]!.waiting.firstIndex(of: request.id)! + 1)
    }

    /// The statement finished (or failed): frees its slots. Returns its STL_WLM_QUERY row and the
    /// statements to start now. Finishing an unknown id returns nothing.
    public mutating func finish(_ id: String, at now: UInt64) -> WLMRelease {
        guard let entry = entries[id] else { return WLMRelease(wasRunning: false, record: nil, started: []) }
        return end(entry, at: now)
    }

    /// Cancels a queued or running statement (CancelStatement, statement_timeout, QMR abort).
    /// `wasRunning` tells the caller to interrupt the execution.
    public mutating func cancel(_ id: String, at now: UInt64) -> WLMRelease {
        finish(id, at: now)
    }

    /// The statement has started returning rows: it is no longer subject to a WLM timeout.
    public mutating func markReturning(_ id: String) {
        guard entries[id]?.phase == .running else { return }
        entries[id]!.phase = .returning
        entries[id]!.deadline = nil
    }

    /// `CHANGE_QUERY_PRIORITY` or a QMR `change_query_priority`: affects who starts next under automatic WLM.
    public mutating func changePriority(_ id: String, to priority: WLMPriority) {
        entries[id]?.priority = priority
    }

    private mutating func end(_ entry: Entry, at now: UInt64) -> WLMRelease {
        let id = entry.request.id
        let wasRunning = entry.phase != .queued
        let record = self.record(entry, finalState: "Completed", at: now)
        entries[id] = nil
        if wasRunning {
            release(entry)
            classes[entry.serviceClass]!.executed += 1
        } else {
            classes[entry.serviceClass]!.waiting.removeAll { $0 == id }
        }
        classes[entry.serviceClass]!.serviced += 1
        return WLMRelease(wasRunning: wasRunning, record: record, started: dispatch(entry.serviceClass, at: now))
    }

    /// Frees the slots a running entry holds in its service class.
    mutating func release(_ entry: Entry) {
        classes[entry.serviceClass]!.slotsInUse -= entry.slots
        classes[entry.serviceClass]!.running.removeAll { $0 == entry.request.id }
        if classes[entry.serviceClass]!.capacity == nil { automaticSlotsInUse -= entry.slots }
    }

    func record(_ entry: Entry, finalState: String, at now: UInt64) -> WLMQueryRecord {
        let ran = entry.phase != .queued
        return WLMQueryRecord(id: entry.request.id, serviceClass: entry.serviceClass, slots: entry.slots,
                              queueStart: entry.queueStart, queueEnd: ran ? entry.execStart : now,
                              execStart: ran ? entry.execStart : nil, execEnd: ran ? now : nil, finalState: finalState,
                              queryPriority: priorityLabel(entry), attempt: entry.attempt)
    }

    func priorityLabel(_ entry: Entry) -> String {
        entry.serviceClass >= WLMConfiguration.firstAutomaticServiceClass ? entry.priority.rawValue : "n/a"
    }
}
