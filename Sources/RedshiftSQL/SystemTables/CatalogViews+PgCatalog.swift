/// pg_catalog: pg_namespace, pg_class, pg_attribute, pg_type, pg_tables, pg_views, pg_user,
/// pg_database, pg_description, and Redshift's PG_TABLE_DEF.
///
/// - Redshift: the PostgreSQL 8.0 catalog (c_intro_catalog_views, redshift-sql.md §4.1), with
///   Redshift's pg_attribute.attisdistkey/attsortkeyord; PG_TABLE_DEF (r_PG_TABLE_DEF) lists only
///   the tables visible through the search_path.
extension CatalogViews {
    static var pgCatalog: [SystemRelation] {
        [pgNamespace, pgClass, pgAttribute, pgType, pgTables, pgViews, pgUser, pgDatabase, pgDescription, pgTableDef]
    }

    private static func pg(_ name: String, _ columns: [SystemColumn], _ sql: String) -> SystemRelation {
        SystemRelation(name: name, columns: columns, source: .catalogQuery(sql))
    }

    static var pgNamespace: SystemRelation {
        pg("pg_namespace", [int("oid"), name("nspname"), int("nspowner"), text("nspacl")], """
            SELECT \(namespaceOID(name: "s.name", rowid: "s.rowid")) AS oid, s.name AS nspname, \(userID("s.owner")) AS nspowner, NULL AS nspacl
            FROM _rs_schemas AS s
            UNION ALL
            SELECT \(tempNamespaceOID), '\(PhysicalLayout.tempSchema)', 1, NULL
            """)
    }

    static var pgClass: SystemRelation {
        pg("pg_class", [
            int("oid"), name("relname"), int("relnamespace"), int("reltype"), int("relowner"), int("relam"),
            int("relfilenode"), int("reltablespace"), int("relpages"), SystemColumn("reltuples", .real),
            int("reltoastrelid"), int("reltoastidxid"), bool("relhasindex"), bool("relisshared"), char("relkind"),
            SystemColumn("relnatts", .smallint), SystemColumn("relchecks", .smallint), SystemColumn("reltriggers", .smallint),
            SystemColumn("relukeys", .smallint), SystemColumn("relfkeys", .smallint), SystemColumn("relrefs", .smallint),
            bool("relhasoids"), bool("relhaspkey"), bool("relhasrules"), bool("relhassubclass"), text("relacl"),
            SystemColumn("reldiststyle", .smallint), bool("relhastriggers"), int("reloftype"), char("relpersistence"),
        ], """
            SELECT r.oid AS oid, r.table_name AS relname,
                   CASE WHEN r.is_temp = 1 THEN \(tempNamespaceOID) ELSE (SELECT \(namespaceOID(name: "s.name", rowid: "s.rowid")) FROM _rs_schemas AS s WHERE s.name = r.schema_name) END AS relnamespace,
                   0 AS reltype, \(userID("r.owner")) AS relowner, 0 AS relam,
                   CASE WHEN r.kind = 'view' THEN 0 ELSE r.oid END AS relfilenode, 0 AS reltablespace, 0 AS relpages, 0.0 AS reltuples,
                   0 AS reltoastrelid, 0 AS reltoastidxid,
                   CASE WHEN EXISTS (SELECT 1 FROM json_each(rs_constraint_list(r.constraints)) AS j
                                     WHERE rs_constraint(j.value, 'type', r.table_name, NULL, NULL, NULL) IN ('p', 'u')) THEN 1 ELSE 0 END AS relhasindex,
                   0 AS relisshared,
                   CASE WHEN r.kind = 'view' THEN 'v' ELSE 'r' END AS relkind,
                   CASE WHEN r.is_temp = 1 THEN (SELECT count(*) FROM \(Placeholder.tempColumns) AS c WHERE c.table_name = r.table_name)
                        ELSE (SELECT count(*) FROM _rs_columns AS c WHERE c.schema_name = r.schema_name AND c.table_name = r.table_name) END AS relnatts,
                   0 AS relchecks, 0 AS reltriggers, 0 AS relukeys, 0 AS relfkeys, 0 AS relrefs,
                   0 AS relhasoids, CASE WHEN lower(r.constraints) LIKE '%primary key%' THEN 1 ELSE 0 END AS relhaspkey,
                   CASE WHEN r.kind = 'view' THEN 1 ELSE 0 END AS relhasrules, 0 AS relhassubclass, NULL AS relacl,
                   CASE WHEN r.kind = 'view' THEN 0 WHEN r.diststyle = 'EVEN' THEN 0 WHEN r.diststyle = 'KEY' THEN 1 WHEN r.diststyle = 'ALL' THEN 8 ELSE 10 END AS reldiststyle,
                   CASE WHEN lower(r.constraints) LIKE '%references%'
                        OR EXISTS (SELECT 1 FROM _rs_tables AS f WHERE lower(f.constraints) LIKE '%references%' || lower(r.table_name) || '%') THEN 1 ELSE 0 END AS relhastriggers,
                   0 AS reloftype, CASE WHEN r.is_temp = 1 THEN 't' ELSE 'p' END AS relpersistence
            FROM (\(relations)) AS r
            UNION ALL
            SELECT x.indexrelid, x.relname,
                   CASE WHEN x.is_temp = 1 THEN \(tempNamespaceOID) ELSE (SELECT \(namespaceOID(name: "s.name", rowid: "s.rowid")) FROM _rs_schemas AS s WHERE s.name = x.schema_name) END,
                   0, \(userID("x.owner")), 403, x.indexrelid, 0, 0, 0.0, 0, 0, 0, 0, 'i', json_array_length(x.columns_json),
                   0, 0, 0, 0, 0, 0, 0, 0, 0, NULL, 0, 0, 0, CASE WHEN x.is_temp = 1 THEN 't' ELSE 'p' END
            FROM (\(indexLines)) AS x
            """)
    }

    static var pgAttribute: SystemRelation {
        pg("pg_attribute", [
            int("attrelid"), name("attname"), int("atttypid"), int("attstattarget"), SystemColumn("attlen", .smallint),
            SystemColumn("attnum", .smallint), int("attndims"), int("attcacheoff"), int("atttypmod"), bool("attbyval"),
            char("attstorage"), char("attalign"), bool("attnotnull"), bool("atthasdef"), bool("attisdropped"),
            bool("attislocal"), int("attinhcount"), bool("attisdistkey"), int("attsortkeyord"),
            SystemColumn("attencodingtype", .smallint), int("attcollation"),
        ], """
            SELECT c.attrelid AS attrelid, c.column_name AS attname, rs_catalog_type(c.type, 'oid') AS atttypid,
                   -1 AS attstattarget, coalesce((SELECT t.typlen FROM (\(pgTypeRows)) AS t WHERE t.oid = rs_catalog_type(c.type, 'oid')), -1) AS attlen,
                   c.ordinal AS attnum, 0 AS attndims, -1 AS attcacheoff, rs_catalog_type(c.type, 'typmod') AS atttypmod,
                   0 AS attbyval, 'p' AS attstorage, 'i' AS attalign, CASE WHEN c.nullable = 0 AND c.kind <> 'view' THEN 1 ELSE 0 END AS attnotnull,
                   CASE WHEN c.default_expr IS NULL THEN 0 ELSE 1 END AS atthasdef, 0 AS attisdropped, 1 AS attislocal,
                   0 AS attinhcount, c.is_distkey AS attisdistkey, \(sortKey("c")) AS attsortkeyord,
                   CASE WHEN c.kind = 'view' THEN 0 ELSE rs_encoding_code(\(encoding("c"))) END AS attencodingtype, 0 AS attcollation
            FROM (\(columns)) AS c
            UNION ALL
            SELECT x.indexrelid, j.value, rs_catalog_type(c.type, 'oid'), -1,
                   coalesce((SELECT t.typlen FROM (\(pgTypeRows)) AS t WHERE t.oid = rs_catalog_type(c.type, 'oid')), -1),
                   j.key + 1, 0, -1, rs_catalog_type(c.type, 'typmod'), 0, 'p', 'i', 0, 0, 0, 1, 0, 0, 0, 0, 0
            FROM (\(indexLines)) AS x, json_each(x.columns_json) AS j
            JOIN (\(columns)) AS c ON c.attrelid = x.indrelid AND c.column_name = j.value
            """)
    }

    /// The pg_type rows as a SELECT (oid, typname, typlen, typbyval, typalign).
    static var pgTypeRows: String {
        pgTypes.map { "SELECT \($0.oid) AS oid, '\($0.name)' AS typname, \($0.length) AS typlen, \($0.byValue ? 1 : 0) AS typbyval, '\($0.align)' AS typalign" }
            .joined(separator: " UNION ALL ")
    }

    private static var pgTypes: [CatalogTypes.PgType] { CatalogTypes.pgTypes }

    static var pgType: SystemRelation {
        pg("pg_type", [
            int("oid"), name("typname"), int("typnamespace"), int("typowner"), SystemColumn("typlen", .smallint),
            bool("typbyval"), char("typtype"), bool("typisdefined"), char("typdelim"), int("typrelid"), int("typelem"),
            char("typalign"), char("typstorage"), bool("typnotnull"), int("typbasetype"), int("typtypmod"), int("typndims"),
            text("typdefault"), int("typcollation"),
        ], """
            SELECT t.oid, t.typname, 11 AS typnamespace, 1 AS typowner, t.typlen, t.typbyval, 'b' AS typtype, 1 AS typisdefined,
                   ',' AS typdelim, 0 AS typrelid, 0 AS typelem, t.typalign,
                   CASE WHEN t.typlen = -1 THEN 'x' ELSE 'p' END AS typstorage, 0 AS typnotnull, 0 AS typbasetype,
                   -1 AS typtypmod, 0 AS typndims, NULL AS typdefault, 0 AS typcollation
            FROM (\(pgTypeRows)) AS t
            """)
    }

    static var pgTables: SystemRelation {
        pg("pg_tables", [name("schemaname"), name("tablename"), name("tableowner"), name("tablespace"),
                         bool("hasindexes"), bool("hasrules"), bool("hastriggers")], """
            SELECT r.schema_name AS schemaname, r.table_name AS tablename, r.owner AS tableowner, NULL AS tablespace,
                   0 AS hasindexes, 0 AS hasrules, 0 AS hastriggers
            FROM (\(relations)) AS r
            WHERE r.kind <> 'view'
            """)
    }

    static var pgViews: SystemRelation {
        pg("pg_views", [name("schemaname"), name("viewname"), name("viewowner"), text("definition", 65535)], """
            SELECT r.schema_name AS schemaname, r.table_name AS viewname, r.owner AS viewowner, r.view_query AS definition
            FROM (\(relations)) AS r
            WHERE r.kind = 'view'
            """)
    }

    /// Users of `_rs_users` (the cluster's), plus rdsdb and the current user when it has none for them.
    /// usecatupd is true for rdsdb only (r_Users-creatingaltering-and-deleting-users' listing:
    /// `masteruser | 100 | t | t | f`, `poweruser | 103 | f | t | f`).
    static var pgUser: SystemRelation {
        pg("pg_user", [name("usename"), int("usesysid"), bool("usecreatedb"), bool("usesuper"), bool("usecatupd"),
                       text("passwd", 8), text("valuntil", 64), text("useconfig")], pgUserRows)
    }

    /// The SELECT of pg_user (pg_roles reads it too).
    static var pgUserRows: String {
        """
            SELECT u.name AS usename, u.usesysid AS usesysid, u.usecreatedb AS usecreatedb, u.usesuper AS usesuper,
                   0 AS usecatupd, '********' AS passwd, u.valid_until AS valuntil,
                   (SELECT '{' || group_concat(name || '=' || value, ',') || '}' FROM (SELECT name, value FROM _rs_user_settings
                    WHERE user_name = u.name ORDER BY name)) AS useconfig
            FROM _rs_users AS u
            UNION ALL
            SELECT 'rdsdb', 1, 1, 1, 1, '********', NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM _rs_users WHERE name = 'rdsdb')
            UNION ALL
            SELECT \(Placeholder.user), \(unknownUserID), \(Placeholder.isSuperuser), \(Placeholder.isSuperuser), 0, '********', NULL, NULL
            WHERE \(Placeholder.user) <> 'rdsdb' AND NOT EXISTS (SELECT 1 FROM _rs_users WHERE name = \(Placeholder.user))
            """
    }

    /// The cluster's databases (the engine passes them in; r_CREATE_DATABASE makes them).
    static var pgDatabase: SystemRelation {
        pg("pg_database", [int("oid"), name("datname"), int("datdba"), int("encoding"), bool("datistemplate"),
                           bool("datallowconn"), int("datlastsysoid"), bigint("datvacuumxid"), bigint("datfrozenxid"),
                           int("dattablespace"), text("datconfig"), text("datacl"), name("datcollate"), name("datctype")], """
            SELECT d.oid AS oid, d.name AS datname, d.owner_id AS datdba, 6 AS encoding, 0 AS datistemplate,
                   1 AS datallowconn, 0 AS datlastsysoid, 0 AS datvacuumxid, 0 AS datfrozenxid, 1663 AS dattablespace,
                   NULL AS datconfig, NULL AS datacl, 'C' AS datcollate, 'C' AS datctype
            FROM \(Placeholder.databases) AS d
            """)
    }

    /// Always empty: COMMENT ON is not kept.
    static var pgDescription: SystemRelation {
        pg("pg_description", [int("objoid"), int("classoid"), int("objsubid"), text("description")], pgDescriptionRows)
    }

    static let pgDescriptionRows = "SELECT 0 AS objoid, 0 AS classoid, 0 AS objsubid, NULL AS description WHERE 0"

    /// - Redshift: r_PG_TABLE_DEF: the tables visible through the search_path (a table shadowed by
    ///   one of the same name in an earlier schema, or by a temp table, is not listed); type as
    ///   format_type prints it, encoding `none` for RAW.
    static var pgTableDef: SystemRelation {
        pg("pg_table_def", [name("schemaname"), name("tablename"), name("column"), text("type"), char("encoding", 32),
                            bool("distkey"), int("sortkey"), bool("notnull")], """
            SELECT c.schema_name AS schemaname, c.table_name AS tablename, c.column_name AS "column",
                   rs_catalog_type(c.type, 'format') AS type, \(encoding("c")) AS encoding, c.is_distkey AS distkey,
                   \(sortKey("c")) AS sortkey, CASE WHEN c.nullable = 0 THEN 1 ELSE 0 END AS "notnull"
            FROM (\(columns)) AS c
            JOIN (
                SELECT r.schema_name, r.table_name FROM (\(relations)) AS r
                WHERE r.kind <> 'view' AND \(Placeholder.searchPathRank(of: "r.schema_name")) IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM (\(relations)) AS o WHERE o.table_name = r.table_name
                                  AND \(Placeholder.searchPathRank(of: "o.schema_name")) < \(Placeholder.searchPathRank(of: "r.schema_name")))
            ) AS visible ON visible.schema_name = c.schema_name AND visible.table_name = c.table_name
            ORDER BY c.schema_name, c.table_name, c.ordinal
            """)
    }
}
