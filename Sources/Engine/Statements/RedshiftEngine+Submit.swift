import Foundation
import RedshiftSQL

/// Submission: place the statement, register it (SUBMITTED) and run it (PICKED -> STARTED ->
/// FINISHED | FAILED | ABORTED): in the background (`submit`, the Data API's asynchronous model) or
/// in the caller's task (`execute`, a connection that waits for each statement's end).
extension RedshiftEngine {
    /// Registers a statement or batch and starts it; its snapshot as registered. Returns at once.
    public func submit(_ request: StatementRequest) throws -> StatementSnapshot {
        try maintenance.enter()
        let (record, start): (StatementRecord, @Sendable () async -> Void)
        do { (record, start) = try register(request) } catch { maintenance.leave(); throw error }
        let snapshot = statements.state.withLock { _ in record.snapshot }
        Task.detached { [maintenance] in await start(); maintenance.leave() }
        return snapshot
    }

    /// Runs a statement or batch to its end in the calling task, for a connection that waits for
    /// each statement: its snapshot at the end (FINISHED, FAILED or ABORTED) and its rows. It can be
    /// cancelled while it runs (`cancel`, by id from `sessionSnapshots()`), and is forgotten once it
    /// returns: it is not listed by `statements(before:limit:where:)` (the query log keeps it).
    public func execute(_ request: StatementRequest) async throws -> (StatementSnapshot, ResultSet?) {
        try maintenance.enter()
        defer { maintenance.leave() }
        let (record, start) = try register(request, listed: false)
        await start()
        return statements.remove(record) { (record.snapshot, record.result) }
    }

    /// Places and registers a statement (SUBMITTED); the returned closure runs it.
    private func register(_ request: StatementRequest,
                          listed: Bool = true) throws -> (StatementRecord, @Sendable () async -> Void) {
        let now = clock.now()
        let id = newId()
        let placement = try place(request, statementId: id, now: now)
        let context = placement.context
        // The Data API's quota of active statements; a connection's statements are not Data API ones.
        if listed && statements.activeCount(on: context.target) >= settings.limits.maxActiveStatements! {
            if let session = placement.session { sessions.release(session, now: now) }
            throw EngineError(.activeStatementsExceeded,
                              "Active statements exceeded the allowed quota of \(settings.limits.maxActiveStatements!).")
        }

        let faults: [FaultAction]
        do {
            faults = try workload.faults(operation: request.operation, sql: request.sqls.joined(separator: ";\n"),
                                         user: context.dbUser, database: context.database,
                                         queryGroup: placement.session?.connection.queryGroup, statementId: id)
        } catch {
            if let session = placement.session { sessions.release(session, now: now) }
            throw error
        }
        let nanos = clock.monotonicNanoseconds()
        let record = StatementRecord(
            id: id, context: context, createdAt: now, submittedNanos: nanos,
            parsed: request.isBatch ? nil : request.statements[0],
            queryStrings: request.isBatch ? request.sqls : nil,
            parameters: request.parameters, statementName: request.statementName,
            resultFormat: request.resultFormat, batchMode: request.isBatch ? request.batchMode ?? .transaction : nil)
        if request.isBatch {
            record.subStatements = request.statements.enumerated().map { index, parsed in
                StatementRecord(id: "\(id):\(index + 1)", context: context, createdAt: now, submittedNanos: nanos,
                                parsed: parsed, queryStrings: nil, parameters: nil, statementName: nil,
                                resultFormat: record.resultFormat, batchMode: nil)
            }
            record.subStatements.forEach { $0.batch = record }
        }
        record.faults = faults
        record.door = request.door
        record.subStatements.forEach { $0.door = request.door }
        record.sequence = nextSequence()
        statements.insert(record, listed: listed)

        let parameters = request.parameters.map(Self.parameterMap)
        let execution = placement.execution
        return (record, { [self] in await run(record, parameters: parameters, on: execution) })
    }

    static func parameterMap(_ parameters: [StatementParameter]) -> [String: String] {
        var map: [String: String] = [:]
        for parameter in parameters { map[parameter.name] = parameter.value }
        return map
    }
}
