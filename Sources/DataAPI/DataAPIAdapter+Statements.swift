import DataAPIModel
import Engine
import Foundation

/// DescribeStatement, CancelStatement and ListStatements: reads of the engine's statement registry.
extension DataAPIAdapter {
    public func describeStatement(_ input: DescribeStatementRequest, caller: Caller) async throws -> DescribeStatementResponse {
        let id = input.id ?? ""
        if let wait = input.waitTimeSeconds { try await waitForEnd(id, seconds: wait) }
        let statement = try engine.statement(id)
        let context = statement.context
        var response = DescribeStatementResponse(
            clusterIdentifier: context.target.kind == .cluster ? context.target.name : nil,
            createdAt: statement.createdAt, database: context.database, dbUser: context.dbUser,
            duration: statement.durationNanos, error: statement.error,
            hasResultSet: statement.hasResultSet, id: statement.id, queryParameters: statement.parameters?.map(SqlParameter.init),
            queryString: statement.queryString, redshiftPid: statement.redshiftPid,
            redshiftQueryId: statement.redshiftQueryId, redshiftQueryUuid: statement.redshiftQueryUuid,
            resultFormat: ResultFormatString(rawValue: statement.resultFormat.rawValue),
            resultRows: statement.isBatch ? -1 : statement.resultRows, resultSize: statement.isBatch ? -1 : statement.resultSize,
            secretArn: context.secretArn, sessionId: context.sessionId,
            status: StatusString(rawValue: statement.status.rawValue), updatedAt: statement.updatedAt,
            workgroupName: context.target.kind == .workgroup ? context.target.name : nil)
        if statement.isBatch {
            response.executionMode = statement.batchMode.flatMap { ExecutionMode(rawValue: $0.rawValue) }
            response.subStatements = statement.subStatements.map { sub in
                SubStatementData(createdAt: sub.createdAt, duration: sub.durationNanos, error: sub.error,
                                 hasResultSet: sub.hasResultSet, id: sub.id, queryString: sub.queryString,
                                 redshiftQueryId: sub.redshiftQueryId, redshiftQueryUuid: sub.redshiftQueryUuid,
                                 resultRows: sub.resultRows, resultSize: sub.resultSize,
                                 status: StatementStatusString(rawValue: sub.status.rawValue), updatedAt: sub.updatedAt)
            }
        }
        return response
    }

    public func cancelStatement(_ input: CancelStatementRequest, caller: Caller) async throws -> CancelStatementResponse {
        try engine.cancel(input.id ?? "")
        return CancelStatementResponse(status: true)
    }

    public func listStatements(_ input: ListStatementsRequest, caller: Caller) async throws -> ListStatementsResponse {
        if input.clusterIdentifier != nil && input.workgroupName != nil {
            throw DataAPIError.validation("ClusterIdentifier and WorkgroupName cannot both be specified.")
        }
        let target: Target? = input.clusterIdentifier.map { Target(kind: .cluster, name: $0) }
            ?? input.workgroupName.map { Target(kind: .workgroup, name: $0) }
        let limit = (input.maxResults ?? 0) == 0 ? 100 : input.maxResults!
        let before = try PageToken.position(of: input.nextToken, scope: "statements")
        // "By default, only finished statements are shown." (the model's documentation of Status).
        let status = input.status.flatMap(StatusString.init(rawValue:)) ?? .finished
        let (items, more) = engine.statements(before: before, limit: limit) { statement in
            guard statement.context.caller.accessKeyId == caller.accessKeyId else { return false }
            if let target, statement.context.target != target { return false }
            if target != nil, let database = input.database, statement.context.database != database { return false }
            if status != .all && statement.status.rawValue != status.rawValue { return false }
            if let prefix = input.statementName, !(statement.statementName ?? "").hasPrefix(prefix) { return false }
            return true
        }
        let statements = items.map { statement in
            StatementData(createdAt: statement.createdAt, id: statement.id, isBatchStatement: statement.isBatch,
                          queryParameters: statement.parameters?.map(SqlParameter.init), queryString: statement.queryString,
                          queryStrings: statement.queryStrings,
                          resultFormat: ResultFormatString(rawValue: statement.resultFormat.rawValue),
                          secretArn: statement.context.secretArn, sessionId: statement.context.sessionId,
                          statementName: statement.statementName, status: StatusString(rawValue: statement.status.rawValue),
                          updatedAt: statement.updatedAt)
        }
        let token = more ? items.last.map { PageToken.encode($0.sequence, scope: "statements") } : nil
        return ListStatementsResponse(nextToken: token, statements: statements)
    }
}

extension SqlParameter {
    init(_ parameter: StatementParameter) {
        self.init(name: parameter.name, value: parameter.value)
    }
}

/// Opaque, never-repeating NextTokens: a scope and a position, base64-encoded.
enum PageToken {
    static func encode(_ position: Int64, scope: String, extra: String = "") -> String {
        Data("v1|\(scope)|\(extra)|\(position)".utf8).base64EncodedString()
    }

    /// The position a request's NextToken names: nil for no token, where an empty string also
    /// means no token (AWS's Step Functions sample asks for the first page with `NextToken: ""`).
    static func position(of token: String?, scope: String, extra: String = "") throws -> Int64? {
        guard let token, !token.isEmpty else { return nil }
        return try decode(token, scope: scope, extra: extra)
    }

    /// The position in a token issued for `scope` (and `extra`); ValidationException otherwise.
    static func decode(_ token: String, scope: String, extra: String = "") throws -> Int64 {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8) else {
            throw DataAPIError.validation("Invalid NextToken.")
        }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", parts[1] == scope, parts[2] == extra,
              let position = Int64(parts[3]), position >= 0, position < 1 << 40 else {
            throw DataAPIError.validation("Invalid NextToken.")
        }
        return position
    }
}
