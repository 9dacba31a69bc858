/// What keeps a table or view from being dropped: regular views that read it, and RLS policies
/// that look it up. The emulator stores no dependency rows; it re-analyzes each view and policy
/// and records the relations it binds.
///
/// - Redshift: DROP TABLE (r_DROP_TABLE: "cannot drop table … because other objects depend on
///   it", CASCADE drops the dependent views), CREATE VIEW (r_CREATE_VIEW: late-binding views do
///   not depend on their tables), Policy-dependent objects (t_rls_object_dependency: a lookup
///   table cannot be dropped until the policy using it is dropped, even with CASCADE).
extension Analyzer {
    /// How probes name a relation: "schema.name" (temp tables: "pg_temp.name").
    static func dependencyKey(_ table: TableDefinition) -> String { table.schema + "." + table.name }

    /// The regular views reading `table` directly or through other views, in catalog order.
    /// Views in `ignoring` (dropped by the same statement) are left out.
    func dependentViews(of table: TableDefinition, ignoring: Set<String>) throws -> [TableDefinition] {
        let key = Self.dependencyKey(table)
        var result: [TableDefinition] = []
        for schema in try context.catalog.schemas() where !PhysicalLayout.systemSchemas.contains(schema) {
            for view in try context.catalog.tables(inSchema: schema) where view.kind == .view && !view.isLateBindingView {
                let viewKey = Self.dependencyKey(view)
                guard viewKey != key, !ignoring.contains(viewKey) else { continue }
                let read = relationsRead(atPolicyDepth: 0) { _ = try withPrivilegeUser(view.owner) { try expandView(view) } }
                if read.contains(key) { result.append(view) }
            }
        }
        return result
    }

    /// The RLS policies whose predicate reads `table` (a lookup table), by name.
    func policiesLookingUp(_ table: TableDefinition) throws -> [String] {
        let key = Self.dependencyKey(table)
        return try securityState().rlsPolicies.values.sorted { $0.name < $1.name }.compactMap { policy in
            var parser = try Parser(policy.predicate)
            let predicate = try parser.parseExpression()
            let attributes = try attributes(policy.attributes)
            let read = relationsRead(atPolicyDepth: 1) { try validatePolicyExpression(predicate, attributes: attributes, alias: policy.alias, condition: true) }
            return read.contains(key) ? policy.name : nil
        }
    }

    /// The relations `analyze` binds at policy depth `depth`; when it fails, those it bound
    /// before failing (a view whose base table is gone still depends on the views it names).
    private func relationsRead(atPolicyDepth depth: Int, _ analyze: () throws -> Void) -> Set<String> {
        let saved = (probedRelations, probeDepth)
        (probedRelations, probeDepth) = ([], depth)
        defer { (probedRelations, probeDepth) = saved }
        _ = analyzedApart(analyze)
        return probedRelations ?? []
    }

    /// Runs an analysis that is not part of the statement (a view or policy looked at for its
    /// own sake): what it records about the statement is undone; nil when it fails.
    func analyzedApart<T>(_ body: () throws -> T) -> T? {
        let saved = (appliedPolicies, appliedMasking, engineRelations, unsecuredReads)
        defer { (appliedPolicies, appliedMasking, engineRelations, unsecuredReads) = saved }
        return try? body()
    }

    /// `cannot drop table t because other objects depend on it` with its HINT (2BP01); the text
    /// carries the hint after `\nHINT: ` as it carries a DETAIL (the PostgreSQL door sends it as
    /// the ErrorResponse's H field).
    /// A policy's lookup table gets no hint: CASCADE does not drop policies (t_rls_object_dependency).
    static func dependentObjectsError(_ table: TableDefinition, position: Int?, cascadeHint: Bool = true) -> SQLError {
        SQLError(code: "2BP01", message: "cannot drop \(table.kind == .view ? "view" : "table") \(table.name) because other objects depend on it"
                 + (cascadeHint ? "\nHINT: Use DROP ... CASCADE to drop the dependent objects too." : ""), position: position)
    }
}
