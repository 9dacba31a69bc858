/// Object privileges: schema USAGE/CREATE, table and column SELECT/INSERT/UPDATE/DELETE, ownership.
///
/// - Redshift: r_Privileges, r_GRANT, r_GRANT-usage-notes, r_Schemas_and_tables. Superusers bypass
///   every check; the owner holds every privilege; `public` grants USAGE and CREATE to PUBLIC;
///   a view's base tables are checked for the view owner. Denial: `permission denied for relation x`
///   / `permission denied for schema x` (SQLSTATE 42501).
extension Analyzer {
    /// The security state of this statement, from the catalog's required `PolicySnapshot` (loaded on
    /// first use); nil only when the catalog declares `.unenforced`.
    var security: SecuritySession? {
        get throws {
            if let securityMemo { return securityMemo }
            guard case .enforced(let state) = try context.catalog.policySnapshot() else { return nil }
            let session = SecuritySession(state: state, bootstrapSuperuser: context.bootstrapSuperuser ?? (context.isSuperuser ? context.currentUser : nil))
            securityMemo = session
            return session
        }
    }

    /// The principal whose object privileges apply now (the view owner inside a view).
    func privilegePrincipal() throws -> Principal? {
        try security?.principal(privilegeUsers.last ?? context.currentUser)
    }

    /// The principal RLS and masking apply to: always the user running the statement (t_rls_usage).
    func queryingPrincipal() throws -> Principal? {
        try security?.principal(context.currentUser)
    }

    /// Runs `body` with object privileges checked for `user` (a view's owner).
    func withPrivilegeUser<T>(_ user: String, _ body: () throws -> T) rethrows -> T {
        privilegeUsers.append(user)
        defer { privilegeUsers.removeLast() }
        return try body()
    }

    static func permissionDenied(relation name: String, at position: Int? = nil) -> SQLError {
        SQLError(code: "42501", message: "permission denied for relation \(name)", position: position)
    }

    static func permissionDenied(schema name: String, at position: Int? = nil) -> SQLError {
        SQLError(code: "42501", message: "permission denied for schema \(name)", position: position)
    }

    /// USAGE on the table's schema (r_Schemas_and_tables: everyone has USAGE and CREATE on public).
    func checkSchemaPrivilege(_ schema: String, _ privilege: String, principal: Principal, session: SecuritySession, position: Int?) throws {
        if principal.isSuperuser || schema == "public" || schema == PhysicalLayout.tempSchema || PhysicalLayout.systemSchemas.contains(schema) { return }
        if session.state.schemaOwners[schema] == principal.user { return }
        let granted = session.state.privileges.contains {
            $0.objectKind == "schema" && $0.object == schema && $0.privilege == privilege && principal.matches($0.grantee)
        }
        if !granted { throw Self.permissionDenied(schema: schema, at: position) }
    }

    /// Checks `privilege` on a table or view for the current privilege principal.
    ///
    /// - Returns: for SELECT with only column-level grants, the columns the principal may not read
    ///   (`SELECT *` skips them; naming one is an error); otherwise empty.
    @discardableResult
    func checkTablePrivilege(_ table: TableDefinition, _ privilege: String, columns: [String] = [], position: Int?) throws -> Set<String> {
        guard policyDepth == 0, table.kind != .temporary, let session = try security, let principal = try privilegePrincipal() else { return [] }
        if principal.isSuperuser { return [] }
        try checkSchemaPrivilege(table.schema, "USAGE", principal: principal, session: session, position: position)
        if table.owner == principal.user { return [] }
        let grants = session.state.privileges.filter {
            $0.objectKind == "table" && $0.schema == table.schema && $0.object == table.name && $0.privilege == privilege && principal.matches($0.grantee)
        }
        if grants.contains(where: { $0.column.isEmpty }) { return [] }
        let grantedColumns = Set(grants.map(\.column))
        guard (privilege == "SELECT" || privilege == "UPDATE"), !grantedColumns.isEmpty else {
            throw Self.permissionDenied(relation: table.name, at: position)
        }
        // Column-level grants (r_GRANT-usage-notes): the named columns must all be granted.
        if columns.contains(where: { !grantedColumns.contains($0) }) { throw Self.permissionDenied(relation: table.name, at: position) }
        return Set(table.columns.map(\.name)).subtracting(grantedColumns)
    }

    /// Owner-only operations (DROP, ALTER, TRUNCATE): the owner or a superuser (r_Privileges).
    func checkOwnership(_ table: TableDefinition, position: Int?) throws {
        guard policyDepth == 0, table.kind != .temporary, let principal = try privilegePrincipal(), !principal.isSuperuser else { return }
        if table.owner != principal.user {
            throw SQLError(code: "42501", message: "must be owner of relation \(table.name)", position: position)
        }
    }

    /// CREATE in a schema (CREATE TABLE, CTAS, SELECT INTO, CREATE VIEW).
    func checkCreate(inSchema schema: String, position: Int?) throws {
        guard let session = try security, let principal = try privilegePrincipal() else { return }
        try checkSchemaPrivilege(schema, "CREATE", principal: principal, session: session, position: position)
    }

    /// Superuser or sys:secadmin, for user/role/policy management (r_CREATE_RLS_POLICY, r_CREATE_USER).
    func requireSecurityAdmin(_ what: String, position: Int?) throws {
        guard let principal = try queryingPrincipal(), !principal.isSecurityAdmin else { return }
        throw SQLError(code: "42501", message: "permission denied to \(what)", position: position)
    }

    /// Superuser only (CREATE USER … CREATEUSER, groups: r_Groups).
    func requireSuperuser(_ what: String, position: Int?) throws {
        guard let principal = try queryingPrincipal(), !principal.isSuperuser else { return }
        throw SQLError(code: "42501", message: "permission denied to \(what)", position: position)
    }
}

/// The security catalog as one statement sees it, with the principals it has resolved.
final class SecuritySession {
    let state: SecurityState
    /// The configured bootstrap superuser when the statement runs as it.
    let bootstrapSuperuser: String?
    private var principals: [String: Principal] = [:]

    init(state: SecurityState, bootstrapSuperuser: String?) {
        self.state = state
        self.bootstrapSuperuser = bootstrapSuperuser
    }

    func principal(_ user: String) -> Principal {
        if let known = principals[user] { return known }
        let principal = state.principal(user, bootstrapSuperuser: user == bootstrapSuperuser)
        principals[user] = principal
        return principal
    }
}

extension Analyzer {
    /// False for the policy views (SecurityViews.restricted) unless superuser or sys:secadmin, and for
    /// SVV_RLS_APPLIED_POLICY unless superuser, sys:operator or ACCESS SYSTEM TABLE (r_SVV_RLS_APPLIED_POLICY).
    func maySeeRows(of relation: SystemRelation) throws -> Bool {
        if relation.name == SecurityViews.rlsAppliedPolicy.name, let session = try security, let principal = try queryingPrincipal() {
            return principal.isSuperuser || principal.roles.contains("sys:operator") || session.state.systemPrivileges.contains {
                $0.privilege == "ACCESS SYSTEM TABLE" && principal.matches($0.grantee)
            }
        }
        guard SecurityViews.restricted.contains(relation.name), let principal = try queryingPrincipal() else { return true }
        return principal.isSecurityAdmin
    }
}
