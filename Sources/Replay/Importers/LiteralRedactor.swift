import Foundation
import RedshiftSQL

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

    /// `'…'` and `E'…'` literals (whose values the lexer unescapes); `$$…$$` bodies are kept.
    private static func isQuoted(_ firstByte: UInt8) -> Bool { firstByte == 39 || firstByte == 69 || firstByte == 101 }

    /// The redacted text and the parameters (existing ones first); the input unchanged when the
    /// statement has nothing to redact or does not take parameters.
    public func redact(_ sql: String, parameters: [RecordedParameter]) -> (sql: String, parameters: [RecordedParameter]) {
        let tokens = SQLTokens(sql)
        let significant = tokens.filter { $0.kind != .comment }
        guard let first = significant.first(where: { $0.kind == .word }),
              Self.statementWords.contains(first.text) else { return (sql, parameters) }
        var used = Set(parameters.map(\.name))
        for token in tokens where token.kind == .namedParameter { used.insert(token.text) }
        var counter = 0
        func nextName() -> String {
            while true {
                counter += 1
                if !used.contains("p\(counter)") { used.insert("p\(counter)"); return "p\(counter)" }
            }
        }

        var replacements: [(range: Range<Int>, name: String)] = []
        var added: [RecordedParameter] = []
        var parens: [String] = []          // opener of each open parenthesis: function/keyword before it, or ""
        var valuesList = false             // inside VALUES (…), (…)
        var betweenPending = false
        var previous = ""                  // previous token: a word or symbol (lower-cased), else ""
        var beforePrevious = ""
        for token in significant {
            // Words come lower-cased and operators whole (`<=`, `<>`, `!=`) from the lexer.
            let lower = token.kind == .word || token.kind == .symbol ? token.text : ""
            let opener = parens.last ?? ""
            switch token.kind {
            case .string where !token.isMalformed && Self.isQuoted(tokens.utf8[token.utf8Range.lowerBound]):
                if !Self.typedLiteralWords.contains(previous) && !Self.formatFunctions.contains(opener) {
                    let name = nextName()
                    replacements.append((token.utf8Range, name))
                    added.append(RecordedParameter(name: name, value: token.text))
                }
            case .number:
                let inList = (opener == "in" || opener == "values") && (previous == "(" || previous == ",")
                let bound = betweenPending && (previous == "between" || previous == "and")
                if Self.comparisons.contains(previous) || inList || bound {
                    let name = nextName()
                    replacements.append((token.utf8Range, name))
                    added.append(RecordedParameter(name: name, value: token.text))
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
            if lower == "values" { valuesList = true } else if token.kind == .word && parens.isEmpty { valuesList = false }
            if lower == "between" { betweenPending = true }
            beforePrevious = previous
            previous = lower
        }
        guard !replacements.isEmpty else { return (sql, parameters) }
        var out = [UInt8]()
        out.reserveCapacity(tokens.utf8.count)
        var cursor = 0
        for replacement in replacements {
            out.append(contentsOf: tokens.utf8[cursor..<replacement.range.lowerBound])
            out.append(contentsOf: Array(":\(replacement.name)".utf8))
            cursor = replacement.range.upperBound
        }
        out.append(contentsOf: tokens.utf8[cursor...])
        return (String(decoding: out, as: UTF8.self), parameters + added)
    }
}
