import Foundation

/// Reads the security meta tables (`SecurityLayout`) through an executor, decoded once per catalog
/// generation and shared by every connection of the process (as `CatalogCache` does for tables).
///
/// The engine also uses it outside statements, e.g. `groups(of:)` for WLM user-group routing.
public struct SecurityCatalog {
    let executor: any SQLiteExecutor

    public init(executor: any SQLiteExecutor) { self.executor = executor }

    private static let lock = NSLock()
    /// A state is named by the database's generation and the cluster principals' generation.
    private struct Generation: Hashable { var database: Int64; var principals: Int64 }
    // Safe: only read and written between `lock.lock()` and `lock.unlock()` below (SecurityState is Sendable).
    nonisolated(unsafe) private static var cache: [Generation: SecurityState] = [:]

    private static let generationQuery = SQLiteStatement(sql: "SELECT (SELECT token FROM _rs_generation), (SELECT token FROM _rs_principals_generation)")

    private func generation() -> Generation? {
        guard let row = try? executor.query(Self.generationQuery).first, row.count == 2,
              let database = row[0].integerValue, let principals = row[1].integerValue else { return nil }
        return Generation(database: database, principals: principals)
    }

    /// The state of the database the executor is connected to, with the cluster's principals
    /// (empty when not bootstrapped).
    public func state() throws -> SecurityState {
        guard let generation = generation() else {
            return (try? load()) ?? SecurityState()
        }
        Self.lock.lock()
        let cached = Self.cache[generation]
        Self.lock.unlock()
        if let cached { return cached }
        let state = try load()
        // Store only if nothing changed while reading (same statement snapshot is not guaranteed).
        if self.generation() == generation {
            Self.lock.lock()
            if Self.cache.count >= 64 { Self.cache.removeAll(keepingCapacity: true) }
            Self.cache[generation] = state
            Self.lock.unlock()
        }
        return state
    }

    /// Groups of `user`, for WLM user-group routing (r_CREATE_GROUP, wlm.md).
    public func groups(of user: String) throws -> [String] { try state().groups(of: user) }

    /// The session defaults of `user` set with ALTER USER … SET (r_ALTER_USER); empty for unknown users.
    public func settings(of user: String) throws -> [String: String] { try state().users[user]?.settings ?? [:] }

    /// True when `user` is a superuser in this database's catalog (CREATE USER … CREATEUSER).
    public func isSuperuser(_ user: String) throws -> Bool { try state().users[user]?.isSuperuser ?? false }

    private func rows(_ sql: String) throws -> [[SQLiteValue]] {
        try executor.query(SQLiteStatement(sql: sql))
    }

    private func load() throws -> SecurityState {
        var state = SecurityState()
        func text(_ row: [SQLiteValue], _ i: Int) -> String { row[i].textValue ?? "" }
        func grantee(_ row: [SQLiteValue], _ i: Int) -> SecurityState.Grantee { .init(name: text(row, i), kind: text(row, i + 1)) }
        for row in try rows("SELECT name, usesysid, usesuper, usecreatedb, password, valid_until, connection_limit FROM _rs_users") {
            state.users[text(row, 0)] = .init(name: text(row, 0), id: row[1].integerValue ?? 0, isSuperuser: row[2].integerValue == 1,
                                             canCreateDatabase: row[3].integerValue == 1, password: row[4].textValue,
                                             validUntil: row[5].textValue, connectionLimit: row[6].textValue)
        }
        for row in try rows("SELECT user_name, name, value FROM _rs_user_settings") {
            state.users[text(row, 0)]?.settings[text(row, 1)] = text(row, 2)
        }
        for row in try rows("SELECT name FROM _rs_groups") { state.groups[text(row, 0)] = [] }
        for row in try rows("SELECT group_name, user_name FROM _rs_group_members ORDER BY user_name") {
            state.groups[text(row, 0), default: []].append(text(row, 1))
        }
        state.roles = Set(try rows("SELECT name FROM _rs_roles").map { text($0, 0) })
        state.roleGrants = try rows("SELECT role_name, grantee, grantee_kind, admin_option, grantor FROM _rs_role_grants").map {
            .init(role: text($0, 0), grantee: grantee($0, 1), adminOption: $0[3].integerValue == 1, grantor: text($0, 4))
        }
        state.privileges = try rows("SELECT object_kind, schema_name, object_name, column_name, privilege, grantee, grantee_kind, grant_option, grantor FROM _rs_privileges").map {
            .init(objectKind: text($0, 0), schema: text($0, 1), object: text($0, 2), column: text($0, 3), privilege: text($0, 4),
                  grantee: grantee($0, 5), grantOption: $0[7].integerValue == 1, grantor: text($0, 8))
        }
        state.systemPrivileges = try rows("SELECT privilege, grantee, grantee_kind FROM _rs_system_privileges").map { (text($0, 0), grantee($0, 1)) }
        state.defaultPrivileges = try rows("SELECT owner, schema_name, privilege, grantee, grantee_kind FROM _rs_default_privileges").map {
            (text($0, 0), text($0, 1), text($0, 2), grantee($0, 3))
        }
        for row in try rows("SELECT name, alias, attributes, predicate, modified_by, modified_time FROM _rs_rls_policies") {
            state.rlsPolicies[text(row, 0)] = .init(name: text(row, 0), alias: row[1].textValue, attributes: Self.decodeAttributes(text(row, 2)),
                                                   predicate: text(row, 3), modifiedBy: text(row, 4), modifiedTime: text(row, 5))
        }
        for row in try rows("SELECT schema_name, table_name, is_on, conjunction FROM _rs_rls_relations") {
            state.rlsRelations[text(row, 0) + "." + text(row, 1)] = .init(schema: text(row, 0), table: text(row, 1), isOn: row[2].integerValue == 1, conjunction: text(row, 3))
        }
        state.rlsAttachments = try rows("SELECT policy, schema_name, table_name, grantee, grantee_kind, grantor FROM _rs_rls_attachments ORDER BY policy").map {
            .init(policy: text($0, 0), schema: text($0, 1), table: text($0, 2), grantee: grantee($0, 3), grantor: text($0, 5))
        }
        for row in try rows("SELECT name, inputs, expression, modified_by, modified_time FROM _rs_masking_policies") {
            state.maskingPolicies[text(row, 0)] = .init(name: text(row, 0), inputs: Self.decodeAttributes(text(row, 1)), expression: text(row, 2),
                                                       modifiedBy: text(row, 3), modifiedTime: text(row, 4))
        }
        state.maskingAttachments = try rows("SELECT policy, schema_name, table_name, output_columns, input_columns, grantee, grantee_kind, priority, grantor FROM _rs_masking_attachments").map {
            .init(policy: text($0, 0), schema: text($0, 1), table: text($0, 2), outputColumns: text($0, 3).split(separator: ",").map(String.init),
                  inputColumns: text($0, 4).split(separator: ",").map(String.init), grantee: grantee($0, 5), priority: $0[7].integerValue ?? 0, grantor: text($0, 8))
        }
        for row in try rows("SELECT name, owner FROM _rs_schemas") { state.schemaOwners[text(row, 0)] = text(row, 1) }
        return state
    }

    /// `[{"colname":"a","type":"integer"}]` (SVV_RLS_POLICY.polatts) → pairs.
    static func decodeAttributes(_ json: String) -> [(name: String, type: String)] {
        guard let data = json.data(using: .utf8), let array = try? JSONSerialization.jsonObject(with: data) as? [[String: String]] else { return [] }
        return array.map { ($0["colname"] ?? "", $0["type"] ?? "") }
    }

    /// The JSON of `decodeAttributes`.
    static func encodeAttributes(_ pairs: [(name: String, type: String)]) -> String {
        "[" + pairs.map { "{\"colname\":\"\(jsonEscape($0.name))\",\"type\":\"\(jsonEscape($0.type))\"}" }.joined(separator: ",") + "]"
    }

    private static func jsonEscape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
