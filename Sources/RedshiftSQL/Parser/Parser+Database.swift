/// CREATE, DROP and ALTER DATABASE (after the leading CREATE/DROP/ALTER and DATABASE).
///
/// - Redshift: r_CREATE_DATABASE (`[WITH] [OWNER [=] user] [CONNECTION LIMIT {n | UNLIMITED}]
///   [COLLATE {CASE_SENSITIVE | CASE_INSENSITIVE}] [ISOLATION LEVEL {SERIALIZABLE | SNAPSHOT}]`),
///   r_DROP_DATABASE (`name [FORCE]`; IF EXISTS is PostgreSQL's and accepted), r_ALTER_DATABASE.
///   The datashare and Glue/Identity Center forms (FROM DATASHARE, FROM ARN, …) are not supported.
extension Parser {
    mutating func parseCreateDatabase() throws -> AST.Statement {
        let name = try parseIdentifier()
        var options = DatabaseOptions()
        _ = consumeWord("with")
        while current.kind != .end && !isSymbol(";") {
            if consumeWord("owner") {
                _ = consumeSymbol("=")
                options.owner = try parsePrincipalName()
            } else if consumeWords("connection", "limit") {
                options.connectionLimit = try parseConnectionLimit()
            } else if consumeWord("collate") {
                options.collation = try parseCollation()
            } else if consumeWords("isolation", "level") {
                options.isolation = try parseIsolation()
            } else if current.kind == .word, ["from", "associate"].contains(current.text) {
                throw SQLError.unsupported("CREATE DATABASE \(current.text.uppercased())", at: current.position)
            } else {
                throw unexpected()
            }
        }
        return .database(.create(name: name, options: options))
    }

    mutating func parseDropDatabase() throws -> AST.Statement {
        let ifExists = consumeWords("if", "exists")
        let name = try parseIdentifier()
        let force = consumeWord("force")
        return .database(.drop(name: name, ifExists: ifExists, force: force))
    }

    mutating func parseAlterDatabase() throws -> AST.Statement {
        let name = try parseIdentifier()
        let change: DatabaseChange
        if consumeWords("rename", "to") {
            change = .rename(to: try parseIdentifier())
        } else if consumeWords("owner", "to") {
            change = .owner(to: try parsePrincipalName())
        } else if consumeWords("connection", "limit") {
            change = .connectionLimit(try parseConnectionLimit())
        } else if consumeWord("collate") {
            change = .collate(try parseCollation())
        } else if consumeWords("isolation", "level") {
            change = .isolation(try parseIsolation())
        } else {
            if current.kind == .word { throw SQLError.unsupported("ALTER DATABASE … \(current.text.uppercased())", at: current.position) }
            throw unexpected()
        }
        return .database(.alter(name: name, change: change))
    }

    private mutating func parseConnectionLimit() throws -> Int? {
        if consumeWord("unlimited") { return nil }
        guard current.kind == .number, let limit = Int(current.text), limit >= -1 else { throw unexpected() }
        index += 1
        return limit == -1 ? nil : limit
    }

    private mutating func parseCollation() throws -> DatabaseOptions.Collation {
        if consumeWord("case_sensitive") { return .caseSensitive }
        if consumeWord("case_insensitive") { return .caseInsensitive }
        throw unexpected()
    }

    private mutating func parseIsolation() throws -> DatabaseOptions.Isolation {
        if consumeWord("serializable") { return .serializable }
        if consumeWord("snapshot") { return .snapshot }
        throw unexpected()
    }
}
