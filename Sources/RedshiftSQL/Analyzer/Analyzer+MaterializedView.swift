/// Materialized views: a table (kind `.table`) whose `view_query` holds the defining query.
///
/// CREATE fills it like CREATE TABLE AS; REFRESH re-analyzes the stored query and replaces the rows
/// (DELETE + INSERT in one transaction); DROP MATERIALIZED VIEW drops the table. Reads see the stored
/// rows (no expansion, unlike a view), so they are as of the last refresh, as in Redshift. BACKUP,
/// DISTSTYLE/DISTKEY/SORTKEY are kept like a table's; AUTO REFRESH is kept as an `AUTO REFRESH YES|NO`
/// entry of `_rs_tables.constraints` and has no effect (no background refresh).
///
/// - Redshift: CREATE MATERIALIZED VIEW (materialized-view-create-sql-command), REFRESH MATERIALIZED
///   VIEW (materialized-view-refresh-sql-command), DROP MATERIALIZED VIEW (materialized-view-drop-sql-command).
extension Analyzer {
    func createMaterializedViewSteps(_ create: AST.CreateMaterializedView) throws -> [Bound.Step] {
        if create.name.parts.count == 1, create.name.last.hasPrefix("#") {
            throw SQLError(code: "0A000", message: "materialized views cannot be temporary", position: create.name.position)
        }
        let ctas = AST.CreateTableAs(name: create.name, temporary: false, ifNotExists: false, columnNames: [], options: create.options, query: create.query)
        return try createTableAsSteps(ctas) { definition in
            definition.viewQuery = create.queryText
            definition.constraints.append("AUTO REFRESH \(create.autoRefresh == true ? "YES" : "NO")")
        }
    }

    func refreshMaterializedViewSteps(_ name: AST.Name) throws -> [Bound.Step] {
        let table = try lookupTable(name)
        guard table.isMaterializedView, let text = table.viewQuery else {
            throw SQLError(code: "42809", message: "\"\(table.name)\" is not a materialized view", position: name.position)
        }
        guard case .query(let query) = try Parser.parseStatement(text) else {
            throw SQLError(code: "XX000", message: "materialized view \"\(table.name)\" has an invalid definition")
        }
        let bound = try analyzeQuery(query, outer: nil)
        guard bound.columns.count == table.columns.count else {
            throw SQLError(code: "XX000", message: "materialized view \"\(table.name)\" no longer matches its definition")
        }
        let names = table.columns.map(\.name)
        return [.delete(Bound.Delete(table: table.sqliteName)),
                .insert(Bound.Insert(table: table.sqliteName, columns: names, source: .query(renameOutputs(bound, to: names))))]
    }

    func dropMaterializedViewSteps(_ names: [AST.Name], ifExists: Bool) throws -> [Bound.Step] {
        var steps: [Bound.Step] = []
        for name in names {
            let table: TableDefinition
            do {
                table = try lookupTable(name)
            } catch let error as SQLError where error.code == "42P01" {
                if ifExists { continue }
                throw SQLError(code: "42P01", message: "materialized view \"\(name.last)\" does not exist", position: name.position)
            }
            guard table.isMaterializedView else {
                throw SQLError(code: "42809", message: "\"\(table.name)\" is not a materialized view", position: name.position)
            }
            steps += [.schema(.dropTable(table)), .catalog(.deleteRelation(table))]
        }
        return steps
    }
}

extension TableDefinition {
    /// A materialized view: a table with a defining query.
    public var isMaterializedView: Bool { kind == .table && viewQuery != nil }
}
