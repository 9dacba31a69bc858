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
    func bindSystemRelation(_ relation: SystemRelation, alias: String?) -> (item: Bound.FromItem, columns: [Scope.Column]) {
        let relationName = alias ?? relation.name
        let columns = relation.columns.map {
            Scope.Column(name: $0.name, type: $0.type, nullable: true, sqliteName: $0.name, schemaName: relation.schema, tableName: relation.name)
        }
        switch relation.source {
        case .catalogQuery(let sql):
            return (.raw(sql, alias: relationName), columns)
        case .engine:
            if !engineRelations.contains(relation) { engineRelations.append(relation) }
            return (.table(relation.sqliteName, alias: relationName), columns)
        }
    }
}
