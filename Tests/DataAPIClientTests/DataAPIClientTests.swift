import DataAPIModel
import Foundation
import Testing
@testable import DataAPIClient

@Suite struct DataAPIClientTests {
    static func reply(_ status: String, _ json: String, headers: String = "") -> String {
        "HTTP/1.1 \(status)\r\nContent-Type: application/x-amz-json-1.1\r\n\(headers)Content-Length: \(json.utf8.count)\r\n\r\n\(json)"
    }

    static func client(_ server: CannedServer, signing: RequestSigning? = nil) throws -> DataAPIClient {
        let url = URL(string: "http://127.0.0.1:\(server.port)/")!
        if let signing { return try DataAPIClient(url: url, signing: signing) }
        return try DataAPIClient(url: url, credentials: AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "s"), region: "eu-west-1")
    }

    /// The body of a request the server received.
    static func body(_ request: String) -> [String: Any] {
        let text = request.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test func typedCallsEncodeTheInputAndDecodeTheOutput() throws {
        let server = CannedServer(replies: [
            Self.reply("200 OK", #"{"Id":"q-1","SessionId":"s-1","CreatedAt":1709647327.25,"Database":"dev"}"#),
            Self.reply("200 OK", #"{"Id":"q-1","Status":"FINISHED","Duration":3000000,"ResultRows":2,"HasResultSet":true,"#
                       + #""CreatedAt":1709647327.25,"UpdatedAt":1709647328.5,"RedshiftPid":1073741001,"#
                       + #""SubStatements":[{"Id":"q-1:1","Status":"FINISHED","Duration":1000}]}"#),
            Self.reply("200 OK", #"{"Records":[[{"longValue":1},{"stringValue":"a"}],[{"isNull":true},{"booleanValue":false}]],"#
                       + #""ColumnMetadata":[{"name":"n","typeName":"int4"}],"TotalNumRows":2}"#),
        ])
        let client = try Self.client(server)
        let started = try client.executeStatement(ExecuteStatementInput(database: "dev", sessionKeepAliveSeconds: 60,
                                                                        sql: "select 1", workgroupName: "wg"))
        #expect(started.id == "q-1" && started.sessionId == "s-1")
        #expect(started.createdAt == Date(timeIntervalSince1970: 1_709_647_327.25))
        let described = try client.describeStatement(DescribeStatementRequest(id: "q-1", waitTimeSeconds: 10))
        #expect(described.status == .finished && described.duration == 3_000_000 && described.resultRows == 2)
        #expect(described.hasResultSet == true && described.redshiftPid == 1_073_741_001)
        #expect(described.updatedAt == Date(timeIntervalSince1970: 1_709_647_328.5))
        #expect(described.subStatements?.first?.id == "q-1:1" && described.subStatements?.first?.status == .finished)
        let page = try client.getStatementResult(GetStatementResultRequest(id: "q-1"))
        #expect(page.records == [[.longValue(1), .stringValue("a")], [.isNull(true), .booleanValue(false)]])
        #expect(page.totalNumRows == 2 && page.columnMetadata?.first?.typeName == "int4" && page.nextToken == nil)

        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests[0].contains("X-Amz-Target: RedshiftData.ExecuteStatement\r\n"))
        #expect(requests[0].contains("Content-Type: application/x-amz-json-1.1\r\n"))
        #expect(requests[0].contains("Authorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/"))
        #expect(requests[0].contains("/eu-west-1/redshift-data/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="))
        let input = Self.body(requests[0])
        #expect(input["Sql"] as? String == "select 1" && input["WorkgroupName"] as? String == "wg")
        #expect(input["SessionKeepAliveSeconds"] as? Int == 60 && input["ClusterIdentifier"] == nil)   // nil members omitted
        #expect(Self.body(requests[1])["WaitTimeSeconds"] as? Int == 10)
        #expect(requests[2].contains("X-Amz-Target: RedshiftData.GetStatementResult\r\n"))
    }

    @Test func errorRepliesBecomeDataAPIErrors() throws {
        let server = CannedServer(replies: [
            Self.reply("400 Bad Request", #"{"__type":"ResourceNotFoundException","message":"Query does not exist.","ResourceId":"q-9"}"#),
            Self.reply("400 Bad Request", #"{"__type":"com.amazonaws.redshiftdata#ValidationException","Message":"Session is busy"}"#),
            Self.reply("403 Forbidden", #"{"message":"no"}"#, headers: "x-amzn-ErrorType: AccessDeniedException:http://internal/\r\n"),
            "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 8\r\n\r\nupstream",
            Self.reply("200 OK", #"{"Status":"FINISHED"}"#),
        ])
        let client = try Self.client(server, signing: .unsigned(accessKeyId: "AKIDBENCH", region: "us-east-1"))
        #expect(throws: DataAPIError(.resourceNotFound, "Query does not exist.", resourceId: "q-9")) {
            try client.describeStatement(DescribeStatementRequest(id: "q-9"))
        }
        #expect(throws: DataAPIError(.validation, "Session is busy")) {
            try client.executeStatement(ExecuteStatementInput(sessionId: "s-1", sql: "select 1"))
        }
        #expect(throws: DataAPIClientError.unmodeled(status: 403, code: "AccessDeniedException", message: "no")) {
            try client.cancelStatement(CancelStatementRequest(id: "q-1"))
        }
        #expect(throws: DataAPIClientError.unmodeled(status: 502, code: "HTTP502", message: "upstream")) {
            try client.listStatements(ListStatementsRequest())
        }
        // A 200 that is not the output shape (DescribeStatement's Id is required).
        do {
            _ = try client.describeStatement(DescribeStatementRequest(id: "q-1"))
            Issue.record("no error")
        } catch {
            #expect(DataAPIClient.codeAndMessage(of: error).code == "InvalidResponse")
        }
        let refused = DataAPIClient.codeAndMessage(of: DataAPIError(.validation, "m"))
        #expect(refused.code == "ValidationException" && refused.message == "m")
        let unreachable = DataAPIClient.codeAndMessage(of: TransportError("refused"))
        #expect(unreachable.code == "TransportError" && unreachable.message == "refused")
        #expect(server.requests[0].contains("Authorization: AWS4-HMAC-SHA256 Credential=AKIDBENCH/20260101/us-east-1/redshift-data/aws4_request"))
    }

    @Test func rawPathsReturnTheBytes() throws {
        let json = #"{"Id":"q-1","Status":"STARTED"}"#
        let server = CannedServer(replies: [Self.reply("200 OK", json, headers: "x-amzn-RequestId: r-1\r\n"),
                                            Self.reply("200 OK", json), Self.reply("200 OK", json)])
        let client = try Self.client(server, signing: .unsigned(accessKeyId: "AKIDBENCH", region: "us-east-1"))
        let reply = try client.send(operation: "DescribeStatement", body: Data(#"{"Id":"q-1"}"#.utf8))
        #expect(reply.status == 200 && reply.body == Data(json.utf8) && reply.header("X-Amzn-RequestId") == "r-1")
        let prepared = client.prepare(operation: "DescribeStatement", body: Data(#"{"Id":"q-1"}"#.utf8))
        for _ in 0..<2 {
            let length = try client.send(prepared) { status, body in status == 200 ? body.count : -1 }
            #expect(length == json.utf8.count)
        }
        #expect(Set(server.requests.dropFirst()).count == 1)   // the same bytes twice
    }

    @Test func transportsForSchemes() throws {
        #expect(try DataAPIClient.transport(for: URL(string: "http://127.0.0.1:8080")!) is SocketHTTPTransport)
        #expect(try DataAPIClient.transport(for: URL(string: "https://redshift-data.us-east-1.amazonaws.com")!) is URLSessionHTTPTransport)
        let unreachable = try DataAPIClient(url: URL(string: "http://127.0.0.1:1/")!, credentials: nil, region: "us-east-1")
        #expect(throws: TransportError.self) { try unreachable.listStatements(ListStatementsRequest()) }
    }
}
