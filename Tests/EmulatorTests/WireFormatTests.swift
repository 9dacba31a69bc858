import Foundation
import Testing
@testable import Emulator

/// The AWS JSON 1.1 rules of reference data-api.md §1: epoch-second timestamps, one key per union,
/// absent members omitted, the Data API's validation messages.
@Suite struct WireFormatTests {
    @Test func timestampsAreEpochSecondsWithMilliseconds() throws {
        let output = ExecuteStatementOutput(createdAt: Date(timeIntervalSince1970: 1598306924.6321), id: "x")
        let json = try JSONSerialization.jsonObject(with: AWSJSON.encode(output)) as! [String: Any]
        #expect(json["CreatedAt"] as? Double == 1598306924.632)
        #expect(json.keys.sorted() == ["CreatedAt", "Id"])
    }

    @Test func aFieldHasExactlyOneMember() throws {
        for field in [Field.isNull(true), .longValue(1), .stringValue("a"), .booleanValue(false), .doubleValue(1.5)] {
            let json = try JSONSerialization.jsonObject(with: AWSJSON.encode(field)) as! [String: Any]
            #expect(json.count == 1)
        }
    }

    @Test func requiredOutputMembersAreAlwaysPresent() throws {
        let json = try JSONSerialization.jsonObject(with: AWSJSON.encode(GetStatementResultResponse(records: []))) as! [String: Any]
        #expect(json["Records"] != nil)
    }

    @Test(arguments: [
        (#"{"Sql":"select 1","ClusterIdentifier":"Bad_Cluster"}"#, "clusterIdentifier must satisfy regex pattern: ^[a-z][a-z0-9]*(-[a-z0-9]+)*$"),
        (#"{"ClusterIdentifier":"c1"}"#, "sql must not be null"),
        (#"{"Sql":"select 1","SessionKeepAliveSeconds":90000}"#, "sessionKeepAliveSeconds must be less than or equal to 86400"),
        (#"{"Sql":"select 1","ResultFormat":"XML"}"#, "resultFormat must be one of [JSON, CSV]"),
        (#"{"Sql":"select 1","Parameters":[{"name":"@id","value":"1"}]}"#, "parameters.1.name must satisfy regex pattern: ^[0-9a-zA-Z_]+$"),
    ])
    func validationMessages(body: String, message: String) throws {
        let input = try AWSJSON.decodeInput(ExecuteStatementInput.self, from: Data(body.utf8))
        do {
            try input.validate(path: "")
            Issue.record("expected a ValidationException")
        } catch let error as DataAPIError {
            #expect(error.code == .validation)
            #expect(error.message == message)
        }
    }

    @Test func wrongTypesAreSerializationErrors() {
        #expect(throws: DataAPIError(.serialization, "Unexpected value type for member Sql")) {
            _ = try AWSJSON.decodeInput(ExecuteStatementInput.self, from: Data(#"{"Sql": 5}"#.utf8))
        }
    }

    @Test func idPatternAllowsSubStatementIds() throws {
        let ok = try AWSJSON.decodeInput(DescribeStatementRequest.self, from: Data(#"{"Id":"d9b6c0c9-0747-4bf4-b142-e8883122f766:2"}"#.utf8))
        try ok.validate(path: "")
        let bad = try AWSJSON.decodeInput(DescribeStatementRequest.self, from: Data(#"{"Id":"nope"}"#.utf8))
        #expect(throws: DataAPIError.self) { try bad.validate(path: "") }
    }
}
