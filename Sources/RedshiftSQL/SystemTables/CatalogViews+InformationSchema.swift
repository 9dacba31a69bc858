/// information_schema: schemata, tables, columns, views (PostgreSQL 8.0 columns).
///
/// - Redshift: information_schema is PostgreSQL 8.0's (redshift-sql.md §4.2); data_type uses the
///   SQL names (`integer`, `character varying`, `timestamp without time zone`), is_nullable is
///   `YES`/`NO`, table_type `BASE TABLE`, `VIEW` or `LOCAL TEMPORARY`.
extension CatalogViews {
    static var informationSchema: [SystemRelation] { [schemata, tables, columnsView, views] }

    private static func info(_ name: String, _ columns: [SystemColumn], _ sql: String) -> SystemRelation {
        SystemRelation(schema: "information_schema", name: name, columns: columns, source: .catalogQuery(sql))
    }

    static var schemata: SystemRelation {
        info("schemata", [
            name("catalog_name"), name("schema_name"), name("schema_owner"),
            name("default_character_set_catalog"), name("default_character_set_schema"), name("default_character_set_name"),
            text("sql_path"),
        ], """
            SELECT \(Placeholder.database) AS catalog_name, s.name AS schema_name, s.owner AS schema_owner,
                   NULL AS default_character_set_catalog, NULL AS default_character_set_schema,
                   NULL AS default_character_set_name, NULL AS sql_path
            FROM \(visibleSchemas)
            """)
    }

    static var tables: SystemRelation {
        info("tables", [
            name("table_catalog"), name("table_schema"), name("table_name"), text("table_type", 64),
            name("self_referencing_column_name"), text("reference_generation", 64),
            name("user_defined_type_catalog"), name("user_defined_type_schema"), name("user_defined_type_name"),
        ], """
            SELECT \(Placeholder.database) AS table_catalog, r.schema_name AS table_schema, r.table_name AS table_name,
                   CASE WHEN r.is_temp = 1 THEN 'LOCAL TEMPORARY' WHEN r.kind = 'view' THEN 'VIEW' ELSE 'BASE TABLE' END AS table_type,
                   NULL AS self_referencing_column_name, NULL AS reference_generation,
                   NULL AS user_defined_type_catalog, NULL AS user_defined_type_schema, NULL AS user_defined_type_name
            FROM (\(visibleRelations)) AS r
            """)
    }

    static var columnsView: SystemRelation {
        info("columns", [
            name("table_catalog"), name("table_schema"), name("table_name"), name("column_name"),
            int("ordinal_position"), text("column_default", 4000), text("is_nullable", 3), text("data_type", 64),
            int("character_maximum_length"), int("character_octet_length"),
            int("numeric_precision"), int("numeric_precision_radix"), int("numeric_scale"), int("datetime_precision"),
            text("interval_type", 64), int("interval_precision"),
            name("character_set_catalog"), name("character_set_schema"), name("character_set_name"),
            name("collation_catalog"), name("collation_schema"), name("collation_name"),
            name("domain_catalog"), name("domain_schema"), name("domain_name"),
            name("udt_catalog"), name("udt_schema"), name("udt_name"),
            name("scope_catalog"), name("scope_schema"), name("scope_name"),
            int("maximum_cardinality"), name("dtd_identifier"), text("is_self_referencing", 3),
        ], columnsQuery)
    }

    /// The SELECT of information_schema.columns (SVV_COLUMNS projects from it).
    static let columnsQuery = """
            SELECT \(Placeholder.database) AS table_catalog, c.schema_name AS table_schema, c.table_name AS table_name,
                   c.column_name AS column_name, c.ordinal AS ordinal_position, c.default_expr AS column_default,
                   CASE WHEN c.nullable = 0 THEN 'NO' ELSE 'YES' END AS is_nullable,
                   rs_catalog_type(c.type, 'data_type') AS data_type,
                   rs_catalog_type(c.type, 'char_length') AS character_maximum_length,
                   rs_catalog_type(c.type, 'char_length') AS character_octet_length,
                   rs_catalog_type(c.type, 'precision') AS numeric_precision,
                   rs_catalog_type(c.type, 'radix') AS numeric_precision_radix,
                   rs_catalog_type(c.type, 'scale') AS numeric_scale,
                   rs_catalog_type(c.type, 'datetime_precision') AS datetime_precision,
                   NULL AS interval_type, NULL AS interval_precision,
                   NULL AS character_set_catalog, NULL AS character_set_schema, NULL AS character_set_name,
                   NULL AS collation_catalog, NULL AS collation_schema, NULL AS collation_name,
                   NULL AS domain_catalog, NULL AS domain_schema, NULL AS domain_name,
                   \(Placeholder.database) AS udt_catalog, 'pg_catalog' AS udt_schema, rs_catalog_type(c.type, 'typname') AS udt_name,
                   NULL AS scope_catalog, NULL AS scope_schema, NULL AS scope_name,
                   NULL AS maximum_cardinality, CAST(c.ordinal AS TEXT) AS dtd_identifier, 'NO' AS is_self_referencing
            FROM (\(visibleColumns)) AS c
            """

    static var views: SystemRelation {
        info("views", [
            name("table_catalog"), name("table_schema"), name("table_name"), text("view_definition", 65535),
            text("check_option", 64), text("is_updatable", 3), text("is_insertable_into", 3),
        ], """
            SELECT \(Placeholder.database) AS table_catalog, r.schema_name AS table_schema, r.table_name AS table_name,
                   r.view_query AS view_definition, 'NONE' AS check_option, 'NO' AS is_updatable, 'NO' AS is_insertable_into
            FROM (\(visibleRelations)) AS r
            WHERE r.kind = 'view'
            """)
    }
}
