/// The analyzed tree: names resolved to SQLite tables and columns, every expression typed.
///
/// The generator renders it without consulting the catalog again.
enum Bound {}

extension Bound {
    /// A typed expression.
    struct Expression: Equatable, Sendable {
        indirect enum Kind: Equatable, Sendable {
            /// An inline literal: integers and reals as numbers, text quoted, NULL.
            case literal(SQLiteValue)
            /// A bound `?` argument (Data API parameters).
            case argument(SQLiteValue)
            /// `"relation"."column"` (relation is the SQLite alias; nil = unqualified).
            case column(relation: String?, name: String)
            /// A select-list position, in ORDER BY of a query.
            case ordinal(Int)
            /// Prefix operator: `-`, `NOT`.
            case unary(String, Expression)
            /// Infix operator as SQLite spells it.
            case binary(String, Expression, Expression)
            /// A SQLite or `rs_` function call.
            case call(String, [Expression], distinct: Bool)
            /// `count(*)`.
            case countStar
            case caseWhen(operand: Expression?, whens: [Pair], otherwise: Expression?)
            /// Native SQLite CAST to a storage class name.
            case cast(Expression, String)
            case isNull(Expression, negated: Bool)
            case between(Expression, Expression, Expression, negated: Bool)
            case inList(Expression, [Expression], negated: Bool)
            case inQuery(Expression, Query, negated: Bool)
            case exists(Query)
            case subquery(Query)
            /// `function OVER (…)`.
            case window(Expression, partitionBy: [Expression], orderBy: [OrderItem], frame: String?)
            /// `expr COLLATE name`.
            case collate(Expression, String)
        }
        var kind: Kind
        var type: RedshiftType
        var nullable: Bool = true
        /// True when an aggregate call appears in it (outside subqueries).
        var hasAggregate = false
        /// True when a window function appears in it.
        var hasWindow = false
    }

    /// A `WHEN … THEN …` arm.
    struct Pair: Equatable, Sendable {
        var condition: Expression
        var result: Expression
    }

    /// `expr ASC|DESC NULLS FIRST|LAST` (always explicit: Redshift and SQLite default differently).
    struct OrderItem: Equatable, Sendable {
        var expression: Expression
        var descending: Bool
        var nullsFirst: Bool
    }

    /// A full query with its output columns.
    struct Query: Equatable, Sendable {
        var ctes: [CommonTable] = []
        var recursive = false
        var body: Body
        var orderBy: [OrderItem] = []
        var limit: Expression?
        var offset: Expression?
        var columns: [ResultColumn]
    }

    /// One CTE.
    struct CommonTable: Equatable, Sendable {
        var name: String
        var columns: [String]
        var query: Query
    }

    indirect enum Body: Equatable, Sendable {
        case select(Select)
        case setOperation(String, Body, Body)
        case nested(Query)
    }

    /// One SELECT block.
    struct Select: Equatable, Sendable {
        var distinct = false
        /// Expressions with the SQLite alias each is given.
        var items: [(expression: Expression, alias: String)] = []
        var from: [FromItem] = []
        var whereClause: Expression?
        var groupBy: [Expression] = []
        var having: Expression?

        static func == (a: Select, b: Select) -> Bool {
            a.distinct == b.distinct && a.items.map(\.expression) == b.items.map(\.expression)
                && a.items.map(\.alias) == b.items.map(\.alias) && a.from == b.from
                && a.whereClause == b.whereClause && a.groupBy == b.groupBy && a.having == b.having
        }
    }

    /// A FROM item.
    indirect enum FromItem: Equatable, Sendable {
        /// `sqliteName AS "alias"`.
        case table(String, alias: String)
        case subquery(Query, alias: String)
        /// A catalog view over the meta tables (Bound+CatalogView.swift).
        case catalogView(CatalogView, alias: String)
        /// An engine relation the caller may not read: its columns, no rows.
        case emptyTable(String, alias: String)
        case join(String, FromItem, FromItem, on: Expression?)
        /// A SQLite table-valued function, e.g. `json_each(expr) AS "o"` (SUPER unnesting, Analyzer+SuperUnnest.swift).
        case tableFunction(String, [Expression], alias: String)
        /// A base table as bound, before the RLS/masking rewrite (Analyzer+RowSecurity.swift)
        /// replaces it with the table or its secured derived table. Should one reach the
        /// generator, it reads no rows (fails closed).
        case relation(RelationReference)
    }

    /// A read of a user table in FROM.
    struct RelationReference: Equatable {
        var table: TableDefinition
        var alias: String
        /// Inside a subquery with outer relations (EXISTS, IN, scalar: often correlated).
        var correlated: Bool
    }
}

extension Bound.Expression {
    static func literal(_ value: SQLiteValue, _ type: RedshiftType) -> Self {
        Self(kind: .literal(value), type: type, nullable: value == .null)
    }
    static let null = Self(kind: .literal(.null), type: .unknown, nullable: true)
    static let `true` = Self(kind: .literal(.integer(1)), type: .boolean, nullable: false)

    /// A call whose flags derive from its arguments.
    static func call(_ name: String, _ args: [Self], type: RedshiftType, distinct: Bool = false, nullable: Bool? = nil) -> Self {
        Self(kind: .call(name, args, distinct: distinct), type: type,
             nullable: nullable ?? args.contains { $0.nullable },
             hasAggregate: args.contains { $0.hasAggregate }, hasWindow: args.contains { $0.hasWindow })
    }

    static func binary(_ op: String, _ l: Self, _ r: Self, type: RedshiftType) -> Self {
        Self(kind: .binary(op, l, r), type: type, nullable: l.nullable || r.nullable,
             hasAggregate: l.hasAggregate || r.hasAggregate, hasWindow: l.hasWindow || r.hasWindow)
    }

    /// The same expression with another Redshift type (no conversion emitted).
    func retyped(_ type: RedshiftType) -> Self {
        var copy = self
        copy.type = type
        return copy
    }

    /// True when this is a literal (or NULL) — its value is known at translation time.
    var literalValue: SQLiteValue? {
        if case .literal(let v) = kind { return v }
        return nil
    }
}
