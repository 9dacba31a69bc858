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
            if select.top != nil, query.limit != nil {
                // TOP is a LIMIT written in the select list (r_SELECT_list): both at once is an error.
                throw SQLError(code: "42601", message: "multiple LIMIT clauses not allowed", position: select.position)
            }
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
        return outer == nil ? try secureReads(result) : result
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
            for (index, (a, b)) in zip(lc, rc).enumerated() {
                // An untyped NULL in one branch takes the other branch's type, as PostgreSQL resolves it
                // (sqlalchemy-redshift's reflection unions `null AS "rel_oid"` with an oid column).
                let leftType = Self.isNullItem(l, index) ? RedshiftType.unknown : a.type
                let rightType = Self.isNullItem(r, index) ? RedshiftType.unknown : b.type
                guard let type = TypeRules.common([leftType, rightType]) else {
                    throw SQLError.datatype("\(name) types \(a.type.formatTypeName) and \(b.type.formatTypeName) cannot be matched")
                }
                var column = a
                column.type = type == .unknown ? .varchar(length: 256) : type
                column.nullable = a.nullable || b.nullable
                if a.schemaName != b.schemaName || a.tableName != b.tableName { column.schemaName = ""; column.tableName = "" }
                columns.append(column)
            }
            if all && op != .union {
                return (try multisetOperation(name, try conform(l, lc, to: columns), try conform(r, rc, to: columns), columns: columns), columns)
            }
            let sqliteOp = name + (all ? " ALL" : "")
            return (.setOperation(sqliteOp, try conform(l, lc, to: columns), try conform(r, rc, to: columns)), columns)
        }
    }

    /// True when select item `index` of `body` is a bare NULL literal.
    static func isNullItem(_ body: Bound.Body, _ index: Int) -> Bool {
        guard case .select(let select) = body, index < select.items.count,
              case .literal(.null) = select.items[index].expression.kind else { return false }
        return true
    }

    /// INTERSECT ALL / EXCEPT ALL, which SQLite lacks: each branch numbers its duplicates
    /// (row_number over a partition of all columns), the distinct operation runs on (row, n), and
    /// the numbers are dropped: min(m, n) and max(m − n, 0) copies, as the SQL standard defines them.
    private func multisetOperation(_ name: String, _ left: Bound.Body, _ right: Bound.Body, columns: [ResultColumn]) throws -> Bound.Body {
        let names = columns.indices.map { "_rs_c\($0 + 1)" }
        func numbered(_ body: Bound.Body) -> Bound.Body {
            let inner = renameOutputs(Bound.Query(body: body, columns: columns), to: names)
            var select = Bound.Select()
            let keys = columns.indices.map { Bound.Expression(kind: .column(relation: "_rs_branch", name: names[$0]), type: columns[$0].type, nullable: columns[$0].nullable) }
            select.items = zip(keys, names).map { ($0, $1) }
            let number = Bound.Expression(kind: .window(.call("row_number", [], type: .bigint), partitionBy: keys, orderBy: [], frame: nil), type: .bigint, hasWindow: true)
            select.items.append((number, "_rs_n"))
            select.from = [.subquery(inner, alias: "_rs_branch")]
            return .select(select)
        }
        let numberedColumns = zip(names, columns).map { name, column in ResultColumn(name: name, type: column.type) } + [ResultColumn(name: "_rs_n", type: .bigint)]
        let operation = Bound.Query(body: .setOperation(name, numbered(left), numbered(right)), columns: numberedColumns)
        var outer = Bound.Select()
        outer.items = columns.indices.map { (Bound.Expression(kind: .column(relation: "_rs_multiset", name: names[$0]), type: columns[$0].type, nullable: columns[$0].nullable), columns[$0].name) }
        outer.from = [.subquery(operation, alias: "_rs_multiset")]
        return .select(outer)
    }

    /// A set-operation branch whose columns are converted to the operation's column types where the
    /// stored form differs (DECIMAL scales, integer → DECIMAL, DATE → TIMESTAMP …).
    private func conform(_ body: Bound.Body, _ columns: [ResultColumn], to target: [ResultColumn]) throws -> Bound.Body {
        func differs(_ a: RedshiftType, _ b: RedshiftType) -> Bool {
            a != b && a != .unknown && !(a.isCharacter && b.isCharacter) && !(a.isInteger && b.isInteger)
        }
        guard zip(columns, target).contains(where: { differs($0.type, $1.type) }) else { return body }
        if case .select(var select) = body {
            for index in select.items.indices where differs(columns[index].type, target[index].type) {
                select.items[index].expression = try coerce(select.items[index].expression, to: target[index].type)
            }
            return .select(select)
        }
        let names = columns.indices.map { "_rs_c\($0 + 1)" }
        let inner = renameOutputs(Bound.Query(body: body, columns: columns), to: names)
        var select = Bound.Select()
        select.items = try columns.indices.map { index in
            let column = Bound.Expression(kind: .column(relation: "_rs_branch", name: names[index]), type: columns[index].type, nullable: columns[index].nullable)
            return (try coerce(column, to: target[index].type), names[index])
        }
        select.from = [.subquery(inner, alias: "_rs_branch")]
        return .select(select)
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
