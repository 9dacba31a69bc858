/// CREATE/DROP/ALTER/TRUNCATE for tables, views and schemas.
///
/// - Redshift: CREATE TABLE (r_CREATE_TABLE_NEW), CREATE TABLE AS (r_CREATE_TABLE_AS),
///   CREATE VIEW (r_CREATE_VIEW), CREATE SCHEMA (r_CREATE_SCHEMA), ALTER TABLE (r_ALTER_TABLE).
extension Parser {
    mutating func parseCreate() throws -> AST.Statement {
        let createPosition = advance().position  // CREATE
        if consumeWord("external") { return try parseCreateExternal(position: createPosition) }
        let orReplace = consumeWords("or", "replace")
        _ = consumeWord("local")
        let temporary = consumeWord("temp") || consumeWord("temporary")
        if consumeWord("table") { return try parseCreateTable(temporary: temporary) }
        if !orReplace, !temporary, consumeWord("database") { return try parseCreateDatabase() }
        if consumeWord("view") { return try parseCreateView(orReplace: orReplace) }
        if !orReplace, !temporary, consumeWords("materialized", "view") { return try parseCreateMaterializedView() }
        if isWord("schema") {
            let position = advance().position
            let ifNotExists = consumeWords("if", "not", "exists")
            let name = try parseIdentifier()
            if consumeWord("authorization") { _ = try parseIdentifier(allowReserved: true) }
            if consumeWord("quota") { while current.kind != .end && !isSymbol(";") { index += 1 } }
            return .createSchema(name: name, ifNotExists: ifNotExists, position: position)
        }
        if current.kind == .word { throw SQLError.unsupported("CREATE \(current.text.uppercased())", at: current.position) }
        throw unexpected()
    }

    private mutating func parseCreateTable(temporary: Bool) throws -> AST.Statement {
        let ifNotExists = consumeWords("if", "not", "exists")
        var name = try parseName()
        var isTemp = temporary
        if name.last.hasPrefix("#") {  // #name is a temp table
            isTemp = true
            name.parts[name.parts.count - 1] = String(name.last.dropFirst())
        }
        var columnNames: [String] = []
        var table = AST.CreateTable(name: name, temporary: isTemp, ifNotExists: ifNotExists, columns: [], constraints: [], options: AST.TableOptions())
        if isSymbol("(") {
            // A column list of CTAS has bare names; a table definition has types.
            if peek(2).isSymbol(",") || peek(2).isSymbol(")") {
                columnNames = try parseIdentifierList()
            } else {
                index += 1
                repeat {
                    try parseTableElement(into: &table)
                } while consumeSymbol(",")
                try expectSymbol(")")
            }
        }
        table.options = try parseTableOptions()
        if consumeWord("as") {
            let query = try parseQuery()
            return .createTableAs(AST.CreateTableAs(name: name, temporary: isTemp, ifNotExists: ifNotExists, columnNames: columnNames, options: table.options, query: query))
        }
        if !columnNames.isEmpty { throw unexpected() }
        if table.columns.isEmpty && table.like == nil { throw unexpected() }
        return .createTable(table)
    }

    private mutating func parseTableElement(into table: inout AST.CreateTable) throws {
        let start = current.position
        if consumeWord("like") {
            let parent = try parseName()
            var including = false
            if consumeWords("including", "defaults") { including = true } else { _ = consumeWords("excluding", "defaults") }
            table.like = (parent, including)
            return
        }
        if consumeWord("constraint") { _ = try parseIdentifier() }
        if consumeWords("primary", "key") || consumeWord("unique") {
            _ = try parseIdentifierList()
            table.constraints.append(text(from: start))
            return
        }
        if consumeWords("foreign", "key") {
            _ = try parseIdentifierList()
            try expectWord("references")
            _ = try parseName()
            if isSymbol("(") { _ = try parseIdentifierList() }
            table.constraints.append(text(from: start))
            return
        }
        if isWord("check") { throw SQLError.unsupported("CHECK constraints", at: current.position) }
        table.columns.append(try parseColumnSpec())
    }

    mutating func parseColumnSpec() throws -> AST.ColumnSpec {
        let position = current.position
        let name = try parseIdentifier()
        var column = AST.ColumnSpec(name: name, type: try parseTypeName(), position: position)
        while true {
            if consumeWords("not", "null") { column.nullable = false; continue }
            if consumeWord("null") { column.nullable = true; continue }
            if consumeWord("default") {
                let start = current.position
                column.defaultExpression = try parseOtherLevelExpression()
                column.defaultText = text(from: start)
                continue
            }
            if consumeWord("identity") {
                column.identity = try parseIdentityArguments(byDefault: false)
                column.nullable = false
                continue
            }
            if consumeWords("generated", "by", "default", "as", "identity") {
                column.identity = try parseIdentityArguments(byDefault: true)
                column.nullable = false
                continue
            }
            if consumeWord("encode") { column.encoding = try parseIdentifier(allowReserved: true); continue }
            if consumeWord("distkey") { column.distKey = true; continue }
            if consumeWord("sortkey") { column.sortKey = true; continue }
            if consumeWords("primary", "key") { column.primaryKey = true; continue }
            if consumeWord("unique") { column.unique = true; continue }
            if consumeWord("collate") { _ = try parseIdentifier(allowReserved: true); continue }
            if consumeWord("references") {
                let start = current.position
                _ = try parseName()
                if isSymbol("(") { _ = try parseIdentifierList() }
                column.references = text(from: start)
                continue
            }
            return column
        }
    }

    /// A DEFAULT expression: stops before NOT NULL and other column attributes.
    private mutating func parseOtherLevelExpression() throws -> AST.Expression {
        try parseExpression()
    }

    private mutating func parseIdentityArguments(byDefault: Bool) throws -> ColumnDefinition.Identity {
        var seed: Int64 = 1, step: Int64 = 1
        if consumeSymbol("(") {
            seed = try parseSignedInteger()
            try expectSymbol(",")
            step = try parseSignedInteger()
            try expectSymbol(")")
        }
        return ColumnDefinition.Identity(seed: seed, step: step, byDefault: byDefault)
    }

    private mutating func parseSignedInteger() throws -> Int64 {
        let negative = consumeSymbol("-")
        guard current.kind == .number, let value = Int64(current.text) else { throw unexpected() }
        index += 1
        return negative ? -value : value
    }

    mutating func parseTableOptions() throws -> AST.TableOptions {
        var options = AST.TableOptions()
        while true {
            if consumeWord("backup") {
                if consumeWord("yes") { options.backup = true } else if consumeWord("no") { options.backup = false } else { throw unexpected() }
                continue
            }
            if consumeWord("diststyle") {
                guard current.kind == .word, ["auto", "even", "key", "all"].contains(current.text) else { throw unexpected() }
                options.distStyle = advance().text.uppercased()
                continue
            }
            if consumeWord("distkey") {
                try expectSymbol("(")
                options.distKey = try parseIdentifier()
                try expectSymbol(")")
                continue
            }
            if isWord("compound") || isWord("interleaved") || isWord("sortkey") {
                var style = "COMPOUND"
                if !isWord("sortkey") { style = advance().text.uppercased() }
                try expectWord("sortkey")
                if consumeWord("auto") { options.sortKeyStyle = "AUTO"; continue }
                options.sortKeyStyle = style
                options.sortKeys = try parseIdentifierList()
                continue
            }
            if consumeWords("encode", "auto") { continue }
            return options
        }
    }

    private mutating func parseCreateView(orReplace: Bool) throws -> AST.Statement {
        let name = try parseName()
        var columns: [String] = []
        if isSymbol("(") { columns = try parseIdentifierList() }
        try expectWord("as")
        let start = current.position
        let query = try parseQuery()
        let queryText = text(from: start)
        let noBinding = consumeWords("with", "no", "schema", "binding")
        return .createView(AST.CreateView(name: name, orReplace: orReplace, columns: columns, query: query, queryText: queryText, noSchemaBinding: noBinding))
    }

    /// - Redshift: CREATE MATERIALIZED VIEW (materialized-view-create-sql-command).
    private mutating func parseCreateMaterializedView() throws -> AST.Statement {
        let name = try parseName()
        var options = try parseTableOptions()
        var autoRefresh: Bool?
        if consumeWords("auto", "refresh") {
            if consumeWord("yes") { autoRefresh = true } else if consumeWord("no") { autoRefresh = false } else { throw unexpected() }
            let more = try parseTableOptions()
            if more != AST.TableOptions() { options = more }
        }
        try expectWord("as")
        let start = current.position
        let query = try parseQuery()
        return .createMaterializedView(AST.CreateMaterializedView(name: name, options: options, autoRefresh: autoRefresh, query: query, queryText: text(from: start)))
    }

    /// `REFRESH MATERIALIZED VIEW mv` (materialized-view-refresh-sql-command).
    mutating func parseRefresh() throws -> AST.Statement {
        index += 1
        try expectWord("materialized")
        try expectWord("view")
        return .refreshMaterializedView(try parseName())
    }

    mutating func parseDrop() throws -> AST.Statement {
        index += 1
        if consumeWord("database") { return try parseDropDatabase() }
        if consumeWords("materialized", "view") {
            let ifExists = consumeWords("if", "exists")
            let names = try parseList { try $0.parseName() }
            let cascade = consumeWord("cascade")
            if !cascade { _ = consumeWord("restrict") }
            return .dropMaterializedView(names: names, ifExists: ifExists, cascade: cascade)
        }
        if consumeWord("table") || consumeWord("view") {
            let isView = tokens[index - 1].text == "view"
            let ifExists = consumeWords("if", "exists")
            let names = try parseList { try $0.parseName() }
            let cascade = consumeWord("cascade")
            if !cascade { _ = consumeWord("restrict") }
            return isView ? .dropView(names: names, ifExists: ifExists, cascade: cascade) : .dropTable(names: names, ifExists: ifExists, cascade: cascade)
        }
        if isWord("schema") {
            let position = advance().position
            let ifExists = consumeWords("if", "exists")
            let names = try parseList { try $0.parseIdentifier() }
            let dropsDatabase = consumeWords("drop", "external", "database")
            let cascade = consumeWord("cascade")
            if !cascade { _ = consumeWord("restrict") }
            if dropsDatabase { return .external(.dropSchema(names: names, ifExists: ifExists, position: position)) }
            return .dropSchema(names: names, ifExists: ifExists, cascade: cascade, position: position)
        }
        if current.kind == .word { throw SQLError.unsupported("DROP \(current.text.uppercased())", at: current.position) }
        throw unexpected()
    }

    mutating func parseTruncate() throws -> AST.Statement {
        index += 1
        _ = consumeWord("table")
        return .truncate(try parseName())
    }

    mutating func parseAlter() throws -> AST.Statement {
        index += 1
        if consumeWord("database") { return try parseAlterDatabase() }
        guard consumeWord("table") else {
            if current.kind == .word { throw SQLError.unsupported("ALTER \(current.text.uppercased())", at: current.position) }
            throw unexpected()
        }
        let name = try parseName()
        if let external = try parseExternalAlter(name) { return external }
        let start = current.position
        if consumeWords("rename", "to") { return .alterTable(AST.AlterTable(name: name, action: .renameTable(try parseIdentifier()))) }
        if consumeWords("rename", "column") {
            let old = try parseIdentifier()
            try expectWord("to")
            return .alterTable(AST.AlterTable(name: name, action: .renameColumn(old, try parseIdentifier())))
        }
        if consumeWord("add") {
            if isWord("constraint") || isWord("primary") || isWord("unique") || isWord("foreign") {
                while current.kind != .end && !isSymbol(";") { index += 1 }
                return .alterTable(AST.AlterTable(name: name, action: .ignored(text(from: start))))
            }
            _ = consumeWord("column")
            return .alterTable(AST.AlterTable(name: name, action: .addColumn(try parseColumnSpec())))
        }
        if consumeWord("drop") {
            _ = consumeWord("column")
            let column = try parseIdentifier()
            _ = consumeWord("cascade") || consumeWord("restrict")
            return .alterTable(AST.AlterTable(name: name, action: .dropColumn(column)))
        }
        if isWord("alter"), peek().isWord("column") || peek(2).isWord("type") {
            let save = index
            index += 1
            _ = consumeWord("column")
            let column = try parseIdentifier()
            if consumeWord("type") {
                return .alterTable(AST.AlterTable(name: name, action: .alterColumnType(column, try parseTypeName())))
            }
            index = save
        }
        if isWord("append") { throw SQLError.unsupported("ALTER TABLE APPEND", at: current.position) }
        if isWord("alter") || isWord("owner") || isWord("set") || isWord("row") {
            while current.kind != .end && !isSymbol(";") { index += 1 }
            return .alterTable(AST.AlterTable(name: name, action: .ignored(text(from: start))))
        }
        throw unexpected()
    }
}
