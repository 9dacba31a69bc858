/// Unnesting SUPER arrays and unpivoting SUPER objects in FROM, over SQLite's `json_each`.
///
/// `FROM t c, c.orders AS o AT i` joins each row of `c` with one row per element of its array:
/// `o` is the element (SUPER), `i` its zero-based index. `FROM t c, UNPIVOT c.attrs AS v AT k`
/// gives one row per attribute: `v` the value (SUPER), `k` the attribute name. A value of another
/// kind (or a missing path) yields no rows (lax semantics).
///
/// - Redshift: query-super ("Unnesting queries", "Object unpivoting"), limitations-super.
extension Analyzer {
    /// `c.orders [AS] o` in FROM where `c` names an earlier FROM relation: an implicit unnest.
    func implicitSuperUnnest(_ name: AST.Name, alias: String?, scope: Scope) throws -> Bound.FromItem? {
        guard name.parts.count >= 2 else { return nil }
        var level: Scope? = scope
        var found = false
        while let current = level, !found {
            found = current.relations.contains { $0.name == name.parts[0] }
            level = current.parent
        }
        guard found else { return nil }
        let unnest = AST.SuperUnnest(path: AST.Expression(kind: .column(name), position: name.position), alias: alias ?? name.last,
                                     indexAlias: nil, unpivot: false, position: name.position)
        return try bindSuperUnnest(unnest, scope: scope)
    }

    func bindSuperUnnest(_ unnest: AST.SuperUnnest, scope: Scope) throws -> Bound.FromItem {
        let value = try bindExpression(unnest.path, scope: scope, clause: .other)
        guard value.type == .super else {
            // Divergence: Redshift's wording for unnesting a non-SUPER value is not documented.
            throw SQLError(code: "42804", message: "\(unnest.unpivot ? "UNPIVOT" : "unnesting") needs a SUPER value, not type \(value.type.formatTypeName)", position: unnest.position)
        }
        let alias = unnest.alias
        func column(_ name: String, _ type: RedshiftType) -> Bound.Expression {
            Bound.Expression(kind: .column(relation: alias, name: name), type: type, nullable: true)
        }
        let element = Bound.Expression.call("rs_super_each", [column("type", .varchar(length: 16)), column("value", .super)], type: .super, nullable: true)
        var columns = [Scope.Column(name: alias, type: .super, nullable: true, sqliteName: "value")]
        var masked: [String: Bound.Expression] = [alias: element]
        if let indexAlias = unnest.indexAlias {
            let indexType: RedshiftType = unnest.unpivot ? .varchar(length: 65535) : .integer
            columns.append(Scope.Column(name: indexAlias, type: indexType, nullable: false, sqliteName: "key"))
            masked[indexAlias] = column("key", indexType).with(nullable: false)
        }
        var relation = Scope.Relation(name: alias, sqliteAlias: alias, columns: columns)
        relation.masked = masked
        try addRelation(relation, to: scope, position: unnest.position)
        let kind = Bound.Expression.literal(.text(unnest.unpivot ? "object" : "array"), .varchar(length: 8))
        return .tableFunction("json_each", [.call("rs_super_if", [value, kind], type: .super, nullable: true)], alias: alias)
    }
}
