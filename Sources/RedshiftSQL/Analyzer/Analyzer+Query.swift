/// Queries: WITH, set operations, ORDER BY / LIMIT.
extension Analyzer {
    func analyzeQuery(_ query: AST.Query, outer: Scope?) throws -> Bound.Query {
        let scope = Scope(parent: outer)
        var ctes: [Bound.CommonTable] = []
        if let with = query.with {
            for table in with.tables {
                if scope.commonTables[table.name] != nil {
                    throw SQLError(code: "42712", message: "WITH query name \"\(table.name)\" specified more than once", position: table.position)
                }
                var bound: Bound.Query
                if with.recursive, case .setOperation(_, _, let seed, _) = table.query.body {
                    guard !table.columns.isEmpty else {
                        throw SQLError(code: "42601", message: "recursive CTE \"\(table.name)\" must have a column list", position: table.position)
                    }
                    let seedQuery = try analyzeQuery(AST.Query(with: nil, body: seed), outer: scope)
                    scope.commonTables[table.name] = commonTable(table.name, columns: table.columns, from: seedQuery.columns, position: table.position)
                    bound = try analyzeQuery(table.query, outer: scope)
                    try unifyRecursive(&bound, seed: seedQuery, name: table.name)
                } else {
                    bound = try analyzeQuery(table.query, outer: scope)
                }
                let names = table.columns.isEmpty ? bound.columns.map(\.name) : table.columns
                guard names.count == bound.columns.count else {
                    throw SQLError(code: "42P10", message: "WITH query \"\(table.name)\" has \(bound.columns.count) columns available but \(names.count) columns specified", position: table.position)
                }
                scope.commonTables[table.name] = commonTable(table.name, columns: names, from: bound.columns, position: table.position)
                ctes.append(Bound.CommonTable(name: table.name, columns: names, query: bound))
            }
        }
        var result: Bound.Query
        if case .select(let select) = query.body {
            let (bound, order) = try analyzeSelect(select, scope: scope, orderBy: query.orderBy)
            result = bound
            result.orderBy = order
        } else {
            let (body, columns) = try analyzeBody(query.body, scope: scope)
            result = Bound.Query(body: body, columns: columns)
            result.orderBy = try query.orderBy.map { try outputOrderItem($0, columns: columns) }
        }
        result.ctes = ctes
        result.recursive = query.with?.recursive ?? false
        if let limit = query.limit { result.limit = try limitExpression(limit, scope: scope) }
        if let offset = query.offset { result.offset = try limitExpression(offset, scope: scope) }
        return result
    }

    private func commonTable(_ name: String, columns names: [String], from columns: [ResultColumn], position: Int) -> Scope.CommonTable {
        Scope.CommonTable(name: name, columns: zip(names, columns).map { name, column in
            Scope.Column(name: name, type: column.type, nullable: column.nullable, sqliteName: name)
        })
    }

    private func unifyRecursive(_ query: inout Bound.Query, seed: Bound.Query, name: String) throws {
        for (index, column) in query.columns.enumerated() where index < seed.columns.count {
            if TypeRules.common(column.type, seed.columns[index].type) == nil {
                throw SQLError.datatype("recursive query \"\(name)\" column \(index + 1) has type \(seed.columns[index].type.formatTypeName) in non-recursive term but type \(column.type.formatTypeName) overall")
            }
        }
    }

    /// LIMIT/OFFSET take a constant integer expression.
    private func limitExpression(_ expression: AST.Expression, scope: Scope) throws -> Bound.Expression {
        let bound = try bindExpression(expression, scope: scope, clause: .other)
        guard bound.type.isInteger || bound.type == .unknown else {
            throw SQLError.datatype("argument of LIMIT must be type bigint, not type \(bound.type.formatTypeName)", at: expression.position)
        }
        return try coerce(bound, to: .bigint)
    }

    /// A set-operation tree or a single SELECT without its own ORDER BY.
    func analyzeBody(_ body: AST.QueryBody, scope: Scope) throws -> (Bound.Body, [ResultColumn]) {
        switch body {
        case .select(let select):
            let (query, _) = try analyzeSelect(select, scope: scope, orderBy: [])
            return (query.body, query.columns)
        case .nested(let query):
            let bound = try analyzeQuery(query, outer: scope.parent)
            return (.nested(bound), bound.columns)
        case .setOperation(let op, let all, let left, let right):
            let (l, lc) = try analyzeBody(left, scope: scope)
            let (r, rc) = try analyzeBody(right, scope: scope)
            let name = op.rawValue.uppercased()
            guard lc.count == rc.count else {
                throw SQLError(code: "42601", message: "each \(name) query must have the same number of columns")
            }
            var columns: [ResultColumn] = []
            for (a, b) in zip(lc, rc) {
                guard let type = TypeRules.common(a.type, b.type) else {
                    throw SQLError.datatype("\(name) types \(a.type.formatTypeName) and \(b.type.formatTypeName) cannot be matched")
                }
                var column = a
                column.type = type == .unknown ? .varchar(length: 256) : type
                column.nullable = a.nullable || b.nullable
                if a.schemaName != b.schemaName || a.tableName != b.tableName { column.schemaName = ""; column.tableName = "" }
                columns.append(column)
            }
            let sqliteOp = name + (all ? " ALL" : "")
            if all && op != .union {
                throw SQLError.unsupported("\(name) ALL")
            }
            return (.setOperation(sqliteOp, l, r), columns)
        }
    }

    /// ORDER BY of a set operation: output names and positions only.
    private func outputOrderItem(_ item: AST.OrderItem, columns: [ResultColumn]) throws -> Bound.OrderItem {
        let position: Int
        switch item.expression.kind {
        case .integer(let text):
            guard let n = Int(text), (1...columns.count).contains(n) else {
                throw SQLError(code: "42P10", message: "ORDER BY position \(text) is not in select list", position: item.expression.position)
            }
            position = n
        case .column(let name) where name.parts.count == 1:
            guard let n = columns.firstIndex(where: { $0.name == name.last }) else {
                throw SQLError.undefinedColumn(name.last, at: name.position)
            }
            position = n + 1
        default:
            throw SQLError.unsupported("ORDER BY expressions on UNION/INTERSECT/EXCEPT results", at: item.expression.position)
        }
        let column = columns[position - 1]
        return Bound.OrderItem(expression: Bound.Expression(kind: .ordinal(position), type: column.type),
                               descending: item.descending, nullsFirst: item.nullsFirst ?? item.descending)
    }
}
