extension AST {
    /// A FROM item over a SUPER value: unnesting an array (`FROM t c, c.orders AS o AT i`) or
    /// unpivoting an object (`FROM t c, UNPIVOT c.attrs AS v AT k`).
    ///
    /// - Redshift: query-super ("Unnesting queries", "Object unpivoting").
    struct SuperUnnest: Equatable, Sendable {
        /// The SUPER expression: a column path, possibly with subscripts (`c.orders[0].items`).
        var path: Expression
        /// The element (or attribute value) alias.
        var alias: String
        /// `AT name`: the zero-based index (unnest) or the attribute name (unpivot).
        var indexAlias: String?
        /// True for `UNPIVOT`.
        var unpivot: Bool
        var position: Int
    }
}

extension AST.SuperUnnest {
    var tree: String {
        ASTPrinter.node(unpivot ? "unpivot" : "unnest", path.tree, alias, indexAlias ?? "-")
    }
}
