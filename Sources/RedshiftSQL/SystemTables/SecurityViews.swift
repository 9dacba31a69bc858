/// Security catalog views: SVV_RLS_POLICY, SVV_RLS_ATTACHED_POLICY, SVV_RLS_RELATION,
/// SVV_MASKING_POLICY, SVV_ATTACHED_MASKING_POLICY, SVV_ROLES, SVV_USER_GRANTS, SVV_ROLE_GRANTS.
///
/// - Redshift: r_SVV_RLS_POLICY, r_SVV_RLS_ATTACHED_POLICY, r_SVV_RLS_RELATION, r_SVV_MASKING_POLICY,
///   r_SVV_ATTACHED_MASKING_POLICY, r_SVV_ROLES, r_SVV_USER_GRANTS, r_SVV_ROLE_GRANTS. The policy
///   views are for superusers and sys:secadmin: others get no rows (`restricted`, applied by the
///   Analyzer). SVV_RLS_RELATION shows other users the relations they own. polqual is the USING
///   text as written (Redshift prints a normalized form).
enum SecurityViews {
    static var all: [SystemRelation] {
        [rlsPolicy, rlsAttachedPolicy, rlsRelation, maskingPolicy, attachedMaskingPolicy, roles, userGrants, roleGrants, rlsAppliedPolicy]
    }

    /// Engine-filled from the query log (`Translation.appliedPolicies`).
    /// - Redshift: r_SVV_RLS_APPLIED_POLICY: visible to superusers, sys:operator and ACCESS SYSTEM
    ///   TABLE holders (not sys:secadmin); `poldefault` `f` when the default (deny-all) policy applied.
    static let rlsAppliedPolicy = SystemRelation.engine("svv_rls_applied_policy", [
        text("username"), SystemColumn("query", .integer), SystemColumn("xid", .bigint), SystemColumn("pid", .integer),
        SystemColumn("recordtime", .timestamp), SystemColumn("command", .char(length: 1)), text("datname"), text("relschema"),
        text("relname"), text("polname"), SystemColumn("poldefault", .char(length: 1)),
    ])

    /// Views only superusers and sys:secadmin may read rows of.
    static let restricted: Set<String> = ["svv_rls_policy", "svv_rls_attached_policy", "svv_masking_policy", "svv_attached_masking_policy"]

    private static func text(_ name: String, _ length: Int = 128) -> SystemColumn { SystemColumn(name, .varchar(length: length)) }
    private static func bool(_ name: String) -> SystemColumn { SystemColumn(name, .boolean) }
    private static func view(_ name: String, _ columns: [SystemColumn], _ sql: String) -> SystemRelation {
        SystemRelation(name: name, columns: columns, source: .catalogQuery(sql))
    }

    static var rlsPolicy: SystemRelation {
        view("svv_rls_policy", [text("poldb"), text("polname"), text("polalias"), text("polatts", 65535), text("polqual", 65535),
                                bool("polenabled"), text("polmodifiedby"), SystemColumn("polmodifiedtime", .timestamp)], """
            SELECT \(CatalogViews.Placeholder.database) AS poldb, p.name AS polname, p.alias AS polalias, p.attributes AS polatts,
                   p.predicate AS polqual, 1 AS polenabled, p.modified_by AS polmodifiedby, p.modified_time AS polmodifiedtime
            FROM _rs_rls_policies AS p
            """)
    }

    static var rlsAttachedPolicy: SystemRelation {
        view("svv_rls_attached_policy", [text("relschema"), text("relname"), text("relkind", 16), text("polname"), text("grantor"),
                                         text("grantee"), text("granteekind", 16), bool("is_pol_on"), bool("is_rls_on"),
                                         SystemColumn("rls_conjunction_type", .char(length: 3))], """
            SELECT a.schema_name AS relschema, a.table_name AS relname, 'table' AS relkind, a.policy AS polname, a.grantor AS grantor,
                   a.grantee AS grantee, a.grantee_kind AS granteekind, 1 AS is_pol_on,
                   coalesce(r.is_on, 0) AS is_rls_on, coalesce(r.conjunction, 'and') AS rls_conjunction_type
            FROM _rs_rls_attachments AS a
            LEFT JOIN _rs_rls_relations AS r ON r.schema_name = a.schema_name AND r.table_name = a.table_name
            """)
    }

    static var rlsRelation: SystemRelation {
        view("svv_rls_relation", [text("datname"), text("relschema"), text("relname"), text("relkind", 16), bool("is_rls_on"),
                                  bool("is_rls_datashare_on"), SystemColumn("rls_conjunction_type", .char(length: 3)),
                                  SystemColumn("rls_datashare_conjunction_type", .char(length: 3))], """
            SELECT \(CatalogViews.Placeholder.database) AS datname, r.schema_name AS relschema, r.table_name AS relname, 'table' AS relkind,
                   r.is_on AS is_rls_on, 0 AS is_rls_datashare_on, r.conjunction AS rls_conjunction_type, 'and' AS rls_datashare_conjunction_type
            FROM _rs_rls_relations AS r JOIN _rs_tables AS t ON t.schema_name = r.schema_name AND t.table_name = r.table_name
            WHERE \(CatalogViews.Placeholder.isSuperuser) = 1 OR t.owner = \(CatalogViews.Placeholder.user)
                OR EXISTS (SELECT 1 FROM _rs_role_grants AS g WHERE g.role_name = 'sys:secadmin' AND g.grantee = \(CatalogViews.Placeholder.user))
            """)
    }

    static var maskingPolicy: SystemRelation {
        view("svv_masking_policy", [text("policy_name"), text("input_columns", 65535), text("policy_expression", 65535),
                                    text("policy_modified_by"), SystemColumn("policy_modified_time", .timestamp)], """
            SELECT m.name AS policy_name, m.inputs AS input_columns, m.expression AS policy_expression,
                   m.modified_by AS policy_modified_by, m.modified_time AS policy_modified_time FROM _rs_masking_policies AS m
            """)
    }

    static var attachedMaskingPolicy: SystemRelation {
        view("svv_attached_masking_policy", [text("policy_name"), text("schema_name"), text("table_name"), text("table_type", 16),
                                             text("grantor"), text("grantee"), text("grantee_type", 16), SystemColumn("priority", .integer),
                                             text("input_columns", 65535), text("output_columns", 65535), bool("is_masking_datashare_on")], """
            SELECT a.policy AS policy_name, a.schema_name AS schema_name, a.table_name AS table_name, 'table' AS table_type,
                   a.grantor AS grantor, a.grantee AS grantee, a.grantee_kind AS grantee_type, a.priority AS priority,
                   '["' || replace(a.input_columns, ',', '","') || '"]' AS input_columns,
                   '["' || replace(a.output_columns, ',', '","') || '"]' AS output_columns, 0 AS is_masking_datashare_on
            FROM _rs_masking_attachments AS a
            """)
    }

    static var roles: SystemRelation {
        view("svv_roles", [SystemColumn("role_id", .integer), text("role_name"), text("role_owner"), text("external_id")], """
            SELECT r.role_id AS role_id, r.name AS role_name, r.owner AS role_owner, r.external_id AS external_id FROM _rs_roles AS r
            """)
    }

    static var userGrants: SystemRelation {
        view("svv_user_grants", [text("user_name"), text("role_name"), bool("admin_option")], """
            SELECT g.grantee AS user_name, g.role_name AS role_name, g.admin_option AS admin_option FROM _rs_role_grants AS g WHERE g.grantee_kind = 'user'
            """)
    }

    static var roleGrants: SystemRelation {
        view("svv_role_grants", [text("role_name"), text("granted_role_name")], """
            SELECT g.grantee AS role_name, g.role_name AS granted_role_name FROM _rs_role_grants AS g WHERE g.grantee_kind = 'role'
            """)
    }
}
