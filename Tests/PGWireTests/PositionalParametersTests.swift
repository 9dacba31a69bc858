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

    @Test func byteaParametersAreReadThroughFromHex() {
        // bytea's text input forms (datatype-binary.html): hex `\x0aff` (binary Bind values arrive so,
        // from BinaryParameter) and escape (`\001` octal, `\\` a backslash, other characters themselves).
        let (sql, parameters) = PositionalParameters.rewrite(
            "insert into t values ($1, $2, $3, $4)", values: [#"\x0aff"#, #"a\001\\\377"#, "", "x"],
            types: [PGTypeOID.bytea, PGTypeOID.varbyte, PGTypeOID.bytea, PGTypeOID.varchar])
        #expect(sql == "insert into t values (FROM_HEX(:pg_1), FROM_HEX(:pg_2), FROM_HEX(:pg_3), :pg_4)")
        #expect(parameters.map(\.value) == ["0aff", "61015cff", "", "x"])
    }

    @Test func decimalTypesHoldTheValue() {
        #expect(PGTypeOID.decimalType(of: "0.5") == "DECIMAL(2,1)")
        #expect(PGTypeOID.decimalType(of: "-00120") == "DECIMAL(3,0)")
        #expect(PGTypeOID.decimalType(of: "1E+5") == nil)
        #expect(PGTypeOID.decimalType(of: String(repeating: "9", count: 39)) == nil)
    }
}

/// Driver text values made readable by the engine's input functions.
@Suite struct TextParameterTests {
    @Test func pgjdbcDatesGetAMidnight() {
        #expect(TextParameter.normalized("2024-02-29 +00", oid: PGTypeOID.unspecified) == "2024-02-29 00:00:00+00")
        #expect(TextParameter.normalized("0044-03-15 -05:30 BC", oid: PGTypeOID.date) == "0044-03-15 00:00:00-05:30 BC")
        #expect(TextParameter.normalized("2024-02-29 +00", oid: PGTypeOID.varchar) == "2024-02-29 +00")
        #expect(TextParameter.normalized("abcd-ef-gh +00", oid: PGTypeOID.unspecified) == "abcd-ef-gh +00")
        #expect(TextParameter.normalized("2024-02-29 03:00:00", oid: PGTypeOID.unspecified) == "2024-02-29 03:00:00")
    }
}

/// Error positions of the rewritten SQL read back in the client's SQL.
@Suite struct PositionMapTests {
    @Test func positionsAfterAndInsideAParameter() {
        let sql = "select $1::int + nosuchcol, 'é', $2 + x"
        let rewritten = PositionalParameters.rewriteMapped(sql, values: ["1", "2"], types: [PGTypeOID.int8, 0])
        let position = { (needle: String, text: String) in text.distance(from: text.startIndex, to: text.range(of: needle)!.lowerBound) + 1 }
        #expect(rewritten.positions.originalPosition(position("nosuchcol", rewritten.sql)) == position("nosuchcol", sql))
        #expect(rewritten.positions.originalPosition(position("x", rewritten.sql)) == position("x", sql))
        #expect(rewritten.positions.originalPosition(position(":pg_1", rewritten.sql)) == position("$1", sql))
        #expect(rewritten.positions.originalPosition(3) == 3)
    }
}
