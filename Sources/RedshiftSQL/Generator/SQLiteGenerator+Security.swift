/// Changes to the security meta tables (`SecurityLayout`), with values always as `?` arguments.
extension SQLiteGenerator {
    private static func step(_ sql: String, _ arguments: SQLiteValue...) -> SQLiteStatement { SQLiteStatement(sql: sql, arguments: arguments) }

    private static func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }

    static func principal(_ change: Bound.PrincipalChange) -> [SQLiteStatement] {
        principalChangeSteps(change) + PrincipalLog.steps(for: change)
    }

    /// The change on the security tables, without its entry in the cluster's log (`PrincipalLog`).
    static func principalChangeSteps(_ change: Bound.PrincipalChange) -> [SQLiteStatement] {
        switch change {
        case .createUser(let name, let id):
            return [step("INSERT INTO _rs_users (name, usesysid) VALUES (?, max(?, (SELECT coalesce(max(usesysid), 0) + 1 FROM _rs_users)))", .text(name), .integer(id))]
        case .setUser(let name, let attribute):
            let (column, value): (String, SQLiteValue)
            switch attribute {
            case .password(let password): (column, value) = ("password", text(password))
            case .superuser(let on): (column, value) = ("usesuper", .integer(on ? 1 : 0))
            case .createDatabase(let on): (column, value) = ("usecreatedb", .integer(on ? 1 : 0))
            case .validUntil(let text): (column, value) = ("valid_until", .text(text))
            case .connectionLimit(let text): (column, value) = ("connection_limit", .text(text))
            case .syslogAccess(let text): (column, value) = ("syslog_access", .text(text))
            }
            return [step("UPDATE _rs_users SET \(column) = ? WHERE name = ?", value, .text(name))]
        case .renameUser(let old, let new):
            var steps: [SQLiteStatement] = []
            for (table, column) in [("_rs_users", "name"), ("_rs_user_settings", "user_name"), ("_rs_group_members", "user_name"), ("_rs_tables", "owner"), ("_rs_schemas", "owner")] {
                steps.append(step("UPDATE \(table) SET \(column) = ? WHERE \(column) = ?", .text(new), .text(old)))
            }
            for table in ["_rs_role_grants", "_rs_privileges", "_rs_rls_attachments", "_rs_masking_attachments"] {
                steps.append(step("UPDATE \(table) SET grantee = ? WHERE grantee = ? AND grantee_kind = 'user'", .text(new), .text(old)))
            }
            return steps
        case .setUserSetting(let user, let name, let value):
            guard let value else { return [step("DELETE FROM _rs_user_settings WHERE user_name = ? AND name = ?", .text(user), .text(name))] }
            return [step("INSERT OR REPLACE INTO _rs_user_settings (user_name, name, value) VALUES (?, ?, ?)", .text(user), .text(name), .text(value))]
        case .dropUser(let name):
            return ["DELETE FROM _rs_users WHERE name = ?", "DELETE FROM _rs_user_settings WHERE user_name = ?", "DELETE FROM _rs_group_members WHERE user_name = ?",
                    "DELETE FROM _rs_role_grants WHERE grantee = ? AND grantee_kind = 'user'",
                    "DELETE FROM _rs_rls_attachments WHERE grantee = ? AND grantee_kind = 'user'",
                    "DELETE FROM _rs_masking_attachments WHERE grantee = ? AND grantee_kind = 'user'",
                    "DELETE FROM _rs_system_privileges WHERE grantee = ? AND grantee_kind = 'user'"].map { step($0, .text(name)) }
        case .createGroup(let name, let id):
            return [step("INSERT INTO _rs_groups (name, grosysid) VALUES (?, max(?, (SELECT coalesce(max(grosysid), 0) + 1 FROM _rs_groups)))", .text(name), .integer(id))]
        case .addGroupMember(let group, let user):
            return [step("INSERT OR IGNORE INTO _rs_group_members VALUES (?, ?)", .text(group), .text(user))]
        case .removeGroupMember(let group, let user):
            return [step("DELETE FROM _rs_group_members WHERE group_name = ? AND user_name = ?", .text(group), .text(user))]
        case .renameGroup(let old, let new):
            return [step("UPDATE _rs_groups SET name = ? WHERE name = ?", .text(new), .text(old)),
                    step("UPDATE _rs_group_members SET group_name = ? WHERE group_name = ?", .text(new), .text(old)),
                    step("UPDATE _rs_privileges SET grantee = ? WHERE grantee = ? AND grantee_kind = 'group'", .text(new), .text(old))]
        case .dropGroup(let name):
            return [step("DELETE FROM _rs_groups WHERE name = ?", .text(name)), step("DELETE FROM _rs_group_members WHERE group_name = ?", .text(name)),
                    step("DELETE FROM _rs_privileges WHERE grantee = ? AND grantee_kind = 'group'", .text(name))]
        case .createRole(let name, let owner, let externalId):
            return [step("INSERT INTO _rs_roles (name, role_id, owner, external_id) VALUES (?, (SELECT coalesce(max(role_id), 100) + 1 FROM _rs_roles), ?, ?)",
                         .text(name), .text(owner), text(externalId))]
        case .renameRole(let old, let new):
            return [step("UPDATE _rs_roles SET name = ? WHERE name = ?", .text(new), .text(old)),
                    step("UPDATE _rs_role_grants SET role_name = ? WHERE role_name = ?", .text(new), .text(old)),
                    step("UPDATE _rs_role_grants SET grantee = ? WHERE grantee = ? AND grantee_kind = 'role'", .text(new), .text(old)),
                    step("UPDATE _rs_privileges SET grantee = ? WHERE grantee = ? AND grantee_kind = 'role'", .text(new), .text(old)),
                    step("UPDATE _rs_rls_attachments SET grantee = ? WHERE grantee = ? AND grantee_kind = 'role'", .text(new), .text(old)),
                    step("UPDATE _rs_masking_attachments SET grantee = ? WHERE grantee = ? AND grantee_kind = 'role'", .text(new), .text(old))]
        case .setRoleOwner(let role, let owner):
            return [step("UPDATE _rs_roles SET owner = ? WHERE name = ?", .text(owner), .text(role))]
        case .dropRole(let name):
            return ["DELETE FROM _rs_roles WHERE name = ?", "DELETE FROM _rs_role_grants WHERE role_name = ?",
                    "DELETE FROM _rs_role_grants WHERE grantee = ? AND grantee_kind = 'role'",
                    "DELETE FROM _rs_privileges WHERE grantee = ? AND grantee_kind = 'role'",
                    "DELETE FROM _rs_system_privileges WHERE grantee = ? AND grantee_kind = 'role'",
                    "DELETE FROM _rs_rls_attachments WHERE grantee = ? AND grantee_kind = 'role'",
                    "DELETE FROM _rs_masking_attachments WHERE grantee = ? AND grantee_kind = 'role'"].map { step($0, .text(name)) }
        case .grantRole(let role, let grantee, let admin, let grantor):
            return [step("INSERT OR REPLACE INTO _rs_role_grants (role_name, grantee, grantee_kind, admin_option, grantor) VALUES (?, ?, ?, ?, ?)",
                         .text(role), .text(grantee.name), .text(grantee.kind), .integer(admin ? 1 : 0), .text(grantor))]
        case .revokeRole(let role, let grantee):
            return [step("DELETE FROM _rs_role_grants WHERE role_name = ? AND grantee = ? AND grantee_kind = ?", .text(role), .text(grantee.name), .text(grantee.kind))]
        }
    }

    private static let privilegeMatch = "object_kind = ? AND schema_name = ? AND object_name = ? AND privilege = ? AND grantee = ? AND grantee_kind = ?"

    private static func arguments(_ key: Bound.PrivilegeKey) -> [SQLiteValue] {
        [.text(key.objectKind), .text(key.schema), .text(key.object), .text(key.privilege), .text(key.grantee.name), .text(key.grantee.kind)]
    }

    /// Object, system and default privileges.
    static func privilege(_ change: Bound.PrivilegeChange) -> [SQLiteStatement] {
        switch change {
        case .grantPrivilege(let key, let column, let grantOption, let grantor):
            return [SQLiteStatement(
                sql: "INSERT OR REPLACE INTO _rs_privileges (object_kind, schema_name, object_name, column_name, privilege, grantee, grantee_kind, grant_option, grantor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [.text(key.objectKind), .text(key.schema), .text(key.object), .text(column), .text(key.privilege), .text(key.grantee.name), .text(key.grantee.kind),
                            .integer(grantOption ? 1 : 0), .text(grantor)])]
        case .revokePrivilege(let key, let grantOptionOnly):
            return [SQLiteStatement(sql: grantOptionOnly ? "UPDATE _rs_privileges SET grant_option = 0 WHERE \(privilegeMatch)" : "DELETE FROM _rs_privileges WHERE \(privilegeMatch)",
                                    arguments: arguments(key))]
        case .revokeColumnPrivilege(let key, let column):
            return [SQLiteStatement(sql: "DELETE FROM _rs_privileges WHERE \(privilegeMatch) AND column_name = ?", arguments: arguments(key) + [.text(column)])]
        case .clearColumnPrivileges(let key):
            return [SQLiteStatement(sql: "DELETE FROM _rs_privileges WHERE \(privilegeMatch) AND column_name <> ''", arguments: arguments(key))]
        case .applyDefaultPrivilege(let schema, let table, let privilege, let grantee, let owner):
            return [step("INSERT OR IGNORE INTO _rs_privileges (object_kind, schema_name, object_name, column_name, privilege, grantee, grantee_kind, grant_option, grantor) VALUES ('table', ?, ?, '', ?, ?, ?, 0, ?)",
                         .text(schema), .text(table), .text(privilege), .text(grantee.name), .text(grantee.kind), .text(owner))]
        case .forgetRelation(let schema, let table):
            return ["DELETE FROM _rs_privileges WHERE object_kind = 'table' AND schema_name = ? AND object_name = ?",
                    "DELETE FROM _rs_rls_relations WHERE schema_name = ? AND table_name = ?",
                    "DELETE FROM _rs_rls_attachments WHERE schema_name = ? AND table_name = ?",
                    "DELETE FROM _rs_masking_attachments WHERE schema_name = ? AND table_name = ?"].map { step($0, .text(schema), .text(table)) }
        case .grantSystemPrivilege(let privilege, let grantee):
            return [step("INSERT OR IGNORE INTO _rs_system_privileges VALUES (?, ?, ?)", .text(privilege), .text(grantee.name), .text(grantee.kind))]
        case .revokeSystemPrivilege(let privilege, let grantee):
            return [step("DELETE FROM _rs_system_privileges WHERE privilege = ? AND grantee = ? AND grantee_kind = ?", .text(privilege), .text(grantee.name), .text(grantee.kind))]
        case .grantDefaultPrivilege(let owner, let schema, let privilege, let grantee):
            return [step("INSERT OR IGNORE INTO _rs_default_privileges VALUES (?, ?, ?, ?, ?)", .text(owner), .text(schema), .text(privilege), .text(grantee.name), .text(grantee.kind))]
        case .revokeDefaultPrivilege(let owner, let schema, let privilege, let grantee):
            return [step("DELETE FROM _rs_default_privileges WHERE owner = ? AND schema_name = ? AND privilege = ? AND grantee = ? AND grantee_kind = ?",
                         .text(owner), .text(schema), .text(privilege), .text(grantee.name), .text(grantee.kind))]
        }
    }

    /// RLS and masking policies and their attachments.
    static func policy(_ change: Bound.PolicyChange) -> [SQLiteStatement] {
        switch change {
        case .createRLSPolicy(let name, let alias, let attributes, let predicate, let by, let time):
            return [step("INSERT INTO _rs_rls_policies (name, alias, attributes, predicate, modified_by, modified_time) VALUES (?, ?, ?, ?, ?, ?)",
                         .text(name), text(alias), .text(attributes), .text(predicate), .text(by), .text(time))]
        case .alterRLSPolicy(let name, let predicate, let by, let time):
            return [step("UPDATE _rs_rls_policies SET predicate = ?, modified_by = ?, modified_time = ? WHERE name = ?", .text(predicate), .text(by), .text(time), .text(name))]
        case .dropRLSPolicy(let name):
            return [step("DELETE FROM _rs_rls_attachments WHERE policy = ?", .text(name)), step("DELETE FROM _rs_rls_policies WHERE name = ?", .text(name))]
        case .attachRLSPolicy(let policy, let schema, let table, let grantee, let grantor):
            return [step("INSERT OR IGNORE INTO _rs_rls_attachments VALUES (?, ?, ?, ?, ?, ?)", .text(policy), .text(schema), .text(table), .text(grantee.name), .text(grantee.kind), .text(grantor))]
        case .detachRLSPolicy(let policy, let schema, let table, let grantee):
            return [step("DELETE FROM _rs_rls_attachments WHERE policy = ? AND schema_name = ? AND table_name = ? AND grantee = ? AND grantee_kind = ?",
                         .text(policy), .text(schema), .text(table), .text(grantee.name), .text(grantee.kind))]
        case .setRowLevelSecurity(let schema, let table, let on, let conjunction):
            return [step("""
                INSERT INTO _rs_rls_relations (schema_name, table_name, is_on, conjunction) VALUES (?, ?, ?, ?) \
                ON CONFLICT (schema_name, table_name) DO UPDATE SET is_on = excluded.is_on, conjunction = coalesce(?, conjunction)
                """, .text(schema), .text(table), .integer(on ? 1 : 0), .text(conjunction ?? "and"), text(conjunction))]
        case .createMaskingPolicy(let name, let inputs, let expression, let by, let time):
            return [step("INSERT INTO _rs_masking_policies (name, inputs, expression, modified_by, modified_time) VALUES (?, ?, ?, ?, ?)",
                         .text(name), .text(inputs), .text(expression), .text(by), .text(time))]
        case .alterMaskingPolicy(let name, let expression, let by, let time):
            return [step("UPDATE _rs_masking_policies SET expression = ?, modified_by = ?, modified_time = ? WHERE name = ?", .text(expression), .text(by), .text(time), .text(name))]
        case .dropMaskingPolicy(let name):
            return [step("DELETE FROM _rs_masking_policies WHERE name = ?", .text(name))]
        case .attachMaskingPolicy(let policy, let schema, let table, let outputs, let inputs, let grantee, let priority, let grantor):
            return [step("INSERT INTO _rs_masking_attachments VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", .text(policy), .text(schema), .text(table),
                         .text(outputs), .text(inputs), .text(grantee.name), .text(grantee.kind), .integer(priority), .text(grantor))]
        case .detachMaskingPolicy(let policy, let schema, let table, let outputs, let grantee):
            return [step("DELETE FROM _rs_masking_attachments WHERE policy = ? AND schema_name = ? AND table_name = ? AND output_columns = ? AND grantee = ? AND grantee_kind = ?",
                         .text(policy), .text(schema), .text(table), .text(outputs), .text(grantee.name), .text(grantee.kind))]
        }
    }
}
