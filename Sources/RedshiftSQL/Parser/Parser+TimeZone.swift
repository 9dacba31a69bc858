/// `expr AT TIME ZONE zone`.
///
/// - Redshift: AT TIME ZONE (r_AT_TIME_ZONE) is PostgreSQL's `timezone(zone, expr)`: TIMESTAMP becomes
///   TIMESTAMPTZ, TIMESTAMPTZ becomes TIMESTAMP.
extension Parser {
    /// `expression` followed by any number of `AT TIME ZONE zone`.
    mutating func parseAtTimeZone(_ expression: AST.Expression) throws -> AST.Expression {
        var result = expression
        while isWord("at"), peek().isWord("time"), peek(2).isWord("zone") {
            let position = current.position
            index += 3
            let zone = try parseOther()
            result = call("timezone", [zone, result], at: position)
        }
        return result
    }

}
