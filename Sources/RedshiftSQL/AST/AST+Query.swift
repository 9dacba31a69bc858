extension AST {
    /// A full query: WITH, body, ORDER BY, LIMIT/OFFSET.
    struct Query: Equatable, Sendable {
        var with: With?
        var body: QueryBody
        var orderBy: [OrderItem] = []
        var limit: Expression?
        var offset: Expression?
    }

    /// `WITH [RECURSIVE] name [(cols)] AS (query), …`.
    struct With: Equatable, Sendable {
        var recursive: Bool
        var tables: [CommonTable]
    }

    /// One CTE.
    struct CommonTable: Equatable, Sendable {
        var name: String
        var columns: [String]
        var query: Query
        var position: Int
    }

    /// A SELECT, a set operation, or a parenthesized query.
    indirect enum QueryBody: Equatable, Sendable {
        case select(Select)
        case setOperation(SetOperator, all: Bool, QueryBody, QueryBody)
        case nested(Query)
    }

    enum SetOperator: String, Equatable, Sendable { case union, intersect, except }

    /// `SELECT [TOP n] [DISTINCT] items [INTO t] FROM … WHERE … GROUP BY … HAVING … QUALIFY …`.
    struct Select: Equatable, Sendable {
        var distinct: Bool = false
        var top: Expression?
        var items: [SelectItem] = []
        var into: Into?
        var from: [TableReference] = []
        var whereClause: Expression?
        var groupBy: [GroupingElement] = []
        var having: Expression?
        var qualify: Expression?
        var position: Int = 1
    }

    /// `SELECT … INTO [TEMP] [TABLE] name`.
    struct Into: Equatable, Sendable {
        var name: Name
        var temporary: Bool
    }

    /// One select-list entry.
    enum SelectItem: Equatable, Sendable {
        case expression(Expression, alias: String?)
        case star(qualifier: Name?, position: Int)
    }

    /// One GROUP BY element.
    enum GroupingElement: Equatable, Sendable {
        case expression(Expression)
        case rollup([Expression])
        case cube([Expression])
        case groupingSets([[Expression]])
    }

    /// A FROM item.
    indirect enum TableReference: Equatable, Sendable {
        case table(Name, alias: String?)
        case subquery(Query, alias: String, columns: [String], position: Int)
        case join(JoinKind, TableReference, TableReference, JoinCondition)
        /// `c.orders AS o AT i` or `UNPIVOT c.attrs AS v AT k` (AST+Super.swift).
        case superUnnest(SuperUnnest)
        case pivot(Pivot)
        /// A set-returning function: `generate_series(1, 5) AS pos(n)` (Parser+TableFunctions.swift).
        case function(FunctionCall, alias: String?, columns: [String], position: Int)
    }

    enum JoinKind: String, Equatable, Sendable { case inner, left, right, full, cross }

    enum JoinCondition: Equatable, Sendable {
        case none
        case on(Expression)
        case using([String])
        case natural
    }
}
