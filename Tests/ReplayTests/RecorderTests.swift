import Foundation
import Testing
@testable import DataAPI
@testable import DataAPIModel
@testable import Engine
@testable import EmulatorServer
@testable import Replay

@Suite struct RecorderTests {
    static func event(id: String, batch: String? = nil, session: String? = nil, status: String = "FINISHED") -> StatementEvent {
        StatementEvent(statementId: id, batchId: batch, sessionId: session, targetKind: "workgroup", targetName: "wg1",
                       database: "dev", dbUser: "alice", accessKeyId: "AKID", sql: "select :a, :b", parameters: ["b": "2", "a": "1"],
                       statementName: "report", queryGroup: "etl",
                       submittedAt: Date(timeIntervalSince1970: 1_709_647_327.25), startedAt: Date(timeIntervalSince1970: 1_709_647_327.5),
                       endedAt: Date(timeIntervalSince1970: 1_709_647_328), status: status, error: nil, resultRows: 3,
                       resultBytes: 24, redshiftQueryId: 100_001, redshiftPid: 1_073_741_001)
    }

    @Test func serveEventsBecomeRecordedStatements() {
        let s = RecordingEventSink.statement(Self.event(id: "b1:2", batch: "b1"), sessionId: "x", sequence: 4)
        #expect(s.eventId == "b1:2" && s.batchId == "b1" && s.batchIndex == 2 && s.transactionId == "b1")
        #expect(s.workgroupName == "wg1" && s.clusterIdentifier == nil)
        #expect(s.parameters == [RecordedParameter(name: "a", value: "1"), RecordedParameter(name: "b", value: "2")])
        #expect(s.submittedAt.iso8601 == "2024-03-05T14:02:07.250000Z")
        #expect(s.latencyMicros == 750_000 && s.durationMicros == 750_000)
        #expect(s.resultRows == 3 && s.queryGroup == "etl" && s.statementName == "report")
    }

    @Test func sinkGroupsSessionlessStatementsByCaller() throws {
        let path = temporaryPath("sink.jsonl")
        let writer = try RecordingWriter(path: path, header: RecordingHeader(source: .serve))
        let sink = RecordingEventSink(writer: writer)
        sink.statementEnded(Self.event(id: "a"))
        sink.statementEnded(Self.event(id: "b", session: "s-1"))
        sink.statementEnded(Self.event(id: "c"))
        try writer.close()
        let events = statements(try readAll(path).1)
        #expect(events.map(\.sessionId) == ["caller:AKID/alice@workgroup:wg1/dev", "s-1", "caller:AKID/alice@workgroup:wg1/dev"])
        #expect(events.map(\.sequence) == [1, 1, 2])
    }

    @Test func proxyWritesInSubmissionOrderOnceOutcomesAreKnown() throws {
        let path = temporaryPath("proxy.jsonl")
        let writer = try RecordingWriter(path: path, header: RecordingHeader(source: .proxy))
        let recorder = ProxyRecorder(writer: writer)
        let first = recorder.arrived()
        let second = recorder.arrived()
        func answer(_ json: String, status: Int = 200) -> UpstreamResponse {
            UpstreamResponse(status: status, headers: [("Content-Type", "application/x-amz-json-1.1")], body: Data(json.utf8))
        }
        let request = Data(#"{"ClusterIdentifier":"c1","Database":"dev","DbUser":"bob","Sql":"select 1"}"#.utf8)
        recorder.answered(slot: second, operation: "ExecuteStatement", accessKeyId: "K", request: request,
                          response: answer(#"{"Id":"id-2","Database":"dev","DbUser":"bob","ClusterIdentifier":"c1"}"#))
        recorder.answered(slot: first, operation: "ExecuteStatement", accessKeyId: "K", request: request,
                          response: answer(#"{"Id":"id-1","Database":"dev","DbUser":"bob","ClusterIdentifier":"c1"}"#))
        recorder.described(Data(#"{"Id":"id-2","Status":"FINISHED","Duration":5000000,"ResultRows":1,"ResultSize":8}"#.utf8))
        #expect(recorder.stale(olderThan: -1) == ["id-1"])
        recorder.described(Data(#"{"Id":"id-1","Status":"FAILED","Duration":1000,"Error":"ERROR: boom","ResultRows":-1}"#.utf8))
        #expect(recorder.stale(olderThan: -1).isEmpty)
        try writer.close()
        let events = statements(try readAll(path).1)
        #expect(events.map(\.eventId) == ["id-1", "id-2"])
        #expect(events.map(\.status) == ["FAILED", "FINISHED"])
        #expect(events[0].error == "ERROR: boom" && events[0].resultRows == nil)
        #expect(events[1].durationMicros == 5000 && events[1].latencyMicros == 5000)
        #expect(events.map(\.sequence) == [1, 2])
    }

    @Test func proxyRecordsRefusedCalls() throws {
        let path = temporaryPath("refused.jsonl")
        let writer = try RecordingWriter(path: path, header: RecordingHeader(source: .proxy))
        let recorder = ProxyRecorder(writer: writer)
        let slot = recorder.arrived()
        recorder.answered(slot: slot, operation: "BatchExecuteStatement", accessKeyId: "K",
                          request: Data(#"{"WorkgroupName":"wg","Database":"dev","Sqls":["select 1","select 2"]}"#.utf8),
                          response: UpstreamResponse(status: 400, headers: [("x-amzn-ErrorType", "ValidationException")],
                                                     body: Data(#"{"__type":"ValidationException","message":"no"}"#.utf8)))
        try writer.close()
        let events = statements(try readAll(path).1)
        #expect(events.map(\.sql) == ["select 1", "select 2"])
        #expect(events.allSatisfy { $0.status == "FAILED" && $0.errorCode == "ValidationException" && $0.error == "no" })
        #expect(events[0].user == "IAM:K" && events[0].workgroupName == "wg")
    }

    @Test func aRetriedCallIsRecordedOnce() throws {
        let path = temporaryPath("retry.jsonl")
        let writer = try RecordingWriter(path: path, header: RecordingHeader(source: .proxy))
        let recorder = ProxyRecorder(writer: writer)
        let request = Data(#"{"ClusterIdentifier":"c1","Database":"dev","DbUser":"bob","Sql":"select 1","ClientToken":"t"}"#.utf8)
        let answer = UpstreamResponse(status: 200, headers: [], body: Data(#"{"Id":"same"}"#.utf8))
        for _ in 0..<2 {
            let slot = recorder.arrived()
            recorder.answered(slot: slot, operation: "ExecuteStatement", accessKeyId: "K", request: request, response: answer)
        }
        recorder.described(Data(#"{"Id":"same","Status":"FINISHED","Duration":1000}"#.utf8))
        try writer.close()
        #expect(statements(try readAll(path).1).map(\.eventId) == ["same"])
    }
}
