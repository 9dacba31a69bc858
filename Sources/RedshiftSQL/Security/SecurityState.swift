import Foundation

/// The decoded security catalog of one database at one catalog generation (immutable, shareable).
public struct SecurityState: Sendable {
    /// A user created with CREATE USER (users named only by DbUser have no entry: see docs/security.md).
    public struct User: Sendable, Equatable {
        public var name: String
        public var id: Int64
        public var isSuperuser: Bool
        public var canCreateDatabase: Bool
        public var password: String?
        public var validUntil: String?
        public var connectionLimit: String?
        /// ALTER USER … SET name TO value: session defaults by lower-cased name (r_ALTER_USER).
        public var settings: [String: String] = [:]
    }

    /// A grantee as stored: `user`, `group`, `role` or `public`.
    public struct Grantee: Sendable, Hashable {
        public var name: String
        public var kind: String
    }

    /// One object privilege (`_rs_privileges`).
    public struct Privilege: Sendable, Equatable {
        public var objectKind: String
        public var schema: String
        public var object: String
        /// "" for the whole object.
        public var column: String
        public var privilege: String
        public var grantee: Grantee
        public var grantOption: Bool
        public var grantor: String
    }

    /// A role granted to a user or a role.
    public struct RoleGrant: Sendable, Equatable {
        public var role: String
        public var grantee: Grantee
        public var adminOption: Bool
        public var grantor: String
    }

    /// `CREATE RLS POLICY name WITH (…) AS alias USING (predicate)`.
    public struct RLSPolicy: Sendable, Equatable {
        public var name: String
        public var alias: String?
        /// (column, type text) pairs of WITH.
        public var attributes: [(name: String, type: String)]
        public var predicate: String
        public var modifiedBy: String
        public var modifiedTime: String
        public static func == (a: Self, b: Self) -> Bool {
            a.name == b.name && a.alias == b.alias && a.predicate == b.predicate && a.attributes.map(\.name) == b.attributes.map(\.name)
        }
    }

    /// `ALTER TABLE … ROW LEVEL SECURITY ON|OFF CONJUNCTION TYPE AND|OR`.
    public struct RLSRelation: Sendable, Equatable {
        public var schema: String
        public var table: String
        public var isOn: Bool
        /// "and" or "or".
        public var conjunction: String
    }

    public struct RLSAttachment: Sendable, Equatable {
        public var policy: String
        public var schema: String
        public var table: String
        public var grantee: Grantee
        public var grantor: String
    }

    public struct MaskingPolicy: Sendable, Equatable {
        public var name: String
        public var inputs: [(name: String, type: String)]
        public var expression: String
        public var modifiedBy: String
        public var modifiedTime: String
        public static func == (a: Self, b: Self) -> Bool { a.name == b.name && a.expression == b.expression }
    }

    public struct MaskingAttachment: Sendable, Equatable {
        public var policy: String
        public var schema: String
        public var table: String
        public var outputColumns: [String]
        public var inputColumns: [String]
        public var grantee: Grantee
        public var priority: Int64
        public var grantor: String
    }

    public var users: [String: User] = [:]
    /// Group name → member user names.
    public var groups: [String: [String]] = [:]
    public var roles: Set<String> = []
    public var roleGrants: [RoleGrant] = []
    public var privileges: [Privilege] = []
    /// System permissions (IGNORE RLS, EXPLAIN RLS, …) → grantees.
    public var systemPrivileges: [(privilege: String, grantee: Grantee)] = []
    public var defaultPrivileges: [(owner: String, schema: String, privilege: String, grantee: Grantee)] = []
    public var rlsPolicies: [String: RLSPolicy] = [:]
    /// Keyed by "schema.table".
    public var rlsRelations: [String: RLSRelation] = [:]
    public var rlsAttachments: [RLSAttachment] = []
    public var maskingPolicies: [String: MaskingPolicy] = [:]
    public var maskingAttachments: [MaskingAttachment] = []
    /// Schema name → owner (`_rs_schemas.owner`).
    public var schemaOwners: [String: String] = [:]

    public init() {}

    /// The groups `user` belongs to (CREATE GROUP … USER / ALTER GROUP … ADD USER), sorted.
    /// WLM user-group routing uses this.
    public func groups(of user: String) -> [String] {
        groups.filter { $0.value.contains(user) }.map(\.key).sorted()
    }

    /// Every role `user` holds, directly or through nested roles.
    public func roles(of user: String) -> Set<String> {
        var held = Set(roleGrants.filter { $0.grantee == Grantee(name: user, kind: "user") }.map(\.role))
        var frontier = Array(held)
        while let role = frontier.popLast() {
            for grant in roleGrants where grant.grantee == Grantee(name: role, kind: "role") && !held.contains(grant.role) {
                held.insert(grant.role)
                frontier.append(grant.role)
            }
        }
        return held
    }

    /// Every role `role` contains (itself included), through nesting.
    func rolesContained(in role: String) -> Set<String> {
        var held: Set<String> = [role]
        var frontier = [role]
        while let current = frontier.popLast() {
            for grant in roleGrants where grant.grantee == Grantee(name: current, kind: "role") && !held.contains(grant.role) {
                held.insert(grant.role)
                frontier.append(grant.role)
            }
        }
        return held
    }

    /// The identity a statement's checks use.
    public func principal(_ user: String, bootstrapSuperuser: Bool) -> Principal {
        let roles = roles(of: user)
        let superuser = bootstrapSuperuser || (users[user]?.isSuperuser ?? false)
        let ignoresRLS = superuser || roles.contains("sys:secadmin")
            || systemPrivileges.contains { $0.privilege == "IGNORE RLS" && ($0.grantee.kind == "role" ? roles.contains($0.grantee.name) : $0.grantee.name == user) }
        return Principal(user: user, isSuperuser: superuser, groups: Set(groups(of: user)), roles: roles, ignoresRLS: ignoresRLS,
                         isSecurityAdmin: superuser || roles.contains("sys:secadmin"))
    }
}

/// Who a check is made for: the user, their groups and roles (transitively), and what they bypass.
public struct Principal: Sendable, Equatable {
    public var user: String
    public var isSuperuser: Bool
    public var groups: Set<String>
    public var roles: Set<String>
    /// Superuser, sys:secadmin or IGNORE RLS (directly or through a role) — t_rls_ownership.
    public var ignoresRLS: Bool
    /// Superuser or sys:secadmin: may manage users, roles and policies.
    public var isSecurityAdmin: Bool

    /// True when a grant to `grantee` applies to this principal.
    func matches(_ grantee: SecurityState.Grantee) -> Bool {
        switch grantee.kind {
        case "public": return true
        case "user": return grantee.name == user
        case "group": return groups.contains(grantee.name)
        case "role": return roles.contains(grantee.name)
        default: return false
        }
    }
}
