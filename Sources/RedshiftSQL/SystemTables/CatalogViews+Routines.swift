/// Stored procedures and SQL UDFs in the catalog: pg_proc, PG_PROC_INFO,
/// information_schema.routines and information_schema.parameters, over `_rs_routines` and
/// `_rs_routine_arguments` (Procedures/RoutineDefinition.swift).
///
/// - Redshift: r_PG_PROC_INFO (prokind 'p' for procedures, 'f' for functions). The language OIDs
///   are PostgreSQL's for SQL (14) and the one Redshift reports for plpgsql (100125, as the
///   PG_PROC query on re:Post filters on: unverified against the documentation).
extension CatalogViews {
    static var routineRelations: [SystemRelation] { [pgProcInfo, informationSchemaRoutines, informationSchemaParameters] }

    /// The pg_proc rows of the database's routines.
    static let routineRows = """
        SELECT r.oid AS oid, r.name AS proname, \(namespaceOID(name: "r.schema_name", rowid: "(SELECT s.rowid FROM _rs_schemas AS s WHERE s.name = r.schema_name)")) AS pronamespace,
               \(userID("r.owner")) AS proowner, CASE r.language WHEN 'sql' THEN 14 ELSE 100125 END AS prolang, 0 AS proisagg,
               r.security_definer AS prosecdef, 0 AS proisstrict, 0 AS proretset, substr(r.volatility, 1, 1) AS provolatile,
               r.nargs AS pronargs, 0 AS prorettype, r.arg_types AS proargtypes, NULL AS proallargtypes, r.arg_modes AS proargmodes,
               r.arg_names AS proargnames, r.body AS prosrc, NULL AS probin, NULL AS proacl,
               CASE r.is_function WHEN 1 THEN 'f' ELSE 'p' END AS prokind
        FROM main._rs_routines AS r
        """

    static var pgProcColumns: [SystemColumn] {
        [int("oid"), name("proname"), int("pronamespace"), int("proowner"), int("prolang"), bool("proisagg"),
         bool("prosecdef"), bool("proisstrict"), bool("proretset"), char("provolatile"), SystemColumn("pronargs", .smallint),
         int("prorettype"), text("proargtypes"), text("proallargtypes"), text("proargmodes"), text("proargnames"),
         text("prosrc", 65535), text("probin"), text("proacl")]
    }

    static var pgProcInfo: SystemRelation {
        SystemRelation(name: "pg_proc_info", columns: [int("prooid")] + pgProcColumns + [char("prokind")], source: .catalogQuery("""
            SELECT p.oid AS prooid, p.* FROM (\(routineRows)) AS p
            """))
    }

    static var informationSchemaRoutines: SystemRelation {
        SystemRelation(schema: "information_schema", name: "routines", columns: [
            name("specific_catalog"), name("specific_schema"), name("specific_name"), name("routine_catalog"), name("routine_schema"),
            name("routine_name"), text("routine_type", 20), text("data_type", 128), text("routine_body", 20), text("routine_definition", 65535),
            text("external_language", 20), text("security_type", 20),
        ], source: .catalogQuery("""
            SELECT \(Placeholder.database) AS specific_catalog, r.schema_name AS specific_schema, r.name || '_' || r.oid AS specific_name,
                   \(Placeholder.database) AS routine_catalog, r.schema_name AS routine_schema, r.name AS routine_name,
                   CASE r.is_function WHEN 1 THEN 'FUNCTION' ELSE 'PROCEDURE' END AS routine_type,
                   CASE WHEN r.returns IS NULL THEN NULL ELSE rs_catalog_type(r.returns, 'format') END AS data_type,
                   CASE r.language WHEN 'sql' THEN 'SQL' ELSE 'EXTERNAL' END AS routine_body, r.body AS routine_definition,
                   upper(r.language) AS external_language, CASE r.security_definer WHEN 1 THEN 'DEFINER' ELSE 'INVOKER' END AS security_type
            FROM main._rs_routines AS r
            """))
    }

    static var informationSchemaParameters: SystemRelation {
        SystemRelation(schema: "information_schema", name: "parameters", columns: [
            name("specific_catalog"), name("specific_schema"), name("specific_name"), int("ordinal_position"), text("parameter_mode", 10),
            name("parameter_name"), text("data_type", 128),
        ], source: .catalogQuery("""
            SELECT \(Placeholder.database) AS specific_catalog, r.schema_name AS specific_schema, r.name || '_' || r.oid AS specific_name,
                   a.position AS ordinal_position, a.mode AS parameter_mode, a.name AS parameter_name, a.type AS data_type
            FROM main._rs_routine_arguments AS a JOIN main._rs_routines AS r ON r.oid = a.oid
            """))
    }
}
