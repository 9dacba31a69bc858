/// The syntax tree the parser builds: names are as written (folded), nothing is resolved.
enum AST {}

extension AST {
    /// A possibly qualified name, e.g. `public.sales` or `s.t.c`; parts are folded identifiers.
    struct Name: Equatable, Sendable {
        var parts: [String]
        var position: Int
        /// The parts as written (quotes included), for SUPER attribute names whose case matters
        /// (`AST+Super.swift`); not part of equality.
        var spelledParts: [String]? = nil
        var last: String { parts.last ?? "" }
        var dotted: String { parts.joined(separator: ".") }

        static func == (a: Name, b: Name) -> Bool { a.parts == b.parts && a.position == b.position }
    }

    /// A type as written in CREATE TABLE or a cast, e.g. `varchar(20)` or `double precision`.
    struct TypeName: Equatable, Sendable {
        var type: RedshiftType
        /// True when no length was given for a character type (expression casts take the input size).
        var lengthOmitted: Bool = false
    }

    /// An expression with the position of its first token.
    struct Expression: Equatable, Sendable {
        indirect enum Kind: Equatable, Sendable {
            case integer(String)
            case decimal(String)
            case float(String)
            case string(String)
            case boolean(Bool)
            case null
            /// `INTERVAL '1 day'`.
            case interval(String)
            /// A `:name` parameter.
            case parameter(String)
            case column(Name)
            /// `*` or `t.*` (select lists and COUNT(*)).
            case star(qualifier: Name?)
            case unary(String, Expression)
            case binary(String, Expression, Expression)
            case isNull(Expression, negated: Bool)
            /// `x IS [NOT] TRUE|FALSE|UNKNOWN`.
            case isBoolean(Expression, value: Bool?, negated: Bool)
            case between(Expression, low: Expression, high: Expression, negated: Bool)
            case inList(Expression, [Expression], negated: Bool)
            case inQuery(Expression, Query, negated: Bool)
            case exists(Query)
            case subquery(Query)
            /// `[NOT] LIKE | ILIKE | SIMILAR TO`; `kind` is "like", "ilike" or "similar".
            case like(Expression, pattern: Expression, escape: Expression?, kind: String, negated: Bool)
            /// `x ~ pattern`, `x !~ pattern`.
            case regexMatch(Expression, pattern: Expression, negated: Bool)
            case caseWhen(operand: Expression?, whens: [When], otherwise: Expression?)
            case cast(Expression, TypeName)
            case function(FunctionCall)
            /// `a = ANY (subquery)` / `a < ALL (subquery)`.
            case quantified(String, Expression, quantifier: String, Query)
        }
        var kind: Kind
        var position: Int
    }

    /// One `WHEN c THEN r` arm.
    struct When: Equatable, Sendable {
        var condition: Expression
        var result: Expression
    }

    /// A function call, aggregate or window function.
    struct FunctionCall: Equatable, Sendable {
        var name: Name
        var arguments: [Expression]
        var distinct: Bool = false
        /// Written without parentheses (CURRENT_USER, SYSDATE …).
        var noParentheses: Bool = false
        /// `WITHIN GROUP (ORDER BY …)`.
        var withinGroup: [OrderItem] = []
        var ignoreNulls: Bool = false
        /// `APPROXIMATE COUNT(DISTINCT …)` / `APPROXIMATE PERCENTILE_DISC(…)`.
        var approximate: Bool = false
        var over: Window?
    }

    /// `OVER (PARTITION BY … ORDER BY … frame)`.
    struct Window: Equatable, Sendable {
        var partitionBy: [Expression]
        var orderBy: [OrderItem]
        var frame: Frame?
    }

    /// `ROWS BETWEEN start AND end`.
    struct Frame: Equatable, Sendable {
        enum Bound: Equatable, Sendable {
            case unboundedPreceding, preceding(Int), currentRow, following(Int), unboundedFollowing
        }
        var start: Bound
        var end: Bound?
    }

    /// `expr [ASC|DESC] [NULLS FIRST|LAST]`.
    struct OrderItem: Equatable, Sendable {
        var expression: Expression
        var descending: Bool
        var nullsFirst: Bool?
    }
}
