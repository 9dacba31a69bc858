extension AST {
    /// Cursor statements (r_DECLARE, r_FETCH, r_CLOSE): a cursor lives in its session until CLOSE
    /// or the end of the transaction block that declared it.
    enum CursorStatement: Equatable, Sendable {
        /// `DECLARE name CURSOR FOR query`.
        case declare(name: String, query: Query, position: Int)
        /// `FETCH [NEXT | ALL | FORWARD [count | ALL]] FROM name`.
        case fetch(name: String, count: FetchCount, position: Int)
        /// `CLOSE name`.
        case close(name: String, position: Int)
    }

    /// How many rows FETCH returns.
    enum FetchCount: Equatable, Sendable {
        /// `FORWARD n` (`NEXT` is `FORWARD 1`; `FORWARD 0` re-reads the current row).
        case forward(Int)
        /// `ALL`, `FORWARD ALL`.
        case all
    }
}

extension AST.CursorStatement {
    var tree: String {
        typealias P = ASTPrinter
        switch self {
        case .declare(let name, let query, _): return P.node("declare-cursor", name, query.tree)
        case .fetch(let name, .forward(let count), _): return P.node("fetch", name, "\(count)")
        case .fetch(let name, .all, _): return P.node("fetch", name, "all")
        case .close(let name, _): return P.node("close-cursor", name)
        }
    }
}
