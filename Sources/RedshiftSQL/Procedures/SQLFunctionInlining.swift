/// SQL UDFs: `CREATE FUNCTION f(types) RETURNS t … AS $$ select expression $$ LANGUAGE sql`.
///
/// The body is one SELECT of one expression without FROM, whose `$1 … $n` are the arguments; a
/// call is inlined into the calling query's tree (the expression with the argument expressions in
/// place of `$n`, cast to the declared return type), so it is analysed as part of that query.
///
/// - Redshift: r_CREATE_FUNCTION, udf-creating-a-scalar-sql-udf ("A SQL UDF body is a SELECT
///   clause without FROM").
enum SQLFunctionInlining {
    /// The body's one expression.
    static func expression(of body: String) throws -> AST.Expression {
        let statement = try Parser.parseStatement(body)
        guard case .query(let query) = statement, case .select(let select) = query.body, select.from.isEmpty,
              select.items.count == 1, case .expression(let expression, _) = select.items[0] else {
            throw SQLError(code: "42601", message: "SQL function body must be a single SELECT of one expression without FROM")
        }
        return expression
    }

    /// Checks the body parses as such at CREATE FUNCTION.
    static func validate(_ body: String, arguments: [RedshiftType], name: String) throws {
        _ = try expression(of: body)
    }
}

extension StatementClass {
    init(procedure statement: AST.ProcedureStatement) {
        switch statement {
        case .call: self = .utility
        case .show: self = .query
        default: self = .ddl
        }
    }
}

extension Analyzer {
    /// A call of a SQL UDF: its body's expression with the arguments in place of `$1 … $n`, each
    /// cast to its declared type, the whole cast to the return type; nil when no UDF of that name
    /// takes that many arguments. Overloads are told apart by the arguments' types.
    func bindUserFunction(_ call: AST.FunctionCall, args: [Bound.Expression], scope: Scope, clause: Clause, position: Int) throws -> Bound.Expression? {
        guard context.catalog is StoredCatalog else { return nil }
        let candidates = try routineCandidates(call.name, function: true).filter { $0.inputArguments.count == args.count }
        guard !candidates.isEmpty else { return nil }
        guard let definition = RoutineOverloads.choose(candidates, argumentTypes: args.map(\.type)),
              let returns = definition.returns else { return nil }
        try checkExecute(definition, position: position)
        let key = "function:\(definition.oid)"
        guard !expandingViews.contains(key) else {
            throw SQLError(code: "42P17", message: "function \(definition.name) calls itself", position: position)
        }
        expandingViews.insert(key)
        defer { expandingViews.remove(key) }
        let body = try SQLFunctionInlining.expression(of: definition.body)
        let saved = functionArguments
        functionArguments = try zip(args, definition.inputArguments).map { try cast($0, to: $1.type, explicit: true) }
        defer { functionArguments = saved }
        return try bindExpression(AST.Expression(kind: .cast(body, AST.TypeName(type: returns)), position: position), scope: scope, clause: clause)
    }
}
