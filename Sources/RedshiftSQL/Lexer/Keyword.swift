/// The keyword list, as data.
///
/// - Redshift: Reserved words (r_pg_keywords). Only reserved words are refused as bare identifiers;
///   every other keyword falls back to an identifier where the grammar allows one.
enum Keyword {
    /// Words that may not be used as unquoted column or table names (nor as bare column aliases).
    static let reserved: Set<String> = [
        "all", "allowoverwrite", "analyse", "analyze", "and", "any", "as", "asc", "authorization",
        "between", "binary", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
        "cross", "current_date", "current_time", "current_timestamp", "current_user",
        "current_user_id", "default", "deferrable", "desc", "distinct", "do", "else", "end",
        "except", "false", "for", "foreign", "freeze", "from", "full", "grant", "group", "having",
        "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "leading",
        "left", "like", "limit", "localtime", "localtimestamp", "minus", "natural", "new",
        "not", "notnull", "null", "off", "offset", "old", "on", "only", "or", "order", "outer",
        "overlaps", "placing", "primary", "qualify", "references", "right", "select", "session_user",
        "similar", "some", "sysdate", "table", "then", "to", "top", "trailing", "true", "union", "unique",
        "user", "using", "verbose", "when", "where", "with", "window",
    ]

    /// Words that end a FROM item or select expression, so they are never taken as a bare alias.
    static let notAlias: Set<String> = reserved.union([
        "returning", "set", "values", "over", "rows", "within", "nulls", "filter", "ignore", "respect",
        "start", "connect", "pivot", "unpivot", "at",
    ])

    /// Bare words that are functions without parentheses (SQL-standard value functions).
    static let valueFunctions: Set<String> = [
        "current_date", "current_time", "current_timestamp", "current_user", "session_user", "user",
        "sysdate", "localtime", "localtimestamp", "current_user_id", "current_schema",
    ]
}
