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
}
