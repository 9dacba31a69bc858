/// The meta tables of the security catalog: principals, privileges, RLS and masking policies.
///
/// They live in every database's SQLite file next to `_rs_tables` (see docs/security.md for why
/// principals are per database file in the emulator), and bump `_rs_generation` on every change,
/// so `SecurityCatalog` caches a decoded state per catalog generation like `CatalogCache`.
public enum SecurityLayout {
    /// The RBAC roles Redshift defines (r_roles-default).
    public static let systemRoles = ["sys:monitor", "sys:operator", "sys:dba", "sys:superuser", "sys:secadmin"]

    static let tables: [(name: String, columns: String)] = [
        // usesuper: CREATEUSER; password: 'md5…', 'sha256|…' or NULL for PASSWORD DISABLE.
        ("_rs_users", "name TEXT PRIMARY KEY, usesysid INTEGER NOT NULL, usesuper INTEGER NOT NULL DEFAULT 0, usecreatedb INTEGER NOT NULL DEFAULT 0, password TEXT, valid_until TEXT, connection_limit TEXT, syslog_access TEXT NOT NULL DEFAULT 'RESTRICTED'"),
        // ALTER USER u SET name TO value: the user's session defaults (r_ALTER_USER).
        ("_rs_user_settings", "user_name TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (user_name, name)"),
        ("_rs_groups", "name TEXT PRIMARY KEY, grosysid INTEGER NOT NULL"),
        ("_rs_group_members", "group_name TEXT NOT NULL, user_name TEXT NOT NULL, PRIMARY KEY (group_name, user_name)"),
        ("_rs_roles", "name TEXT PRIMARY KEY, role_id INTEGER NOT NULL, owner TEXT NOT NULL, external_id TEXT"),
        // grantee_kind: user | role.
        ("_rs_role_grants", "role_name TEXT NOT NULL, grantee TEXT NOT NULL, grantee_kind TEXT NOT NULL, admin_option INTEGER NOT NULL DEFAULT 0, grantor TEXT NOT NULL, PRIMARY KEY (role_name, grantee, grantee_kind)"),
        // object_kind: table (tables and views) | schema | database; column_name '' = the whole object;
        // grantee_kind: user | group | role | public.
        ("_rs_privileges", "object_kind TEXT NOT NULL, schema_name TEXT NOT NULL, object_name TEXT NOT NULL, column_name TEXT NOT NULL, privilege TEXT NOT NULL, grantee TEXT NOT NULL, grantee_kind TEXT NOT NULL, grant_option INTEGER NOT NULL DEFAULT 0, grantor TEXT NOT NULL, PRIMARY KEY (object_kind, schema_name, object_name, column_name, privilege, grantee, grantee_kind)"),
        // System permissions granted to roles (IGNORE RLS, EXPLAIN RLS, CREATE USER, …) or users (EXPLAIN MASKING).
        ("_rs_system_privileges", "privilege TEXT NOT NULL, grantee TEXT NOT NULL, grantee_kind TEXT NOT NULL, PRIMARY KEY (privilege, grantee, grantee_kind)"),
        // ALTER DEFAULT PRIVILEGES: owner '' = any creator, schema_name '' = any schema.
        ("_rs_default_privileges", "owner TEXT NOT NULL, schema_name TEXT NOT NULL, privilege TEXT NOT NULL, grantee TEXT NOT NULL, grantee_kind TEXT NOT NULL, PRIMARY KEY (owner, schema_name, privilege, grantee, grantee_kind)"),
        // attributes: JSON [{"colname":"a","type":"integer"}]; predicate: Redshift text of USING (…).
        ("_rs_rls_policies", "name TEXT PRIMARY KEY, alias TEXT, attributes TEXT NOT NULL, predicate TEXT NOT NULL, modified_by TEXT NOT NULL, modified_time TEXT NOT NULL"),
        ("_rs_rls_relations", "schema_name TEXT NOT NULL, table_name TEXT NOT NULL, is_on INTEGER NOT NULL, conjunction TEXT NOT NULL DEFAULT 'and', PRIMARY KEY (schema_name, table_name)"),
        // grantee_kind: user | role | public.
        ("_rs_rls_attachments", "policy TEXT NOT NULL, schema_name TEXT NOT NULL, table_name TEXT NOT NULL, grantee TEXT NOT NULL, grantee_kind TEXT NOT NULL, grantor TEXT NOT NULL, PRIMARY KEY (policy, schema_name, table_name, grantee, grantee_kind)"),
        // inputs: JSON like attributes; expression: Redshift text of USING (…).
        ("_rs_masking_policies", "name TEXT PRIMARY KEY, inputs TEXT NOT NULL, expression TEXT NOT NULL, modified_by TEXT NOT NULL, modified_time TEXT NOT NULL"),
        // output_columns / input_columns: comma-separated column names.
        ("_rs_masking_attachments", "policy TEXT NOT NULL, schema_name TEXT NOT NULL, table_name TEXT NOT NULL, output_columns TEXT NOT NULL, input_columns TEXT NOT NULL, grantee TEXT NOT NULL, grantee_kind TEXT NOT NULL, priority INTEGER NOT NULL, grantor TEXT NOT NULL, PRIMARY KEY (policy, schema_name, table_name, output_columns, grantee, grantee_kind)"),
    ]

    /// Idempotent statements run with `PhysicalLayout.bootstrap`; needs `_rs_generation` first.
    public static var bootstrap: [SQLiteStatement] {
        var steps: [SQLiteStatement] = []
        for table in tables {
            steps.append(SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS \(table.name) (\(table.columns))"))
            for event in ["INSERT", "UPDATE", "DELETE"] {
                steps.append(SQLiteStatement(sql: """
                    CREATE TRIGGER IF NOT EXISTS \(PhysicalLayout.quote("_rs_generation.\(table.name).\(event.lowercased())")) \
                    AFTER \(event) ON \(table.name) BEGIN UPDATE _rs_generation SET token = random(); END
                    """))
            }
        }
        for (index, role) in systemRoles.enumerated() {
            steps.append(SQLiteStatement(sql: "INSERT OR IGNORE INTO _rs_roles (name, role_id, owner) VALUES ('\(role)', \(10 + index), 'rdsdb')"))
        }
        for privilege in ["IGNORE RLS", "EXPLAIN RLS", "EXPLAIN MASKING"] {
            steps.append(SQLiteStatement(sql: "INSERT OR IGNORE INTO _rs_system_privileges (privilege, grantee, grantee_kind) VALUES ('\(privilege)', 'sys:secadmin', 'role')"))
        }
        return steps
    }
}
