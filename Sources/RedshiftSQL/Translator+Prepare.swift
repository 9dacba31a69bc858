/// PREPARE / EXECUTE / DEALLOCATE: prepared statements live in the session.
///
/// PREPARE stores its whole text in `temp._rs_prepared(name, sql, types)` (see
/// `PhysicalLayout.preparedTable`): the engine drops temp tables when a statement without a Data API
/// session ends and keeps them for the life of a session, which is the lifetime of a prepared statement.
/// EXECUTE reads it through `CatalogReader.preparedStatement(named:)`, parses it again, binds `$1 … $n`
/// to its arguments (cast to the declared types) and returns the inner statement's translation.
///
/// - Redshift: PREPARE (r_PREPARE), EXECUTE (r_EXECUTE), DEALLOCATE (r_DEALLOCATE); errors as
///   PostgreSQL words them. Divergence: PREPARE/DEALLOCATE inside a transaction block that rolls back
///   are rolled back too (PostgreSQL keeps them).
enum PreparedStatements {
    static func prepareSteps(_ name: String, types: [AST.TypeName], sql: String, position: Int, analyzer: Analyzer) throws -> [Bound.Step] {
        if try analyzer.context.catalog.preparedStatement(named: name) != nil {
            throw SQLError(code: "42P05", message: "prepared statement \"\(name)\" already exists", position: position)
        }
        let typeText = types.map { $0.type.catalogText }.joined(separator: ",")
        return [.prepared(.store(name: name, sql: sql, types: typeText))]
    }

    /// The stored inner statement and the expressions for `$1 … $n`.
    static func executable(_ name: String, arguments: [AST.Expression], position: Int, analyzer: Analyzer) throws -> (AST.Statement, [AST.Expression]) {
        guard let stored = try analyzer.context.catalog.preparedStatement(named: name) else {
            throw SQLError(code: "26000", message: "prepared statement \"\(name)\" does not exist", position: position)
        }
        guard case .prepare(_, let types, let inner, _) = try Parser.parseStatement(stored.sql) else {
            throw SQLError(code: "XX000", message: "prepared statement \"\(name)\" is damaged")
        }
        let expected = max(types.count, SQLTokens(stored.sql).highestPositionalParameter)
        guard arguments.count == expected else {
            throw SQLError(code: "42601", message: "wrong number of parameters for prepared statement \"\(name)\"; expected \(expected) parameters but got \(arguments.count)", position: position)
        }
        let bound = arguments.enumerated().map { index, argument -> AST.Expression in
            guard index < types.count else { return argument }
            // A parameter's declared type has no length (PostgreSQL drops the modifier): `char` takes 'three'.
            var type = types[index]
            if type.type.isCharacter { type = AST.TypeName(type: .varchar(length: 65535), lengthOmitted: true) }
            return AST.Expression(kind: .cast(argument, type), position: argument.position)
        }
        return (inner, bound)
    }

    static func deallocateSteps(_ name: String?, position: Int, analyzer: Analyzer) throws -> [Bound.Step] {
        guard let name else { return [.prepared(.forgetAll)] }
        guard try analyzer.context.catalog.preparedStatement(named: name) != nil else {
            throw SQLError(code: "26000", message: "prepared statement \"\(name)\" does not exist", position: position)
        }
        return [.prepared(.forget(name: name))]
    }
}
