import RedshiftSQL

/// CommandComplete's tag for a statement that ended (protocol-message-formats.html, CommandComplete):
/// `SELECT n`, `INSERT 0 n`, `UPDATE n`, `DELETE n`, `COPY n`, or the command's words (`CREATE TABLE`).
enum CommandTag {
    static func of(_ statement: ParsedStatement, rows: Int64) -> String {
        of(statement, rows: rows, words: leadingWords(of: statement.text))
    }

    /// The first four tokens that are not comments, upper-cased ("" for one that is not a word):
    /// all the tag needs of the text, which a connection keeps for texts it runs again.
    static func leadingWords(of text: String) -> [String] {
        Array(SQLTokens(text).tokens.lazy.filter { $0.kind != .comment }.prefix(4)
            .map { $0.kind == .word ? $0.text.uppercased() : "" })
    }

    /// The tag from the statement's `leadingWords`.
    static func of(_ statement: ParsedStatement, rows: Int64, words: [String]) -> String {
        let first = words.first ?? ""
        let count = max(rows, 0)
        switch first {
        case "SELECT", "VALUES", "WITH":
            switch statement.statementClass {
            case .dml: return dmlTag(Array(words.dropFirst()), rows: count) ?? "SELECT \(count)"
            default: return "SELECT \(count)"
            }
        case "INSERT", "UPDATE", "DELETE", "MERGE": return dmlTag([first], rows: count)!
        case "COPY": return "COPY \(count)"
        case "BEGIN": return "BEGIN"
        case "START": return "START TRANSACTION"
        case "COMMIT", "END": return "COMMIT"
        case "ROLLBACK", "ABORT": return "ROLLBACK"
        case "CREATE", "DROP", "ALTER":
            let rest = words.dropFirst().filter { !["OR", "REPLACE", "TEMP", "TEMPORARY", "LOCAL", "EXTERNAL"].contains($0) }
            if statement.statementClass == .createTableAs { return "SELECT \(count)" }
            if rest.first == "MATERIALIZED" { return "\(first) MATERIALIZED VIEW" }
            return rest.first.map { "\(first) \($0)" } ?? first
        case "TRUNCATE": return "TRUNCATE TABLE"
        case "DECLARE": return "DECLARE CURSOR"
        case "FETCH": return "FETCH \(count)"
        case "CLOSE": return "CLOSE CURSOR"
        default: return first.isEmpty ? "SELECT \(count)" : first
        }
    }

    private static func dmlTag(_ words: [String], rows: Int64) -> String? {
        for word in words {
            switch word {
            case "INSERT": return "INSERT 0 \(rows)"
            case "UPDATE": return "UPDATE \(rows)"
            case "DELETE": return "DELETE \(rows)"
            case "MERGE": return "MERGE \(rows)"
            default: continue
            }
        }
        return nil
    }
}
