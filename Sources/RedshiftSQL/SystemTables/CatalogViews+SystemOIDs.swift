/// The OIDs of PostgreSQL's own catalogs, which `'pg_constraint'::regclass::oid` finds (pgjdbc's
/// getImportedKeys matches pg_depend.classid against it).
///
/// - Redshift: the PostgreSQL 8.0 catalog (c_intro_catalog_views); the OIDs are PostgreSQL's fixed
///   ones (catalog-pg-class.html). pg_catalog precedes the search path, so these names win.
extension CatalogViews {
    static let systemCatalogOIDs: [String: Int] = [
        "pg_type": 1247, "pg_attribute": 1249, "pg_proc": 1255, "pg_class": 1259, "pg_database": 1262,
        "pg_attrdef": 2604, "pg_constraint": 2606, "pg_depend": 2608, "pg_description": 2609, "pg_index": 2610,
        "pg_namespace": 2615,
    ]

    /// `SELECT oid, name UNION ALL …` over `systemCatalogOIDs` (columns rs_oid, rs_relname).
    static var systemCatalogRows: String {
        systemCatalogOIDs.sorted { $0.value < $1.value }
            .map { "SELECT \($0.value) AS rs_oid, '\($0.key)' AS rs_relname" }
            .joined(separator: " UNION ALL ")
    }
}
