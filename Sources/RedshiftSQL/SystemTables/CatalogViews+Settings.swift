/// pg_settings: the run-time parameters as SHOW and current_setting report them, one row each.
///
/// - Redshift: the PostgreSQL 8.0 view (c_intro_catalog_views: Redshift keeps PostgreSQL's catalog);
///   pgjdbc reads `max_index_keys` from it for getImportedKeys/getExportedKeys. Redshift documents
///   neither the view nor its rows: the rows are the parameters SHOW knows
///   (`Analyzer.defaultSettings`, the session's SET values) plus `max_index_keys` (PostgreSQL's 32).
extension CatalogViews {
    static var settingsRelations: [SystemRelation] {
        [SystemRelation(name: "pg_settings", columns: [
            text("name"), text("setting"), text("category"), text("short_desc"), text("extra_desc"), text("context"),
            text("vartype"), text("source"), text("min_val"), text("max_val"),
        ], source: .catalogQuery("""
            SELECT s.name AS name, s.setting AS setting, NULL AS category, NULL AS short_desc, NULL AS extra_desc,
                   s.context AS context, s.vartype AS vartype, s.source AS source, NULL AS min_val, NULL AS max_val
            FROM (\(Placeholder.settings)) AS s
            """))]
    }

    /// Parameters the session cannot change: (name, value).
    static let internalSettings = [("max_index_keys", "32")]
}

extension CatalogViews.Placeholder {
    /// The session's parameters: a subquery (name, setting, context, vartype, source).
    static let settings = "{{settings}}"
}
