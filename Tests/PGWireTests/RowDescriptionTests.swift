import RedshiftSQL
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
