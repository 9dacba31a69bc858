/// Bound changes to the security catalog (`SecurityLayout`): principals, grants, policies and their
/// attachments. `SQLiteGenerator+Security.swift` renders them.
extension Bound {
    typealias Grantee = SecurityState.Grantee

    /// One object privilege as `_rs_privileges` keys it (column aside).
    struct PrivilegeKey: Equatable {
        var objectKind: String
        var schema: String
        var object: String
        var privilege: String
        var grantee: Grantee
    }

    /// An attribute of a user set by CREATE/ALTER USER (a column of `_rs_users`).
    enum UserAttribute: Equatable {
        case password(String?)
        case superuser(Bool)
        case createDatabase(Bool)
        case validUntil(String)
        case connectionLimit(String)
        case syslogAccess(String)
    }

    /// CREATE/ALTER/DROP USER, GROUP and ROLE; role grants.
    enum PrincipalChange: Equatable {
        case createUser(name: String, id: Int64)
        case setUser(String, UserAttribute)
        /// Renames the user everywhere it is named (owners, members, grantees).
        case renameUser(from: String, to: String)
        /// ALTER USER … SET name TO value (nil: RESET).
        case setUserSetting(user: String, name: String, value: String?)
        /// Deletes the user with its settings, memberships, role grants, policy attachments and system privileges.
        case dropUser(String)
        case createGroup(name: String, id: Int64)
        case addGroupMember(group: String, user: String)
        case removeGroupMember(group: String, user: String)
        case renameGroup(from: String, to: String)
        case dropGroup(String)
        case createRole(name: String, owner: String, externalId: String?)
        case renameRole(from: String, to: String)
        case setRoleOwner(role: String, owner: String)
        case dropRole(String)
        case grantRole(role: String, to: Grantee, adminOption: Bool, grantor: String)
        case revokeRole(role: String, from: Grantee)
    }

    /// GRANT/REVOKE of object, system and default privileges; privileges following a relation's life.
    enum PrivilegeChange: Equatable {
        case grantPrivilege(PrivilegeKey, column: String, grantOption: Bool, grantor: String)
        /// REVOKE at table level (also drops the column-level grants); `grantOptionOnly`: REVOKE GRANT OPTION FOR.
        case revokePrivilege(PrivilegeKey, grantOptionOnly: Bool)
        case revokeColumnPrivilege(PrivilegeKey, column: String)
        /// Column-level grants subsumed by a new table-level grant.
        case clearColumnPrivileges(PrivilegeKey)
        /// A default privilege given to a new relation (INSERT OR IGNORE).
        case applyDefaultPrivilege(schema: String, table: String, privilege: String, grantee: Grantee, owner: String)
        /// A dropped relation loses its grants, RLS settings and policy attachments.
        case forgetRelation(schema: String, table: String)
        case grantSystemPrivilege(String, to: Grantee)
        case revokeSystemPrivilege(String, from: Grantee)
        case grantDefaultPrivilege(owner: String, schema: String, privilege: String, to: Grantee)
        case revokeDefaultPrivilege(owner: String, schema: String, privilege: String, from: Grantee)
    }

    /// RLS and masking policies, their attachments, and ROW LEVEL SECURITY ON|OFF.
    enum PolicyChange: Equatable {
        case createRLSPolicy(name: String, alias: String?, attributes: String, predicate: String, modifiedBy: String, modifiedTime: String)
        case alterRLSPolicy(name: String, predicate: String, modifiedBy: String, modifiedTime: String)
        /// Detaches the policy everywhere and deletes it.
        case dropRLSPolicy(String)
        case attachRLSPolicy(String, schema: String, table: String, to: Grantee, grantor: String)
        case detachRLSPolicy(String, schema: String, table: String, from: Grantee)
        /// ROW LEVEL SECURITY ON|OFF; a nil conjunction keeps the stored one ("and" when new).
        case setRowLevelSecurity(schema: String, table: String, on: Bool, conjunction: String?)
        case createMaskingPolicy(name: String, inputs: String, expression: String, modifiedBy: String, modifiedTime: String)
        case alterMaskingPolicy(name: String, expression: String, modifiedBy: String, modifiedTime: String)
        case dropMaskingPolicy(String)
        case attachMaskingPolicy(String, schema: String, table: String, outputColumns: String, inputColumns: String, to: Grantee, priority: Int64, grantor: String)
        case detachMaskingPolicy(String, schema: String, table: String, outputColumns: String, from: Grantee)
    }
}
