/// Redshift's SVV_* metadata views: SVV_TABLES, SVV_COLUMNS, SVV_TABLE_INFO, SVV_ALL_SCHEMAS,
/// SVV_ALL_TABLES, SVV_ALL_COLUMNS, SVV_REDSHIFT_SCHEMAS, SVV_REDSHIFT_TABLES,
/// SVV_REDSHIFT_COLUMNS, SVV_REDSHIFT_DATABASES.
///
/// - Redshift: r_SVV_TABLES, r_SVV_COLUMNS, r_SVV_TABLE_INFO, r_SVV_ALL_SCHEMAS, r_SVV_ALL_TABLES,
///   r_SVV_ALL_COLUMNS, r_SVV_REDSHIFT_SCHEMAS, r_SVV_REDSHIFT_TABLES, r_SVV_REDSHIFT_COLUMNS,
///   r_SVV_REDSHIFT_DATABASES. The SVV_ALL_/SVV_REDSHIFT_ views list the current database's
///   permanent objects (no datashares, no external schemas, no temp tables).
extension CatalogViews {
    static var svv: [SystemRelation] {
        [svvTables, svvColumns, svvTableInfo, svvAllSchemas, svvRedshiftSchemas, svvAllTables, svvRedshiftTables,
         svvAllColumns, svvRedshiftColumns, svvRedshiftDatabases]
    }

    private static func view(_ name: String, _ columns: [SystemColumn], _ sql: String) -> SystemRelation {
        SystemRelation(name: name, columns: columns, source: .catalogQuery(sql))
    }

    /// Like information_schema.tables (r_SVV_TABLES).
    static var svvTables: SystemRelation {
        view("svv_tables", [text("table_catalog"), text("table_schema"), text("table_name"), text("table_type"), text("remarks")], """
            SELECT \(Placeholder.database) AS table_catalog, r.schema_name AS table_schema, r.table_name AS table_name,
                   CASE WHEN r.is_temp = 1 THEN 'LOCAL TEMPORARY' WHEN r.kind = 'view' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type,
                   NULL AS remarks
            FROM (\(visibleRelations)) AS r
            """)
    }

    /// Like information_schema.columns (r_SVV_COLUMNS).
    static var svvColumns: SystemRelation {
        view("svv_columns", [
            text("table_catalog"), text("table_schema"), text("table_name"), text("column_name"), int("ordinal_position"),
            text("column_default"), text("is_nullable"), text("data_type"), int("character_maximum_length"),
            int("numeric_precision"), int("numeric_precision_radix"), int("numeric_scale"), int("datetime_precision"),
            text("interval_type"), text("interval_precision"), text("character_set_catalog"), text("character_set_schema"),
            text("character_set_name"), text("collation_catalog"), text("collation_schema"), text("collation_name"),
            text("domain_name"), text("remarks"),
        ], """
            SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, column_default, is_nullable,
                   data_type, character_maximum_length, numeric_precision, numeric_precision_radix, numeric_scale,
                   datetime_precision, interval_type, interval_precision, character_set_catalog, character_set_schema,
                   character_set_name, collation_catalog, collation_schema, collation_name, domain_name, NULL AS remarks
            FROM (\(columnsQuery)) AS ic
            """)
    }

    static var svvAllSchemas: SystemRelation {
        view("svv_all_schemas", [name("database_name"), name("schema_name"), int("schema_owner"), name("schema_type"),
                                 name("schema_acl"), name("source_database"), text("schema_option")], """
            SELECT \(Placeholder.database) AS database_name, s.name AS schema_name, \(userID("s.owner")) AS schema_owner,
                   'local' AS schema_type, NULL AS schema_acl, NULL AS source_database, NULL AS schema_option
            FROM \(visibleSchemas)
            """)
    }

    static var svvRedshiftSchemas: SystemRelation {
        view("svv_redshift_schemas", [name("database_name"), name("schema_name"), int("schema_owner"), text("schema_type", 16),
                                      name("schema_acl"), name("schema_option")], """
            SELECT \(Placeholder.database) AS database_name, s.name AS schema_name, \(userID("s.owner")) AS schema_owner,
                   'local' AS schema_type, NULL AS schema_acl, NULL AS schema_option
            FROM \(visibleSchemas)
            """)
    }

    /// Column order as the page's sample `SELECT *` prints it (table_type before table_acl).
    static var svvAllTables: SystemRelation {
        view("svv_all_tables", [name("database_name"), name("schema_name"), name("table_name"), name("table_type"),
                                name("table_acl"), text("remarks")], """
            SELECT \(Placeholder.database) AS database_name, r.schema_name AS schema_name, r.table_name AS table_name,
                   CASE WHEN r.kind = 'view' THEN 'VIEW' ELSE 'TABLE' END AS table_type, NULL AS table_acl, NULL AS remarks
            FROM (\(visibleRelations)) AS r
            WHERE r.is_temp = 0
            """)
    }

    static var svvRedshiftTables: SystemRelation {
        view("svv_redshift_tables", [name("database_name"), name("schema_name"), name("table_name"), name("table_type"),
                                     name("table_acl"), name("remarks"), name("table_owner")], """
            SELECT \(Placeholder.database) AS database_name, r.schema_name AS schema_name, r.table_name AS table_name,
                   CASE WHEN r.kind = 'view' THEN 'VIEW' ELSE 'TABLE' END AS table_type, NULL AS table_acl, NULL AS remarks,
                   r.owner AS table_owner
            FROM (\(visibleRelations)) AS r
            WHERE r.is_temp = 0
            """)
    }

    static var svvAllColumns: SystemRelation {
        view("svv_all_columns", [
            name("database_name"), name("schema_name"), name("table_name"), name("column_name"), int("ordinal_position"),
            text("column_default", 4000), text("is_nullable", 3), name("data_type"), int("character_maximum_length"),
            int("numeric_precision"), int("numeric_scale"), text("remarks"),
        ], """
            SELECT \(Placeholder.database) AS database_name, c.schema_name AS schema_name, c.table_name AS table_name,
                   c.column_name AS column_name, c.ordinal AS ordinal_position, c.default_expr AS column_default,
                   CASE WHEN c.nullable = 0 THEN 'NO' ELSE 'YES' END AS is_nullable,
                   rs_catalog_type(c.type, 'data_type') AS data_type,
                   rs_catalog_type(c.type, 'char_length') AS character_maximum_length,
                   rs_catalog_type(c.type, 'precision') AS numeric_precision,
                   rs_catalog_type(c.type, 'scale') AS numeric_scale, NULL AS remarks
            FROM (\(visibleColumns)) AS c
            WHERE c.is_temp = 0
            """)
    }

    /// data_type as format_type prints it (the view has no length/precision columns).
    static var svvRedshiftColumns: SystemRelation {
        view("svv_redshift_columns", [
            name("database_name"), name("schema_name"), name("table_name"), name("column_name"), int("ordinal_position"),
            text("data_type", 32), text("column_default", 4000), text("is_nullable", 3), name("encoding"), bool("distkey"),
            int("sortkey"), name("column_acl"), text("remarks"),
        ], """
            SELECT \(Placeholder.database) AS database_name, c.schema_name AS schema_name, c.table_name AS table_name,
                   c.column_name AS column_name, c.ordinal AS ordinal_position, rs_catalog_type(c.type, 'format') AS data_type,
                   c.default_expr AS column_default, CASE WHEN c.nullable = 0 THEN 'NO' ELSE 'YES' END AS is_nullable,
                   CASE WHEN c.kind = 'view' THEN NULL ELSE \(encoding("c")) END AS encoding, c.is_distkey AS distkey,
                   \(sortKey("c")) AS sortkey, NULL AS column_acl, NULL AS remarks
            FROM (\(visibleColumns)) AS c
            WHERE c.is_temp = 0
            """)
    }

    /// The cluster's databases; `dev` is owned by rdsdb (1) and Serializable, as the page's sample.
    /// database_options: NULL, or `{"collate":"case_insensitive"}` for a CASE_INSENSITIVE database
    /// (the emulator's notation: the page does not show the format).
    static var svvRedshiftDatabases: SystemRelation {
        view("svv_redshift_databases", [name("database_name"), int("database_owner"), text("database_type", 32),
                                        name("database_acl"), name("database_options"), name("database_isolation_level")], """
            SELECT d.name AS database_name, d.owner_id AS database_owner, 'local' AS database_type,
                   NULL AS database_acl,
                   CASE WHEN d.collation = 'case_insensitive' THEN '{"collate":"case_insensitive"}' END AS database_options,
                   d.isolation AS database_isolation_level
            FROM \(Placeholder.databases) AS d
            """)
    }
}
