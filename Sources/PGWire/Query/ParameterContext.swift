import RedshiftSQL

/// Where a `$n` stands in a statement, read from its tokens, and the SELECT whose column `column`
/// has the type PostgreSQL would give it.
struct ParameterContext {
    struct Probe: Equatable {
        var sql: String
        var column: Int
    }

    private let all: SQLTokens
    private let tokens: [SQLTokens.Token]
    private static let comparisons: Set<String> = ["=", "<>", "!=", "<", ">", "<=", ">="]

    init(_ sql: String) {
        all = SQLTokens(sql)
        tokens = all.tokens.filter { $0.kind != .comment }
    }

    func probe(forParameter n: Int) -> Probe? {
        for (i, token) in tokens.enumerated() where token.kind == .positionalParameter && token.text == "$\(n)" {
            if let probe = castProbe(at: i) ?? limitProbe(at: i) ?? insertProbe(at: i) ?? comparisonProbe(at: i) ?? inListProbe(at: i) {
                return probe
            }
        }
        return nil
    }

    // MARK: contexts

    /// `$n::type` or `CAST($n AS type)`.
    private func castProbe(at i: Int) -> Probe? {
        if i + 2 < tokens.count, isSymbol(i + 1, "::"), let end = typeEnd(from: i + 2) {
            return Probe(sql: "SELECT CAST(NULL AS \(spelling(i + 2, end)))", column: 0)
        }
        if i >= 2, isWord(i - 2, "cast"), isSymbol(i - 1, "("), i + 2 < tokens.count, isWord(i + 1, "as"),
           let end = typeEnd(from: i + 2) {
            return Probe(sql: "SELECT CAST(NULL AS \(spelling(i + 2, end)))", column: 0)
        }
        return nil
    }

    /// `LIMIT $n` / `OFFSET $n`: bigint, as PostgreSQL types them.
    private func limitProbe(at i: Int) -> Probe? {
        isWord(i - 1, "limit") || isWord(i - 1, "offset") ? Probe(sql: "SELECT CAST(NULL AS BIGINT)", column: 0) : nil
    }

    /// `column IN (…, $n, …)`: the column read from the statement's tables.
    private func inListProbe(at i: Int) -> Probe? {
        guard isSymbol(i - 1, "(") || isSymbol(i - 1, ","), isSymbol(i + 1, ")") || isSymbol(i + 1, ",") else { return nil }
        var open = i - 1
        while open >= 0, !isSymbol(open, "(") {
            guard isSymbol(open, ",") || tokens[open].kind != .symbol else { return nil }
            open -= 1
        }
        guard open >= 1, isWord(open - 1, "in") else { return nil }
        var end = open - 2
        if isWord(end, "not") { end -= 1 }
        guard let start = nameStart(endingAt: end), let from = fromClause() else { return nil }
        return Probe(sql: "SELECT \(spelling(start, end)) \(from)", column: 0)
    }

    /// `INSERT INTO t [(c1, …)] VALUES (…, $n, …)`: the target column at that position.
    private func insertProbe(at i: Int) -> Probe? {
        guard isWord(0, "insert"), isWord(1, "into"), let (nameEnd, _) = name(from: 2) else { return nil }
        let table = spelling(2, nameEnd)
        var cursor = nameEnd + 1
        var columns: String?
        if isSymbol(cursor, "("), let close = closing(cursor) {
            columns = spelling(cursor + 1, close - 1)
            cursor = close + 1
        }
        guard isWord(cursor, "values"), isSymbol(cursor + 1, "("), let close = closing(cursor + 1), cursor + 1 < i, i < close,
              isSymbol(i - 1, "(") || isSymbol(i - 1, ","), isSymbol(i + 1, ",") || isSymbol(i + 1, ")") else { return nil }
        // The position of $n among the first tuple's top-level items.
        var position = 0, depth = 0
        for k in (cursor + 2)..<i {
            if isSymbol(k, "(") { depth += 1 } else if isSymbol(k, ")") { depth -= 1 } else if depth == 0, isSymbol(k, ",") { position += 1 }
        }
        guard depth == 0 else { return nil }
        return Probe(sql: "SELECT \(columns ?? "*") FROM \(table)", column: position)
    }

    /// `column op $n` or `$n op column` in a SELECT, UPDATE or DELETE: the column read from the
    /// statement's tables.
    private func comparisonProbe(at i: Int) -> Probe? {
        var column: String?
        if i >= 2, tokens[i - 1].kind == .symbol, Self.comparisons.contains(tokens[i - 1].text),
           let start = nameStart(endingAt: i - 2) {
            column = spelling(start, i - 2)
        } else if i + 2 < tokens.count, tokens[i + 1].kind == .symbol, Self.comparisons.contains(tokens[i + 1].text),
                  let (end, _) = name(from: i + 2) {
            column = spelling(i + 2, end)
        }
        guard let column, let from = fromClause() else { return nil }
        return Probe(sql: "SELECT \(column) \(from)", column: 0)
    }

    /// `FROM …` to the end for a SELECT or DELETE; `FROM t WHERE …` for an UPDATE.
    private func fromClause() -> String? {
        if isWord(0, "update"), let (end, _) = name(from: 1) {
            let table = spelling(1, end)
            guard let whereIndex = topLevelWord("where", after: end) else { return "FROM \(table)" }
            return "FROM \(table) " + spelling(whereIndex, tokens.count - 1)
        }
        guard isWord(0, "select") || isWord(0, "delete"), let fromIndex = topLevelWord("from", after: 0) else { return nil }
        return spelling(fromIndex, tokens.count - 1)
    }

    // MARK: tokens

    private func isWord(_ i: Int, _ text: String) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .word && tokens[i].text == text
    }

    private func isSymbol(_ i: Int, _ text: String) -> Bool {
        i >= 0 && i < tokens.count && tokens[i].kind == .symbol && tokens[i].text == text
    }

    private func isName(_ i: Int) -> Bool {
        i >= 0 && i < tokens.count && (tokens[i].kind == .word || tokens[i].kind == .quotedIdentifier) && !tokens[i].isMalformed
    }

    /// `a[.b[.c]]` from `i`: its last token's index.
    private func name(from i: Int) -> (Int, Int)? {
        guard isName(i) else { return nil }
        var end = i
        while isSymbol(end + 1, "."), isName(end + 2) { end += 2 }
        return (end, i)
    }

    /// The first token of a dotted name ending at `end`.
    private func nameStart(endingAt end: Int) -> Int? {
        guard isName(end) else { return nil }
        var start = end
        while isSymbol(start - 1, "."), isName(start - 2) { start -= 2 }
        return start
    }

    /// A type name from `i`: words, then an optional `(n[, m])`.
    private func typeEnd(from i: Int) -> Int? {
        var end = i - 1
        while end + 1 < tokens.count, tokens[end + 1].kind == .word, tokens[end + 1].text != "as" { end += 1 }
        guard end >= i else { return nil }
        if isSymbol(end + 1, "("), let close = closing(end + 1) { end = close }
        return end
    }

    /// The `)` matching the `(` at `open`.
    private func closing(_ open: Int) -> Int? {
        var depth = 0
        for k in open..<tokens.count {
            if isSymbol(k, "(") { depth += 1 } else if isSymbol(k, ")") { depth -= 1; if depth == 0 { return k } }
        }
        return nil
    }

    /// The first `word` at parenthesis depth 0 after `start`.
    private func topLevelWord(_ word: String, after start: Int) -> Int? {
        var depth = 0
        for k in (start + 1)..<max(start + 1, tokens.count) {
            if isSymbol(k, "(") { depth += 1 } else if isSymbol(k, ")") { depth -= 1 } else if depth == 0, isWord(k, word) { return k }
        }
        return nil
    }

    /// The text from token `first` through token `last`, as written.
    private func spelling(_ first: Int, _ last: Int) -> String {
        guard first <= last else { return "" }
        return String(decoding: all.utf8[tokens[first].utf8Range.lowerBound..<tokens[last].utf8Range.upperBound], as: UTF8.self)
    }
}
