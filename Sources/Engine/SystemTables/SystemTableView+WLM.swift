import Foundation
import RedshiftSQL

/// Rows of the WLM tables.
extension SystemTableView {
    /// Working memory per node the emulator pretends a cluster has, MB (for query_working_mem): an
    /// assumption; Redshift derives it from the node type.
    static let nodeWorkingMemoryMB = 16_384.0

    /// - Redshift: r_STV_WLM_QUERY_STATE.
    func wlmQueryState() -> [[SQLiteValue]] {
        let xids = history.runningTransactions()
        return liveQueries().map { query in
            [SystemValue.int(xids[query.running.statementId] ?? 0), .integer(query.task), .integer(query.running.queryId),
             SystemValue.int(query.serviceClass), SystemValue.int(query.slots), SystemValue.timestamp(query.wlmStart),
             .text(query.state), .integer(query.queueMicros), .integer(query.execMicros), .text(query.priority)]
        }
    }

    /// - Redshift: r_STV_WLM_QUERY_QUEUE_STATE (queued statements; position 1 runs next).
    func wlmQueryQueueState() -> [[SQLiteValue]] {
        liveQueries().compactMap { query in
            guard let position = query.position else { return nil }
            return [SystemValue.int(query.serviceClass), SystemValue.int(position), .integer(query.task),
                    .integer(query.running.queryId), SystemValue.int(query.slots), SystemValue.timestamp(query.wlmStart),
                    .integer(query.queueMicros)]
        }
    }

    /// One statement WLM tracks now.
    struct LiveQuery {
        var running: RunningQuery
        var serviceClass: Int
        var slots: Int
        var wlmStart: Date
        var state: String
        var queueMicros: Int64
        var execMicros: Int64
        var priority: String
        var position: Int?
        /// WLM's task: the first query id of a statement WLM restarted, else its query id.
        var task: Int64
    }

    /// From the scheduler with `--wlm`; without it every statement in flight runs at once in the
    /// service class routing gives it.
    func liveQueries() -> [LiveQuery] {
        let running = running()
        let byWLMId = Dictionary(running.map { ($0.wlmId, $0) }, uniquingKeysWith: { a, _ in a })
        let workload = service.workload
        if let snapshot = workload.snapshot(target: target) {
            let tasks = workload.taskIds(target: target)
            return snapshot.queries.compactMap { state in
                guard let query = byWLMId[state.id] else { return nil }
                return LiveQuery(running: query, serviceClass: state.serviceClass, slots: state.slotCount,
                                 wlmStart: workload.date(state.wlmStart), state: state.state, queueMicros: state.queueMicros,
                                 execMicros: state.execMicros, priority: state.queryPriority, position: state.position,
                                 task: query.statementId == query.wlmId ? tasks[state.id] ?? query.queryId : query.queryId)
            }
        }
        let now = service.clock.now()
        return running.map { query in
            let serviceClass = configuration.route(WLMRoutingContext(user: query.user, isSuperuser: service.isSuperuser(query.user),
                                                                     queryGroup: query.label))
            let start = query.started ?? query.submitted
            return LiveQuery(running: query, serviceClass: serviceClass, slots: 1, wlmStart: query.submitted, state: "Running",
                             queueMicros: 0, execMicros: max(0, Int64(now.timeIntervalSince(start) * 1e6)),
                             priority: serviceClass >= WLMConfiguration.firstAutomaticServiceClass ? "normal" : "n/a", position: nil,
                             task: query.queryId)
        }
    }

    /// - Redshift: r_STV_WLM_SERVICE_CLASS_CONFIG: 5, the user queues, 14 with SQA.
    func serviceClassConfig() -> [[SQLiteValue]] {
        let configuration = configuration
        let manual = configuration.mode == .manual
        let scheduler = WLMScheduler(configuration: configuration)
        var rows: [[SQLiteValue]] = []
        func row(_ serviceClass: Int, slots: Int, memory: Int, maxMillis: Int, userWildcard: Bool, queryWildcard: Bool,
                 scaling: String, priority: String) {
            rows.append([SystemValue.int(serviceClass), .text(""), SystemValue.int(slots), SystemValue.int(slots), .text("false"),
                         .integer(0), SystemValue.int(memory), SystemValue.int(memory), .integer(0),
                         .text(configuration.serviceClassName(serviceClass)), SystemValue.int(maxMillis),
                         SystemValue.bool(userWildcard), SystemValue.bool(queryWildcard), .text(scaling), .text(priority),
                         SystemValue.bool(false)])
        }
        row(WLMConfiguration.superuserServiceClass, slots: 1, memory: 0, maxMillis: 0, userWildcard: false, queryWildcard: false,
            scaling: "off", priority: "n/a")
        for queue in configuration.queues {
            let memory = manual
                ? Int(scheduler.memoryPercent(serviceClass: queue.serviceClass, slots: 1) / 100 * Self.nodeWorkingMemoryMB) : -1
            row(queue.serviceClass, slots: manual ? queue.concurrency ?? 5 : -1, memory: memory,
                maxMillis: queue.maxExecutionTimeMillis, userWildcard: queue.userGroupWildcard,
                queryWildcard: queue.queryGroupWildcard, scaling: queue.concurrencyScaling == .auto ? "on" : "off",
                priority: manual ? "n/a" : queue.priority.rawValue)
        }
        if let sqa = configuration.shortQueryAcceleration {
            row(WLMConfiguration.shortQueryServiceClass, slots: manual ? scheduler.options.shortQuerySlots : -1, memory: manual ? 0 : -1,
                maxMillis: sqa.maxExecutionTimeMillis, userWildcard: false, queryWildcard: false, scaling: "off", priority: "n/a")
        }
        return rows
    }

    /// - Redshift: r_STV_WLM_SERVICE_CLASS_STATE.
    func serviceClassState() -> [[SQLiteValue]] {
        if let snapshot = service.workload.snapshot(target: target) {
            return snapshot.serviceClasses.map { state in
                [SystemValue.int(state.serviceClass), SystemValue.int(state.queued), SystemValue.int(state.executing),
                 SystemValue.int(state.serviced), SystemValue.int(state.executed), SystemValue.int(state.restarted), .integer(0)]
            }
        }
        let live = liveQueries()
        let done = history.entries(on: target)
        var classes = [WLMConfiguration.superuserServiceClass] + configuration.queues.map(\.serviceClass)
        if configuration.shortQueryAcceleration != nil { classes.append(WLMConfiguration.shortQueryServiceClass) }
        return classes.map { serviceClass in
            let executing = live.filter { $0.serviceClass == serviceClass }.count
            let executed = done.filter { $0.serviceClass == serviceClass }.count
            return [SystemValue.int(serviceClass), .integer(0), SystemValue.int(executing), SystemValue.int(executed),
                    SystemValue.int(executed), .integer(0), .integer(0)]
        }
    }

    /// - Redshift: r_STL_WLM_QUERY: one row per attempt; hopped attempts end `Evicted`, the last one
    ///   `Completed` (whether it succeeded, failed or was cancelled). "If a query is restarted, the
    ///   query is assigned a new query ID but not a new task ID": `task` is the first attempt's id.
    func wlmQuery() -> [[SQLiteValue]] {
        let entries = entries().filter { $0.queryType != .utility }
        let byStatement = Dictionary(entries.map { ($0.statementId, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [[SQLiteValue]] = []
        var tasks: [String: Int64] = [:]
        for attempt in history.evicted(on: target) {
            guard let entry = byStatement[attempt.statementId] else { continue }
            let task = tasks[attempt.statementId] ?? attempt.queryId
            tasks[attempt.statementId] = task
            rows.append(wlmRow(entry, serviceClass: attempt.serviceClass, name: attempt.serviceClassName, slots: attempt.slots,
                               queueStart: attempt.queueStart, queueEnd: attempt.queueEnd, execEnd: attempt.execEnd,
                               state: "Evicted", priority: attempt.queryPriority, task: task, query: attempt.queryId))
        }
        for entry in entries {
            let queueStart = entry.submitted.addingTimeInterval(Double(entry.lastAttemptOffsetMicros) / 1e6)
            let queueEnd = queueStart.addingTimeInterval(Double(entry.lastAttemptQueueMicros ?? entry.queueMicros) / 1e6)
            let hopped = entry.lastAttemptQueueMicros != nil
            rows.append(wlmRow(entry, serviceClass: entry.serviceClass, name: entry.serviceClassName, slots: entry.slots,
                               queueStart: queueStart, queueEnd: queueEnd, execEnd: entry.end, state: "Completed",
                               priority: entry.queryPriority, task: tasks[entry.statementId] ?? entry.queryId, query: entry.queryId,
                               micros: hopped ? nil : (entry.queueMicros, entry.executionMicros)))
        }
        return rows
    }

    private func wlmRow(_ entry: QueryLogEntry, serviceClass: Int, name: String, slots: Int, queueStart: Date, queueEnd: Date,
                        execEnd: Date, state: String, priority: String, task: Int64, query: Int64,
                        micros: (Int64, Int64)? = nil) -> [SQLiteValue] {
        let queueMicros = micros?.0 ?? max(0, Int64((queueEnd.timeIntervalSince(queueStart) * 1e6).rounded()))
        let execMicros = micros?.1 ?? max(0, Int64((execEnd.timeIntervalSince(queueEnd) * 1e6).rounded()))
        return [SystemValue.int(entry.userId), .integer(entry.xid), .integer(task), .integer(query),
                SystemValue.int(serviceClass), SystemValue.int(slots), SystemValue.timestamp(queueStart),
                SystemValue.timestamp(queueStart), SystemValue.timestamp(queueEnd), .integer(queueMicros),
                SystemValue.timestamp(queueEnd), SystemValue.timestamp(execEnd), .integer(execMicros),
                SystemValue.timestamp(execEnd), .text(state), .integer(0), .text(priority), .text(name)]
    }

    /// - Redshift: r_STL_WLM_RULE_ACTION.
    func ruleActions() -> [[SQLiteValue]] {
        history.ruleActions(on: target).filter { visible($0.user) }.map { action in
            [SystemValue.int(action.userId), .integer(action.queryId), SystemValue.int(action.serviceClass), .text(action.rule),
             .text(action.action), SystemValue.timestamp(action.recorded), .text(action.actionValue), .text(action.serviceClassName)]
        }
    }
}
