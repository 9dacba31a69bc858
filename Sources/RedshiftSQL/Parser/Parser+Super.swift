/// PartiQL syntax over SUPER values: navigation steps after a subscript, unnesting and object
/// unpivoting in FROM.
///
/// - Redshift: query-super (navigation `c.orders[0].id`, `FROM t c, c.orders o AT i`,
///   `FROM t c, UNPIVOT c.attrs AS v AT k`).
extension Parser {
    /// The name of the parser's internal call for `.attr` after a subscript.
    static let superAttributeCall = "rs_super_attribute"

    /// `expr[i]`, `expr[i].attr`, `expr[i][j]`…: subscripts (`rs_subscript`, also PostgreSQL's
    /// array text element) and attribute steps after one.
    mutating func parseSuperSteps(_ base: AST.Expression) throws -> AST.Expression {
        var expression = base
        var subscripted = false
        while true {
            if isSymbol("[") {
                let position = advance().position
                let element = try parseExpression()
                try expectSymbol("]")
                expression = call("rs_subscript", [expression, element], at: position)
                subscripted = true
            } else if subscripted, isSymbol("."), peek().kind == .word || peek().kind == .quotedIdentifier {
                let position = advance().position
                let spelled = spelling(of: current)
                _ = try parseIdentifier(allowReserved: true)
                expression = call(Self.superAttributeCall, [expression, AST.Expression(kind: .string(spelled), position: position)], at: position)
            } else {
                return expression
            }
        }
    }

    /// The token as written in the source (a quoted identifier keeps its quotes).
    func spelling(of token: Token) -> String {
        let start = max(0, token.position - 1), end = min(source.count, max(start, token.end))
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: source[start..<end])
        return String(scalars)
    }

    /// After a FROM name: subscripts, an alias and `AT name` make an unnest; nil (and nothing
    /// consumed) for an ordinary table reference.
    mutating func parseSuperUnnestTail(_ name: AST.Name, position: Int) throws -> AST.TableReference? {
        let start = index
        let hasSteps = isSymbol("[")
        let path = try parseSuperSteps(AST.Expression(kind: .column(name), position: position))
        let alias = try parseAlias()
        var indexAlias: String?
        if consumeWord("at") { indexAlias = try parseIdentifier() }
        guard hasSteps || indexAlias != nil else {
            index = start
            return nil
        }
        return .superUnnest(AST.SuperUnnest(path: path, alias: alias ?? name.last, indexAlias: indexAlias, unpivot: false, position: position))
    }

    /// `UNPIVOT path [AS] v [AT k]` in FROM (object unpivoting).
    mutating func parseObjectUnpivot() throws -> AST.TableReference {
        let position = advance().position
        let namePosition = current.position
        let name = try parseName()
        let path = try parseSuperSteps(AST.Expression(kind: .column(name), position: namePosition))
        guard let alias = try parseAlias() else { throw unexpected() }
        var indexAlias: String?
        if consumeWord("at") { indexAlias = try parseIdentifier() }
        return .superUnnest(AST.SuperUnnest(path: path, alias: alias, indexAlias: indexAlias, unpivot: true, position: position))
    }
}

extension Parser {
    /// `OBJECT_TRANSFORM(input [KEEP path, …] [SET path, value, …])` as the call
    /// `object_transform(input, keepCount, keepPath…, setPath, setValue, …)` (r_object_transform_function).
    mutating func parseObjectTransform() throws -> AST.Expression {
        let position = advance().position
        try expectSymbol("(")
        let input = try parseExpression()
        var keep: [AST.Expression] = []
        var set: [AST.Expression] = []
        if consumeWord("keep") { keep = try parseList { try $0.parseExpression() } }
        if consumeWord("set") { set = try parseList { try $0.parseExpression() } }
        try expectSymbol(")")
        let count = AST.Expression(kind: .integer(String(keep.count)), position: position)
        return call("object_transform", [input, count] + keep + set, at: position)
    }
}
