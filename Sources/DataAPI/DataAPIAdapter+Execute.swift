import DataAPIModel
import Engine
import Foundation
import RedshiftSQL

/// ExecuteStatement and BatchExecuteStatement: validate as the real service does, submit to the
/// engine, and answer with the Id at once (or after WaitTimeSeconds).
extension DataAPIAdapter {
    public func executeStatement(_ input: ExecuteStatementInput, caller: Caller) async throws -> ExecuteStatementOutput {
        let members = ConnectionMembers(clusterIdentifier: input.clusterIdentifier, workgroupName: input.workgroupName,
                                        database: input.database, dbUser: input.dbUser, secretArn: input.secretArn)
        let id = try submit(sqls: [input.sql ?? ""], isBatch: false, members: members, sessionId: input.sessionId,
                            keepAlive: input.sessionKeepAliveSeconds, parameters: input.parameters,
                            statementName: input.statementName, resultFormat: input.resultFormat, batchMode: nil,
                            clientToken: input.clientToken, operation: "ExecuteStatement", caller: caller)
        let answer = try await submitted(id, waitSeconds: input.waitTimeSeconds)
        return ExecuteStatementOutput(
            clusterIdentifier: answer.clusterIdentifier, createdAt: answer.createdAt, database: answer.database,
            dbUser: answer.dbUser, hasResultSet: answer.hasResultSet, id: answer.id, redshiftPid: answer.redshiftPid,
            secretArn: answer.secretArn, sessionId: answer.sessionId, status: answer.status,
            workgroupName: answer.workgroupName)
    }

    public func batchExecuteStatement(_ input: BatchExecuteStatementInput, caller: Caller) async throws -> BatchExecuteStatementOutput {
        let members = ConnectionMembers(clusterIdentifier: input.clusterIdentifier, workgroupName: input.workgroupName,
                                        database: input.database, dbUser: input.dbUser, secretArn: input.secretArn)
        let id = try submit(sqls: input.sqls ?? [], isBatch: true, members: members, sessionId: input.sessionId,
                            keepAlive: input.sessionKeepAliveSeconds, parameters: input.parameters,
                            statementName: input.statementName, resultFormat: input.resultFormat,
                            batchMode: input.executionMode.flatMap(BatchMode.init(rawValue:)) ?? .transaction,
                            clientToken: input.clientToken, operation: "BatchExecuteStatement", caller: caller)
        let answer = try await submitted(id, waitSeconds: input.waitTimeSeconds)
        return BatchExecuteStatementOutput(
            clusterIdentifier: answer.clusterIdentifier, createdAt: answer.createdAt, database: answer.database,
            dbUser: answer.dbUser, hasResultSet: answer.hasResultSet, id: answer.id, redshiftPid: answer.redshiftPid,
            secretArn: answer.secretArn, sessionId: answer.sessionId, status: answer.status,
            workgroupName: answer.workgroupName)
    }

    /// What both operations answer: where and as whom the statement runs; with WaitTimeSeconds,
    /// also its status, RedshiftPid and (once it ended) HasResultSet.
    private struct Answer {
        var id: String
        var createdAt: Date
        var clusterIdentifier, workgroupName, database, dbUser, secretArn, sessionId: String?
        var status: StatementStatusString?
        var redshiftPid: Int64?
        var hasResultSet: Bool?
    }

    private func submitted(_ id: String, waitSeconds: Int?) async throws -> Answer {
        if let waitSeconds { try await waitForEnd(id, seconds: waitSeconds) }
        let statement = try engine.statement(id)
        let context = statement.context
        var answer = Answer(id: statement.id, createdAt: statement.createdAt,
                            clusterIdentifier: context.target.kind == .cluster ? context.target.name : nil,
                            workgroupName: context.target.kind == .workgroup ? context.target.name : nil,
                            database: context.database, dbUser: context.dbUser, secretArn: context.secretArn,
                            sessionId: context.sessionId)
        if waitSeconds != nil {
            answer.status = StatementStatusString(rawValue: statement.status.rawValue)
            answer.redshiftPid = statement.redshiftPid
            if statement.status.isTerminal { answer.hasResultSet = statement.hasResultSet }
        }
        return answer
    }

    /// Validates a submission, resolves who and where, and submits it; the statement's id.
    private func submit(sqls: [String], isBatch: Bool, members: ConnectionMembers, sessionId: String?, keepAlive: Int?,
                        parameters: [SqlParameter]?, statementName: String?, resultFormat: String?,
                        batchMode: BatchMode?, clientToken: String?, operation: String, caller: Caller) throws -> String {
        let maxBytes = limits.maxSqlBytes!
        for sql in sqls {
            if sql.utf8.count > maxBytes {
                throw DataAPIError.validation("Query string length exceeds the maximum of \(maxBytes) bytes.")
            }
            if sql.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw DataAPIError.validation("Sql must not be empty.")
            }
        }
        let statements = sqls.map(Translator.parse)   // the one parse of each statement
        let bound = try Self.checkedParameters(parameters, statements: statements)

        let now = engine.now()
        let tokenKey = clientToken.map { "\(caller.accessKeyId)|\(operation)|\($0)" }
        if let tokenKey, let id = clientTokens.statement(forToken: tokenKey, now: now) {
            return id
        }

        let placement: StatementRequest.Placement
        if let sessionId {
            if members.clusterIdentifier != nil || members.workgroupName != nil {
                throw DataAPIError.validation("SessionId cannot be specified together with ClusterIdentifier or WorkgroupName.")
            }
            placement = .session(id: sessionId, database: members.database, keepAliveSeconds: keepAlive)
        } else {
            let target = try target(of: members)
            let user = try databaseUser(of: members, caller: caller)
            guard let database = members.database, !database.isEmpty else {
                throw DataAPIError.validation("Database must be specified when SessionId is not.")
            }
            placement = .new(target: target, database: database, user: user, keepAliveSeconds: keepAlive)
        }
        let request = StatementRequest(statements: statements, isBatch: isBatch, placement: placement, caller: caller,
                                       parameters: bound, statementName: statementName,
                                       secretArn: sessionId == nil ? members.secretArn : nil,
                                       resultFormat: ResultFormat(rawValue: resultFormat ?? "JSON") ?? .json,
                                       batchMode: batchMode, operation: operation)
        let statement = try engine.submit(request)
        if let tokenKey { clientTokens.remember(token: tokenKey, statementId: statement.id, now: now) }
        return statement.id
    }

    /// Checks the named parameters against the SQL: every supplied one must be used
    /// (reference data-api.md §8); values are bound, never spliced.
    private static func checkedParameters(_ parameters: [SqlParameter]?,
                                          statements: [ParsedStatement]) throws -> [StatementParameter]? {
        guard let parameters, !parameters.isEmpty else { return nil }
        var used = Set<String>()
        for statement in statements { used.formUnion(statement.parameterNames) }
        var bound: [StatementParameter] = []
        var unused: [String] = []
        for parameter in parameters {
            guard let name = parameter.name, let value = parameter.value else { continue }
            bound.append(StatementParameter(name: name, value: value))
            if !used.contains(name) && !unused.contains(name) { unused.append(name) }
        }
        if !unused.isEmpty {
            throw DataAPIError.validation("Parameters list contains unused parameters. Unused parameters: [\(unused.joined(separator: ", "))]")
        }
        return bound
    }

    /// Long polling (WaitTimeSeconds).
    func waitForEnd(_ id: String, seconds: Int) async throws {
        try await engine.waitForEnd(id, seconds: seconds)
    }
}
