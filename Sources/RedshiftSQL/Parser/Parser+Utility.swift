/// Transactions, SET, RESET, SHOW.
///
/// - Redshift: BEGIN (r_BEGIN), END (r_END), ABORT (r_ABORT), SET (r_SET), RESET (r_RESET), SHOW (r_SHOW).
extension Parser {
    mutating func parseTransaction() throws -> AST.Statement {
        let word = advance().text
        switch word {
        case "begin", "start":
            if word == "start" { try expectWord("transaction") } else { _ = consumeWord("work") || consumeWord("transaction") }
            // Any isolation level is accepted and treated as SERIALIZABLE.
            while current.kind == .word, ["isolation", "level", "serializable", "read", "committed", "uncommitted", "repeatable", "write", "only", "snapshot"].contains(current.text) || isSymbol(",") {
                index += 1
            }
            return .transaction(.begin)
        case "commit", "end":
            _ = consumeWord("work") || consumeWord("transaction")
            return .transaction(.commit)
        default:
            _ = consumeWord("work") || consumeWord("transaction")
            if isWord("to") { throw SQLError.unsupported("ROLLBACK TO SAVEPOINT", at: current.position) }
            return .transaction(.rollback)
        }
    }

    /// A setting name: words joined by dots (`app.user_id`), lower-cased.
    mutating func parseSettingName() throws -> String {
        var parts = [try parseIdentifier(allowReserved: true)]
        while consumeSymbol(".") { parts.append(try parseIdentifier(allowReserved: true)) }
        return parts.joined(separator: ".")
    }

    mutating func parseSet() throws -> AST.Statement {
        index += 1
        _ = consumeWord("session") || consumeWord("local")
        if isWord("session"), peek().isWord("authorization") || isWord("authorization") {
            throw SQLError.unsupported("SET SESSION AUTHORIZATION", at: current.position)
        }
        if consumeWords("time", "zone") {
            return .set(name: "timezone", value: try parseSettingValue())
        }
        let name = try parseSettingName()
        guard consumeWord("to") || consumeSymbol("=") else { throw unexpected() }
        return .set(name: name, value: try parseSettingValue())
    }

    /// `DEFAULT` (nil) or a comma-separated list of words, strings and numbers, rendered as SHOW prints it.
    mutating func parseSettingValue() throws -> String? {
        if consumeWord("default") || consumeWord("local") { return nil }
        var parts: [String] = []
        repeat {
            let token = current
            switch token.kind {
            case .string, .word, .quotedIdentifier: index += 1; parts.append(token.text)
            case .number: index += 1; parts.append(token.text)
            case .symbol where token.text == "-" && peek().kind == .number:
                index += 2
                parts.append("-" + tokens[index - 1].text)
            default: throw unexpected()
            }
        } while consumeSymbol(",")
        return parts.joined(separator: ", ")
    }

    mutating func parseReset() throws -> AST.Statement {
        index += 1
        if consumeWord("all") { return .set(name: "all", value: nil) }
        if consumeWords("session", "authorization") { throw SQLError.unsupported("RESET SESSION AUTHORIZATION", at: current.position) }
        return .set(name: try parseSettingName(), value: nil)
    }

    mutating func parseShow() throws -> AST.Statement {
        index += 1
        if consumeWord("all") { return .show(name: "all") }
        if consumeWords("time", "zone") { return .show(name: "timezone") }
        // SQLAlchemy asks at connect; Redshift's isolation is serializable (c_serial_isolation).
        if consumeWords("transaction", "isolation", "level") { return .show(name: "transaction_isolation") }
        if isWord("tables") || isWord("columns") || isWord("databases") || isWord("schemas") || isWord("table") || isWord("view") {
            throw SQLError.unsupported("SHOW \(current.text.uppercased())", at: current.position)
        }
        return .show(name: try parseSettingName())
    }
}
