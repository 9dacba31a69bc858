import Foundation
import Testing
@testable import DataAPI
import DataAPIModel
import RedshiftSQL

/// How values and columns appear on the Data API's wire (issue 17; the evidence is cited in
/// Tests/compat/test_service_fidelity.py).
@Suite struct ResultEncodingTests {
    @Test func charValuesLoseTheirBlankPadding() {
        #expect(ResultEncoding.field(.text("dev       "), type: .char(length: 10)) == .stringValue("dev"))
        #expect(ResultEncoding.field(.text("          "), type: .char(length: 10)) == .stringValue(""))
        #expect(ResultEncoding.csvField(.text("a b  "), type: .char(length: 5)) == "a b")
        // VARCHAR keeps its trailing blanks: they are part of the value.
        #expect(ResultEncoding.field(.text("ab  "), type: .varchar(length: 10)) == .stringValue("ab  "))
    }

    @Test func varbyteIsBase64InStringValue() {
        #expect(ResultEncoding.field(.blob([0x61, 0x62, 0x63]), type: .varbyte(length: 64000)) == .stringValue("YWJj"))
    }

    @Test func nullLiteralColumnIsAnUnboundedVarchar() {
        var column = ResultColumn(name: "n", type: .varchar(length: 256))
        column.isNullLiteral = true
        let metadata = ResultEncoding.metadata(column)
        #expect(metadata.typeName == "varchar")
        #expect(metadata.precision == 65535)
        #expect(ResultEncoding.metadata(ResultColumn(name: "v", type: .varchar(length: 256))).precision == 256)
    }

    @Test func pageTokenTreatsAnEmptyStringAsNoToken() throws {
        #expect(try PageToken.position(of: "", scope: "result") == nil)
        #expect(try PageToken.position(of: nil, scope: "result") == nil)
        #expect(try PageToken.position(of: PageToken.encode(7, scope: "result"), scope: "result") == 7)
        #expect(throws: DataAPIError.self) { try PageToken.position(of: "garbage", scope: "result") }
    }
}
