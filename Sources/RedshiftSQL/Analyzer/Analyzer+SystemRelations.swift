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
            Scope.Column(name: $0.name, type: $0.type, nullable: true, sqliteName: $0.name, schemaName: relation.schema, tableName: relation.name,
                         arrayElement: $0.arrayElement)
        }
        switch relation.source {
        case .catalogQuery(let sql):
            return (.catalogView(withExternalObjects(try catalogView(sql), relation: relation), alias: relationName), columns)
        case .engine:
            if !engineRelations.contains(relation) { engineRelations.append(relation) }
            return (.table(relation.sqliteName, alias: relationName), columns)
        }
    }

    /// A catalog view's template cut at its `CatalogViews.Placeholder`s, each resolved from the
    /// context: the database, the user, the session's temp meta tables, the search path, what the
    /// caller may see, the row counts. One pass: values (which may hold names) are never rescanned.
    func catalogView(_ sql: String) throws -> Bound.CatalogView {
        typealias P = CatalogViews.Placeholder
        guard sql.contains("{{") else { return Bound.CatalogView(segments: [.text(sql)]) }
        var hasTemp: Bool?
        func temp() throws -> Bool {
            if let known = hasTemp { return known }
            let found = !(try context.catalog.tables(inSchema: PhysicalLayout.tempSchema)).isEmpty
            hasTemp = found
            return found
        }
        var segments: [Bound.CatalogView.Segment] = []
        var rest = sql[...]
        while let open = rest.range(of: "{{"), let close = rest.range(of: "}}", range: open.upperBound..<rest.endIndex) {
            segments.append(.text(String(rest[..<open.lowerBound])))
            let token = "{{" + rest[open.upperBound..<close.lowerBound] + "}}"
            func argument(_ prefix: String) -> String { String(token.dropFirst(prefix.count).dropLast(2)) }
            switch token {
            case P.database: segments.append(.literal(context.database))
            case P.databases: segments.append(.databases(clusterDatabases))
            case P.user: segments.append(.literal(context.currentUser))
            case P.isSuperuser: segments.append(.flag(context.isSuperuser))
            case P.tempTables: segments.append(.tempTables(exists: try temp()))
            case P.tempColumns: segments.append(.tempColumns(exists: try temp()))
            case P.rowCounts: segments.append(.rowCounts(try rowCountTables()))
            case P.settings: segments += settingsSegments()
            default:
                if token.hasPrefix(P.searchPathRankPrefix) {
                    segments.append(.searchPathRank(expression: argument(P.searchPathRankPrefix), path: effectiveSearchPath))
                } else if token.hasPrefix(P.tableVisiblePrefix) {
                    segments.append(.tableVisible(alias: argument(P.tableVisiblePrefix), tables: try visibleTables()))
                } else if token.hasPrefix(P.schemaVisiblePrefix) {
                    segments.append(.schemaVisible(expression: argument(P.schemaVisiblePrefix), schemas: try visibleSchemas()))
                } else {
                    segments.append(.text(token))
                }
            }
            rest = rest[close.upperBound...]
        }
        segments.append(.text(String(rest)))
        return Bound.CatalogView(segments: segments)
    }

    /// The cluster's databases the engine passed in; the current one alone when it passed none.
    private var clusterDatabases: [ClusterDatabase] {
        if !context.databases.isEmpty { return context.databases }
        return [ClusterDatabase(name: context.database, owner: "rdsdb", oid: ClusterDatabase.firstOID)]
    }

    /// What the caller may see in the catalog views; nil when everything (superusers, or a
    /// catalog that enforces nothing).
    private func catalogVisibility() throws -> SecurityVisibility? {
        guard let session = try security else { return nil }
        let visibility = SecurityVisibility(state: session.state, user: context.currentUser, bootstrapSuperuser: context.bootstrapSuperuser)
        return visibility.principal.isSuperuser ? nil : visibility
    }

    /// The permanent tables the caller may see; nil when everything.
    private func visibleTables() throws -> [Bound.CatalogView.TableName]? {
        guard let visibility = try catalogVisibility() else { return nil }
        var tables: [Bound.CatalogView.TableName] = []
        for schema in try context.catalog.schemas() where schema != PhysicalLayout.tempSchema {
            for table in try context.catalog.tables(inSchema: schema) where visibility.table(table) {
                tables.append(.init(schema: schema, name: table.name))
            }
        }
        return tables
    }

    /// The schemas the caller may use; nil when everything.
    private func visibleSchemas() throws -> [String]? {
        guard let visibility = try catalogVisibility() else { return nil }
        return try context.catalog.schemas().filter { visibility.schema($0) }
    }

    /// Every permanent table (SVV_TABLE_INFO's row counts).
    private func rowCountTables() throws -> [Bound.CatalogView.TableName] {
        var tables: [Bound.CatalogView.TableName] = []
        for schema in try context.catalog.schemas() where schema != PhysicalLayout.tempSchema {
            for table in try context.catalog.tables(inSchema: schema) where table.kind == .table {
                tables.append(.init(schema: schema, name: table.name, sqliteName: table.sqliteName))
            }
        }
        return tables
    }
}

import Foundation
