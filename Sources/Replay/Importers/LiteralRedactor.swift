import Foundation

/// `--redact-literals`: replaces string and number literals of DML and queries with named
/// parameters (`:p1`, `:p2`, …) and moves the values into the statement's parameters, so the
/// recording keeps no data values in its SQL and still replays through the Data API.
///
/// A literal is replaced only where a Data API parameter can stand in for it: string literals
/// except typed literals (`DATE '…'`, `INTERVAL '…'`) and date-part or format arguments
/// (`DATEADD('day', …)`, `TO_CHAR(d, 'YYYY')`); numbers only as comparison operands, `BETWEEN`
/// bounds, `IN (…)` items and `VALUES (…)` items (never `LIMIT 10`, `ORDER BY 1` or
/// `DECIMAL(10,2)`). Statements other than SELECT, WITH, INSERT, UPDATE and DELETE are kept as
/// they are (DDL, COPY and SET do not take parameters). For example:
///
/// ```swift
/// LiteralRedactor().redact("select * from sales where region = 'EU' and qty > 10 limit 5", parameters: [])
/// // ("select * from sales where region = :p1 and qty > :p2 limit 5", [p1 = EU, p2 = 10])
/// ```
public struct LiteralRedactor: Sendable {
    static let statementWords: Set<String> = ["select", "with", "insert", "update", "delete"]
    static let typedLiteralWords: Set<String> = ["date", "time", "timetz", "timestamp", "timestamptz", "interval"]
    static let formatFunctions: Set<String> = [
        "dateadd", "datediff", "date_part", "date_trunc", "datepart", "pgdate_part", "to_char", "to_date",
        "to_timestamp", "to_number", "convert_timezone", "extract", "trunc", "date_add", "timezone",
    ]
    static let comparisons: Set<String> = ["=", "<", ">", "<=", ">=", "<>", "!="]

    public init() {}

    /// The redacted text and the parameters (existing ones first); the input unchanged when the
    /// statement has nothing to redact or does not take parameters.
    public func redact(_ sql: String, parameters: [RecordedParameter]) -> (sql: String, parameters: [RecordedParameter]) {
        let scanner = SQLScanner(sql)
        let tokens = scanner.tokens()
        let significant = tokens.indices.filter { tokens[$0].kind != .whitespace && tokens[$0].kind != .comment }
        guard let first = significant.first(where: { tokens[$0].kind == .word }),
              Self.statementWords.contains(scanner.text(tokens[first]).lowercased()) else { return (sql, parameters) }
        var used = Set(parameters.map(\.name))
        for token in tokens where token.kind == .namedParameter { used.insert(String(scanner.text(token).dropFirst())) }
        var counter = 0
        func nextName() -> String {
            while true {
                counter += 1
                if !used.contains("p\(counter)") { used.insert("p\(counter)"); return "p\(counter)" }
            }
        }

        var replacements: [(start: Int, end: Int, name: String)] = []
        var added: [RecordedParameter] = []
        var parens: [String] = []          // opener of each open parenthesis: function/keyword before it, or ""
        var valuesList = false             // inside VALUES (…), (…)
        var betweenPending = false
        var previous = ""                  // previous significant token, lower-cased (operators joined)
        var beforePrevious = ""
        var index = 0
        while index < significant.count {
            let token = tokens[significant[index]]
            var text = scanner.text(token)
            // Join two-character operators (<=, >=, <>, !=).
            if token.kind == .punctuation, index + 1 < significant.count {
                let next = tokens[significant[index + 1]]
                if next.kind == .punctuation, next.start == token.end, Self.comparisons.contains(text + scanner.text(next)) {
                    text += scanner.text(next)
                    index += 1
                }
            }
            let lower = text.lowercased()
            let opener = parens.last ?? ""
            switch token.kind {
            case .string where !text.hasPrefix("E") && !text.hasPrefix("e"):
                if !Self.typedLiteralWords.contains(previous) && !Self.formatFunctions.contains(opener) {
                    let name = nextName()
                    replacements.append((token.start, token.end, name))
                    added.append(RecordedParameter(name: name, value: String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")))
                }
            case .number:
                let inList = (opener == "in" || opener == "values") && (previous == "(" || previous == ",")
                let bound = betweenPending && (previous == "between" || previous == "and")
                if Self.comparisons.contains(previous) || inList || bound {
                    let name = nextName()
                    replacements.append((token.start, token.end, name))
                    added.append(RecordedParameter(name: name, value: text))
                }
                if previous == "and" { betweenPending = false }
            default:
                break
            }
            if lower == "(" {
                var name = previous
                if valuesList && previous == "," && beforePrevious == ")" { name = "values" }
                parens.append(name)
            } else if lower == ")" {
                _ = parens.popLast()
            }
            if lower == "values" { valuesList = true } else if token.kind == .word && lower != "values" && parens.isEmpty { valuesList = false }
            if lower == "between" { betweenPending = true }
            beforePrevious = previous
            previous = lower
            index += 1
        }
        guard !replacements.isEmpty else { return (sql, parameters) }
        var out = [UInt8]()
        out.reserveCapacity(scanner.bytes.count)
        var cursor = 0
        for replacement in replacements {
            out.append(contentsOf: scanner.bytes[cursor..<replacement.start])
            out.append(contentsOf: Array(":\(replacement.name)".utf8))
            cursor = replacement.end
        }
        out.append(contentsOf: scanner.bytes[cursor...])
        return (String(decoding: out, as: UTF8.self), parameters + added)
    }
}
