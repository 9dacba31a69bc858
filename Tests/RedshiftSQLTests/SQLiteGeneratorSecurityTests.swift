import Testing
@testable import RedshiftSQL

/// The security-catalog changes (SQLiteGenerator+Security.swift): names and values only as arguments.
struct SQLiteGeneratorSecurityTests {
    static let alice = SecurityState.Grantee(name: "alice", kind: "user")

    @Test func principals() {
        let steps = SQLiteGenerator.steps([.principal(.createUser(name: "alice", id: 101)), .principal(.setUser("alice", .password(nil))),
                                           .principal(.grantRole(role: "r", to: Self.alice, adminOption: true, grantor: "awsuser"))])
        #expect(steps.map(\.sql) == [
            // The next free usesysid at write time, at least the Analyzer's (unique in the cluster).
            "INSERT INTO _rs_users (name, usesysid) VALUES (?, max(?, (SELECT coalesce(max(usesysid), 0) + 1 FROM _rs_users)))",
            "UPDATE _rs_users SET password = ? WHERE name = ?",
            "INSERT OR REPLACE INTO _rs_role_grants (role_name, grantee, grantee_kind, admin_option, grantor) VALUES (?, ?, ?, ?, ?)",
        ])
        #expect(steps[1].arguments == [.null, .text("alice")])
        #expect(steps[2].arguments == [.text("r"), .text("alice"), .text("user"), .integer(1), .text("awsuser")])
        // Renames and drops also append to the cluster's log and mark it applied here (PrincipalLog).
        #expect(SQLiteGenerator.steps([.principal(.renameUser(from: "a", to: "b"))]).count == 9 + 2)
        #expect(SQLiteGenerator.steps([.principal(.dropRole("r"))]).count == 7 + 2)
    }

    @Test func privileges() {
        let key = Bound.PrivilegeKey(objectKind: "table", schema: "public", object: "t", privilege: "SELECT", grantee: Self.alice)
        let steps = SQLiteGenerator.steps([.privilege(.clearColumnPrivileges(key)), .privilege(.grantPrivilege(key, column: "", grantOption: false, grantor: "awsuser")),
                                           .privilege(.revokePrivilege(key, grantOptionOnly: true))])
        let match = "object_kind = ? AND schema_name = ? AND object_name = ? AND privilege = ? AND grantee = ? AND grantee_kind = ?"
        #expect(steps.map(\.sql) == [
            "DELETE FROM _rs_privileges WHERE \(match) AND column_name <> ''",
            "INSERT OR REPLACE INTO _rs_privileges (object_kind, schema_name, object_name, column_name, privilege, grantee, grantee_kind, grant_option, grantor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            "UPDATE _rs_privileges SET grant_option = 0 WHERE \(match)",
        ])
        #expect(steps[0].arguments == [.text("table"), .text("public"), .text("t"), .text("SELECT"), .text("alice"), .text("user")])
    }

    @Test func policies() {
        let steps = SQLiteGenerator.steps([.policy(.setRowLevelSecurity(schema: "public", table: "t", on: true, conjunction: nil)),
                                           .policy(.attachRLSPolicy("p", schema: "public", table: "t", to: Self.alice, grantor: "awsuser")),
                                           .policy(.dropRLSPolicy("p"))])
        #expect(steps.map(\.sql) == [
            "INSERT INTO _rs_rls_relations (schema_name, table_name, is_on, conjunction) VALUES (?, ?, ?, ?) ON CONFLICT (schema_name, table_name) DO UPDATE SET is_on = excluded.is_on, conjunction = coalesce(?, conjunction)",
            "INSERT OR IGNORE INTO _rs_rls_attachments VALUES (?, ?, ?, ?, ?, ?)",
            "DELETE FROM _rs_rls_attachments WHERE policy = ?",
            "DELETE FROM _rs_rls_policies WHERE name = ?",
        ])
        #expect(steps[0].arguments == [.text("public"), .text("t"), .integer(1), .text("and"), .null])
    }
}
