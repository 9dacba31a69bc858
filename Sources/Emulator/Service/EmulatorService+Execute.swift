import Foundation
import RedshiftSQL

/// ExecuteStatement and BatchExecuteStatement: validate, register, answer with the Id at once, and
/// run in the background (SUBMITTED -> PICKED -> STARTED -> FINISHED | FAILED | ABORTED).
extension EmulatorService {
    public func executeStatement(_ input: ExecuteStatementInput, caller: Caller) async throws -> ExecuteStatementOutput {
        let submission = Submission(sqls: [input.sql ?? ""], isBatch: false, members: input.connectionMembers,
                                    sessionId: input.sessionId, keepAlive: input.sessionKeepAliveSeconds,
                                    parameters: input.parameters, statementName: input.statementName,
                                    resultFormat: input.resultFormat, executionMode: nil, clientToken: input.clientToken)
        let record = try await submit(submission, operation: "ExecuteStatement", caller: caller)
        if let wait = input.waitTimeSeconds { try await waitForCompletion(record.id, seconds: wait) }
        return try statements.withRecord(record.id) { record in
            var output = ExecuteStatementOutput(
                clusterIdentifier: record.context.target.kind == .cluster ? record.context.target.name : nil,
                createdAt: record.createdAt, database: record.context.database, dbUser: record.context.dbUser,
                id: record.id, secretArn: record.context.secretArn, sessionId: record.context.sessionId,
                workgroupName: record.context.target.kind == .workgroup ? record.context.target.name : nil)
            if input.waitTimeSeconds != nil {
                output.status = record.status
                output.redshiftPid = record.redshiftPid
                if record.isTerminal { output.hasResultSet = record.hasResultSet }
            }
            return output
        }
    }

    public func batchExecuteStatement(_ input: BatchExecuteStatementInput, caller: Caller) async throws -> BatchExecuteStatementOutput {
        let submission = Submission(sqls: input.sqls ?? [], isBatch: true, members: input.connectionMembers,
                                    sessionId: input.sessionId, keepAlive: input.sessionKeepAliveSeconds,
                                    parameters: input.parameters, statementName: input.statementName,
                                    resultFormat: input.resultFormat,
                                    executionMode: input.executionMode.flatMap(ExecutionMode.init(rawValue:)) ?? .transaction,
                                    clientToken: input.clientToken)
        let record = try await submit(submission, operation: "BatchExecuteStatement", caller: caller)
        if let wait = input.waitTimeSeconds { try await waitForCompletion(record.id, seconds: wait) }
        return try statements.withRecord(record.id) { record in
            var output = BatchExecuteStatementOutput(
                clusterIdentifier: record.context.target.kind == .cluster ? record.context.target.name : nil,
                createdAt: record.createdAt, database: record.context.database, dbUser: record.context.dbUser,
                id: record.id, secretArn: record.context.secretArn, sessionId: record.context.sessionId,
                workgroupName: record.context.target.kind == .workgroup ? record.context.target.name : nil)
            if input.waitTimeSeconds != nil {
                output.status = record.status
                output.redshiftPid = record.redshiftPid
                if record.isTerminal { output.hasResultSet = record.hasResultSet }
            }
            return output
        }
    }
}

/// What Execute/BatchExecuteStatement have in common.
struct Submission {
    var sqls: [String]
    var isBatch: Bool
    var members: ConnectionMembers
    var sessionId: String?
    var keepAlive: Int?
    var parameters: [SqlParameter]?
    var statementName: String?
    var resultFormat: String?
    var executionMode: ExecutionMode?
    var clientToken: String?
}

extension EmulatorService {
    /// Validates a submission, registers its statement(s) and starts running them.
    func submit(_ submission: Submission, operation: String, caller: Caller) async throws -> StatementRecord {
        let now = clock.now()
        for sql in submission.sqls {
            if sql.utf8.count > settings.limits.maxSqlBytes! {
                throw DataAPIError.validation("Query string length exceeds the maximum of \(settings.limits.maxSqlBytes!) bytes.")
            }
            if sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw DataAPIError.validation("Sql must not be empty.")
            }
        }
        let parameters = try boundParameters(submission.parameters, sqls: submission.sqls)

        let tokenKey = submission.clientToken.map { "\(caller.accessKeyId)|\(operation)|\($0)" }
        if let tokenKey, let remembered = statements.response(forToken: tokenKey, now: now),
           let id = String(data: remembered, encoding: .utf8) {
            return try statements.withRecord(id) { $0 }
        }

        let placement = try place(submission, caller: caller, now: now)
        let context = placement.context
        if statements.activeCount(on: context.target) >= settings.limits.maxActiveStatements! {
            if let session = placement.session { sessions.release(session, now: now) }
            throw DataAPIError(.activeStatementsExceeded,
                               "Active statements exceeded the allowed quota of \(settings.limits.maxActiveStatements!).")
        }

        let id = newId()
        let faults: [FaultAction]
        do {
            faults = try workload.faults(operation: operation, sql: submission.sqls.joined(separator: ";\n"),
                                         user: context.dbUser, database: context.database,
                                         queryGroup: placement.session?.connection.queryGroup, statementId: id)
        } catch {
            if let session = placement.session { sessions.release(session, now: now) }
            throw error
        }
        let nanos = clock.monotonicNanoseconds()
        let record = StatementRecord(
            id: id, context: context, createdAt: now, submittedNanos: nanos,
            queryString: submission.isBatch ? nil : submission.sqls[0],
            queryStrings: submission.isBatch ? submission.sqls : nil,
            parameters: submission.parameters, statementName: submission.statementName,
            resultFormat: ResultFormatString(rawValue: submission.resultFormat ?? "JSON") ?? .json,
            executionMode: submission.executionMode)
        if submission.isBatch {
            record.subStatements = submission.sqls.enumerated().map { index, sql in
                StatementRecord(id: "\(id):\(index + 1)", context: context, createdAt: now, submittedNanos: nanos,
                                queryString: sql, queryStrings: nil, parameters: nil, statementName: nil,
                                resultFormat: record.resultFormat, executionMode: nil)
            }
            record.subStatements.forEach { $0.batch = record }
        }
        record.faults = faults
        record.sequence = nextSequence()
        statements.insert(record)
        if let session = placement.session { sessions.claim(session, statementId: id) }
        if let tokenKey { statements.remember(token: tokenKey, statementId: id, response: Data(id.utf8), now: now) }

        let execution = placement.execution
        Task.detached { [self] in
            await self.run(record, parameters: parameters, on: execution)
        }
        return record
    }

    /// Checks the named parameters against the SQL: every supplied one must be used
    /// (reference data-api.md §8); values are bound, never spliced.
    private func boundParameters(_ parameters: [SqlParameter]?, sqls: [String]) throws -> [String: String]? {
        guard let parameters, !parameters.isEmpty else { return nil }
        var used = Set<String>()
        for sql in sqls { used.formUnion(Translator.parameterNames(in: sql)) }
        var values: [String: String] = [:]
        var unused: [String] = []
        for parameter in parameters {
            guard let name = parameter.name, let value = parameter.value else { continue }
            values[name] = value
            if !used.contains(name) && !unused.contains(name) { unused.append(name) }
        }
        if !unused.isEmpty {
            throw DataAPIError.validation("Parameters list contains unused parameters. Unused parameters: [\(unused.joined(separator: ", "))]")
        }
        return values
    }
}

extension ExecuteStatementInput {
    var connectionMembers: ConnectionMembers {
        ConnectionMembers(clusterIdentifier: clusterIdentifier, workgroupName: workgroupName, database: database,
                          dbUser: dbUser, secretArn: secretArn)
    }
}

extension BatchExecuteStatementInput {
    var connectionMembers: ConnectionMembers {
        ConnectionMembers(clusterIdentifier: clusterIdentifier, workgroupName: workgroupName, database: database,
                          dbUser: dbUser, secretArn: secretArn)
    }
}
