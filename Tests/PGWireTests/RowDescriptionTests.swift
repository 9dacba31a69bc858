import RedshiftSQL
import NIOCore
import Testing
@testable import PGWire

/// Type OIDs as issue 13 lists them (PostgreSQL's pg_type, catalog-pg-type.html).
@Suite struct RowDescriptionTests {
    @Test func typeOIDs() {
        let expected: [(RedshiftType, Int32)] = [
            (.smallint, 21), (.integer, 23), (.bigint, 20), (.decimal(precision: 10, scale: 2), 1700), (.real, 700),
            (.doublePrecision, 701), (.boolean, 16), (.varchar(length: 10), 1043), (.char(length: 3), 1042),
            (.date, 1082), (.time, 1083), (.timetz, 1266), (.timestamp, 1114), (.timestamptz, 1184), (.super, 4000),
            (.varbyte(length: 10), 6551),
        ]
        for (type, oid) in expected {
            #expect(BackendMessage.Field(ResultColumn(name: "c", type: type)).typeOID == oid)
        }
        #expect(BackendMessage.Field(ResultColumn(name: "c", type: .decimal(precision: 10, scale: 2))).typeModifier == (10 << 16 | 2) + 4)
    }
}

/// Redshift's extended RowDescription (redshift_connector's handle_ROW_DESCRIPTION at protocol ≥ 1).
@Suite struct ExtendedRowDescriptionTests {
    @Test func fieldsCarryNamesAndFlagsAtProtocolOne() {
        let column = ResultColumn(name: "id", type: .integer, nullable: false, schemaName: "public", tableName: "t")
        let plain = ResultPresentation().fields([column], formats: [1])
        #expect(plain.first?.extended == nil && plain.first?.format == 1)
        let extended = ResultPresentation(redshiftProtocol: 1, catalog: "dev").fields([column], formats: [0])
        #expect(extended.first?.extended == .init(schemaName: "public", tableName: "t", columnName: "id",
                                                  catalogName: "dev", flags: 0x1000))
    }

    @Test func theEncoderAppendsTheExtendedFields() {
        var field = BackendMessage.Field(name: "a", typeOID: 23, typeSize: 4)
        field.extended = .init(schemaName: "s", tableName: "t", columnName: "c", catalogName: "d", flags: 1)
        var out = ByteBuffer()
        BackendMessageEncoder.write(.rowDescription([field]), to: &out)
        // T, length, count 1, "a\0", 18 bytes, then "s\0t\0c\0d\0" and Int16 1.
        let bytes = Array(out.readableBytesView)
        #expect(Array(bytes.suffix(10)) == Array("s\0t\0c\0d\0".utf8) + [0, 1])
        #expect(Int(bytes[4]) + 1 == bytes.count)
    }

    @Test func resultFormatCodes() {
        #expect(ResultPresentation.formats([], columns: 2) == [0, 0])
        #expect(ResultPresentation.formats([1], columns: 2) == [1, 1])
        #expect(ResultPresentation.formats([0, 1], columns: 2) == [0, 1])
        #expect(ResultPresentation.formats([0, 1, 1], columns: 2) == nil)
        #expect(ResultPresentation.formats([2], columns: 1) == nil)
    }
}
