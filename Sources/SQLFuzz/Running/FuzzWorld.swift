/// The state of one fuzzing round: the tables and their rows, the tenants and their row-level
/// security policies. It can load itself into a database and reload other rows (for shrinking).
public struct FuzzWorld: Sendable {
    public var schema: FuzzSchema
    public var tenants: [TenantPolicies]

    public init(schema: FuzzSchema, tenants: [TenantPolicies]) {
        self.schema = schema
        self.tenants = tenants
    }

    /// A random world: 2–3 tables of up to `maxRows` rows; with RLS, three tenants
    /// (`fz_a`, `fz_b`, `fz_c`) and RLS on one or two tables, with zero to two policies per tenant.
    public static func random(maxRows: Int, rls: Bool, _ rng: inout FuzzRandom) -> FuzzWorld {
        let schema = FuzzSchema.random(tableCount: rng.int(2...3), maxRows: maxRows, &rng)
        guard rls else { return FuzzWorld(schema: schema, tenants: []) }
        let policyGenerator = ExpressionGenerator(rng: rng.fork(), tables: [])
        let protected = schema.tables.shuffled(using: &rng).prefix(rng.int(1...2))
        let tenants = ["fz_a", "fz_b", "fz_c"].map { tenant in
            var predicates: [String: [String]] = [:]
            for table in protected {
                let scope = table.columns.map { ScopedColumn(sql: $0.name, type: $0.type) }
                let count = rng.pick([0, 1, 1, 1, 2])
                predicates[table.name] = (0..<count).map { _ in policyGenerator.predicate(scope, depth: 2).sql }
            }
            return TenantPolicies(tenant: tenant, predicates: predicates)
        }
        return FuzzWorld(schema: schema, tenants: tenants)
    }

    /// Every statement that builds the world, in order: the tables and rows, the tenants, their
    /// grants and policies, and the copies of admitted rows the RLS oracle reads.
    public var setupSQL: [String] {
        var sql = schema.setupSQL
        guard !tenants.isEmpty else { return sql }
        for tenant in tenants {
            sql.append("CREATE USER \(tenant.tenant) PASSWORD DISABLE")
            for table in schema.tables { sql.append("GRANT SELECT ON \(table.name) TO \(tenant.tenant)") }
        }
        let protected = Set(tenants.flatMap { $0.predicates.keys })
        for table in schema.tables where protected.contains(table.name) {
            for tenant in tenants {
                for (i, predicate) in (tenant.predicates[table.name] ?? []).enumerated() {
                    let policy = "p_\(tenant.tenant)_\(table.name)_\(i)"
                    let columns = table.columns.map { "\($0.name) \($0.type.sql)" }.joined(separator: ", ")
                    sql.append("CREATE RLS POLICY \(policy) WITH (\(columns)) USING (\(predicate))")
                    sql.append("ATTACH RLS POLICY \(policy) ON \(table.name) TO \(tenant.tenant)")
                }
                var copy = table
                copy.name = "adm_\(tenant.tenant)_\(table.name)"
                sql.append(copy.createSQL)
            }
            sql.append("ALTER TABLE \(table.name) ROW LEVEL SECURITY ON")
        }
        return sql + tenants.flatMap { $0.admittedRowsSQL() }
    }

    /// Replaces the rows with `schema`'s (same tables) and refills the copies of admitted rows.
    public func reloadSQL(_ schema: FuzzSchema) -> [String] {
        schema.tables.flatMap { ["DELETE FROM \($0.name)"] + ($0.insertSQL.map { [$0] } ?? []) }
            + tenants.flatMap { $0.admittedRowsSQL() }
    }
}
