import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import DataAPI
@testable import DataAPIModel
@testable import Engine
@testable import EmulatorServer

/// The Data API through the router, in process (no socket): wire shapes and the statement path.
@Suite struct DataAPIRouterTests {
    static func call(_ client: some TestClientProtocol, _ operation: String, _ body: String) async throws -> (Int, [String: Any], String?) {
        try await client.execute(
            uri: "/", method: .post,
            headers: [HTTPField.Name("X-Amz-Target")!: "RedshiftData.\(operation)", .contentType: "application/x-amz-json-1.1"],
            body: ByteBuffer(string: body)
        ) { response in
            let json = (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
            return (Int(response.status.code), json, response.headers[.contentType])
        }
    }

    /// Runs one statement and polls DescribeStatement until it ends.
    static func run(_ client: some TestClientProtocol, _ sql: String) async throws -> [String: Any] {
        let (status, executed, _) = try await call(client, "ExecuteStatement",
            #"{"ClusterIdentifier":"unit","Database":"dev","DbUser":"awsuser","Sql":\#(jsonString(sql))}"#)
        #expect(status == 200)
        let id = try #require(executed["Id"] as? String)
        for _ in 0..<2000 {
            let (_, described, _) = try await call(client, "DescribeStatement", #"{"Id":"\#(id)"}"#)
            if let state = described["Status"] as? String, ["FINISHED", "FAILED", "ABORTED"].contains(state) { return described }
            try await Task.sleep(nanoseconds: 1_000_000)
        }
        Issue.record("statement did not finish")
        return [:]
    }

    static func jsonString(_ text: String) -> String {
        String(data: try! JSONSerialization.data(withJSONObject: [text]), encoding: .utf8)!.dropFirst().dropLast().description
    }

    @Test func selectOneRoundTrip() async throws {
        let app = try buildApplication(.testing)
        try await app.test(.router) { client in
            let described = try await Self.run(client, "select 1")
            #expect(described["Status"] as? String == "FINISHED")
            #expect(described["HasResultSet"] as? Bool == true)
            #expect(described["ResultRows"] as? Int == 1)
            #expect(described["QueryString"] as? String == "select 1")
            #expect((described["Duration"] as? Int ?? 0) > 0)
            #expect((described["RedshiftQueryId"] as? Int ?? 0) > 0)
            let id = try #require(described["Id"] as? String)
            let (status, result, contentType) = try await Self.call(client, "GetStatementResult", #"{"Id":"\#(id)"}"#)
            #expect(status == 200)
            #expect(contentType == "application/x-amz-json-1.1")
            let records = try #require(result["Records"] as? [[[String: Any]]])
            #expect(records.count == 1)
            #expect(records[0][0]["longValue"] as? Int == 1)
            let columns = try #require(result["ColumnMetadata"] as? [[String: Any]])
            #expect(columns[0]["name"] as? String == "?column?")
            #expect(columns[0]["typeName"] as? String == "int4")
            #expect(result["TotalNumRows"] as? Int == 1)
        }
    }

    @Test func badSQLFailsWithARedshiftError() async throws {
        let app = try buildApplication(.testing)
        try await app.test(.router) { client in
            let described = try await Self.run(client, "select * from no_such_table")
            #expect(described["Status"] as? String == "FAILED")
            #expect(described["Error"] as? String == #"ERROR: relation "no_such_table" does not exist"#)
        }
    }

    @Test func protocolErrors() async throws {
        let app = try buildApplication(.testing)
        try await app.test(.router) { client in
            let (status, body, _) = try await Self.call(client, "NoSuchOperation", "{}")
            #expect(status == 400)
            #expect(body["__type"] as? String == "UnknownOperationException")
            let (status2, body2, _) = try await Self.call(client, "ExecuteStatement", "{not json")
            #expect(status2 == 400)
            #expect(body2["__type"] as? String == "SerializationException")
            let (status3, body3, _) = try await Self.call(client, "DescribeStatement", #"{"Id":"d9b6c0c9-0747-4bf4-b142-e8883122f766"}"#)
            #expect(status3 == 400)
            #expect(body3["__type"] as? String == "ResourceNotFoundException")
            #expect(body3["message"] as? String == "Query does not exist.")
            let (status4, body4, _) = try await Self.call(client, "ExecuteStatement", #"{"Sql":"select 1","Database":"dev"}"#)
            #expect(status4 == 400)
            #expect(body4["message"] as? String == "Either ClusterIdentifier or WorkgroupName needs to be specified.")
        }
    }

    @Test func healthAnswers() async throws {
        let app = try buildApplication(.testing)
        try await app.test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }
}

/// Collects statement events for assertions.
final class CollectingSink: StatementEventSink, @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [StatementEvent] = []
    func statementEnded(_ event: StatementEvent) { lock.lock(); collected.append(event); lock.unlock() }
    var events: [StatementEvent] { lock.lock(); defer { lock.unlock() }; return collected }
}

@Suite struct StatementEventTests {
    @Test func everyFinishedStatementAndSubStatementIsReported() async throws {
        let sink = CollectingSink()
        var configuration = EmulatorConfiguration.testing
        configuration.eventSinks = [sink]
        let app = try buildApplication(configuration)
        try await app.test(.router) { client in
            _ = try await DataAPIRouterTests.run(client, "select 1")
            let (_, batch, _) = try await DataAPIRouterTests.call(client, "BatchExecuteStatement",
                #"{"ClusterIdentifier":"unit","Database":"dev","DbUser":"alice","Sqls":["select 2","select * from nope","select 3"]}"#)
            let batchId = try #require(batch["Id"] as? String)
            for _ in 0..<2000 where sink.events.count < 4 { try await Task.sleep(nanoseconds: 1_000_000) }
            let events = sink.events
            #expect(events.count == 4)
            #expect(events[0].sql == "select 1" && events[0].status == "FINISHED" && events[0].resultRows == 1)
            #expect(events[0].startedAt != nil && events[0].endedAt >= events[0].submittedAt)
            let subs = events.dropFirst().sorted { $0.statementId < $1.statementId }
            #expect(subs.map(\.statementId) == ["\(batchId):1", "\(batchId):2", "\(batchId):3"])
            #expect(subs.map(\.status) == ["FINISHED", "FAILED", "ABORTED"])
            #expect(subs.allSatisfy { $0.batchId == batchId && $0.dbUser == "alice" && $0.targetName == "unit" })
            // Result rows for recorders' fingerprints: the rows as GetStatementResult types them.
            var expected = ResultFingerprint()
            expected.add([.longValue(1)])
            #expect(events[0].result?.fingerprint() == expected.value)
            #expect(subs[1].result == nil && subs[2].result == nil)
        }
    }
}
