/// CREATE/DROP/ALTER/TRUNCATE for tables and views: the SQLite DDL plus the meta-table updates.
///
/// - Redshift: CREATE TABLE (r_CREATE_TABLE_NEW), DROP TABLE (r_DROP_TABLE), TRUNCATE (r_TRUNCATE),
///   CREATE VIEW (r_CREATE_VIEW), ALTER TABLE (r_ALTER_TABLE). Constraints other than NOT NULL are
///   informational, as in Redshift.
extension Analyzer {
    /// (schema, table, temporary) for a name being created.
    func creationTarget(_ name: AST.Name, temporary: Bool) throws -> (String, String, Bool) {
        switch name.parts.count {
        case 1:
            let schema = temporary ? PhysicalLayout.tempSchema : try creationSchema()
            try checkCreate(inSchema: schema, position: name.position)
            return (schema, name.last, temporary)
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

    func createTableSteps(_ create: AST.CreateTable) throws -> [SQLiteStatement] {
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
        return try createSteps(definition)
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

    /// SQLite CREATE TABLE, identity triggers and meta rows for a new table.
    func createSteps(_ table: TableDefinition) throws -> [SQLiteStatement] {
        let temporary = table.kind == .temporary
        var steps = temporary ? PhysicalLayout.tempBootstrap : []
        let columns = table.columns.map { column -> String in
            var text = SQLiteGenerator.quote(column.name) + " " + column.type.sqliteDeclaration
            if !column.nullable && column.identity == nil { text += " NOT NULL" }
            return text
        }
        steps.append(SQLiteStatement(sql: "CREATE TABLE \(table.sqliteName) (\(columns.joined(separator: ", ")))"))
        let bareName = SQLiteGenerator.quote((temporary ? PhysicalLayout.tempSchema : table.schema) + "." + table.name)
        for column in table.columns {
            guard let identity = column.identity else { continue }
            let quoted = SQLiteGenerator.quote(column.name)
            let pick = identity.step >= 0 ? "max" : "min"
            let trigger = SQLiteGenerator.quote("_rs_identity." + (temporary ? PhysicalLayout.tempSchema : table.schema) + "." + table.name + "." + column.name)
            steps.append(SQLiteStatement(sql: """
                CREATE \(temporary ? "TEMP " : "")TRIGGER \(trigger) AFTER INSERT ON \(bareName) FOR EACH ROW WHEN NEW.\(quoted) IS NULL \
                BEGIN UPDATE \(bareName) SET \(quoted) = (SELECT coalesce(\(pick)(\(quoted)) + \(identity.step), \(identity.seed)) FROM \(bareName)) WHERE rowid = NEW.rowid; END
                """))
        }
        steps += PhysicalLayout.indexSteps(table)
        steps += metaInsertSteps(table)
        return steps
    }

    /// Rows describing `table` in the meta tables.
    func metaInsertSteps(_ table: TableDefinition) -> [SQLiteStatement] {
        let meta = PhysicalLayout.metaTables(temporary: table.kind == .temporary)
        var steps = [SQLiteStatement(
            sql: "INSERT INTO \(meta.tables) (schema_name, table_name, kind, diststyle, distkey, sortkey_style, sortkeys, backup, constraints, view_query, owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [.text(table.schema), .text(table.name), .text(table.kind.rawValue), .text(table.distStyle), table.distKey.map { .text($0) } ?? .null,
                        .text(table.sortKeyStyle), .text(table.sortKeys.joined(separator: ",")), .integer(table.backup ? 1 : 0),
                        .text(table.constraints.joined(separator: "\n")), table.viewQuery.map { .text($0) } ?? .null, .text(table.owner)])]
        for column in table.columns {
            steps.append(SQLiteStatement(
                sql: "INSERT INTO \(meta.columns) (schema_name, table_name, ordinal, column_name, type, nullable, default_expr, identity_seed, identity_step, identity_by_default, encoding, is_distkey, sortkey_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [.text(table.schema), .text(table.name), .integer(Int64(column.ordinal)), .text(column.name), .text(column.type.catalogText),
                            .integer(column.nullable ? 1 : 0), column.defaultExpression.map { .text($0) } ?? .null,
                            column.identity.map { .integer($0.seed) } ?? .null, column.identity.map { .integer($0.step) } ?? .null,
                            .integer(column.identity?.byDefault == true ? 1 : 0), column.encoding.map { .text($0) } ?? .null,
                            .integer(column.isDistKey ? 1 : 0), .integer(Int64(column.sortKeyPosition))]))
        }
        return steps + defaultPrivilegeSteps(table)
    }

    /// Deletes the meta rows of `table`.
    func metaDeleteSteps(_ table: TableDefinition) -> [SQLiteStatement] {
        let meta = PhysicalLayout.metaTables(temporary: table.kind == .temporary)
        let args: [SQLiteValue] = [.text(table.schema), .text(table.name)]
        return [SQLiteStatement(sql: "DELETE FROM \(meta.tables) WHERE schema_name = ? AND table_name = ?", arguments: args),
                SQLiteStatement(sql: "DELETE FROM \(meta.columns) WHERE schema_name = ? AND table_name = ?", arguments: args)]
    }

    func createTableAsSteps(_ create: AST.CreateTableAs, configure: (inout TableDefinition) -> Void = { _ in }) throws -> [SQLiteStatement] {
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
        var steps = try createSteps(definition)
        let statement = SQLiteGenerator.statement(renameOutputs(query, to: names))
        steps.append(SQLiteStatement(sql: "INSERT INTO \(definition.sqliteName) (\(names.map(SQLiteGenerator.quote).joined(separator: ", "))) \(statement.sql)", arguments: statement.arguments))
        return steps
    }

    func createViewSteps(_ view: AST.CreateView) throws -> [SQLiteStatement] {
        let (schema, name, _) = try creationTarget(view.name, temporary: false)
        var steps: [SQLiteStatement] = []
        if let existing = try context.catalog.table(schema: schema, name: name) {
            guard view.orReplace, existing.kind == .view else {
                throw SQLError(code: "42P07", message: "relation \"\(name)\" already exists", position: view.name.position)
            }
            steps += metaDeleteSteps(existing)
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

    func dropSteps(_ names: [AST.Name], ifExists: Bool, view: Bool) throws -> [SQLiteStatement] {
        var steps: [SQLiteStatement] = []
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
            if table.kind != .view { steps.append(SQLiteStatement(sql: "DROP TABLE \(table.sqliteName)")) }
            steps += metaDeleteSteps(table) + securityDropSteps(table)
        }
        return steps
    }

    func truncateSteps(_ name: AST.Name) throws -> [SQLiteStatement] {
        let table = try targetTable(name, verb: "truncate")
        return [SQLiteStatement(sql: "DELETE FROM \(table.sqliteName)")]
    }

    func createSchemaSteps(_ name: String, ifNotExists: Bool, position: Int) throws -> [SQLiteStatement] {
        if try context.catalog.schemaExists(name) {
            if ifNotExists { return [] }
            throw SQLError(code: "42P06", message: "Schema \"\(name)\" already exists", position: position)
        }
        if name.hasPrefix("pg_") {
            throw SQLError(code: "42939", message: "unacceptable schema name \"\(name)\"", position: position)
        }
        return [SQLiteStatement(sql: "INSERT INTO _rs_schemas (name, owner, is_system) VALUES (?, ?, 0)", arguments: [.text(name), .text(context.currentUser)])]
    }

    func dropSchemaSteps(_ names: [String], ifExists: Bool, cascade: Bool, position: Int) throws -> [SQLiteStatement] {
        var steps: [SQLiteStatement] = []
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
                if table.kind != .view { steps.append(SQLiteStatement(sql: "DROP TABLE \(table.sqliteName)")) }
                steps += metaDeleteSteps(table)
            }
            steps.append(SQLiteStatement(sql: "DELETE FROM _rs_schemas WHERE name = ?", arguments: [.text(name)]))
        }
        return steps
    }
}
