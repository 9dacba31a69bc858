import Engine
import RedshiftSQL

/// Extended-query parameters: `$1`, `$2` … in the SQL become the engine's named parameters
/// (`:pg_1`, …), found with the SQL front end's lexer (never inside literals or comments), and the
/// text values are bound by name, never spliced into the SQL.
enum PositionalParameters {
    /// The SQL with `$n` rewritten to `:pg_n`, and the bound values; nil values (NULL) are refused by
    /// the caller since the engine's parameters are text.
    static func rewrite(_ sql: String, values: [String]) -> (sql: String, parameters: [StatementParameter]) {
        let tokens = SQLTokens(sql)
        var bytes: [UInt8] = []
        var cursor = 0
        var used = Set<Int>()
        for token in tokens.tokens where token.kind == .positionalParameter {
            guard let index = Int(token.text.dropFirst()), index >= 1 else { continue }
            bytes += tokens.utf8[cursor..<token.utf8Range.lowerBound]
            bytes += Array(":pg_\(index)".utf8)
            cursor = token.utf8Range.upperBound
            used.insert(index)
        }
        bytes += tokens.utf8[cursor...]
        let parameters = values.enumerated().compactMap { offset, value in
            used.contains(offset + 1) ? StatementParameter(name: "pg_\(offset + 1)", value: value) : nil
        }
        return (String(decoding: bytes, as: UTF8.self), parameters)
    }

    /// How many distinct `$n` the SQL names (the highest n).
    static func count(in sql: String) -> Int { SQLTokens(sql).highestPositionalParameter }
}
