extension AST {
    /// Users, groups, roles, privileges, RLS and masking policies (docs/security.md).
    enum SecurityStatement: Equatable, Sendable {
        /// CREATE USER / ALTER USER (r_CREATE_USER, r_ALTER_USER).
        case createUser(name: String, options: [UserOption], position: Int)
        case alterUser(name: String, options: [UserOption], position: Int)
        case dropUser(names: [String], ifExists: Bool, position: Int)
        /// CREATE GROUP g [WITH] [USER u, …] (r_CREATE_GROUP).
        case createGroup(name: String, users: [String], position: Int)
        /// ALTER GROUP g ADD USER … | DROP USER … | RENAME TO (r_ALTER_GROUP).
        case alterGroup(name: String, action: GroupAction, position: Int)
        case dropGroup(names: [String], position: Int)
        case createRole(name: String, externalId: String?, position: Int)
        case alterRole(name: String, renameTo: String?, ownerTo: String?, position: Int)
        case dropRole(name: String, force: Bool, position: Int)
        /// GRANT ROLE r, … TO grantees [WITH ADMIN OPTION] / REVOKE ROLE … FROM.
        case roleGrant(roles: [String], grantees: [Grantee], adminOption: Bool, revoke: Bool, position: Int)
        /// GRANT/REVOKE object privileges.
        case privileges(PrivilegeStatement)
        /// GRANT IGNORE RLS | EXPLAIN RLS | EXPLAIN MASKING | CREATE USER … TO ROLE r (system permissions).
        case systemPrivileges(privileges: [String], grantees: [Grantee], revoke: Bool, position: Int)
        /// GRANT SELECT ON t TO RLS POLICY p / MASKING POLICY p: implicit in the emulator.
        case policyLookupGrant(position: Int)
        /// ALTER DEFAULT PRIVILEGES [FOR USER u] [IN SCHEMA s] GRANT|REVOKE … ON TABLES TO|FROM ….
        case defaultPrivileges(owners: [String], schemas: [String], privileges: [String], grantees: [Grantee], revoke: Bool, position: Int)
        case createRLSPolicy(RLSPolicyDefinition)
        case alterRLSPolicy(name: String, predicate: Expression, predicateText: String, position: Int)
        case dropRLSPolicy(name: String, ifExists: Bool, cascade: Bool, position: Int)
        /// ATTACH RLS POLICY p ON t, … TO grantees / DETACH … FROM.
        case attachRLSPolicy(policy: String, tables: [Name], grantees: [Grantee], detach: Bool, position: Int)
        /// ALTER TABLE t ROW LEVEL SECURITY ON|OFF [CONJUNCTION TYPE AND|OR] [FOR DATASHARES].
        case rowLevelSecurity(table: Name, on: Bool, conjunction: String?, forDatashares: Bool)
        case createMaskingPolicy(MaskingPolicyDefinition)
        case alterMaskingPolicy(name: String, expression: Expression, expressionText: String, position: Int)
        case dropMaskingPolicy(name: String, ifExists: Bool, position: Int)
        /// ATTACH MASKING POLICY p ON t (cols) [USING (cols)] TO grantee [PRIORITY n] / DETACH … FROM.
        case attachMaskingPolicy(MaskingAttachment)
    }

    /// A grantee of GRANT, ATTACH …: a user, `GROUP g`, `ROLE r` or `PUBLIC`.
    struct Grantee: Equatable, Sendable, Hashable {
        /// user | group | role | public.
        var kind: String
        var name: String
        var grantOption = false
    }

    enum UserOption: Equatable, Sendable {
        /// nil = PASSWORD DISABLE.
        case password(String?)
        case createUser(Bool)
        case createDatabase(Bool)
        case inGroups([String])
        case validUntil(String)
        case connectionLimit(String)
        case syslogAccess(String)
        case renameTo(String)
        /// ALTER USER … SET name { TO | = } value; nil value: SET … DEFAULT or RESET name.
        case setting(name: String, value: String?)
        /// SESSION TIMEOUT, EXTERNALID: accepted, no effect.
        case ignored(String)
    }

    enum GroupAction: Equatable, Sendable {
        case addUsers([String])
        case dropUsers([String])
        case rename(String)
    }

    /// GRANT|REVOKE privileges ON target TO|FROM grantees.
    struct PrivilegeStatement: Equatable, Sendable {
        enum Target: Equatable, Sendable {
            case tables([Name])
            case allTablesInSchemas([String])
            case schemas([String])
            case databases([String])
            /// FUNCTION / PROCEDURE / LANGUAGE: accepted, not enforced.
            case routines
        }
        /// (privilege in upper case, column list) — columns empty for object level. ALL expands in the Analyzer.
        var privileges: [(name: String, columns: [String])]
        var target: Target
        var grantees: [Grantee]
        var revoke: Bool
        var grantOptionFor = false
        var position: Int

        static func == (a: Self, b: Self) -> Bool {
            a.privileges.map(\.name) == b.privileges.map(\.name) && a.privileges.map(\.columns) == b.privileges.map(\.columns)
                && a.target == b.target && a.grantees == b.grantees && a.revoke == b.revoke && a.position == b.position
        }
    }

    /// CREATE RLS POLICY name [WITH (col type, …) [[AS] alias]] USING (predicate).
    struct RLSPolicyDefinition: Equatable, Sendable {
        var name: String
        var ifNotExists: Bool
        var attributes: [ColumnAttribute]
        var alias: String?
        var predicate: Expression
        var predicateText: String
        var position: Int
    }

    /// `col type` of a policy's WITH list.
    struct ColumnAttribute: Equatable, Sendable {
        var name: String
        var type: TypeName
    }

    /// CREATE MASKING POLICY name WITH (col type, …) USING (expression).
    struct MaskingPolicyDefinition: Equatable, Sendable {
        var name: String
        var ifNotExists: Bool
        var inputs: [ColumnAttribute]
        var expression: Expression
        var expressionText: String
        var position: Int
    }

    struct MaskingAttachment: Equatable, Sendable {
        var policy: String
        var table: Name
        var outputColumns: [String]
        var inputColumns: [String]
        var grantees: [Grantee]
        var priority: Int64
        var detach: Bool
        var position: Int
    }
}
