import Foundation

/// DescribeStatement, CancelStatement and ListStatements: reads of the statement registry.
extension EmulatorService {
    public func describeStatement(_ input: DescribeStatementRequest, caller: Caller) async throws -> DescribeStatementResponse {
        let id = input.id ?? ""
        if let wait = input.waitTimeSeconds { try await waitForCompletion(id, seconds: wait) }
        return try statements.withRecord(id) { record in
            var response = DescribeStatementResponse(
                clusterIdentifier: record.context.target.kind == .cluster ? record.context.target.name : nil,
                createdAt: record.createdAt, database: record.context.database, dbUser: record.context.dbUser,
                duration: record.durationNanos, error: record.error,
                hasResultSet: record.hasResultSet, id: record.id, queryParameters: record.parameters,
                queryString: record.queryString, redshiftPid: record.redshiftPid,
                redshiftQueryId: record.redshiftQueryId, redshiftQueryUuid: record.redshiftQueryUuid,
                resultFormat: record.resultFormat,
                resultRows: record.isBatch ? -1 : record.resultRows, resultSize: record.isBatch ? -1 : record.resultSize,
                secretArn: record.context.secretArn, sessionId: record.context.sessionId,
                status: record.status.asStatusString, updatedAt: record.updatedAt,
                workgroupName: record.context.target.kind == .workgroup ? record.context.target.name : nil)
            if record.isBatch {
                response.executionMode = record.executionMode
                response.subStatements = record.subStatements.map { sub in
                    SubStatementData(createdAt: sub.createdAt, duration: sub.durationNanos, error: sub.error,
                                     hasResultSet: sub.hasResultSet, id: sub.id, queryString: sub.queryString,
                                     redshiftQueryId: sub.redshiftQueryId, redshiftQueryUuid: sub.redshiftQueryUuid,
                                     resultRows: sub.resultRows,
                                     resultSize: sub.resultSize, status: sub.status, updatedAt: sub.updatedAt)
                }
            }
            return response
        }
    }

    public func cancelStatement(_ input: CancelStatementRequest, caller: Caller) async throws -> CancelStatementResponse {
        let id = input.id ?? ""
        var queued: StatementRecord?
        let running: SQLConnection? = try statements.withRecord(id) { record in
            if record.isTerminal {
                throw DataAPIError.validation(
                    "Could not cancel a query that is already in \(record.status.rawValue) state with ID: \(id)")
            }
            record.cancelRequested = true
            for sub in record.subStatements { sub.cancelRequested = true }
            if record.status == .submitted { queued = record }
            return record.runningOn ?? record.subStatements.lazy.compactMap(\.runningOn).first
        }
        running?.interrupt()
        // A statement waiting in a WLM queue leaves it at once.
        if let queued, !workload.isInert { workload.release(queued.id, target: queued.context.target) }
        return CancelStatementResponse(status: true)
    }

    public func listStatements(_ input: ListStatementsRequest, caller: Caller) async throws -> ListStatementsResponse {
        if input.clusterIdentifier != nil && input.workgroupName != nil {
            throw DataAPIError.validation("ClusterIdentifier and WorkgroupName cannot both be specified.")
        }
        let target: Target? = input.clusterIdentifier.map { Target(kind: .cluster, name: $0) }
            ?? input.workgroupName.map { Target(kind: .workgroup, name: $0) }
        let limit = (input.maxResults ?? 0) == 0 ? 100 : input.maxResults!
        let after = try input.nextToken.map { try PageToken.decode($0, scope: "statements") }
        let status = input.status.flatMap(StatusString.init(rawValue:)) ?? .all

        return statements.state.withLock { state in
            var items: [StatementData] = []
            var last: Int64?
            var more = false
            for record in state.order.reversed() {
                if let after, record.sequence >= after { continue }
                guard record.context.caller.accessKeyId == caller.accessKeyId else { continue }
                if let target, record.context.target != target { continue }
                if target != nil, let database = input.database, record.context.database != database { continue }
                if status != .all && record.status.asStatusString != status { continue }
                if let prefix = input.statementName, !(record.statementName ?? "").hasPrefix(prefix) { continue }
                if items.count == limit { more = true; break }
                items.append(StatementData(
                    createdAt: record.createdAt, id: record.id, isBatchStatement: record.isBatch,
                    queryParameters: record.parameters, queryString: record.queryString,
                    queryStrings: record.queryStrings, resultFormat: record.resultFormat,
                    secretArn: record.context.secretArn, sessionId: record.context.sessionId,
                    statementName: record.statementName, status: record.status.asStatusString,
                    updatedAt: record.updatedAt))
                last = record.sequence
            }
            return ListStatementsResponse(nextToken: more ? last.map { PageToken.encode($0, scope: "statements") } : nil,
                                          statements: items)
        }
    }
}

/// Opaque, never-repeating NextTokens: a scope and a position, base64-encoded.
enum PageToken {
    static func encode(_ position: Int64, scope: String, extra: String = "") -> String {
        Data("v1|\(scope)|\(extra)|\(position)".utf8).base64EncodedString()
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
