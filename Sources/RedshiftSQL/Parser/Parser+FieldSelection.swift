/// Field selection on a composite value: `(expr).field`, e.g. `(information_schema._pg_expandarray(i.indkey)).n`
/// or `(result.keys).x`, as pgjdbc's getPrimaryKeys writes it.
///
/// - Redshift: PostgreSQL 8.0's row-value syntax (c_intro_catalog_views: the catalog is PostgreSQL's);
///   the Analyzer binds the call (Analyzer+SetReturning.swift).
extension Parser {
    /// The name of the parser's internal call for `(expr).field`: `rs_field_select(expr, 'field')`.
    static let fieldSelectionCall = "rs_field_select"

    /// After a parenthesized expression: each `.field` that follows selects one field.
    mutating func parseFieldSelections(_ base: AST.Expression) throws -> AST.Expression {
        var expression = base
        while isSymbol("."), peek().kind == .word || peek().kind == .quotedIdentifier {
            let position = advance().position
            let field = try parseIdentifier(allowReserved: true)
            expression = call(Self.fieldSelectionCall, [expression, AST.Expression(kind: .string(field), position: position)], at: position)
        }
        return expression
    }
}
