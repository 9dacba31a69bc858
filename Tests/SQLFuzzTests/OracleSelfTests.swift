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

/// The RLS oracle against a real engine: it agrees when the copies hold what the policy admits,
/// and reports a mismatch when they do not (as it would if the engine leaked or hid rows).
@Suite struct RLSOracleSelfTests {
    private let table = FuzzTable(name: "t0", columns: [FuzzColumn(name: "id", type: .integer), FuzzColumn(name: "k", type: .integer)],
                                  rows: [["1", "1"], ["2", "2"], ["3", "NULL"], ["4", "1"]])

    @Test func agreesWithTheTruthAndCatchesALie() async throws {
        let honest = TenantPolicies(tenant: "fz_a", predicates: ["t0": ["k = 1"]])
        let world = FuzzWorld(schema: FuzzSchema(tables: [table]), tenants: [honest])
        let db = try FuzzDatabase()
        try await db.setUp(world.setupSQL)
        let template = "SELECT a.id, a.k FROM ⟦t0⟧ a WHERE a.id > 1"
        guard case .agree = await RLSCase(tenant: honest, template: template).check(db) else {
            Issue.record("the tenant should see rows 4 only, as the copy holds")
            return
        }
        // A copy that claims every row is admitted: the tenant (who sees k = 1 only) disagrees.
        let lying = TenantPolicies(tenant: "fz_a", predicates: ["t0": ["TRUE"]])
        try await db.setUp(lying.admittedRowsSQL())
        guard case .mismatch = await RLSCase(tenant: lying, template: template).check(db) else {
            Issue.record("a copy with rows the policy does not admit must be reported")
            return
        }
        await db.close()
    }
}
