/// Set-returning functions in a select list and field selection on their records.
///
/// `SELECT information_schema._pg_expandarray(i.indkey) AS keys, (information_schema._pg_expandarray(i.indkey)).n
/// FROM pg_index i` yields one row per array element: each call joins `json_each` over the array's elements
/// to its row (SQLite table-valued functions see the earlier FROM items, so the join is lateral); the record's
/// fields are `x` (the element) and `n` (its 1-based index). Calls of one select list advance in lockstep
/// (joined on the element's index), as PostgreSQL runs calls over equally long arrays. A record value prints
/// as PostgreSQL prints one, `(3,1)`; a column holding one keeps its fields (`RecordField`), so an outer
/// query's `(result.keys).x` selects one.
///
/// - Redshift: pgjdbc's getPrimaryKeys sends this against clusters (PostgreSQL 8.0's catalog,
///   c_intro_catalog_views); arrays are text in the emulator (`{1,2}`, int2vector `1 2`).
extension Analyzer {
    /// The fields of `information_schema._pg_expandarray`'s rows.
    static let expandArrayFields = [RecordField(name: "x", type: .integer), RecordField(name: "n", type: .integer)]

    /// `(expr).field` and `information_schema._pg_expandarray(array)`; nil for any other call.
    func bindRecordCall(_ call: AST.FunctionCall, scope: Scope, clause: Clause, position: Int) throws -> Expr? {
        if let element = try bindCatalogArraySubscript(call, scope: scope, clause: clause) { return element }
        if call.name.parts == [Parser.fieldSelectionCall], call.arguments.count == 2, case .string(let field) = call.arguments[1].kind {
            return try bindFieldSelection(call.arguments[0], field: field, scope: scope, clause: clause, position: position)
        }
        guard isExpandArray(call.name) else { return nil }
        let source = try expandArraySource(call, scope: scope, clause: clause, position: position)
        return .call("rs_record", source, type: .varchar(length: 65535), nullable: false)
    }

    /// The record fields of a select item: a `_pg_expandarray` call, or a column that holds records.
    func recordFields(of expression: AST.Expression, scope: Scope) -> [RecordField] {
        switch expression.kind {
        case .function(let call) where isExpandArray(call.name): return Self.expandArrayFields
        case .column(let name): return (try? resolveColumn(name, scope: scope).column.recordFields) ?? []
        default: return []
        }
    }

    /// Adds the select list's set-returning sources to its FROM items, in lockstep.
    func joinSetReturningSources(_ sources: SetReturningSources, into select: inout Bound.Select, grouped: Bool) throws {
        guard !sources.fromItems.isEmpty else { return }
        if grouped || select.items.contains(where: { $0.expression.hasAggregate }) {
            throw SQLError.unsupported("set-returning functions in a grouped select list")
        }
        select.from += sources.fromItems
        for condition in sources.lockstep {
            select.whereClause = select.whereClause.map { .binary("AND", $0, condition, type: .boolean) } ?? condition
        }
    }

    private func isExpandArray(_ name: AST.Name) -> Bool {
        name.parts == ["information_schema", "_pg_expandarray"]
    }

    /// Binds `(base).field`.
    ///
    /// - Redshift: PostgreSQL's errors (ParseFuncOrColumn): 42809 "column notation .f applied to type
    ///   integer, which is not a composite type"; 42703 "could not identify column "f" in record data type".
    private func bindFieldSelection(_ base: AST.Expression, field: String, scope: Scope, clause: Clause, position: Int) throws -> Expr {
        func missing() -> SQLError {
            SQLError(code: "42703", message: "could not identify column \"\(field)\" in record data type", position: position)
        }
        if case .function(let call) = base.kind, isExpandArray(call.name) {
            let fields = try expandArraySource(call, scope: scope, clause: clause, position: call.name.position)
            guard let index = Self.expandArrayFields.firstIndex(where: { $0.name == field }) else { throw missing() }
            return fields[index]
        }
        if case .column(let name) = base.kind, let resolved = try? resolveColumn(name, scope: scope), !resolved.column.recordFields.isEmpty {
            let fields = resolved.column.recordFields
            guard let index = fields.firstIndex(where: { $0.name == field }) else { throw missing() }
            return .call("rs_record_field", [resolved.expression, .literal(.integer(Int64(index + 1)), .integer)], type: fields[index].type, nullable: true)
        }
        let value = try bindExpression(base, scope: scope, clause: clause)
        throw SQLError(code: "42809", message: "column notation .\(field) applied to type \(value.type.formatTypeName), which is not a composite type", position: position)
    }

    /// Joins one `_pg_expandarray(array)` call's rows to the select list's FROM items; returns its
    /// fields `x` and `n` as expressions over them.
    ///
    /// - Redshift: outside a select list PostgreSQL 8.0 answers 0A000 "set-valued function called in
    ///   context that cannot accept a set"; an argument that is not an array: 42883 (no such function).
    private func expandArraySource(_ call: AST.FunctionCall, scope: Scope, clause: Clause, position: Int) throws -> [Expr] {
        guard call.arguments.count == 1 else {
            throw SQLError.undefinedFunction("information_schema._pg_expandarray(\(call.arguments.map { _ in "unknown" }.joined(separator: ", ")))", at: position)
        }
        let array = try bindExpression(call.arguments[0], scope: scope, clause: .other)
        guard array.type.isCharacter || array.type == .unknown else {
            throw SQLError.undefinedFunction("information_schema._pg_expandarray(\(array.type.formatTypeName))", at: position)
        }
        guard clause == .selectList, let sources = setReturningSources, sources.scope === scope else {
            throw SQLError(code: "0A000", message: "set-valued function called in context that cannot accept a set", position: position)
        }
        setReturningCount += 1
        let alias = "_rs_srf\(setReturningCount)"
        let elements = Expr.call("rs_array_json", [try coerce(array, to: .varchar(length: 65535))], type: .varchar(length: 65535), nullable: true)
        sources.fromItems.append(.tableFunction("json_each", [elements], alias: alias))
        let key = Expr(kind: .column(relation: alias, name: "key"), type: .integer, nullable: false)
        if let first = sources.firstKey {
            sources.lockstep.append(.binary("=", key, first, type: .boolean))
        } else {
            sources.firstKey = key
        }
        let element = Expr(kind: .column(relation: alias, name: "value"), type: .integer, nullable: true)
        let index = Expr.binary("+", key, .literal(.integer(1), .integer), type: .integer)
        return [element, index.with(nullable: false)]
    }
}

/// The set-returning calls of one select list: the FROM items they add and the conditions that
/// keep them in lockstep.
final class SetReturningSources {
    /// The select list's scope: a call in another scope (a subquery's WHERE) is not in this list.
    let scope: Scope
    var fromItems: [Bound.FromItem] = []
    var firstKey: Bound.Expression?
    var lockstep: [Bound.Expression] = []

    init(scope: Scope) { self.scope = scope }
}
