/// The rows of pg_settings (CatalogViews+Settings.swift), from the session's SET values and the defaults SHOW reports.
extension Analyzer {
    /// `CatalogViews.Placeholder.settings` as catalog-view segments: one `SELECT … UNION ALL` row per parameter.
    func settingsSegments() -> [Bound.CatalogView.Segment] {
        var rows: [(name: String, setting: String, context: String, vartype: String, source: String)] = []
        let names = Set(Self.defaultSettings.keys).union(context.settings.keys).sorted()
        for name in names {
            let value = context.settings[name] ?? Self.defaultSettings[name] ?? ""
            rows.append((name, value, "user", "string", context.settings[name] == nil ? "default" : "session"))
        }
        for (name, value) in CatalogViews.internalSettings {
            rows.append((name, value, "internal", "integer", "default"))
        }
        var segments: [Bound.CatalogView.Segment] = []
        for (offset, row) in rows.enumerated() {
            segments.append(.text(offset == 0 ? "SELECT " : " UNION ALL SELECT "))
            for (index, value) in [row.name, row.setting, row.context, row.vartype, row.source].enumerated() {
                if index > 0 { segments.append(.text(", ")) }
                segments.append(.literal(value))
                segments.append(.text(" AS " + ["name", "setting", "context", "vartype", "source"][index]))
            }
        }
        return segments
    }
}
