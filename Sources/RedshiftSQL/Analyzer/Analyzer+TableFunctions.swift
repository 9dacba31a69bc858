/// Set-returning functions in FROM, over SQLite's `json_each` (the arguments may name earlier FROM
/// items: the join is lateral, as PostgreSQL's function scans are).
///
/// - `generate_series(start, stop [, step])`: integers; one column named by the column list, else by
///   the alias, else `generate_series`.
/// - `information_schema._pg_expandarray(array)`: columns `x` (the element) and `n` (its 1-based index).
///
/// - Redshift: c_SQL_functions_leader_node_only (generate_series); PostgreSQL's errors: 22023
///   "step size cannot equal zero", 42P10 for too many column names.
extension Analyzer {
    /// The most rows one generate_series call may give (the emulator's bound; Redshift's is not documented).
    static let seriesLimit = 1_000_000

    func bindTableFunction(_ call: AST.FunctionCall, alias: String?, columns names: [String], scope: Scope, position: Int) throws -> Bound.FromItem {
        let relationName = alias ?? call.name.last
        let args = try call.arguments.map { try bindExpression($0, scope: scope, clause: .other) }
        func signature() -> String {
            "\(call.name.dotted)(\(args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")))"
        }
        func column(_ name: String, _ type: RedshiftType) -> Expr {
            Expr(kind: .column(relation: relationName, name: name), type: type, nullable: false)
        }
        let source: Expr
        var outputs: [(name: String, value: Expr)]
        if call.name.last == "generate_series" {
            guard (2...3).contains(args.count) else { throw SQLError.undefinedFunction(signature(), at: position) }
            let bounds = try args.map { try $0.type == .unknown ? coerce($0, to: .integer) : $0 }
            guard bounds.allSatisfy({ $0.type.isInteger }) else { throw SQLError.undefinedFunction(signature(), at: position) }
            let type: RedshiftType = bounds.contains { $0.type == .bigint } ? .bigint : .integer
            let step = bounds.count == 3 ? bounds[2] : .literal(.integer(1), .integer)
            source = .call("rs_series_json", [bounds[0], bounds[1], step], type: .varchar(length: 65535), nullable: true)
            outputs = [(names.first ?? relationName, column("value", type))]
        } else {
            guard args.count == 1 else { throw SQLError.undefinedFunction(signature(), at: position) }
            guard args[0].type.isCharacter || args[0].type == .unknown else { throw SQLError.undefinedFunction(signature(), at: position) }
            source = .call("rs_array_json", [try coerce(args[0], to: .varchar(length: 65535))], type: .varchar(length: 65535), nullable: true)
            let index = Expr.binary("+", column("key", .integer), .literal(.integer(1), .integer), type: .integer)
            outputs = [(names.count > 0 ? names[0] : "x", column("value", .integer).with(nullable: true)),
                       (names.count > 1 ? names[1] : "n", index)]
        }
        guard names.count <= outputs.count else {
            throw SQLError(code: "42P10", message: "table \"\(relationName)\" has \(outputs.count) columns available but \(names.count) columns specified", position: position)
        }
        var relation = Scope.Relation(name: relationName, sqliteAlias: relationName, columns: outputs.map {
            Scope.Column(name: $0.name, type: $0.value.type, nullable: $0.value.nullable, sqliteName: $0.name)
        })
        relation.masked = Dictionary(outputs.map { ($0.name, $0.value) }, uniquingKeysWith: { a, _ in a })
        try addRelation(relation, to: scope, position: position)
        return .tableFunction("json_each", [source], alias: relationName)
    }

    /// `array[n]` on a catalog array column (`con.confkey[pos.n]`): the element as the array's element type.
    func bindCatalogArraySubscript(_ call: AST.FunctionCall, scope: Scope, clause: Clause) throws -> Expr? {
        guard call.name.parts == ["rs_subscript"], call.arguments.count == 2, case .column(let name) = call.arguments[0].kind,
              let resolved = try? resolveColumn(name, scope: scope), let element = resolved.column.arrayElement, element.isInteger else { return nil }
        let index = try coerce(try bindExpression(call.arguments[1], scope: scope, clause: clause), to: .integer)
        let at = Expr.call("rs_array_at", [resolved.expression, index], type: element, nullable: true)
        return Expr(kind: .cast(at, "INTEGER"), type: element, nullable: true)
    }
}
