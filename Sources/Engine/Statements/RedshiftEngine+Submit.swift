import Foundation
import RedshiftSQL

/// Submission: place the statement, register it (SUBMITTED) and start running it in the
/// background (PICKED -> STARTED -> FINISHED | FAILED | ABORTED). Returns at once.
extension RedshiftEngine {
    /// Registers a statement or batch and starts it; its snapshot as registered.
    public func submit(_ request: StatementRequest) throws -> StatementSnapshot {
        let now = clock.now()
        let placement = try place(request, now: now)
        let context = placement.context
        if statements.activeCount(on: context.target) >= settings.limits.maxActiveStatements! {
            if let session = placement.session { sessions.release(session, now: now) }
            throw EngineError(.activeStatementsExceeded,
                              "Active statements exceeded the allowed quota of \(settings.limits.maxActiveStatements!).")
        }

        let id = newId()
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
        record.sequence = nextSequence()
        statements.insert(record)
        if let session = placement.session { sessions.claim(session, statementId: id) }

        let parameters = request.parameters.map(Self.parameterMap)
        let execution = placement.execution
        let snapshot = statements.state.withLock { _ in record.snapshot }
        Task.detached { [self] in
            await self.run(record, parameters: parameters, on: execution)
        }
        return snapshot
    }

    static func parameterMap(_ parameters: [StatementParameter]) -> [String: String] {
        var map: [String: String] = [:]
        for parameter in parameters { map[parameter.name] = parameter.value }
        return map
    }
}
