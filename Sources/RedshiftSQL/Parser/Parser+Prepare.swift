/// PREPARE, EXECUTE, DEALLOCATE.
///
/// - Redshift: PREPARE (r_PREPARE): `PREPARE plan_name [ (datatype [, ...] ) ] AS statement`, where the
///   statement is a SELECT, INSERT, UPDATE or DELETE using `$1 … $n`; EXECUTE (r_EXECUTE):
///   `EXECUTE plan_name [ (parameter [, ...] ) ]`; DEALLOCATE (r_DEALLOCATE): `DEALLOCATE [PREPARE] plan_name`.
extension Parser {
    mutating func parsePrepare() throws -> AST.Statement {
        let position = advance().position
        let name = try parseIdentifier()
        var types: [AST.TypeName] = []
        if consumeSymbol("(") {
            types = try parseList { try $0.parseTypeName() }
            try expectSymbol(")")
        }
        try expectWord("as")
        let start = current
        let statement = try parseStatement()
        switch statement {
        case .query, .insert, .update, .delete: break
        default: throw SQLError.syntax(near: raw(start), at: start.position)
        }
        return .prepare(name: name, types: types, statement: statement, position: position)
    }

    mutating func parseExecute() throws -> AST.Statement {
        let position = advance().position
        let name = try parseIdentifier()
        var arguments: [AST.Expression] = []
        if consumeSymbol("(") {
            arguments = try parseList { try $0.parseExpression() }
            try expectSymbol(")")
        }
        return .execute(name: name, arguments: arguments, position: position)
    }

    mutating func parseDeallocate() throws -> AST.Statement {
        let position = advance().position
        _ = consumeWord("prepare")
        if consumeWord("all") { return .deallocate(name: nil, position: position) }
        return .deallocate(name: try parseIdentifier(), position: position)
    }
}
