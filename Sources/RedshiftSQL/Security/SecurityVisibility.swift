/// What a user may see in metadata listings (ListSchemas, ListTables, DescribeTable).
///
/// A schema is visible when the user may use it (public, owner, USAGE); a table or view when its
/// schema is visible and the user owns it or holds any privilege on it (table or column level).
/// Superusers see everything (r_superusers). Emulator choice documented in docs/security.md.
public struct SecurityVisibility {
    public let state: SecurityState
    public let principal: Principal

    public init(state: SecurityState, user: String, bootstrapSuperuser: String?) {
        self.state = state
        self.principal = state.principal(user, bootstrapSuperuser: user == bootstrapSuperuser)
    }

    public func schema(_ name: String) -> Bool {
        if principal.isSuperuser || name == "public" || PhysicalLayout.systemSchemas.contains(name) || state.schemaOwners[name] == principal.user { return true }
        return state.privileges.contains { $0.objectKind == "schema" && $0.object == name && $0.privilege == "USAGE" && principal.matches($0.grantee) }
    }

    public func table(_ table: TableDefinition) -> Bool {
        if principal.isSuperuser || table.kind == .temporary { return true }
        guard schema(table.schema) else { return false }
        if table.owner == principal.user { return true }
        return state.privileges.contains {
            $0.objectKind == "table" && $0.schema == table.schema && $0.object == table.name && principal.matches($0.grantee)
        }
    }
}
