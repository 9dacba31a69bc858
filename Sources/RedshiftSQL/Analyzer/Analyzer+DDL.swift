/// CREATE/DROP/TRUNCATE for tables, views and schemas: the schema changes plus the meta-table updates
/// (rendered by SQLiteGenerator+DDL.swift and +Catalog.swift).
///
/// - Redshift: CREATE TABLE (r_CREATE_TABLE_NEW), DROP TABLE (r_DROP_TABLE), TRUNCATE (r_TRUNCATE),
///   CREATE VIEW (r_CREATE_VIEW), ALTER TABLE (r_ALTER_TABLE). Constraints other than NOT NULL are
///   informational, as in Redshift.
extension Analyzer {
    /// (schema, table, temporary) for a name being created.
    ///
    /// A table name starting with `#` names a temporary table (r_CREATE_TABLE_NEW: "a table name
    /// beginning with '#' indicates a temporary table").
    func creationTarget(_ name: AST.Name, temporary declared: Bool) throws -> (String, String, Bool) {
        let temporary = declared || name.last.hasPrefix("#")
        switch name.parts.count {
        case 1:
            let schema = temporary ? PhysicalLayout.tempSchema : try creationSchema()
            try checkCreate(inSchema: schema, position: name.position)
            return (schema, name.last.hasPrefix("#") ? String(name.last.dropFirst()) : name.last, temporary)
        case 2, 3:
            if name.parts.count == 3, name.parts[0] != context.database {
                throw SQLError(code: "0A000", message: "cross-database reference to database \"\(name.parts[0])\" is not supported", position: name.position)
            }
            let schema = name.parts[name.parts.count - 2]
            if temporary || schema == PhysicalLayout.tempSchema {
                throw SQLError(code: "42P16", message: "cannot create temporary relation in non-temporary schema", position: name.position)
            }
            guard try context.catalog.schemaExists(schema) else {
                throw SQLError(code: "3F000", message: "schema \"\(schema)\" does not exist", position: name.position)
            }
            try checkCreate(inSchema: schema, position: name.position)
            return (schema, name.last, false)
        default:
            throw SQLError(code: "42601", message: "improper qualified name (too many dotted names): \(name.dotted)", position: name.position)
        }
    }

    func createTableSteps(_ create: AST.CreateTable) throws -> [Bound.Step] {
        let (schema, name, temporary) = try creationTarget(create.name, temporary: create.temporary)
        if try context.catalog.table(schema: schema, name: name) != nil {
            if create.ifNotExists { return [] }
            throw SQLError(code: "42P07", message: "relation \"\(name)\" already exists", position: create.name.position)
        }
        var definition = TableDefinition(schema: schema, name: name, columns: [], kind: temporary ? .temporary : .table, owner: context.currentUser)
        if let (parentName, includingDefaults) = create.like {
            let parent = try lookupTable(parentName)
            definition.columns = parent.columns.map { column in
                var copy = column
                if !includingDefaults { copy.defaultExpression = nil }
                return copy
            }
            (definition.distStyle, definition.distKey, definition.sortKeyStyle, definition.sortKeys, definition.backup) =
                (parent.distStyle, parent.distKey, parent.sortKeyStyle, parent.sortKeys, parent.backup)
        }
        for spec in create.columns {
            if definition.columns.contains(where: { $0.name == spec.name }) {
                throw SQLError(code: "42701", message: "column \"\(spec.name)\" specified more than once", position: spec.position)
            }
            if spec.type.type == .interval {
                throw SQLError.unsupported("type interval for a column", at: spec.position)
            }
            if spec.identity != nil, !(spec.type.type == .integer || spec.type.type == .bigint) {
                throw SQLError(code: "0A000", message: "Identity column type must be INT or BIGINT", position: spec.position)
            }
            var column = ColumnDefinition(name: spec.name, type: spec.type.type, nullable: spec.nullable && !spec.primaryKey,
                                          defaultExpression: spec.defaultText, ordinal: definition.columns.count + 1,
                                          identity: spec.identity, encoding: spec.encoding, isDistKey: spec.distKey)
            if spec.distKey { definition.distKey = spec.name; definition.distStyle = "KEY" }
            if spec.sortKey { definition.sortKeys = [spec.name]; definition.sortKeyStyle = "COMPOUND" }
            if spec.primaryKey { definition.constraints.append("PRIMARY KEY (\(spec.name))") }
            if spec.unique { definition.constraints.append("UNIQUE (\(spec.name))") }
            if let references = spec.references { definition.constraints.append("FOREIGN KEY (\(spec.name)) REFERENCES \(references)") }
            if let expression = spec.defaultExpression {
                // Validate now: DEFAULT must be a constant expression of a compatible type.
                let bound = try bindExpression(expression, scope: Scope(parent: nil), clause: .values)
                _ = try assignment(bound, to: column, table: definition, position: expression.position)
            }
            if spec.primaryKey { column.nullable = false }
            definition.columns.append(column)
        }
        definition.constraints += create.constraints
        try apply(create.options, to: &definition)
        return createSteps(definition)
    }

    func apply(_ options: AST.TableOptions, to definition: inout TableDefinition) throws {
        if let style = options.distStyle { definition.distStyle = style }
        if let key = options.distKey {
            guard definition.columns.contains(where: { $0.name == key }) else {
                throw SQLError(code: "42703", message: "column \"\(key)\" named in DISTKEY does not exist")
            }
            definition.distKey = key
            definition.distStyle = "KEY"
        }
        if !options.sortKeys.isEmpty {
            for key in options.sortKeys where !definition.columns.contains(where: { $0.name == key }) {
                throw SQLError(code: "42703", message: "column \"\(key)\" named in SORTKEY does not exist")
            }
            definition.sortKeys = options.sortKeys
        }
        if let style = options.sortKeyStyle { definition.sortKeyStyle = style }
        definition.backup = options.backup
        for index in definition.columns.indices {
            definition.columns[index].isDistKey = definition.columns[index].name == definition.distKey
            definition.columns[index].sortKeyPosition = (definition.sortKeys.firstIndex(of: definition.columns[index].name) ?? -1) + 1
        }
    }

    /// The table with its identity triggers and key indexes, and its meta rows.
    func createSteps(_ table: TableDefinition) -> [Bound.Step] {
        (table.kind == .temporary ? [.catalog(.bootstrapTemporary)] : []) + [.schema(.createTable(table)), .schema(.createIndexes(table))] + metaInsertSteps(table)
    }

    /// Rows describing `table` in the meta tables, and the default privileges it gets.
    func metaInsertSteps(_ table: TableDefinition) -> [Bound.Step] {
        [.catalog(.insertRelation(table)), .catalog(.insertColumns(table, table.columns))] + defaultPrivilegeSteps(table)
    }

    func createTableAsSteps(_ create: AST.CreateTableAs, configure: (inout TableDefinition) -> Void = { _ in }) throws -> [Bound.Step] {
        let (schema, name, temporary) = try creationTarget(create.name, temporary: create.temporary)
        if try context.catalog.table(schema: schema, name: name) != nil {
            if create.ifNotExists { return [] }
            throw SQLError(code: "42P07", message: "relation \"\(name)\" already exists", position: create.name.position)
        }
        let query = try analyzeQuery(create.query, outer: nil)
        var names = query.columns.map(\.name)
        if !create.columnNames.isEmpty {
            guard create.columnNames.count <= names.count else {
                throw SQLError(code: "42601", message: "CREATE TABLE AS specifies too many column names")
            }
            names.replaceSubrange(0..<create.columnNames.count, with: create.columnNames)
        }
        var definition = TableDefinition(schema: schema, name: name, columns: [], kind: temporary ? .temporary : .table, owner: context.currentUser)
        for (index, (columnName, column)) in zip(names, query.columns).enumerated() {
            if definition.columns.contains(where: { $0.name == columnName }) {
                throw SQLError(code: "42701", message: "column \"\(columnName)\" specified more than once")
            }
            definition.columns.append(ColumnDefinition(name: columnName, type: column.type == .unknown ? .varchar(length: 256) : column.type, nullable: true, ordinal: index + 1))
        }
        try apply(create.options, to: &definition)
        configure(&definition)
        return createSteps(definition) + [.insert(Bound.Insert(table: definition.sqliteName, columns: names, source: .query(renameOutputs(query, to: names))))]
    }

    func createViewSteps(_ view: AST.CreateView) throws -> [Bound.Step] {
        if view.name.last.hasPrefix("#") {
            throw SQLError.unsupported("temporary views (a view name beginning with '#')", at: view.name.position)
        }
        let (schema, name, _) = try creationTarget(view.name, temporary: false)
        var steps: [Bound.Step] = []
        if let existing = try context.catalog.table(schema: schema, name: name) {
            guard view.orReplace, existing.kind == .view else {
                throw SQLError(code: "42P07", message: "relation \"\(name)\" already exists", position: view.name.position)
            }
            steps.append(.catalog(.deleteRelation(existing)))
        }
        if view.noSchemaBinding {
            return steps + metaInsertSteps(try lateBindingViewDefinition(view, schema: schema, name: name))
        }
        let query = try analyzeQuery(view.query, outer: nil)
        var names = query.columns.map(\.name)
        if !view.columns.isEmpty {
            guard view.columns.count <= names.count else {
                throw SQLError(code: "42601", message: "CREATE VIEW specifies more column names than columns")
            }
            names.replaceSubrange(0..<view.columns.count, with: view.columns)
        }
        var definition = TableDefinition(schema: schema, name: name, columns: [], kind: .view, viewQuery: view.queryText, owner: context.currentUser)
        for (index, (columnName, column)) in zip(names, query.columns).enumerated() {
            if definition.columns.contains(where: { $0.name == columnName }) {
                throw SQLError(code: "42701", message: "column \"\(columnName)\" specified more than once")
            }
            definition.columns.append(ColumnDefinition(name: columnName, type: column.type, nullable: column.nullable, ordinal: index + 1))
        }
        return steps + metaInsertSteps(definition)
    }

    func dropSteps(_ names: [AST.Name], ifExists: Bool, view: Bool, cascade: Bool = false) throws -> [Bound.Step] {
        var steps: [Bound.Step] = []
        var dropped: [(table: TableDefinition, position: Int)] = []
        for name in names {
            let table: TableDefinition
            do {
                table = try lookupTable(name)
            } catch let error as SQLError where error.code == "42P01" {
                if ifExists { continue }
                throw SQLError(code: "42P01", message: "\(view ? "view" : "table") \"\(name.last)\" does not exist", position: name.position)
            }
            if view, table.kind != .view {
                throw SQLError(code: "42809", message: "\"\(table.name)\" is not a view", position: name.position)
            }
            if !view, table.kind == .view || table.isMaterializedView {
                throw SQLError(code: "42809", message: "\"\(table.name)\" is not a table", position: name.position)
            }
            try checkOwnership(table, position: name.position)
            dropped.append((table, name.position))
        }
        // Dependents: RLS policies looking the table up block the drop even with CASCADE
        // (t_rls_object_dependency); views reading it block it unless CASCADE drops them too (r_DROP_TABLE).
        var droppedKeys = Set(dropped.map { Self.dependencyKey($0.table) })
        var cascaded: [TableDefinition] = []
        for (table, position) in dropped {
            if table.kind != .view, !(try policiesLookingUp(table)).isEmpty {
                throw Self.dependentObjectsError(table, position: position, cascadeHint: false)
            }
            let views = try dependentViews(of: table, ignoring: droppedKeys)
            guard views.isEmpty || cascade else { throw Self.dependentObjectsError(table, position: position) }
            for view in views where droppedKeys.insert(Self.dependencyKey(view)).inserted { cascaded.append(view) }
        }
        for table in dropped.map(\.table) + cascaded {
            if table.kind != .view { steps.append(.schema(.dropTable(table))) }
            steps += [.catalog(.deleteRelation(table))] + securityDropSteps(table)
        }
        return steps
    }

    func truncateSteps(_ name: AST.Name) throws -> [Bound.Step] {
        let table = try targetTable(name, verb: "truncate")
        return [.delete(Bound.Delete(table: table.sqliteName))]
    }

    func createSchemaSteps(_ name: String, ifNotExists: Bool, position: Int) throws -> [Bound.Step] {
        if try context.catalog.schemaExists(name) {
            if ifNotExists { return [] }
            throw SQLError(code: "42P06", message: "Schema \"\(name)\" already exists", position: position)
        }
        if name.hasPrefix("pg_") {
            throw SQLError(code: "42939", message: "unacceptable schema name \"\(name)\"", position: position)
        }
        return [.catalog(.createSchema(name: name, owner: context.currentUser))]
    }

    func dropSchemaSteps(_ names: [String], ifExists: Bool, cascade: Bool, position: Int) throws -> [Bound.Step] {
        var steps: [Bound.Step] = []
        for name in names {
            guard try context.catalog.schemaExists(name), name != PhysicalLayout.tempSchema else {
                if ifExists { continue }
                throw SQLError(code: "3F000", message: "Schema \"\(name)\" does not exist", position: position)
            }
            if PhysicalLayout.systemSchemas.contains(name) {
                throw SQLError(code: "42501", message: "permission denied for schema \(name)", position: position)
            }
            let tables = try context.catalog.tables(inSchema: name)
            if !tables.isEmpty && !cascade {
                throw SQLError(code: "2BP01", message: "cannot drop schema \(name) because other objects depend on it", position: position)
            }
            for table in tables {
                if table.kind != .view { steps.append(.schema(.dropTable(table))) }
                steps.append(.catalog(.deleteRelation(table)))
            }
            steps.append(.catalog(.dropSchema(name: name)))
        }
        return steps
    }
}
