/// MERGE.
///
/// - Redshift: MERGE (r_MERGE): `MERGE INTO target [[AS] alias] USING source [[AS] alias] ON cond
///   WHEN MATCHED THEN {UPDATE SET col = expr [, …] | DELETE} WHEN NOT MATCHED THEN INSERT [(cols)] VALUES (…)`.
///   Or the simplified `… ON cond REMOVE DUPLICATES` with no WHEN clauses.
extension Parser {
    mutating func parseMerge() throws -> AST.Statement {
        let position = current.position
        index += 1
        try expectWord("into")
        var target = try parseName()
        if target.last.hasPrefix("#") { target.parts = [PhysicalLayout.tempSchema, String(target.last.dropFirst())] }
        var alias: String?
        if consumeWord("as") { alias = try parseIdentifier() } else if atIdentifier, !isWord("using") { alias = try parseIdentifier() }
        try expectWord("using")
        let source = try parseTableReference()
        try expectWord("on")
        let condition = try parseExpression()
        var merge = AST.Merge(target: target, alias: alias, source: source, condition: condition, position: position)
        if consumeWords("remove", "duplicates") {
            merge.removeDuplicates = true
            return .merge(merge)
        }
        while isWord("when") {
            index += 1
            if consumeWord("matched") {
                guard merge.matched == nil else { throw unexpected() }
                try expectWord("then")
                if consumeWord("delete") {
                    merge.matched = .delete
                } else {
                    try expectWord("update")
                    try expectWord("set")
                    merge.matched = .update(try parseList { parser -> AST.Merge.Assignment in
                        let position = parser.current.position
                        var column = try parser.parseIdentifier()
                        if parser.consumeSymbol(".") { column = try parser.parseIdentifier() }
                        try parser.expectSymbol("=")
                        if parser.isWord("default") { parser.index += 1; return .init(column: column, value: nil, position: position) }
                        return .init(column: column, value: try parser.parseExpression(), position: position)
                    })
                }
            } else {
                try expectWord("not")
                try expectWord("matched")
                guard merge.notMatched == nil else { throw unexpected() }
                try expectWord("then")
                try expectWord("insert")
                var columns: [String] = []
                if isSymbol("(") { columns = try parseIdentifierList() }
                try expectWord("values")
                try expectSymbol("(")
                let values = try parseList { p -> AST.Expression? in
                    if p.isWord("default") { p.index += 1; return nil }
                    return try p.parseExpression()
                }
                try expectSymbol(")")
                merge.notMatched = (columns, values)
            }
        }
        if merge.matched == nil && merge.notMatched == nil { throw unexpected() }
        return .merge(merge)
    }
}
