/// SELECT, set operations, WITH, FROM and joins.
///
/// - Redshift: SELECT synopsis (r_SELECT_synopsis). INTERSECT binds tighter than UNION/EXCEPT/MINUS.
extension Parser {
    mutating func parseQueryStatement() throws -> AST.Statement { .query(try parseQuery()) }

    mutating func parseQuery() throws -> AST.Query {
        try enter()
        defer { depth -= 1 }
        var with: AST.With?
        if isWord("with") {
            index += 1
            let recursive = consumeWord("recursive")
            let tables = try parseList { parser -> AST.CommonTable in
                let position = parser.current.position
                let name = try parser.parseIdentifier()
                var columns: [String] = []
                if parser.isSymbol("(") { columns = try parser.parseIdentifierList() }
                try parser.expectWord("as")
                try parser.expectSymbol("(")
                let query = try parser.parseQuery()
                try parser.expectSymbol(")")
                return AST.CommonTable(name: name, columns: columns, query: query, position: position)
            }
            with = AST.With(recursive: recursive, tables: tables)
        }
        var query = AST.Query(with: with, body: try parseSetOperations())
        if consumeWords("order", "by") { query.orderBy = try parseList { try $0.parseOrderItem() } }
        while isWord("limit") || isWord("offset") {
            if consumeWord("limit") {
                if consumeWord("all") { continue }
                query.limit = try parseExpression()
            } else {
                index += 1
                query.offset = try parseExpression()
                _ = consumeWord("rows") || consumeWord("row")
            }
        }
        return query
    }

    private mutating func parseSetOperations() throws -> AST.QueryBody {
        var left = try parseIntersections()
        while isWord("union") || isWord("except") || isWord("minus") {
            let op: AST.SetOperator = advance().text == "union" ? .union : .except
            let all = consumeWord("all")
            if !all { _ = consumeWord("distinct") }
            left = .setOperation(op, all: all, left, try parseIntersections())
        }
        return left
    }

    private mutating func parseIntersections() throws -> AST.QueryBody {
        var left = try parseQueryPrimary()
        while consumeWord("intersect") {
            let all = consumeWord("all")
            if !all { _ = consumeWord("distinct") }
            left = .setOperation(.intersect, all: all, left, try parseQueryPrimary())
        }
        return left
    }

    private mutating func parseQueryPrimary() throws -> AST.QueryBody {
        if consumeSymbol("(") {
            let query = try parseQuery()
            try expectSymbol(")")
            return .nested(query)
        }
        guard isWord("select") else { throw unexpected() }
        return .select(try parseSelect())
    }

    private mutating func parseSelect() throws -> AST.Select {
        var select = AST.Select(position: advance().position)
        if consumeWord("top") { select.top = try parseTopCount() }
        if consumeWord("distinct") { select.distinct = true } else { _ = consumeWord("all") }
        if select.top == nil, consumeWord("top") { select.top = try parseTopCount() }
        select.items = try parseList { try $0.parseSelectItem() }
        if consumeWord("into") {
            let temporary = consumeWord("temp") || consumeWord("temporary")
            _ = consumeWord("table")
            select.into = AST.Into(name: try parseName(), temporary: temporary)
        }
        if consumeWord("from") { select.from = try parseList { try $0.parseTableReference() } }
        if consumeWord("where") { select.whereClause = try parseExpression() }
        if isWord("start") || isWord("connect") { throw SQLError.unsupported("CONNECT BY", at: current.position) }
        if consumeWords("group", "by") { select.groupBy = try parseList { try $0.parseGroupingElement() } }
        if consumeWord("having") { select.having = try parseExpression() }
        if consumeWord("qualify") { select.qualify = try parseExpression() }
        return select
    }

    /// `TOP n`: an integer constant.
    private mutating func parseTopCount() throws -> AST.Expression {
        guard current.kind == .number, !current.text.contains("."), !current.text.lowercased().contains("e") else { throw unexpected() }
        let token = advance()
        return AST.Expression(kind: .integer(token.text), position: token.position)
    }

    private mutating func parseSelectItem() throws -> AST.SelectItem {
        if isSymbol("*") { return .star(qualifier: nil, position: advance().position) }
        let expression = try parseExpression()
        if case .star(let qualifier) = expression.kind { return .star(qualifier: qualifier, position: expression.position) }
        return .expression(expression, alias: try parseAlias())
    }

    /// `[AS] alias`; a bare alias must not be a keyword that continues the statement.
    mutating func parseAlias() throws -> String? {
        if consumeWord("as") { return try parseIdentifier(allowReserved: true) }
        if current.kind == .quotedIdentifier { return try parseIdentifier() }
        if current.kind == .word, !Keyword.notAlias.contains(current.text) { return advance().text }
        return nil
    }

    private mutating func parseGroupingElement() throws -> AST.GroupingElement {
        if isWord("rollup"), peek().isSymbol("(") {
            index += 2
            let items = try parseList { try $0.parseExpression() }
            try expectSymbol(")")
            return .rollup(items)
        }
        if isWord("cube"), peek().isSymbol("(") {
            index += 2
            let items = try parseList { try $0.parseExpression() }
            try expectSymbol(")")
            return .cube(items)
        }
        if consumeWords("grouping", "sets") {
            try expectSymbol("(")
            let sets = try parseList { parser -> [AST.Expression] in
                if parser.consumeSymbol("(") {
                    if parser.consumeSymbol(")") { return [] }
                    let items = try parser.parseList { try $0.parseExpression() }
                    try parser.expectSymbol(")")
                    return items
                }
                return [try parser.parseExpression()]
            }
            try expectSymbol(")")
            return .groupingSets(sets)
        }
        return .expression(try parseExpression())
    }

    mutating func parseTableReference() throws -> AST.TableReference {
        try enter()
        defer { depth -= 1 }
        var left = try parseTablePrimary()
        while true {
            if isWord("natural") {
                index += 1
                let kind = try parseJoinKind() ?? .inner
                left = .join(kind, left, try parseTablePrimary(), .natural)
                continue
            }
            if consumeWords("cross", "join") {
                left = .join(.cross, left, try parseTablePrimary(), .none)
                continue
            }
            guard let kind = try parseJoinKind() else { return left }
            let right = try parseTablePrimary()
            if consumeWord("on") {
                left = .join(kind, left, right, .on(try parseExpression()))
            } else if consumeWord("using") {
                left = .join(kind, left, right, .using(try parseIdentifierList()))
            } else {
                throw unexpected()
            }
        }
    }

    /// `[INNER] JOIN`, `LEFT [OUTER] JOIN` …; nil when no join follows.
    private mutating func parseJoinKind() throws -> AST.JoinKind? {
        if consumeWord("join") { return .inner }
        if consumeWords("inner", "join") { return .inner }
        for (word, kind) in [("left", AST.JoinKind.left), ("right", .right), ("full", .full)] where isWord(word) {
            index += 1
            _ = consumeWord("outer")
            try expectWord("join")
            return kind
        }
        return nil
    }

    private mutating func parseTablePrimary() throws -> AST.TableReference {
        let position = current.position
        if consumeSymbol("(") {
            if isWord("select") || isWord("with") || isSymbol("(") {
                let query = try parseQuery()
                try expectSymbol(")")
                // Redshift accepts a derived table without an alias (redshift_connector's column
                // listing sends `SELECT * FROM (…) UNION ALL …`): it gets a name no query can write.
                let alias = try parseAlias() ?? "_rs_derived_\(position)"
                var columns: [String] = []
                if isSymbol("(") { columns = try parseIdentifierList() }
                return try parseRotation(of: .subquery(query, alias: alias, columns: columns, position: position))
            }
            if isWord("values") { throw SQLError.unsupported("VALUES lists in FROM", at: current.position) }
            let inner = try parseTableReference()
            try expectSymbol(")")
            return inner
        }
        if isWord("values") { throw SQLError.unsupported("VALUES lists in FROM", at: current.position) }
        if isWord("unpivot"), !peek().isSymbol("(") { return try parseObjectUnpivot() }
        let name = try parseName()
        if isSymbol("("), Self.isTableFunction(name) { return try parseTableFunction(name) }
        if isSymbol("(") { return try parseCatalogTableFunction(name) }
        if let unnest = try parseSuperUnnestTail(name, position: position) { return unnest }
        let alias = try parseAlias()
        if isSymbol("(") { throw SQLError.unsupported("column aliases on a table", at: current.position) }
        return try parseRotation(of: .table(name, alias: alias))
    }
}
