/// The cluster's users and groups beyond pg_user: SVV_USER_INFO and PG_GROUP.
///
/// - Redshift: r_SVV_USER_INFO ("Superusers can see all rows; regular users can see only their own
///   data"; last_ddl_timestamp, session_timeout and external_user_id are not kept: NULL, 0, NULL),
///   PG_GROUP (PostgreSQL 8.0's: groname, grosysid, grolist as the members' usesysids, r_Groups).
///   Both read the cluster-wide principal tables (`SecurityLayout.principalTables`), so every
///   database of a cluster lists the same users and groups.
enum PrincipalViews {
    static var all: [SystemRelation] { [userInfo, pgGroup] }

    private static func view(_ name: String, _ columns: [SystemColumn], _ sql: String) -> SystemRelation {
        SystemRelation(name: name, columns: columns, source: .catalogQuery(sql))
    }

    static var userInfo: SystemRelation {
        view("svv_user_info", [CatalogViews.text("user_name", 128), CatalogViews.int("user_id"), CatalogViews.bool("createdb"),
                               CatalogViews.bool("superuser"), CatalogViews.bool("catalog_update"), CatalogViews.text("connection_limit", 128),
                               CatalogViews.text("syslog_access", 128), SystemColumn("last_ddl_timestamp", .timestamp),
                               CatalogViews.int("session_timeout"), CatalogViews.text("external_user_id", 128)], """
            SELECT p.usename AS user_name, p.usesysid AS user_id, p.usecreatedb AS createdb, p.usesuper AS superuser,
                   p.usecatupd AS catalog_update, coalesce(u.connection_limit, 'UNLIMITED') AS connection_limit,
                   coalesce(u.syslog_access, 'RESTRICTED') AS syslog_access, NULL AS last_ddl_timestamp, 0 AS session_timeout,
                   NULL AS external_user_id
            FROM (\(CatalogViews.pgUserRows)) AS p LEFT JOIN _rs_users AS u ON u.name = p.usename
            WHERE \(CatalogViews.Placeholder.isSuperuser) = 1 OR p.usename = \(CatalogViews.Placeholder.user)
            """)
    }

    static var pgGroup: SystemRelation {
        view("pg_group", [CatalogViews.name("groname"), CatalogViews.int("grosysid"), CatalogViews.text("grolist", 65535)], """
            SELECT g.name AS groname, g.grosysid AS grosysid,
                   (SELECT '{' || coalesce(group_concat(id, ','), '') || '}' FROM (SELECT \(CatalogViews.userID("m.user_name")) AS id
                    FROM _rs_group_members AS m WHERE m.group_name = g.name ORDER BY 1)) AS grolist
            FROM _rs_groups AS g
            """)
    }
}
