import Foundation
import GRDB
import RedshiftSQL

/// Runs submitted statements and moves them through their lifecycle.
extension RedshiftEngine {
    func run(_ record: StatementRecord, parameters: [String: String]?, on execution: Execution) async {
        armStatementTimeout(record, millis: statementTimeoutMillis(on: execution), from: record.submittedNanos)
        defer { workload.statementTimeouts.disarm(record.id) }
        if !workload.isInert {
            do {
                try await admit(record, on: execution)
            } catch {
                if case .session(let session, _) = execution {
                    sessions.release(session, statementId: record.id, now: clock.now())
                }
                finishIfRunning(record, error: error)
                return
            }
        }
        defer { if !workload.isInert { workload.release(record.id, target: record.context.target) } }
        // A connection's statement goes from SUBMITTED to STARTED: nobody can ask for it in between.
        if record.listed { pick(record) }
        var sessionFreed = false
        do {
            switch execution {
            case .pooled(let database, let cluster):
                _ = try await database.withPooledConnection { connection in
                    try await self.perform(record, parameters: parameters, connection: connection, cluster: cluster,
                                           session: nil)
                }
            case .session(let session, let cluster):
                sessionFreed = try await perform(record, parameters: parameters, connection: session.connection,
                                                 cluster: cluster, session: session)
            }
        } catch {
            // Failures are recorded on the statement by `perform`; this only catches connection trouble.
            finishIfRunning(record, error: error)
        }
        if !sessionFreed, case .session(let session, _) = execution {
            sessions.release(session, statementId: record.id, now: clock.now())
        }
    }

    /// - Parameter session: the Data API session it runs in. It is freed before the statement's end
    ///   becomes visible, so a client that saw FINISHED finds the session free. Without one, the
    ///   statement's Redshift session ends with it (temp tables, SET values and open transactions
    ///   are discarded).
    /// - Returns: whether it freed the session (it ran to its end).
    private func perform(_ record: StatementRecord, parameters: [String: String]?, connection: SQLConnection,
                         cluster: Cluster, session: EngineSession?) async throws -> Bool {
        let endsSession = session == nil
        let freeSession = { [self] in
            if let session { sessions.release(session, statementId: record.id, now: clock.now()) }
        }
        let identity = StatementIdentity(database: record.context.database, user: record.context.dbUser,
                                         isSuperuser: isSuperuser(record.context.dbUser), bootstrapSuperuser: settings.superuser,
                                         backendPid: connection.pid)
        let subs = record.subStatements   // set before the record was registered, never changed after
        let mode = record.batchMode ?? .transaction
        return try await connection.access { [self] db, state in
            defer {
                connection.clearInterrupt()   // session clean-up (ROLLBACK, DROP) must not be interrupted
                if endsSession { SQLConnection.resetSession(db, &state) }
            }
            connection.clearInterrupt()
            installBackendSignals(on: db, connection: connection)
            guard start(record, connection: connection, cluster: cluster) else { return false }
            if !record.isBatch {
                let (outcome, log) = execute(record, parameters: parameters, identity: identity, connection: connection,
                                             cluster: cluster, db: db, state: &state, injectsFaults: true) {
                    workload.release(record.id, target: record.context.target)
                }
                freeSession()
                complete(record, outcome, queryGroup: state.settings["query_group"], log: log)
                return true
            }
            // A batch: in order. TRANSACTION (default): one transaction, the first failure stops and
            // rolls back everything. AUTO_COMMIT: each statement commits on its own and "a failure of
            // one statement does not affect the others" (model documentation of ExecutionMode).
            let ownsTransaction = mode == .transaction && !state.inExplicitTransaction
            if ownsTransaction {
                try db.execute(sql: "BEGIN DEFERRED")
                state.inExplicitTransaction = true
            }
            var failure: Error?
            for sub in subs {
                if failure != nil && (mode == .transaction || failure is CancellationError) { abandon(sub); continue }
                guard start(sub, connection: connection, cluster: cluster) else {
                    failure = CancellationError()
                    continue
                }
                armStatementTimeout(sub, millis: state.settings["statement_timeout"].flatMap(StatementTimeouts.millis) ?? 0,
                                    from: clock.monotonicNanoseconds())
                defer { workload.statementTimeouts.disarm(sub.id) }
                let (outcome, log) = execute(sub, parameters: parameters, identity: identity, connection: connection,
                                             cluster: cluster, db: db, state: &state, injectsFaults: false) { workload.trace(record.id) }
                complete(sub, outcome, queryGroup: state.settings["query_group"], log: log)
                if case .failure(let error) = outcome, failure == nil {
                    failure = ErrorMapping.isInterrupt(error) ? CancellationError() : error
                }
            }
            if ownsTransaction {
                try? StatementRunner.endTransaction(db: db, state: &state, commit: failure == nil)
            }
            if !workload.isInert { workload.release(record.id, target: record.context.target) }
            freeSession()
            completeBatch(record, subs: subs, failure: failure)
            return true
        }
    }

    /// Runs one statement (alone, or one of a batch) on its connection: the query log's begin (its
    /// end is logged by `complete`), the SQL, the simulated latency and the statement timeout.
    /// `trace` is WLM's view of it, read once the latency has passed (a lone statement releases its
    /// slot there).
    private func execute(_ statement: StatementRecord, parameters: [String: String]?, identity: StatementIdentity,
                         connection: SQLConnection, cluster: Cluster, db: Database, state: inout ConnectionState, injectsFaults: Bool,
                         trace: () -> WorkloadTrace?) -> (Result<StatementOutcome, Error>, QueryLogContext) {
        let xid = workload.history.beginStatement(statement.id, pid: connection.pid, inTransaction: state.inExplicitTransaction)
        var outcome = Result { () throws -> StatementOutcome in
            if injectsFaults, let failure = injectedFailure(statement) { throw failure }
            return try StatementRunner.run(statement.statement, parameters: parameters, identity: identity,
                                           db: db, state: &state, spill: spill, now: clock.now(),
                                           systemTables: systemTables(for: statement.context.target),
                                           bulk: BulkContext(objectStore: objectStore, queryId: statement.redshiftQueryId,
                                                             target: statement.context.target, transactionId: xid,
                                                             clock: { [clock] in clock.now() },
                                                             loadLog: loadLog, unloadLog: unloadLog,
                                                             externalCatalog: cluster.externalCatalog,
                                                             spectrumLog: spectrumLog,
                                                             isInterrupted: { connection.interruptRequested }),
                                           databases: databaseAdministration(cluster))
        }
        connection.clearInterrupt()   // a cancel from here on is seen by the latency wait and `complete`
        if !state.noticesOfFailedCall.isEmpty {
            let notices = state.noticesOfFailedCall
            state.noticesOfFailedCall = []
            if case .failure = outcome { statements.state.withLock { _ in statement.notices = notices } }
        }
        if statement.listed, let failure = resultSizeFailure(outcome) { outcome = .failure(failure) }
        var log = QueryLogContext(xid: xid, label: state.settings["query_group"])
        if !workload.isInert {
            (outcome, log.plan) = simulateLatency(statement, outcome)
            log.trace = trace()
        }
        if let timeout = statementTimeoutFailure(statement) { outcome = .failure(timeout) }
        log.end = .init(pid: connection.pid, inTransaction: state.inExplicitTransaction)   // the query log ends it
        return (outcome, log)
    }

    /// PICKED -> STARTED, unless a cancel came first. Returns false when the statement was aborted.
    private func start(_ record: StatementRecord, connection: SQLConnection, cluster: Cluster) -> Bool {
        let now = clock.now()
        let started: Bool = statements.state.withLock { _ in
            let started = record.lifecycle.start { record.isBatch ? 0 : cluster.nextQueryId() }
            record.updatedAt = now
            guard started else {
                record.durationNanos = elapsed(record)
                return false
            }
            record.startedAt = now
            record.redshiftPid = connection.pid
            // What DescribeStatement reports: a connection's statement is never described.
            record.redshiftQueryUuid = record.isBatch || !record.listed ? nil : newId()
            record.runningOn = connection
            return true
        }
        if !started && !record.isBatch { notify(record, queryGroup: nil) }
        return started
    }

    /// Publishes the statement's end (its status, result and Duration), then logs it (STL_QUERY,
    /// SYS_QUERY_HISTORY) and tells the sinks. The store's lock is held only to publish: the
    /// query-log row is built before and appended after (before `complete` returns, so a
    /// connection's next statement, and any client that saw the end, find it).
    private func complete(_ record: StatementRecord, _ outcome: Result<StatementOutcome, Error>, queryGroup: String?,
                          log: QueryLogContext) {
        let now = clock.now()
        let duration = elapsed(record)
        var log = log
        if case .success(let outcome) = outcome { log.appliedPolicies = outcome.translation.rowLevelSecurity }
        let entry = queryLogEntry(record, log, durationNanos: duration)
        let (ended, event) = statements.state.withLock { _ -> (QueryLogEnding, StatementEvent?) in
            record.runningOn = nil
            record.updatedAt = now
            record.durationNanos = duration
            switch outcome {
            case .success(let outcome):
                record.lifecycle.end(.finished)
                record.hasResultSet = outcome.hasResultSet
                record.resultRows = outcome.resultRows
                record.resultSize = Int64(outcome.result?.byteSize ?? 0)
                record.result = outcome.result
                record.notices = outcome.notices
                record.translationSummary = outcome.translation
            case .failure(let error) where ErrorMapping.isInterrupt(error):
                record.lifecycle.end(.interrupted)
            case .failure(let error):
                record.lifecycle.end(.failed(ErrorMapping.redshiftText(error)))
                (record.errorCode, record.errorPosition) = ErrorMapping.sqlState(error)
            }
            if let entry {
                record.queueName = entry.serviceClassName
                record.queueWaitMicros = entry.queueMicros
            }
            return (QueryLogEnding(record), sinks.isEmpty ? nil : endEvent(record, queryGroup: queryGroup))
        }
        if let entry { logQuery(entry, ended, log) }
        if let event { publish(event) }
    }

    /// A sub-statement after a failed one never runs: it ends ABORTED (emulator decision, reference §7).
    private func abandon(_ sub: StatementRecord) {
        let now = clock.now()
        defer { notify(sub, queryGroup: nil) }
        statements.state.withLock { _ in
            sub.lifecycle.abandon()
            sub.updatedAt = now
        }
    }

    /// The batch parent: FINISHED when every sub-statement finished; else FAILED (or ABORTED) with the
    /// failing sub-statement's error. ResultRows/ResultSize stay -1 and RedshiftQueryId 0 (reference §7).
    private func completeBatch(_ record: StatementRecord, subs: [StatementRecord], failure: Error?) {
        let now = clock.now()
        statements.state.withLock { _ in
            record.runningOn = nil
            record.updatedAt = now
            record.durationNanos = elapsed(record)
            record.hasResultSet = subs.contains { $0.hasResultSet }
            record.lifecycle.endBatch(subs.map(\.lifecycle), stopped: failure != nil)
        }
    }

    private func finishIfRunning(_ record: StatementRecord, error: Error) {
        let now = clock.now()
        let ended: Bool = statements.state.withLock { _ in
            guard !record.isTerminal else { return false }
            record.lifecycle.failedToRun(ErrorMapping.redshiftText(error))
            (record.errorCode, record.errorPosition) = ErrorMapping.sqlState(error)
            record.durationNanos = elapsed(record)
            record.updatedAt = now
            record.runningOn = nil
            return true
        }
        if ended && !record.isBatch { notify(record, queryGroup: nil) }
    }

    /// Tells the sinks that a statement (or sub-statement) ended.
    private func notify(_ record: StatementRecord, queryGroup: String?) {
        guard !sinks.isEmpty else { return }
        publish(statements.state.withLock { _ in endEvent(record, queryGroup: queryGroup) })
    }

    /// The event of an ended record. Called under the store's lock.
    private func endEvent(_ record: StatementRecord, queryGroup: String?) -> StatementEvent {
        record.event(parameters: (record.batch?.parameters ?? record.parameters).map(Self.parameterMap),
                     queryGroup: queryGroup)
    }

    private func publish(_ event: StatementEvent) {
        for sink in sinks { sink.statementEnded(event) }
    }

    /// WLM gave it a slot: PICKED.
    private func pick(_ record: StatementRecord) {
        let now = clock.now()
        statements.state.withLock { _ in
            guard !record.isTerminal else { return }
            record.lifecycle.pick()
            record.updatedAt = now
        }
    }

    /// Nanoseconds from submission to now: Duration includes queue time, as the service reports it.
    private func elapsed(_ record: StatementRecord) -> Int64 {
        Int64(max(clock.monotonicNanoseconds() - record.submittedNanos, 1))
    }

    /// Long polling (WaitTimeSeconds): waits until the statement ends or the time runs out.
    public func waitForEnd(_ id: String, seconds: Int) async throws {
        try statements.withRecord(id) { record in
            if record.waitingRequests >= settings.limits.maxWaitingRequests! {
                throw EngineError(.activeWaitingRequestsExceeded,
                                   "Too many requests are waiting for statement \(id). Try again later.")
            }
            record.waitingRequests += 1
        }
        defer { try? statements.withRecord(id) { $0.waitingRequests -= 1 } }
        let deadline = clock.monotonicNanoseconds() + UInt64(seconds) * 1_000_000_000
        var pause: UInt64 = 50_000
        while clock.monotonicNanoseconds() < deadline {
            if try statements.withRecord(id, { $0.isTerminal }) { return }
            try? await Task.sleep(nanoseconds: pause)
            pause = min(pause * 2, 1_000_000)   // answer within a millisecond of the end
        }
    }
}
