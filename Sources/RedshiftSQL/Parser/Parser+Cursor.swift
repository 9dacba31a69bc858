/// DECLARE, FETCH, CLOSE.
///
/// - Redshift: DECLARE (declare): `DECLARE cursor_name CURSOR FOR query`; FETCH (fetch):
///   `FETCH [ NEXT | ALL | {FORWARD [ count | ALL ] } ] FROM cursor`; CLOSE (close): `CLOSE cursor`.
///   PostgreSQL 8.0's optional words that drivers send are accepted: `NO SCROLL`, `INSENSITIVE`,
///   `WITHOUT HOLD` (psycopg2's named cursors send `DECLARE "c" CURSOR WITHOUT HOLD FOR …`), a bare
///   count and `IN` for `FROM`. What Redshift cannot do (`SCROLL`, `WITH HOLD`, `BINARY`, fetching
///   backwards) fails with 0A000.
extension Parser {
    mutating func parseCursorStatement() throws -> AST.CursorStatement {
        let keyword = advance()
        switch keyword.text {
        case "declare": return try parseDeclareCursor(at: keyword.position)
        case "fetch": return try parseFetch(at: keyword.position)
        default: return .close(name: try parseIdentifier(), position: keyword.position)
        }
    }

    private mutating func parseDeclareCursor(at position: Int) throws -> AST.CursorStatement {
        let name = try parseIdentifier()
        while !isWord("cursor") {
            let option = current
            if consumeWord("insensitive") || consumeWords("no", "scroll") { continue }
            if option.isWord("scroll") || option.isWord("binary") {
                throw SQLError.unsupported("DECLARE … \(option.text.uppercased()) CURSOR", at: option.position)
            }
            throw unexpected()
        }
        index += 1
        if isWord("with"), peek().isWord("hold") {
            throw SQLError.unsupported("DECLARE … CURSOR WITH HOLD", at: current.position)
        }
        _ = consumeWords("without", "hold")
        try expectWord("for")
        let start = current
        guard case .query(let query) = try parseStatement() else {
            throw SQLError.syntax(near: raw(start), at: start.position)
        }
        return .declare(name: name, query: query, position: position)
    }

    private mutating func parseFetch(at position: Int) throws -> AST.CursorStatement {
        var count = AST.FetchCount.forward(1)
        if consumeWord("next") {
        } else if consumeWord("all") {
            count = .all
        } else if consumeWord("forward") {
            if consumeWord("all") { count = .all } else if let n = try parseFetchCount() { count = .forward(n) }
        } else if let n = try parseFetchCount() {
            count = .forward(n)
        } else if let direction = ["backward", "prior", "first", "last", "absolute", "relative"].first(where: isWord) {
            throw SQLError.unsupported("FETCH \(direction.uppercased())", at: current.position)
        }
        if !consumeWord("from") { _ = consumeWord("in") }
        return .fetch(name: try parseIdentifier(), count: count, position: position)
    }

    /// A row count: an unsigned integer literal (a negative one would fetch backwards).
    private mutating func parseFetchCount() throws -> Int? {
        if isSymbol("-"), peek().kind == .number {
            throw SQLError.unsupported("FETCH with a negative count (backward)", at: current.position)
        }
        guard current.kind == .number else { return nil }
        guard let count = Int(current.text), count >= 0 else { throw unexpected() }
        index += 1
        return count
    }
}
