/// PIVOT and UNPIVOT after a FROM item.
///
/// - Redshift: FROM clause (r_FROM_clause30), PIVOT and UNPIVOT examples (r_FROM_clause-pivot-unpivot-examples).
extension Parser {
    /// `source` unchanged, or wrapped in the PIVOT / UNPIVOT that follows it.
    mutating func parseRotation(of source: AST.TableReference) throws -> AST.TableReference {
        let position = current.position
        if consumeWord("pivot") {
            try expectSymbol("(")
            let aggregateStart = current
            let aggregate = try parseExpression()
            guard case .function(let call) = aggregate.kind, call.over == nil else {
                throw SQLError.syntax(near: raw(aggregateStart), at: aggregateStart.position)
            }
            let aggregateAlias = try parseAlias()
            try expectWord("for")
            let column = try parseName()
            try expectWord("in")
            try expectSymbol("(")
            let values = try parseList { parser in AST.PivotValue(expression: try parser.parseExpression(), alias: try parser.parseAlias()) }
            try expectSymbol(")")
            try expectSymbol(")")
            let rotation = AST.Pivot.Rotation.pivot(aggregate: call, aggregateAlias: aggregateAlias, column: column, values: values)
            return .pivot(AST.Pivot(source: source, rotation: rotation, alias: try parseAlias(), position: position))
        }
        if consumeWord("unpivot") {
            var includeNulls = false
            if consumeWords("include", "nulls") { includeNulls = true } else { _ = consumeWords("exclude", "nulls") }
            try expectSymbol("(")
            let valueColumn = try parseIdentifier()
            try expectWord("for")
            let nameColumn = try parseIdentifier()
            try expectWord("in")
            try expectSymbol("(")
            let columns = try parseList { parser in
                let start = parser.current.position
                let name = try parser.parseName()
                var alias: String?
                if parser.isWord("as"), parser.peek().kind == .string {
                    parser.index += 1
                    alias = parser.advance().text
                } else if parser.current.kind == .string {
                    alias = parser.advance().text
                } else {
                    alias = try parser.parseAlias()
                }
                return AST.PivotValue(expression: AST.Expression(kind: .column(name), position: start), alias: alias)
            }
            try expectSymbol(")")
            try expectSymbol(")")
            let rotation = AST.Pivot.Rotation.unpivot(valueColumn: valueColumn, nameColumn: nameColumn, columns: columns, includeNulls: includeNulls)
            return .pivot(AST.Pivot(source: source, rotation: rotation, alias: try parseAlias(), position: position))
        }
        return source
    }
}
