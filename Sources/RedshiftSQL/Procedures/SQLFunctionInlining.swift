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
