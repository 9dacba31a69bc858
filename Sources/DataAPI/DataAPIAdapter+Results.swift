import DataAPIModel
import Engine
import Foundation
import RedshiftSQL

/// GetStatementResult (JSON records) and GetStatementResultV2 (CSV), paged with NextToken.
///
/// The wire path writes pages directly (`ResultPageWriter`, via `DataAPIEncodedResults`); the
/// typed methods decode that same JSON, so both answer identically.
extension DataAPIAdapter: DataAPIEncodedResults {
    public func getStatementResultEncoded(_ input: GetStatementResultRequest, caller: Caller) async throws -> Data {
        let writer = try await pageWriter(input.id ?? "", format: .json, nextToken: input.nextToken, wait: input.waitTimeSeconds)
        return try writer.page.jsonPage(from: writer.offset)
    }

    public func getStatementResultV2Encoded(_ input: GetStatementResultV2Request, caller: Caller) async throws -> Data {
        let writer = try await pageWriter(input.id ?? "", format: .csv, nextToken: input.nextToken, wait: input.waitTimeSeconds)
        return try writer.page.csvPage(from: writer.offset)
    }

    /// The writer of statement `id`'s result pages and the row a NextToken (scoped to the format and
    /// the statement) points at, once the statement ended (WaitTimeSeconds).
    private func pageWriter(_ id: String, format: ResultFormat, nextToken: String?,
                            wait: Int?) async throws -> (page: ResultPageWriter, offset: Int) {
        if let wait { try await waitForEnd(id, seconds: wait) }
        let result = try finishedResult(id, expecting: format)
        let scope = format == .json ? "result" : "csv"
        let offset = try PageToken.position(of: nextToken, scope: scope, extra: id).map { Int($0) } ?? 0
        return (ResultPageWriter(result: result, statementId: id, budget: limits.resultPageBytes!), offset)
    }

    public func getStatementResult(_ input: GetStatementResultRequest, caller: Caller) async throws -> GetStatementResultResponse {
        try AWSJSON.decoder.decode(GetStatementResultResponse.self, from: try await getStatementResultEncoded(input, caller: caller))
    }

    public func getStatementResultV2(_ input: GetStatementResultV2Request, caller: Caller) async throws -> GetStatementResultV2Response {
        try AWSJSON.decoder.decode(GetStatementResultV2Response.self, from: try await getStatementResultV2Encoded(input, caller: caller))
    }

    /// The result of a finished statement that has one, in the format asked for; the real
    /// service's errors otherwise (reference §6.4).
    private func finishedResult(_ id: String, expecting format: ResultFormat) throws -> ResultSet {
        let (record, result) = try engine.result(id)
        if record.isBatch {
            throw DataAPIError.validation("BatchExecuteStatement result can only be retrieved with sub-statement id.")
        }
        guard record.status == .finished, record.hasResultSet, let result else {
            throw DataAPIError.validation("Query does not have result. Please check query status with DescribeStatement.")
        }
        if record.resultFormat != format {
            throw DataAPIError.validation(format == .json
                ? "The query result format is CSV. Use GetStatementResultV2 to retrieve the result."
                : "The query result format is JSON. Use GetStatementResult to retrieve the result.")
        }
        return result
    }
}
