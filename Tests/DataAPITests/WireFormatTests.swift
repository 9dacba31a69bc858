import Foundation
import Testing
@testable import DataAPI
@testable import DataAPIModel
@testable import Engine
import RedshiftSQL

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

/// The hand-written encoder of result pages must say exactly what `JSONEncoder` says.
@Suite struct FastJSONTests {
    static func parsed(_ data: Data) throws -> NSDictionary {
        try JSONSerialization.jsonObject(with: data) as! NSDictionary
    }

    @Test func resultPageMatchesFoundationEncoding() throws {
        let tricky = ["plain", "quote \" backslash \\ slash /", "tab\tnewline\ncr\r", "\u{1}\u{1f}", "héllo 世界 🚀", ""]
        var records: [[Field]] = []
        for (index, text) in tricky.enumerated() {
            records.append([.stringValue(text), .longValue(Int64(index) - 3), .doubleValue(Double(index) / 3),
                            .booleanValue(index % 2 == 0), .isNull(true), .blobValue(Data([0, 1, 255]))])
        }
        let column = ColumnMetadata(isCaseSensitive: true, isCurrency: false, isSigned: false, label: "c\"1", length: 0,
                                    name: "c\"1", nullable: 1, precision: 256, scale: 0, schemaName: "public",
                                    tableName: "t", typeName: "varchar")
        let page = GetStatementResultResponse(columnMetadata: [column], nextToken: "tok/+=", records: records, totalNumRows: 99)
        var writer = JSONWriter()
        page.writeJSON(to: &writer)
        #expect(try Self.parsed(writer.data) == Self.parsed(JSONEncoder().encode(page)))

        let csv = GetStatementResultV2Response(columnMetadata: [column], records: [.csvRecords("a,b\r\n\"x\"\"y\",2\r\n")],
                                               resultFormat: .csv, totalNumRows: 1)
        var csvWriter = JSONWriter()
        csv.writeJSON(to: &csvWriter)
        #expect(try Self.parsed(csvWriter.data) == Self.parsed(JSONEncoder().encode(csv)))
    }
}

/// The CSV fast path for doubles must print exactly what the general path prints.
@Suite struct FloatTextTests {
    @Test func shortFloatTextAgreesWithRedshiftText() {
        var generator = SystemRandomNumberGenerator()
        var samples: [Double] = [0, -0.0, 1.5, -2.25, 0.1, 1e-4, 1e-5, 123456789.125, 1e14 + 0.5, 1e15, 1e16, 3.14159265358979, 2.0 / 3.0]
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -8...17, using: &generator)
            let value = pow(10, magnitude) * (Bool.random(using: &generator) ? 1 : -1)
            samples.append(Bool.random(using: &generator) ? value : (value * 1000).rounded() / 1000)
        }
        var fast = 0
        for value in samples {
            guard let text = ResultPageWriter.shortFloatText(value) else { continue }
            fast += 1
            #expect(text == RedshiftType.doublePrecision.text(of: .real(value)), "value \(value)")
        }
        #expect(fast > samples.count / 4)
    }
}
