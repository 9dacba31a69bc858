import Testing
@testable import PGWire

/// `$n` parameters become the engine's named parameters, never inside literals.
@Suite struct PositionalParametersTests {
    @Test func rewritesOutsideLiterals() {
        let (sql, parameters) = PositionalParameters.rewrite("select $1, '$2', $2 -- $3", values: ["a", "b"])
        #expect(sql == "select :pg_1, '$2', :pg_2 -- $3")
        #expect(parameters.map(\.name) == ["pg_1", "pg_2"])
        #expect(parameters.map(\.value) == ["a", "b"])
        #expect(PositionalParameters.count(in: "select $1, $3") == 3)
    }

    @Test func typedParametersAreCastAndNullsAreTheKeyword() {
        let (sql, parameters) = PositionalParameters.rewrite(
            "select $1, $2, $3, $4", values: ["7", nil, nil, "-1.50"],
            types: [PGTypeOID.int8, PGTypeOID.date, PGTypeOID.unknown, PGTypeOID.numeric])
        #expect(sql == "select CAST(:pg_1 AS BIGINT), CAST(NULL AS DATE), NULL, CAST(:pg_4 AS DECIMAL(3,2))")
        #expect(parameters.map(\.name) == ["pg_1", "pg_4"])
    }

    @Test func decimalTypesHoldTheValue() {
        #expect(PGTypeOID.decimalType(of: "0.5") == "DECIMAL(2,1)")
        #expect(PGTypeOID.decimalType(of: "-00120") == "DECIMAL(3,0)")
        #expect(PGTypeOID.decimalType(of: "1E+5") == nil)
        #expect(PGTypeOID.decimalType(of: String(repeating: "9", count: 39)) == nil)
    }
}
