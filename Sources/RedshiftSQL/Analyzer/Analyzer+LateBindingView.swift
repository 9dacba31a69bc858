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
