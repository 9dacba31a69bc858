import RedshiftSQL
import SQLFuzz
import Testing

/// The oracles themselves: their comparisons only flag true differences (the representative of
/// equal values may differ) and do flag a real one.
@Suite struct OracleSelfTests {
    @Test func equalValuesIgnoreTrailingBlanksNegativeZeroAndNumericTypes() {
        let a = RowMultiset([[.text("a  "), .real(-0.0), .integer(7)]], keying: .equalValues)
        let b = RowMultiset([[.text("a"), .real(0.0), .text("7.00")]], keying: .equalValues)
        #expect(a == b)
        #expect(RowMultiset([[.text("a ")]], keying: .exact) != RowMultiset([[.text("a")]], keying: .exact))
    }

    @Test func multisetsCountDuplicates() {
        let once = RowMultiset([[.integer(1)]], keying: .exact)
        #expect(once + once != once)
        #expect((once + once).distinct == once)
    }

    /// A predicate shrinks towards its same-family parts and constants.
    @Test func simplificationsAreSmaller() {
        let p = FuzzExpr("($0 AND $1)", .boolean, [.leaf("a1.c0", .boolean), FuzzExpr("($0 > $1)", .boolean, [.leaf("a1.k", .number), .leaf("1", .number)])])
        #expect(p.sql == "(a1.c0 AND (a1.k > 1))")
        #expect(p.simplifications().allSatisfy { $0.size < p.size })
        #expect(p.simplifications().contains { $0.sql == "a1.c0" })
    }

    /// The RLS oracle points placeholders at the copies of admitted rows, and nothing else.
    @Test func theTableNamingReplacesOnlyPlaceholders() {
        let naming = TableNaming(renamed: ["t0": "adm_fz_a_t0"])
        #expect(naming.apply("SELECT * FROM ⟦t0⟧ a1 JOIN ⟦t1⟧ a2 ON '⟦' = 'x'") == "SELECT * FROM adm_fz_a_t0 a1 JOIN t1 a2 ON '⟦' = 'x'")
    }
}
