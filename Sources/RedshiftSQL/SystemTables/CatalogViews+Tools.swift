/// The rest of what psql, SQLAlchemy (sqlalchemy-redshift) and dbt-redshift read in pg_catalog:
/// pg_roles and pg_auth_members (psql `\du`), pg_am, pg_proc, the SVV_EXTERNAL_* views (engine relations
/// filled from the data catalog, CatalogViews+Spectrum.swift), and the internal relations behind the catalog macros
/// (`Parser+CatalogMacros.swift`): `_rs_visible_relations` (pg_table_is_visible) and
/// `_rs_late_binding_view_cols` (pg_get_late_binding_view_cols()).
///
/// - Redshift: r_SVV_EXTERNAL_SCHEMAS, r_SVV_EXTERNAL_TABLES, r_SVV_EXTERNAL_COLUMNS;
///   PG_GET_LATE_BINDING_VIEW_COLS (r_PG_GET_LATE_BINDING_VIEW_COLS). pg_roles is not among the
///   documented catalog (c_intro_catalog_views); the emulator provides PostgreSQL's shape over the
///   users so psql's `\du` answers (README "unverified").
extension CatalogViews {
    static var toolRelations: [SystemRelation] {
        [pgRoles, pgAuthMembers, pgAm, pgProc, pgCollation, pgInherits, pgTrigger, pgDepend, pgRewrite, visibleRelationsView, relationNames, userNames, descriptions, lateBindingViewColumns,
         svvExternalSchemas, svvExternalTables, svvExternalColumns, svvExternalPartitions]
    }

    private static func pg(_ name: String, _ columns: [SystemColumn], _ sql: String) -> SystemRelation {
        SystemRelation(name: name, columns: columns, source: .catalogQuery(sql))
    }

    /// The users of pg_user with PostgreSQL's role columns.
    static var pgRoles: SystemRelation {
        pg("pg_roles", [
            name("rolname"), bool("rolsuper"), bool("rolinherit"), bool("rolcreaterole"), bool("rolcreatedb"),
            bool("rolcatupdate"), bool("rolcanlogin"), bool("rolreplication"), int("rolconnlimit"), text("rolpassword", 8),
            text("rolvaliduntil", 64), text("rolconfig"), int("oid"),
        ], """
            SELECT u.usename AS rolname, u.usesuper AS rolsuper, 1 AS rolinherit, u.usesuper AS rolcreaterole,
                   u.usecreatedb AS rolcreatedb, u.usecatupd AS rolcatupdate, 1 AS rolcanlogin, 0 AS rolreplication,
                   -1 AS rolconnlimit, '********' AS rolpassword, u.valuntil AS rolvaliduntil, u.useconfig AS rolconfig,
                   u.usesysid AS oid
            FROM (\(pgUserRows)) AS u
            """)
    }

    /// Always empty: groups and roles are not members of roles here.
    static var pgAuthMembers: SystemRelation {
        pg("pg_auth_members", [int("roleid"), int("member"), int("grantor"), bool("admin_option")], """
            SELECT 0 AS roleid, 0 AS member, 0 AS grantor, 0 AS admin_option WHERE 0
            """)
    }

    static var pgAm: SystemRelation {
        pg("pg_am", [int("oid"), name("amname")], "SELECT 403 AS oid, 'btree' AS amname")
    }

    /// Empty: no collations beyond the default (attcollation and typcollation are 0).
    static var pgCollation: SystemRelation {
        pg("pg_collation", [int("oid"), name("collname"), int("collnamespace")], "SELECT 0 AS oid, NULL AS collname, 0 AS collnamespace WHERE 0")
    }

    /// Empty: Redshift has no triggers (foreign keys are informational).
    static var pgTrigger: SystemRelation {
        pg("pg_trigger", [int("oid"), int("tgrelid"), name("tgname"), int("tgfoid"), SystemColumn("tgtype", .smallint),
                          char("tgenabled"), bool("tgisinternal"), bool("tgisconstraint"), name("tgconstrname"), int("tgconstrrelid")], """
            SELECT 0 AS oid, 0 AS tgrelid, NULL AS tgname, 0 AS tgfoid, 0 AS tgtype, 'O' AS tgenabled, 0 AS tgisinternal,
                   0 AS tgisconstraint, NULL AS tgconstrname, 0 AS tgconstrrelid WHERE 0
            """)
    }

    /// A foreign key's dependency on the referenced key's index (PostgreSQL's 'n' row, which pgjdbc's
    /// getImportedKeys/getExportedKeys join on for an 8.0 server); dependencies between relations are
    /// not recorded (dbt-redshift's relation links then come out empty, so its cache links no view to its tables).
    static var pgDepend: SystemRelation {
        pg("pg_depend", [int("classid"), int("objid"), int("objsubid"), int("refclassid"), int("refobjid"), int("refobjsubid"), char("deptype")], """
            SELECT \(systemCatalogOIDs["pg_constraint"]!) AS classid, c.oid AS objid, 0 AS objsubid, \(systemCatalogOIDs["pg_class"]!) AS refclassid,
                   x.indexrelid AS refobjid, 0 AS refobjsubid, 'n' AS deptype
            FROM (\(constraintLines)) AS c JOIN (\(indexLines)) AS x ON x.indrelid = c.confrelid
            WHERE rs_constraint(c.line, 'type', c.table_name, NULL, NULL, NULL) = 'f'
              AND rs_constraint(x.line, 'conkey', x.table_name, x.attnames, NULL, NULL)
                  = rs_constraint(c.line, 'confkey', c.table_name, c.attnames, c.ref_attnames, c.ref_constraints)
            """)
    }

    /// Empty: views are not rules here (pg_depend has nothing to join them to).
    static var pgRewrite: SystemRelation {
        pg("pg_rewrite", [int("oid"), name("rulename"), int("ev_class"), SystemColumn("ev_attr", .smallint), char("ev_type"), bool("is_instead")], """
            SELECT 0 AS oid, NULL AS rulename, 0 AS ev_class, 0 AS ev_attr, '1' AS ev_type, 1 AS is_instead WHERE 0
            """)
    }

    /// Empty: Redshift tables inherit from none.
    static var pgInherits: SystemRelation {
        pg("pg_inherits", [int("inhrelid"), int("inhparent"), int("inhseqno")], "SELECT 0 AS inhrelid, 0 AS inhparent, 0 AS inhseqno WHERE 0")
    }

    /// The database's stored procedures and SQL UDFs (CatalogViews+Routines.swift).
    static var pgProc: SystemRelation {
        pg("pg_proc", pgProcColumns, "SELECT oid, proname, pronamespace, proowner, prolang, proisagg, prosecdef, proisstrict, proretset, provolatile, pronargs, prorettype, proargtypes, proallargtypes, proargmodes, proargnames, prosrc, probin, proacl FROM (\(routineRows))")
    }

    /// Internal: the relations an unqualified name finds through the search path (a relation
    /// shadowed by one of the same name in an earlier schema, or by a temp table, is not listed),
    /// and the keys' indexes in schemas on it.
    static var visibleRelationsView: SystemRelation {
        pg("_rs_visible_relations", [int("rs_oid"), name("rs_relname")], """
            SELECT r.oid AS rs_oid, r.table_name AS rs_relname FROM (\(relations)) AS r
            WHERE \(Placeholder.searchPathRank(of: "r.schema_name")) IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM (\(relations)) AS o WHERE o.table_name = r.table_name
                              AND \(Placeholder.searchPathRank(of: "o.schema_name")) < \(Placeholder.searchPathRank(of: "r.schema_name")))
            UNION ALL
            SELECT x.indexrelid, x.relname FROM (\(indexLines)) AS x WHERE \(Placeholder.searchPathRank(of: "x.schema_name")) IS NOT NULL
            UNION ALL
            \(systemCatalogRows)
            """)
    }

    /// Internal: every relation's name by OID (`oid::regclass`).
    static var relationNames: SystemRelation {
        pg("_rs_relation_names", [int("rs_oid"), name("rs_relname")], """
            SELECT r.oid AS rs_oid, r.table_name AS rs_relname FROM (\(relations)) AS r
            UNION ALL
            \(systemCatalogRows)
            """)
    }

    /// Internal: user names by id (pg_get_userbyid).
    static var userNames: SystemRelation {
        pg("_rs_user_names", [int("rs_usesysid"), name("rs_usename")], """
            SELECT u.usesysid AS rs_usesysid, u.usename AS rs_usename FROM (\(pgUserRows)) AS u
            """)
    }

    /// Internal: pg_description's rows (obj_description, col_description).
    static var descriptions: SystemRelation {
        pg("_rs_descriptions", [int("rs_objoid"), int("rs_objsubid"), text("rs_description")], """
            SELECT d.objoid AS rs_objoid, d.objsubid AS rs_objsubid, d.description AS rs_description FROM (\(pgDescriptionRows)) AS d
            """)
    }

    /// Internal: the columns of late-binding views (WITH NO SCHEMA BINDING). The Analyzer binds it
    /// to rows it computes by resolving each such view (Analyzer+LateBindingView.swift); this
    /// empty query only gives its columns.
    static var lateBindingViewColumns: SystemRelation {
        pg("_rs_late_binding_view_cols", [name("view_schema"), name("view_name"), name("col_name"), text("col_type", 128), int("col_num")], """
            SELECT NULL AS view_schema, NULL AS view_name, NULL AS col_name, NULL AS col_type, 0 AS col_num WHERE 0
            """)
    }
}
