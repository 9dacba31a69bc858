/// The meta tables of the security catalog: principals, privileges, RLS and masking policies.
///
/// Principals (users, groups, roles, their memberships and system permissions: `principalTables`)
/// are cluster-wide in Redshift: the engine keeps them in one file per cluster, ATTACHed to every
/// connection of every database as `principalsSchema`, where SQLite finds them by their unqualified
/// names. Object privileges, RLS and masking live in each database's file next to `_rs_tables`, as
/// Redshift keeps them per database. Changes bump `_rs_generation` (the database's tables) or
/// `_rs_principals_generation` (the principals), so `SecurityCatalog` caches a decoded state per pair.
public enum SecurityLayout {
    /// The schema name of the ATTACHed cluster-wide principals file (the engine's).
    public static let principalsSchema = "rs_cluster"

    /// The tables kept once per cluster.
    static let principalTables: Set<String> = ["_rs_users", "_rs_user_settings", "_rs_groups", "_rs_group_members",
                                               "_rs_roles", "_rs_role_grants", "_rs_system_privileges"]

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
    /// - Parameter principals: the schema of the principal tables: `main` (one file holds all, as
    ///   unit tests use it) or `principalsSchema` when the engine ATTACHed the cluster's file.
    public static func bootstrap(principals: String = "main") -> [SQLiteStatement] {
        var steps = [
            SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS \(principals)._rs_principals_generation (id INTEGER PRIMARY KEY CHECK (id = 1), token INTEGER NOT NULL)"),
            SQLiteStatement(sql: "INSERT OR IGNORE INTO \(principals)._rs_principals_generation (id, token) VALUES (1, random())"),
        ]
        for table in tables {
            let isPrincipal = principalTables.contains(table.name)
            let schema = isPrincipal ? principals : "main"
            let generation = isPrincipal ? "_rs_principals_generation" : "_rs_generation"
            steps.append(SQLiteStatement(sql: "CREATE TABLE IF NOT EXISTS \(schema).\(table.name) (\(table.columns))"))
            for event in ["INSERT", "UPDATE", "DELETE"] {
                // A trigger lives in its table's schema and names tables of that schema only.
                steps.append(SQLiteStatement(sql: """
                    CREATE TRIGGER IF NOT EXISTS \(schema).\(PhysicalLayout.quote("\(generation).\(table.name).\(event.lowercased())")) \
                    AFTER \(event) ON \(table.name) BEGIN UPDATE \(generation) SET token = random(); END
                    """))
            }
        }
        steps += PrincipalLog.bootstrap(principals: principals)
        for (index, role) in systemRoles.enumerated() {
            steps.append(SQLiteStatement(sql: "INSERT OR IGNORE INTO \(principals)._rs_roles (name, role_id, owner) VALUES ('\(role)', \(10 + index), 'rdsdb')"))
        }
        for privilege in ["IGNORE RLS", "EXPLAIN RLS", "EXPLAIN MASKING"] {
            steps.append(SQLiteStatement(sql: "INSERT OR IGNORE INTO \(principals)._rs_system_privileges (privilege, grantee, grantee_kind) VALUES ('\(privilege)', 'sys:secadmin', 'role')"))
        }
        return steps
    }
}
