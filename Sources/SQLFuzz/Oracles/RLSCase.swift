import RedshiftSQL

/// A tenant's row-level security: the policies attached to it per protected table
/// (r_CREATE_RLS_POLICY, r_ATTACH_RLS_POLICY, t_rls_usage).
public struct TenantPolicies: Sendable {
    public var tenant: String
    /// Protected table → the predicate of each policy attached to the tenant on it (ANDed:
    /// "the default conjunction type is AND"). No policy on a protected table admits no row.
    public var predicates: [String: [String]]

    public init(tenant: String, predicates: [String: [String]]) {
        self.tenant = tenant
        self.predicates = predicates
    }

    /// The copies of the protected tables holding the rows the tenant's policies admit.
    public var naming: TableNaming {
        TableNaming(renamed: Dictionary(uniqueKeysWithValues: predicates.keys.map { ($0, "adm_\(tenant)_\($0)") }))
    }

    /// Fills the copies (as the superuser, who sees every row): DELETE, then INSERT … SELECT the
    /// rows where every attached policy's predicate is true.
    public func admittedRowsSQL() -> [String] {
        predicates.sorted { $0.key < $1.key }.flatMap { table, predicates in
            let copy = "adm_\(tenant)_\(table)"
            let filter = predicates.isEmpty ? "FALSE" : predicates.map { "(\($0))" }.joined(separator: " AND ")
            return ["DELETE FROM \(copy)", "INSERT INTO \(copy) SELECT * FROM \(table) WHERE \(filter)"]
        }
    }
}

/// The RLS oracle: the rows a tenant sees through any query shape equal the rows the superuser
/// gets from the same query over copies of the protected tables that hold only the admitted rows.
public struct RLSCase: OracleCase {
    public var tenant: TenantPolicies
    /// A query with `⟦table⟧` placeholders.
    public var template: String
    public var kind: OracleKind { .rls }

    public init(tenant: TenantPolicies, template: String) {
        self.tenant = tenant
        self.template = template
    }

    public var statements: [String] {
        ["-- as \(tenant.tenant):", TableNaming().apply(template), "-- as the superuser:", tenant.naming.apply(template)]
    }

    public func check(_ db: FuzzDatabase) async -> Verdict {
        let seen: [[SQLiteValue]], admitted: [[SQLiteValue]]
        switch await db.run(TableNaming().apply(template), as: tenant.tenant) {
        case .failure(let error): return .skipped(error.message)
        case .success(let rows): seen = rows
        }
        switch await db.run(tenant.naming.apply(template)) {
        case .failure(let error): return .skipped(error.message)
        case .success(let rows): admitted = rows
        }
        let a = RowMultiset(seen, keying: .equalValues), b = RowMultiset(admitted, keying: .equalValues)
        return a == b ? .agree : .mismatch("tenant \(tenant.tenant): " + b.difference(a))
    }
}
