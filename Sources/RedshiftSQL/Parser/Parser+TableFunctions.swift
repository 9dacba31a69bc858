/// Set-returning functions in FROM: `pg_catalog.generate_series(1, 32) pos(n)` (pgjdbc's getImportedKeys)
/// and `information_schema._pg_expandarray(a) AS e` (Analyzer+TableFunctions.swift binds them).
///
/// - Redshift: generate_series is a leader-node function (c_SQL_functions_leader_node_only); the catalog's
///   queries use both against clusters.
extension Parser {
    /// True for a function FROM may call.
    static func isTableFunction(_ name: AST.Name) -> Bool {
        if name.parts == ["information_schema", "_pg_expandarray"] { return true }
        return name.last == "generate_series" && (name.parts.count == 1 || name.parts == ["pg_catalog", "generate_series"])
    }

    /// `name(args) [[AS] alias [(column, …)]]` at the `(`.
    mutating func parseTableFunction(_ name: AST.Name) throws -> AST.TableReference {
        let call = try parseCall(name)
        let alias = try parseAlias()
        var columns: [String] = []
        if alias != nil, consumeSymbol("(") {
            columns = try parseList { try $0.parseIdentifier(allowReserved: true) }
            try expectSymbol(")")
        }
        return .function(call, alias: alias, columns: columns, position: name.position)
    }
}
