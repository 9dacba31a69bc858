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
                    if let literal = p.parseLoneLiteral() { return literal }
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

    /// A constant that is a whole VALUES item (`42`, `-1.5`, `'x'`, `NULL`, followed by `,` or `)`),
    /// without descending the expression grammar: bulk INSERTs are mostly such values.
    mutating func parseLoneLiteral() -> AST.Expression? {
        var offset = 0
        var negative = false
        if isSymbol("-"), peek().kind == .number { negative = true; offset = 1 }
        let token = peek(offset)
        let next = peek(offset + 1)
        guard next.isSymbol(",") || next.isSymbol(")") else { return nil }
        let kind: AST.Expression.Kind
        switch token.kind {
        case .number:
            let text = negative ? "-" + token.text : token.text
            let bytes = token.text.utf8
            if bytes.contains(where: { $0 == 101 || $0 == 69 }) { kind = .float(text) } else if bytes.contains(46) { kind = .decimal(text) } else { kind = .integer(text) }
        case .string where !negative:
            kind = .string(token.text)
        case .word where !negative && token.text == "null":
            kind = .null
        default:
            return nil
        }
        let position = current.position
        index += offset + 1
        return AST.Expression(kind: kind, position: position)
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
