/// INSERT, UPDATE, DELETE.
///
/// - Redshift: INSERT (r_INSERT_30), UPDATE (r_UPDATE), DELETE (r_DELETE).
extension Parser {
    mutating func parseInsert() throws -> AST.Statement {
        index += 1
        try expectWord("into")
        var table = try parseName()
        if table.last.hasPrefix("#") { table.parts = [PhysicalLayout.tempSchema, String(table.last.dropFirst())] }
        var columns: [String] = []
        if isSymbol("("), !(peek().isWord("select") || peek().isWord("with")) { columns = try parseIdentifierList() }
        if consumeWords("default", "values") {
            return .insert(AST.Insert(table: table, columns: columns, source: .defaultValues))
        }
        if consumeWord("values") {
            let rows = try parseList { parser -> [AST.Expression?] in
                try parser.expectSymbol("(")
                let row = try parser.parseList { p -> AST.Expression? in
                    if p.isWord("default") { p.index += 1; return nil }
                    return try p.parseExpression()
                }
                try parser.expectSymbol(")")
                return row
            }
            return .insert(AST.Insert(table: table, columns: columns, source: .values(rows)))
        }
        if isWord("select") || isWord("with") || isSymbol("(") {
            return .insert(AST.Insert(table: table, columns: columns, source: .query(try parseQuery())))
        }
        throw unexpected()
    }

    mutating func parseUpdate() throws -> AST.Statement {
        index += 1
        var table = try parseName()
        if table.last.hasPrefix("#") { table.parts = [PhysicalLayout.tempSchema, String(table.last.dropFirst())] }
        var alias: String?
        if consumeWord("as") { alias = try parseIdentifier() } else if atIdentifier, !isWord("set") { alias = try parseIdentifier() }
        try expectWord("set")
        let assignments = try parseList { parser -> (column: String, value: AST.Expression?, position: Int) in
            let position = parser.current.position
            var column = try parser.parseIdentifier()
            if parser.consumeSymbol(".") { column = try parser.parseIdentifier() }  // SET t.c = …
            try parser.expectSymbol("=")
            if parser.isWord("default") { parser.index += 1; return (column, nil, position) }
            return (column, try parser.parseExpression(), position)
        }
        var from: [AST.TableReference] = []
        if consumeWord("from") { from = try parseList { try $0.parseTableReference() } }
        var whereClause: AST.Expression?
        if consumeWord("where") { whereClause = try parseExpression() }
        return .update(AST.Update(table: table, alias: alias, assignments: assignments, from: from, whereClause: whereClause))
    }

    mutating func parseDelete() throws -> AST.Statement {
        index += 1
        _ = consumeWord("from")
        var table = try parseName()
        if table.last.hasPrefix("#") { table.parts = [PhysicalLayout.tempSchema, String(table.last.dropFirst())] }
        var alias: String?
        if consumeWord("as") { alias = try parseIdentifier() } else if atIdentifier { alias = try parseIdentifier() }
        var using: [AST.TableReference] = []
        if consumeWord("using") { using = try parseList { try $0.parseTableReference() } }
        var whereClause: AST.Expression?
        if consumeWord("where") { whereClause = try parseExpression() }
        return .delete(AST.Delete(table: table, alias: alias, using: using, whereClause: whereClause))
    }
}
