/// Late-binding views (`CREATE VIEW … AS query WITH NO SCHEMA BINDING`): created without
/// resolving the query, which binds to whatever its names mean when the view is queried.
///
/// - Redshift: CREATE VIEW (r_CREATE_VIEW): "a late-binding view … doesn't check the underlying
///   database objects, such as tables and other views, until the view is queried"; its base
///   tables can be dropped or changed without dropping the view; the view owner needs SELECT on
///   what it reads.
extension TableDefinition {
    /// How the stored definition marks a late-binding view (appended to its query text, so the
    /// catalog's view definition reads as Redshift prints it).
    static let lateBindingSuffix = "\nWITH NO SCHEMA BINDING"

    /// True for a view created WITH NO SCHEMA BINDING.
    public var isLateBindingView: Bool { kind == .view && (viewQuery?.hasSuffix(Self.lateBindingSuffix) ?? false) }

    /// The view's defining query text, without the late-binding clause.
    var viewQueryText: String? {
        guard let text = viewQuery, isLateBindingView else { return viewQuery }
        return String(text.dropLast(Self.lateBindingSuffix.count))
    }
}

extension Analyzer {
    /// A late-binding view's catalog entry: the query unresolved, the column names given (if any)
    /// stored without types (they come from the query when the view is read).
    func lateBindingViewDefinition(_ view: AST.CreateView, schema: String, name: String) throws -> TableDefinition {
        try checkQualifiedRelations(view.query, commonTables: [])
        var definition = TableDefinition(schema: schema, name: name, columns: [], kind: .view,
                                         viewQuery: view.queryText + TableDefinition.lateBindingSuffix, owner: context.currentUser)
        for (index, columnName) in view.columns.enumerated() {
            if definition.columns.contains(where: { $0.name == columnName }) {
                throw SQLError(code: "42701", message: "column \"\(columnName)\" specified more than once")
            }
            definition.columns.append(ColumnDefinition(name: columnName, type: .unknown, ordinal: index + 1))
        }
        return definition
    }

    /// "Tables and views referenced in the SELECT statement must be qualified with a schema name.
    /// The schema must exist when the view is created" (r_CREATE_VIEW). Checks the FROM clauses of
    /// the query, its CTEs, set operations and derived tables (subqueries inside expressions are
    /// not walked); CTE names need no schema.
    private func checkQualifiedRelations(_ query: AST.Query, commonTables outer: Set<String>) throws {
        var commonTables = outer
        for table in query.with?.tables ?? [] {
            commonTables.insert(table.name)
            try checkQualifiedRelations(table.query, commonTables: commonTables)
        }
        func walk(_ body: AST.QueryBody) throws {
            switch body {
            case .select(let select): try select.from.forEach(reference)
            case .setOperation(_, _, let left, let right): try walk(left); try walk(right)
            case .nested(let inner): try checkQualifiedRelations(inner, commonTables: commonTables)
            }
        }
        func reference(_ item: AST.TableReference) throws {
            switch item {
            case .table(let name, _):
                if name.parts.count == 1 {
                    if commonTables.contains(name.last) { return }
                    // Redshift's wording (not printed on the page; README "unverified").
                    throw SQLError(code: "42601", message: "All the relation names inside should be qualified", position: name.position)
                }
                let schema = name.parts[name.parts.count - 2]
                if try !context.catalog.schemaExists(schema), context.externalCatalog.schema(schema, in: context.database) == nil {
                    throw SQLError(code: "3F000", message: "schema \"\(schema)\" does not exist", position: name.position)
                }
            case .subquery(let inner, _, _, _): try checkQualifiedRelations(inner, commonTables: commonTables)
            case .superUnnest, .function: return
            case .join(_, let left, let right, _): try reference(left); try reference(right)
            case .pivot(let pivot): try reference(pivot.source)
            }
        }
        try walk(query.body)
    }

    /// The output columns of a view as read: stored names and types, or for a late-binding view the
    /// query's columns (renamed by the view's column list, if it has one).
    func viewOutputColumns(_ table: TableDefinition, query: Bound.Query) throws -> [(name: String, type: RedshiftType)] {
        guard table.isLateBindingView else { return table.columns.map { ($0.name, $0.type) } }
        guard table.columns.count <= query.columns.count else {
            throw SQLError(code: "42601", message: "view \"\(table.name)\" specifies more column names than columns")
        }
        return query.columns.enumerated().map { index, column in
            (index < table.columns.count ? table.columns[index].name : column.name, column.type)
        }
    }
}

extension Analyzer {
    /// The rows of `pg_get_late_binding_view_cols()` (the internal relation
    /// `_rs_late_binding_view_cols`): the columns of every late-binding view, resolved now as the
    /// view's owner; a view that does not resolve (its tables are gone) has no rows.
    ///
    /// - Redshift: PG_GET_LATE_BINDING_VIEW_COLS (PG_GET_LATE_BINDING_VIEW_COLS): view_schema,
    ///   view_name, col_name, col_type, col_num.
    func lateBindingViewColumnsQuery(_ relation: SystemRelation) throws -> Bound.Query {
        var rows: [[SQLiteValue]] = []
        for schema in try context.catalog.schemas() where !PhysicalLayout.systemSchemas.contains(schema) {
            for view in try context.catalog.tables(inSchema: schema) where view.isLateBindingView {
                let outputs = analyzedApart { () throws -> [(name: String, type: RedshiftType)] in
                    let query = try withPrivilegeUser(view.owner) { try expandView(view) }
                    return try viewOutputColumns(view, query: query)
                }
                for (index, output) in (outputs ?? []).enumerated() {
                    rows.append([.text(schema), .text(view.name), .text(output.name), .text(output.type.formatTypeName), .integer(Int64(index + 1))])
                }
            }
        }
        let columns = relation.columns.map { ResultColumn(name: $0.name, type: $0.type) }
        func select(_ values: [SQLiteValue]) -> Bound.Body {
            var select = Bound.Select()
            select.items = zip(values, columns).map { (Bound.Expression.literal($0, $1.type), $1.name) }
            return .select(select)
        }
        guard let first = rows.first else {
            var empty = Bound.Select()
            empty.items = columns.map { (Bound.Expression.null.retyped($0.type), $0.name) }
            empty.whereClause = .literal(.integer(0), .boolean)
            return Bound.Query(body: .select(empty), columns: columns)
        }
        let body = rows.dropFirst().reduce(select(first)) { .setOperation("UNION ALL", $0, select($1)) }
        return Bound.Query(body: body, columns: columns)
    }
}
