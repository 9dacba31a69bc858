extension AST {
    /// `source PIVOT (agg(arg) [AS a] FOR col IN (v [AS x], …)) [AS alias]` or
    /// `source UNPIVOT [INCLUDE | EXCLUDE NULLS] (value FOR name IN (col [AS label], …)) [AS alias]`.
    ///
    /// - Redshift: FROM clause (r_FROM_clause30), PIVOT and UNPIVOT examples (r_FROM_clause-pivot-unpivot-examples).
    struct Pivot: Equatable, Sendable {
        enum Rotation: Equatable, Sendable {
            /// Rows to columns: one aggregate per IN value.
            case pivot(aggregate: FunctionCall, aggregateAlias: String?, column: Name, values: [PivotValue])
            /// Columns to rows: one row per IN column (NULLs skipped unless `includeNulls`).
            case unpivot(valueColumn: String, nameColumn: String, columns: [PivotValue], includeNulls: Bool)
        }
        var source: TableReference
        var rotation: Rotation
        var alias: String?
        var position: Int
    }

    /// One IN-list entry of PIVOT (a constant) or UNPIVOT (a column), with its optional alias.
    struct PivotValue: Equatable, Sendable {
        var expression: Expression
        var alias: String?
    }
}
