import Foundation
import RedshiftSQL

/// GetStatementResult (JSON records) and GetStatementResultV2 (CSV), paged with NextToken.
///
/// Pages are cut by a byte budget (`limits.resultPageBytes`, 1 MiB by default); ColumnMetadata and
/// TotalNumRows come on every page (awswrangler reads them from each page, reference §6.3).
extension EmulatorService {
    public func getStatementResult(_ input: GetStatementResultRequest, caller: Caller) async throws -> GetStatementResultResponse {
        let id = input.id ?? ""
        if let wait = input.waitTimeSeconds { try await waitForCompletion(id, seconds: wait) }
        let result = try finishedResult(id, expecting: .json)
        var offset = try input.nextToken.map { Int(try PageToken.decode($0, scope: "result", extra: id)) } ?? 0
        var records: [[Field]] = []
        var bytes = 0
        let budget = settings.limits.resultPageBytes!
        let types = result.columns.map(\.type)
        pages: while offset < result.rowCount {
            let rows = try result.rows(offset: offset, limit: 1000)
            if rows.isEmpty { break }
            for row in rows {
                if !records.isEmpty && bytes >= budget { break pages }
                var fields: [Field] = []
                fields.reserveCapacity(row.count)
                for (index, value) in row.enumerated() {
                    fields.append(ResultEncoding.field(value, type: types[index]))
                    bytes += value.approximateTextSize + 16
                }
                records.append(fields)
                offset += 1
            }
        }
        return GetStatementResultResponse(
            columnMetadata: result.columns.map(ResultEncoding.metadata),
            nextToken: offset < result.rowCount ? PageToken.encode(Int64(offset), scope: "result", extra: id) : nil,
            records: records, totalNumRows: Int64(result.rowCount))
    }

    public func getStatementResultV2(_ input: GetStatementResultV2Request, caller: Caller) async throws -> GetStatementResultV2Response {
        let id = input.id ?? ""
        if let wait = input.waitTimeSeconds { try await waitForCompletion(id, seconds: wait) }
        let result = try finishedResult(id, expecting: .csv)
        var offset = try input.nextToken.map { Int(try PageToken.decode($0, scope: "csv", extra: id)) } ?? 0
        let budget = settings.limits.resultPageBytes!
        var text = ""
        if offset == 0 {   // the header row, once, at the start of the result
            text = result.columns.map { ResultEncoding.csvQuoted($0.name) }.joined(separator: ",") + "\r\n"
        }
        let types = result.columns.map(\.type)
        pages: while offset < result.rowCount {
            let rows = try result.rows(offset: offset, limit: 1000)
            if rows.isEmpty { break }
            for row in rows {
                if text.utf8.count >= budget { break pages }
                for (index, value) in row.enumerated() {
                    if index > 0 { text += "," }
                    text += ResultEncoding.csvField(value, type: types[index])
                }
                text += "\r\n"
                offset += 1
            }
        }
        return GetStatementResultV2Response(
            columnMetadata: result.columns.map(ResultEncoding.metadata),
            nextToken: offset < result.rowCount ? PageToken.encode(Int64(offset), scope: "csv", extra: id) : nil,
            records: text.isEmpty ? [] : [.csvRecords(text)], resultFormat: .csv, totalNumRows: Int64(result.rowCount))
    }

    /// The result of a finished statement that has one, in the format asked for; the real
    /// service's errors otherwise (reference §6.4).
    private func finishedResult(_ id: String, expecting format: ResultFormatString) throws -> ResultSet {
        try statements.withRecord(id) { record in
            if record.isBatch {
                throw DataAPIError.validation("BatchExecuteStatement result can only be retrieved with sub-statement id.")
            }
            guard record.status == .finished, record.hasResultSet, let result = record.result else {
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
}
