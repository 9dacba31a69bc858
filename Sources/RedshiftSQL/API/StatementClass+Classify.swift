extension StatementClass {
    /// The class of a parsed statement.
    init(_ statement: AST.Statement) {
        switch statement {
        case .query(let query):
            if case .select(let select) = query.body, select.into != nil { self = .createTableAs } else { self = .query }
        case .explain, .show: self = .query
        case .createTableAs: self = .createTableAs
        case .insert, .update, .delete, .merge: self = .dml
        case .createTable, .dropTable, .truncate, .createSchema, .dropSchema, .createView, .dropView, .alterTable,
             .createMaterializedView, .refreshMaterializedView, .dropMaterializedView, .security, .database, .external:
            self = .ddl
        case .transaction: self = .transaction
        case .set: self = .setting
        case .noOp(let name):
            switch name {
            case "analyze", "analyse", "vacuum": self = .maintenance
            case "comment": self = .ddl
            default: self = .utility
            }
        case .prepare, .execute, .deallocate, .cursor: self = .utility
        case .unload: self = .unload
        case .copy: self = .copy
        case .procedure(let statement): self = Self(procedure: statement)
        }
    }

    /// The class of a statement that did not parse, from its leading words (`tokens` without comments).
    init(leading tokens: [Token]) {
        guard let first = tokens.first else { self = .utility; return }
        if first.isSymbol("(") { self = .query; return }
        switch first.kind == .word ? first.text : "" {
        case "select": self = Self.selectClass(tokens, from: 1)
        case "values", "show", "explain": self = .query
        case "with": self = Self.withClass(tokens)
        case "insert", "update", "delete", "merge": self = .dml
        case "create": self = Self.createClass(tokens)
        case "alter", "drop", "truncate", "grant", "revoke", "attach", "detach", "comment", "refresh": self = .ddl
        case "copy": self = .copy
        case "unload": self = .unload
        case "analyze", "analyse", "vacuum": self = .maintenance
        case "begin", "start", "commit", "end", "rollback", "abort": self = .transaction
        case "set", "reset": self = .setting
        default: self = .utility
        }
    }

    /// `SELECT … INTO t` (an INTO before FROM, outside parentheses) creates a table.
    private static func selectClass(_ tokens: [Token], from start: Int) -> StatementClass {
        var depth = 0
        for token in tokens[start...] {
            if token.isSymbol("(") { depth += 1 } else if token.isSymbol(")") { depth -= 1 }
            guard depth == 0, token.kind == .word else { continue }
            if token.text == "into" { return .createTableAs }
            if token.text == "from" || token.text == "union" || token.text == "where" { return .query }
        }
        return .query
    }

    /// The class of the statement after the WITH list: the first word outside parentheses that starts one.
    private static func withClass(_ tokens: [Token]) -> StatementClass {
        var depth = 0
        for (offset, token) in tokens.enumerated().dropFirst() {
            if token.isSymbol("(") { depth += 1 } else if token.isSymbol(")") { depth -= 1 }
            guard depth == 0, token.kind == .word else { continue }
            switch token.text {
            case "select": return selectClass(tokens, from: offset + 1)
            case "insert", "update", "delete", "merge": return .dml
            default: continue
            }
        }
        return .query
    }

    /// CREATE [TEMP] TABLE … AS creates a table from a query; any other CREATE is DDL.
    private static func createClass(_ tokens: [Token]) -> StatementClass {
        var depth = 0, isTable = false
        for token in tokens.dropFirst() {
            if token.isSymbol("(") { depth += 1 } else if token.isSymbol(")") { depth -= 1 }
            guard depth == 0, token.kind == .word else { continue }
            switch token.text {
            case "table": isTable = true
            case "as" where isTable: return .createTableAs
            case "view", "schema", "user", "group", "role", "rls", "masking", "function", "procedure", "database":
                if !isTable { return .ddl }
            default: continue
            }
        }
        return .ddl
    }
}
