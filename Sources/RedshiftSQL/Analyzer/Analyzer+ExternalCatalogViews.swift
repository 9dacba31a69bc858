/// The external schemas and tables in the catalog views that list every schema and table.
///
/// - Redshift: r_SVV_ALL_SCHEMAS (schema_type `external`, source_database the external database,
///   schema_option its options), r_SVV_ALL_TABLES and r_SVV_TABLES (table_type `EXTERNAL TABLE`).
///   External tables stay out of PG_CLASS, PG_TABLE_DEF and information_schema
///   (r_CREATE_EXTERNAL_TABLE_usage).
extension Analyzer {
    /// `view` with the current database's external objects appended (UNION ALL over the engine's
    /// SVV_EXTERNAL_* rows) when `relation` is one of those views and the database has external schemas.
    func withExternalObjects(_ view: Bound.CatalogView, relation: SystemRelation) -> Bound.CatalogView {
        guard context.externalCatalog.schemas.contains(where: { $0.redshiftDatabase == context.database }) else { return view }
        let source: SystemRelation
        let select: [Bound.CatalogView.Segment]
        let database = Bound.CatalogView.Segment.literal(context.database)
        switch relation.name {
        case "svv_all_schemas":
            source = CatalogViews.svvExternalSchemas
            select = [.text("SELECT "), database, .text(" AS database_name, e.schemaname AS schema_name, e.esowner AS schema_owner, "
                + "'external' AS schema_type, NULL AS schema_acl, e.databasename AS source_database, e.esoptions AS schema_option "
                + "FROM \(source.sqliteName) AS e")]
        case "svv_all_tables":
            source = CatalogViews.svvExternalTables
            select = [.text("SELECT "), database, .text(" AS database_name, e.schemaname AS schema_name, e.tablename AS table_name, "
                + "'EXTERNAL TABLE' AS table_type, NULL AS table_acl, NULL AS remarks FROM \(source.sqliteName) AS e")]
        case "svv_tables":
            source = CatalogViews.svvExternalTables
            select = [.text("SELECT "), database, .text(" AS table_catalog, e.schemaname AS table_schema, e.tablename AS table_name, "
                + "'EXTERNAL TABLE' AS table_type, NULL AS remarks FROM \(source.sqliteName) AS e")]
        default:
            return view
        }
        if !engineRelations.contains(source) { engineRelations.append(source) }
        var combined = view
        combined.segments = [.text("SELECT * FROM (")] + view.segments + [.text(") UNION ALL ")] + select
        return combined
    }
}
