/// Resolution of system relations (catalog views and engine tables) in FROM.
///
/// - Redshift: pg_catalog is searched before the search_path (r_search_path), and the STL, STV,
///   SVL, SVV and SYS views live there; information_schema relations need their schema name.
extension Analyzer {
    /// The system relation `name` refers to, or nil when it names a user table (or nothing).
    func systemRelation(_ name: AST.Name) throws -> SystemRelation? {
        let parts = name.parts.count == 3 && name.parts[0] == context.database ? Array(name.parts.dropFirst()) : name.parts
        switch parts.count {
        case 1: return SystemRelations.named(parts[0])
        case 2 where PhysicalLayout.systemSchemas.contains(parts[0]):
            guard let relation = SystemRelations.named(parts[1], schema: parts[0]) else {
                throw SQLError.unsupported("system relation \(parts.joined(separator: "."))", at: name.position)
            }
            return relation
        default: return nil
        }
    }

    /// The FROM item and scope columns of a system relation; engine relations are remembered so
    /// the engine fills them before the statement runs.
    func bindSystemRelation(_ relation: SystemRelation, alias: String?) throws -> (item: Bound.FromItem, columns: [Scope.Column]) {
        let relationName = alias ?? relation.name
        let columns = relation.columns.map {
            Scope.Column(name: $0.name, type: $0.type, nullable: true, sqliteName: $0.name, schemaName: relation.schema, tableName: relation.name)
        }
        switch relation.source {
        case .catalogQuery(let sql):
            return (.raw(try catalogSQL(sql), alias: relationName), columns)
        case .engine:
            if !engineRelations.contains(relation) { engineRelations.append(relation) }
            return (.table(relation.sqliteName, alias: relationName), columns)
        }
    }

    /// A catalog view's SQL with its `CatalogViews.Placeholder`s filled from the context: the
    /// database, the user, the session's temp meta tables, the search path, the row counts.
    /// One pass over the template: replacement text (which may hold names) is never rescanned.
    func catalogSQL(_ sql: String) throws -> String {
        typealias P = CatalogViews.Placeholder
        guard sql.contains("{{") else { return sql }
        var hasTemp: Bool?
        func temp() throws -> Bool {
            if let known = hasTemp { return known }
            let found = !(try context.catalog.tables(inSchema: PhysicalLayout.tempSchema)).isEmpty
            hasTemp = found
            return found
        }
        var output = ""
        var rest = sql[...]
        while let open = rest.range(of: "{{"), let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) {
            output += rest[..<open.lowerBound]
            let token = "{{" + rest[open.upperBound..<close.lowerBound] + "}}"
            switch token {
            case P.database: output += Self.sqlLiteral(context.database)
            case P.user: output += Self.sqlLiteral(context.currentUser)
            case P.isSuperuser: output += context.isSuperuser ? "1" : "0"
            case P.tempTables:
                output += try temp() ? "(SELECT rowid AS rid, * FROM temp._rs_temp_tables)" : "(SELECT rowid AS rid, * FROM _rs_tables WHERE 0)"
            case P.tempColumns:
                output += try temp() ? "temp._rs_temp_columns" : "(SELECT * FROM _rs_columns WHERE 0)"
            case P.rowCounts: output += try rowCountsSQL()
            default:
                if token.hasPrefix(P.searchPathRankPrefix) {
                    output += searchPathRankSQL(String(token.dropFirst(P.searchPathRankPrefix.count).dropLast(2)))
                } else if token.hasPrefix(P.tableVisiblePrefix) {
                    output += try tableVisibleSQL(String(token.dropFirst(P.tableVisiblePrefix.count).dropLast(2)))
                } else if token.hasPrefix(P.schemaVisiblePrefix) {
                    output += try schemaVisibleSQL(String(token.dropFirst(P.schemaVisiblePrefix.count).dropLast(2)))
                } else {
                    output += token
                }
            }
            rest = rest[close.upperBound...]
        }
        return output + rest
    }

    /// What the caller may see in the catalog views; nil when everything (superusers, or a
    /// catalog without security meta tables).
    private func catalogVisibility() throws -> SecurityVisibility? {
        guard let session = try security else { return nil }
        let visibility = SecurityVisibility(state: session.state, user: context.currentUser, bootstrapSuperuser: context.bootstrapSuperuser)
        return visibility.principal.isSuperuser ? nil : visibility
    }

    /// `(alias.schema_name, alias.table_name) IN (VALUES …)` over the permanent tables the caller
    /// may see, `1` when it may see everything, `0` when nothing.
    private func tableVisibleSQL(_ alias: String) throws -> String {
        guard let visibility = try catalogVisibility() else { return "1" }
        var pairs: [String] = []
        for schema in try context.catalog.schemas() where schema != PhysicalLayout.tempSchema {
            for table in try context.catalog.tables(inSchema: schema) where visibility.table(table) {
                pairs.append("(\(Self.sqlLiteral(schema)), \(Self.sqlLiteral(table.name)))")
            }
        }
        return pairs.isEmpty ? "0" : "((\(alias).schema_name, \(alias).table_name) IN (VALUES \(pairs.joined(separator: ", "))))"
    }

    /// `expression IN (…)` over the schemas the caller may use, `1` for everything.
    private func schemaVisibleSQL(_ expression: String) throws -> String {
        guard let visibility = try catalogVisibility() else { return "1" }
        let names = try context.catalog.schemas().filter { visibility.schema($0) }.map(Self.sqlLiteral)
        return names.isEmpty ? "0" : "(\(expression) IN (\(names.joined(separator: ", "))))"
    }

    /// `CASE expression WHEN 'pg_temp' THEN 0 WHEN 'first' THEN 1 … END` (NULL off the path).
    private func searchPathRankSQL(_ expression: String) -> String {
        var seen: Set<String> = [PhysicalLayout.tempSchema]
        var text = "(CASE \(expression) WHEN \(Self.sqlLiteral(PhysicalLayout.tempSchema)) THEN 0"
        for (index, schema) in effectiveSearchPath.enumerated() where seen.insert(schema).inserted {
            text += " WHEN \(Self.sqlLiteral(schema)) THEN \(index + 1)"
        }
        return text + " END)"
    }

    /// (schema_name, table_name, row_count) of every permanent table (SVV_TABLE_INFO).
    private func rowCountsSQL() throws -> String {
        var selects: [String] = []
        for schema in try context.catalog.schemas() where schema != PhysicalLayout.tempSchema {
            for table in try context.catalog.tables(inSchema: schema) where table.kind == .table {
                selects.append("SELECT \(Self.sqlLiteral(schema)) AS schema_name, \(Self.sqlLiteral(table.name)) AS table_name, "
                               + "(SELECT count(*) FROM \(table.sqliteName)) AS row_count")
            }
        }
        return selects.isEmpty ? "SELECT NULL AS schema_name, NULL AS table_name, 0 AS row_count WHERE 0" : selects.joined(separator: " UNION ALL ")
    }

    /// A single-quoted SQLite string literal.
    static func sqlLiteral(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

import Foundation
