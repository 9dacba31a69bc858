/// Catalog views: the template text with each placeholder written out (`CatalogViews.Placeholder`).
extension SQLiteGenerator {
    static func catalogView(_ view: Bound.CatalogView) -> String {
        var sql = ""
        for segment in view.segments { sql += catalogSegment(segment) }
        return view.hidden ? "SELECT * FROM (\(sql)) WHERE 0" : sql
    }

    private static func catalogSegment(_ segment: Bound.CatalogView.Segment) -> String {
        switch segment {
        case .text(let text): return text
        case .literal(let value): return literal(.text(value))
        case .flag(let on): return on ? "1" : "0"
        case .tempTables(let exists):
            return exists ? "(SELECT rowid AS rid, * FROM temp._rs_temp_tables)" : "(SELECT rowid AS rid, * FROM _rs_tables WHERE 0)"
        case .tempColumns(let exists):
            return exists ? "temp._rs_temp_columns" : "(SELECT * FROM _rs_columns WHERE 0)"
        case .searchPathRank(let expression, let path):
            var seen: Set<String> = [PhysicalLayout.tempSchema]
            var text = "(CASE \(expression) WHEN \(literal(.text(PhysicalLayout.tempSchema))) THEN 0"
            for (index, schema) in path.enumerated() where seen.insert(schema).inserted {
                text += " WHEN \(literal(.text(schema))) THEN \(index + 1)"
            }
            return text + " END)"
        case .tableVisible(let alias, let tables):
            guard let tables else { return "1" }
            let pairs = tables.map { "(\(literal(.text($0.schema))), \(literal(.text($0.name))))" }
            return pairs.isEmpty ? "0" : "((\(alias).schema_name, \(alias).table_name) IN (VALUES \(pairs.joined(separator: ", "))))"
        case .schemaVisible(let expression, let schemas):
            guard let schemas else { return "1" }
            return schemas.isEmpty ? "0" : "(\(expression) IN (\(schemas.map { literal(.text($0)) }.joined(separator: ", "))))"
        case .databases(let databases):
            // owner_id: the owner's usesysid where this database's catalog knows the user; rdsdb is 1.
            let rows = databases.map { database in
                let options = database.options
                let limit = options.connectionLimit.map(String.init) ?? "NULL"
                return "SELECT \(database.oid) AS oid, \(literal(.text(database.name))) AS name, \(literal(.text(database.owner))) AS owner, "
                    + "COALESCE((SELECT usesysid FROM _rs_users WHERE name = \(literal(.text(database.owner)))), "
                    + "CASE WHEN \(literal(.text(database.owner))) = 'rdsdb' THEN 1 ELSE \(CatalogViews.unknownUserID) END) AS owner_id, "
                    + "\(limit) AS connection_limit, \(literal(.text(options.collation.rawValue))) AS collation, "
                    + "\(literal(.text(options.isolation.rawValue))) AS isolation"
            }
            return "(" + rows.joined(separator: " UNION ALL ") + ")"
        case .rowCounts(let tables):
            let selects = tables.map {
                "SELECT \(literal(.text($0.schema))) AS schema_name, \(literal(.text($0.name))) AS table_name, (SELECT count(*) FROM \($0.sqliteName)) AS row_count"
            }
            return selects.isEmpty ? "SELECT NULL AS schema_name, NULL AS table_name, 0 AS row_count WHERE 0" : selects.joined(separator: " UNION ALL ")
        }
    }
}
