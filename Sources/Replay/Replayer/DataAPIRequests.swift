import DataAPIClient
import DataAPIModel
import Foundation

/// Something that sends the replayer's Data API calls (``DataAPIClient``, or a fake in tests).
public protocol DataAPICalling: AnyObject {
    func executeStatement(_ input: ExecuteStatementInput) throws -> ExecuteStatementOutput
    func batchExecuteStatement(_ input: BatchExecuteStatementInput) throws -> BatchExecuteStatementOutput
    func describeStatement(_ input: DescribeStatementRequest) throws -> DescribeStatementResponse
    func getStatementResult(_ input: GetStatementResultRequest) throws -> GetStatementResultResponse
}

extension DataAPIClient: DataAPICalling {}

/// The calls the replayer makes, from a plan's units.
enum DataAPIRequests {
    /// ExecuteStatement, or BatchExecuteStatement for a batch unit, in session `sessionId` or, for
    /// the session's first call, opening one with `SessionKeepAliveSeconds`. Returns the statement
    /// id and session id the target answered.
    static func execute(_ unit: ReplayUnit, in schedule: SessionSchedule, sessionId: String?,
                        client: DataAPICalling) throws -> (id: String?, sessionId: String?) {
        let first = unit.statements[0]
        let parameters = first.parameters.flatMap { $0.isEmpty ? nil : $0.map { SqlParameter(name: $0.name, value: $0.value) } }
        let opening = sessionId == nil
        let cluster = opening ? schedule.cluster : nil
        let workgroup = opening ? schedule.workgroup : nil
        let database = opening ? schedule.database : nil
        let dbUser = opening && schedule.cluster != nil ? schedule.user : nil
        let keepAlive = opening ? schedule.keepAliveSeconds : nil
        if unit.isBatch {
            let output = try client.batchExecuteStatement(BatchExecuteStatementInput(
                clusterIdentifier: cluster, database: database, dbUser: dbUser, parameters: parameters, sessionId: sessionId,
                sessionKeepAliveSeconds: keepAlive, sqls: unit.statements.map(\.sql), statementName: first.statementName,
                workgroupName: workgroup))
            return (output.id, output.sessionId)
        }
        let output = try client.executeStatement(ExecuteStatementInput(
            clusterIdentifier: cluster, database: database, dbUser: dbUser, parameters: parameters, sessionId: sessionId,
            sessionKeepAliveSeconds: keepAlive, sql: first.sql, statementName: first.statementName, workgroupName: workgroup))
        return (output.id, output.sessionId)
    }
}

/// What DescribeStatement said about one statement: the statement itself, or a batch's sub-statement.
struct DescribedOutcome {
    var id: String
    var status: String?
    var error: String?
    var duration: Int64?
    var hasResultSet: Bool?
    var resultRows: Int64?
    var resultSize: Int64?
    var redshiftQueryId: Int64?
    var createdAt: Date?
    var updatedAt: Date?
    var queryString: String?
    /// The statement's (a batch's, for its sub-statements: SubStatementData has none).
    var redshiftPid: Int64?

    init(_ described: DescribeStatementResponse) {
        id = described.id
        status = described.status?.rawValue
        error = described.error
        duration = described.duration
        hasResultSet = described.hasResultSet
        resultRows = described.resultRows
        resultSize = described.resultSize
        redshiftQueryId = described.redshiftQueryId
        createdAt = described.createdAt
        updatedAt = described.updatedAt
        queryString = described.queryString
        redshiftPid = described.redshiftPid
    }

    init(_ sub: SubStatementData) {
        id = sub.id
        status = sub.status?.rawValue
        error = sub.error
        duration = sub.duration
        hasResultSet = sub.hasResultSet
        resultRows = sub.resultRows
        resultSize = sub.resultSize
        redshiftQueryId = sub.redshiftQueryId
        createdAt = sub.createdAt
        updatedAt = sub.updatedAt
        queryString = sub.queryString
    }

    /// The outcome of each statement of `unit`: a batch's sub-statements in order (the whole
    /// statement's where one is missing), else the statement's.
    static func of(_ unit: ReplayUnit, _ described: DescribeStatementResponse) -> [DescribedOutcome?] {
        guard unit.isBatch else { return [DescribedOutcome(described)] }
        let subs = described.subStatements ?? []
        return unit.statements.indices.map { $0 < subs.count ? DescribedOutcome(subs[$0]) : nil }
    }
}
