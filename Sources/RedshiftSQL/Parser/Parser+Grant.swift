/// GRANT/REVOKE, ALTER DEFAULT PRIVILEGES and the options of CREATE/ALTER USER.
///
/// - Redshift: r_GRANT, r_REVOKE, r_ALTER_DEFAULT_PRIVILEGES, r_CREATE_USER, r_ALTER_USER.
extension Parser {
    private var atStatementEnd: Bool { current.kind == .end || isSymbol(";") }

    /// After GRANT/REVOKE.
    mutating func parseGrant(revoke: Bool, position: Int) throws -> AST.SecurityStatement {
        let grantOptionFor = revoke && consumeWords("grant", "option", "for")
        if isWord("role"), !peek().isWord("on") {
            index += 1
            let roles = try parseList { try $0.parsePrincipalName() }
            try expectWord(revoke ? "from" : "to")
            let grantees = try parseList { try $0.parseGrantee() }
            let admin = consumeWords("with", "admin", "option")
            _ = consumeWord("restrict") || consumeWord("cascade")
            return .roleGrant(roles: roles, grantees: grantees, adminOption: admin, revoke: revoke, position: position)
        }
        let privileges = try parsePrivilegeList()
        if isWord(revoke ? "from" : "to") {
            index += 1
            let grantees = try parseList { try $0.parseGrantee() }
            return .systemPrivileges(privileges: privileges.map(\.name), grantees: grantees, revoke: revoke, position: position)
        }
        try expectWord("on")
        let target = try parsePrivilegeTarget()
        try expectWord(revoke ? "from" : "to")
        if consumeWords("rls", "policy") || consumeWords("masking", "policy") {
            _ = try parseList { try $0.parseIdentifier() }
            return .policyLookupGrant(position: position)
        }
        let grantees = try parseList { try $0.parseGrantee() }
        _ = consumeWord("restrict") || consumeWord("cascade")
        return .privileges(AST.PrivilegeStatement(privileges: privileges, target: target, grantees: grantees, revoke: revoke,
                                                  grantOptionFor: grantOptionFor, position: position))
    }

    /// `SELECT, UPDATE (a, b), ALL PRIVILEGES, IGNORE RLS, CREATE USER …` up to ON / TO / FROM.
    private mutating func parsePrivilegeList() throws -> [(name: String, columns: [String])] {
        var result: [(name: String, columns: [String])] = []
        repeat {
            var words: [String] = []
            while current.kind == .word, !["on", "to", "from"].contains(current.text) {
                words.append(advance().text)
            }
            guard !words.isEmpty else { throw unexpected() }
            if words == ["all", "privileges"] { words = ["all"] }
            if words == ["temp"] { words = ["temporary"] }
            var columns: [String] = []
            if isSymbol("(") { columns = try parseIdentifierList() }
            result.append((words.joined(separator: " ").uppercased(), columns))
        } while consumeSymbol(",")
        return result
    }

    private mutating func parsePrivilegeTarget() throws -> AST.PrivilegeStatement.Target {
        if consumeWords("all", "tables", "in", "schema") {
            return .allTablesInSchemas(try parseList { try $0.parseIdentifier() })
        }
        if consumeWord("schema") { return .schemas(try parseList { try $0.parseIdentifier() }) }
        if consumeWord("database") { return .databases(try parseList { try $0.parseIdentifier() }) }
        if isWord("function") || isWord("procedure") || isWord("language") || consumeWords("all", "functions") || consumeWords("all", "procedures") {
            while !atStatementEnd, !isWord("to"), !isWord("from") { index += 1 }
            return .routines
        }
        if isWord("assumerole") || current.kind == .string {
            throw SQLError.unsupported("GRANT ASSUMEROLE", at: current.position)
        }
        _ = consumeWord("table")
        return .tables(try parseList { try $0.parseName() })
    }

    /// After ALTER DEFAULT PRIVILEGES.
    mutating func parseDefaultPrivileges(position: Int) throws -> AST.SecurityStatement {
        var owners: [String] = []
        var schemas: [String] = []
        if consumeWords("for", "user") { owners = try parseList { try $0.parsePrincipalName() } }
        if consumeWords("in", "schema") { schemas = try parseList { try $0.parseIdentifier() } }
        let revoke: Bool
        if consumeWord("grant") { revoke = false } else { try expectWord("revoke"); revoke = true }
        _ = revoke && consumeWords("grant", "option", "for")
        let privileges = try parsePrivilegeList()
        try expectWord("on")
        guard consumeWord("tables") else {
            if consumeWord("functions") || consumeWord("procedures") {
                try expectWord(revoke ? "from" : "to")
                _ = try parseList { try $0.parseGrantee() }
                return .policyLookupGrant(position: position)
            }
            throw unexpected()
        }
        try expectWord(revoke ? "from" : "to")
        let grantees = try parseList { try $0.parseGrantee() }
        _ = consumeWord("restrict") || consumeWord("cascade")
        return .defaultPrivileges(owners: owners, schemas: schemas, privileges: privileges.map(\.name), grantees: grantees, revoke: revoke, position: position)
    }

    /// After CREATE USER / ALTER USER.
    mutating func parseUserOptions(create: Bool, position: Int) throws -> AST.SecurityStatement {
        let name = try parsePrincipalName()
        _ = consumeWord("with")
        var options: [AST.UserOption] = []
        while !atStatementEnd {
            if consumeWord("password") {
                if consumeWord("disable") { options.append(.password(nil)) } else {
                    guard current.kind == .string else { throw unexpected() }
                    options.append(.password(advance().text))
                }
            } else if consumeWord("createuser") { options.append(.createUser(true))
            } else if consumeWord("nocreateuser") { options.append(.createUser(false))
            } else if consumeWord("createdb") { options.append(.createDatabase(true))
            } else if consumeWord("nocreatedb") { options.append(.createDatabase(false))
            } else if consumeWords("syslog", "access") {
                let value = try parseIdentifier(allowReserved: true)
                guard value == "restricted" || value == "unrestricted" else { throw unexpected() }
                options.append(.syslogAccess(value.uppercased()))
            } else if consumeWords("in", "group") {
                options.append(.inGroups(try parseList { try $0.parsePrincipalName() }))
            } else if consumeWords("valid", "until") {
                guard current.kind == .string else { throw unexpected() }
                options.append(.validUntil(advance().text))
            } else if consumeWords("connection", "limit") {
                options.append(.connectionLimit(consumeWord("unlimited") ? "UNLIMITED" : try parseStringOrNumber()))
            } else if consumeWords("session", "timeout") || consumeWords("reset", "session", "timeout") {
                if current.kind == .number { index += 1 }
                options.append(.ignored("session timeout"))
            } else if consumeWord("externalid") {
                _ = try parseStringOrNumber()
                options.append(.ignored("externalid"))
            } else if !create, consumeWords("rename", "to") {
                options.append(.renameTo(try parsePrincipalName()))
            } else if !create, consumeWord("set") {
                // r_ALTER_USER: SET parameter { TO | = } { value | DEFAULT }.
                let setting = try parseSettingName()
                guard consumeWord("to") || consumeSymbol("=") else { throw unexpected() }
                options.append(.setting(name: setting, value: try parseSettingValue()))
            } else if !create, consumeWord("reset") {
                options.append(.setting(name: try parseSettingName(), value: nil))
            } else {
                throw unexpected()
            }
            _ = consumeSymbol(",")
        }
        return create ? .createUser(name: name, options: options, position: position) : .alterUser(name: name, options: options, position: position)
    }

    private mutating func parseStringOrNumber() throws -> String {
        guard current.kind == .string || current.kind == .number || current.kind == .word else { throw unexpected() }
        return advance().text
    }
}
