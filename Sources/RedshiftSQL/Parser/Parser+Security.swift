/// Users, groups, roles, GRANT/REVOKE, RLS and masking policy statements.
///
/// - Redshift: r_CREATE_USER, r_ALTER_USER, r_DROP_USER, r_CREATE_GROUP, r_ALTER_GROUP, r_CREATE_ROLE,
///   r_GRANT, r_REVOKE, r_ALTER_DEFAULT_PRIVILEGES, r_CREATE_RLS_POLICY, r_ATTACH_RLS_POLICY,
///   r_ALTER_TABLE (ROW LEVEL SECURITY), r_CREATE_MASKING_POLICY, r_ATTACH_MASKING_POLICY.
extension Parser {
    /// The security statement starting at the current token, or nil (cursor unchanged) when it is another statement.
    mutating func parseSecurityStatement() throws -> AST.SecurityStatement? {
        let start = index
        let position = current.position
        switch current.text {
        case "create" where current.kind == .word:
            index += 1
            if consumeWord("user") { return try parseUserOptions(create: true, position: position) }
            if consumeWord("group") { return try parseCreateGroup(position: position) }
            if consumeWord("role") {
                let name = try parsePrincipalName()
                let external = consumeWord("externalid") ? try parseStringOrWord() : nil
                return .createRole(name: name, externalId: external, position: position)
            }
            if consumeWords("rls", "policy") { return try parseCreateRLSPolicy(position: position) }
            if consumeWords("masking", "policy") { return try parseCreateMaskingPolicy(position: position) }
        case "alter" where current.kind == .word:
            index += 1
            if consumeWord("user") { return try parseUserOptions(create: false, position: position) }
            if consumeWord("group") { return try parseAlterGroup(position: position) }
            if consumeWord("role") {
                let name = try parsePrincipalName()
                if consumeWords("rename", "to") { return .alterRole(name: name, renameTo: try parsePrincipalName(), ownerTo: nil, position: position) }
                if consumeWords("owner", "to") { return .alterRole(name: name, renameTo: nil, ownerTo: try parsePrincipalName(), position: position) }
                try expectWord("externalid"); _ = consumeWord("to"); _ = try parseStringOrWord()
                return .alterRole(name: name, renameTo: nil, ownerTo: nil, position: position)
            }
            if consumeWords("rls", "policy") {
                let name = try parsePolicyName()
                let (predicate, text) = try parseUsingExpression()
                return .alterRLSPolicy(name: name, predicate: predicate, predicateText: text, position: position)
            }
            if consumeWords("masking", "policy") {
                let name = try parsePolicyName()
                let (expression, text) = try parseUsingExpression()
                return .alterMaskingPolicy(name: name, expression: expression, expressionText: text, position: position)
            }
            if consumeWords("default", "privileges") { return try parseDefaultPrivileges(position: position) }
            if consumeWord("table"), atIdentifier {
                let table = try parseName()
                if consumeWords("row", "level", "security") {
                    let on: Bool
                    if consumeWord("on") { on = true } else { try expectWord("off"); on = false }
                    var conjunction: String?
                    if consumeWords("conjunction", "type") {
                        if consumeWord("and") { conjunction = "and" } else { try expectWord("or"); conjunction = "or" }
                    }
                    let datashares = consumeWords("for", "datashares")
                    return .rowLevelSecurity(table: table, on: on, conjunction: conjunction, forDatashares: datashares)
                }
            }
        case "drop" where current.kind == .word:
            index += 1
            if consumeWord("user") {
                let ifExists = consumeWords("if", "exists")
                return .dropUser(names: try parseList { try $0.parsePrincipalName() }, ifExists: ifExists, position: position)
            }
            if consumeWord("group") { return .dropGroup(names: try parseList { try $0.parsePrincipalName() }, position: position) }
            if consumeWord("role") {
                let name = try parsePrincipalName()
                let force = consumeWord("force")
                if !force { _ = consumeWord("restrict") }
                return .dropRole(name: name, force: force, position: position)
            }
            if consumeWords("rls", "policy") {
                let ifExists = consumeWords("if", "exists")
                let name = try parsePolicyName()
                let cascade = consumeWord("cascade")
                if !cascade { _ = consumeWord("restrict") }
                return .dropRLSPolicy(name: name, ifExists: ifExists, cascade: cascade, position: position)
            }
            if consumeWords("masking", "policy") {
                let ifExists = consumeWords("if", "exists")
                return .dropMaskingPolicy(name: try parsePolicyName(), ifExists: ifExists, position: position)
            }
        case "grant" where current.kind == .word, "revoke" where current.kind == .word:
            let revoke = current.text == "revoke"
            index += 1
            return try parseGrant(revoke: revoke, position: position)
        case "attach" where current.kind == .word, "detach" where current.kind == .word:
            let detach = current.text == "detach"
            index += 1
            if consumeWords("rls", "policy") {
                let policy = try parsePolicyName()
                try expectWord("on"); _ = consumeWord("table")
                let tables = try parseList { try $0.parseName() }
                try expectWord(detach ? "from" : "to")
                return .attachRLSPolicy(policy: policy, tables: tables, grantees: try parseList { try $0.parsePolicyGrantee() }, detach: detach, position: position)
            }
            if consumeWords("masking", "policy") { return try parseAttachMasking(detach: detach, position: position) }
            throw unexpected()
        default:
            break
        }
        index = start
        return nil
    }

    /// A user, group or role name; `sys:secadmin` lexes as `sys` followed by the parameter `:secadmin`.
    mutating func parsePrincipalName() throws -> String {
        let first = current
        var name: String
        if current.kind == .string { name = advance().text } else { name = try parseIdentifier(allowReserved: true) }
        if current.kind == .parameter, current.position - 1 == first.end {
            name += ":" + advance().text.lowercased()
        }
        return name
    }

    private mutating func parsePolicyName() throws -> String {
        let name = try parseName()
        return name.last
    }

    private mutating func parseStringOrWord() throws -> String {
        if current.kind == .string || current.kind == .number { return advance().text }
        return try parseIdentifier(allowReserved: true)
    }

    /// `USING ( expression )`: the expression and its source text.
    private mutating func parseUsingExpression() throws -> (AST.Expression, String) {
        try expectWord("using")
        try expectSymbol("(")
        let start = current.position
        let expression = try parseExpression()
        let text = self.text(from: start)
        try expectSymbol(")")
        return (expression, text)
    }

    /// `( col type, … )`.
    private mutating func parseAttributes() throws -> [AST.ColumnAttribute] {
        try expectSymbol("(")
        let attributes = try parseList { p in AST.ColumnAttribute(name: try p.parseIdentifier(allowReserved: true), type: try p.parseTypeName()) }
        try expectSymbol(")")
        return attributes
    }

    private mutating func parseCreateRLSPolicy(position: Int) throws -> AST.SecurityStatement {
        let ifNotExists = consumeWords("if", "not", "exists")
        let name = try parsePolicyName()
        var attributes: [AST.ColumnAttribute] = []
        var alias: String?
        if consumeWord("with") {
            attributes = try parseAttributes()
            if consumeWord("as") { alias = try parseIdentifier() } else if atIdentifier, !isWord("using") { alias = try parseIdentifier() }
        }
        let (predicate, text) = try parseUsingExpression()
        return .createRLSPolicy(AST.RLSPolicyDefinition(name: name, ifNotExists: ifNotExists, attributes: attributes, alias: alias,
                                                        predicate: predicate, predicateText: text, position: position))
    }

    private mutating func parseCreateMaskingPolicy(position: Int) throws -> AST.SecurityStatement {
        let ifNotExists = consumeWords("if", "not", "exists")
        let name = try parsePolicyName()
        try expectWord("with")
        let inputs = try parseAttributes()
        let (expression, text) = try parseUsingExpression()
        return .createMaskingPolicy(AST.MaskingPolicyDefinition(name: name, ifNotExists: ifNotExists, inputs: inputs,
                                                                expression: expression, expressionText: text, position: position))
    }

    private mutating func parseAttachMasking(detach: Bool, position: Int) throws -> AST.SecurityStatement {
        let policy = try parsePolicyName()
        try expectWord("on")
        let table = try parseName()
        let outputs = try parseIdentifierList()
        var inputs = outputs
        if consumeWord("using") { inputs = try parseIdentifierList() }
        try expectWord(detach ? "from" : "to")
        let grantees = try parseList { try $0.parsePolicyGrantee() }
        var priority: Int64 = 0
        if consumeWord("priority") {
            guard current.kind == .number, let value = Int64(current.text) else { throw unexpected() }
            index += 1
            priority = value
        }
        return .attachMaskingPolicy(AST.MaskingAttachment(policy: policy, table: table, outputColumns: outputs, inputColumns: inputs,
                                                          grantees: grantees, priority: priority, detach: detach, position: position))
    }

    /// A policy grantee: `user`, `ROLE r` or `PUBLIC` only — the ATTACH/DETACH grammar has no GROUP,
    /// so `TO GROUP g` is a syntax error at GROUP (r_ATTACH_RLS_POLICY, r_ATTACH_MASKING_POLICY).
    private mutating func parsePolicyGrantee() throws -> AST.Grantee {
        if isWord("group") { throw unexpected() }
        return try parseGrantee()
    }

    /// `user`, `GROUP g`, `ROLE r` or `PUBLIC`, with an optional WITH GRANT OPTION.
    mutating func parseGrantee() throws -> AST.Grantee {
        var grantee: AST.Grantee
        if consumeWord("public") {
            grantee = AST.Grantee(kind: "public", name: "public")
        } else if consumeWord("group") {
            grantee = AST.Grantee(kind: "group", name: try parsePrincipalName())
        } else if isWord("role"), peek().kind == .word || peek().kind == .quotedIdentifier || peek().kind == .string {
            index += 1
            grantee = AST.Grantee(kind: "role", name: try parsePrincipalName())
        } else {
            grantee = AST.Grantee(kind: "user", name: try parsePrincipalName())
        }
        if consumeWords("with", "grant", "option") { grantee.grantOption = true }
        return grantee
    }

    private mutating func parseCreateGroup(position: Int) throws -> AST.SecurityStatement {
        let name = try parsePrincipalName()
        _ = consumeWord("with")
        var users: [String] = []
        if consumeWord("user") { users = try parseList { try $0.parsePrincipalName() } }
        return .createGroup(name: name, users: users, position: position)
    }

    private mutating func parseAlterGroup(position: Int) throws -> AST.SecurityStatement {
        let name = try parsePrincipalName()
        if consumeWords("add", "user") { return .alterGroup(name: name, action: .addUsers(try parseList { try $0.parsePrincipalName() }), position: position) }
        if consumeWords("drop", "user") { return .alterGroup(name: name, action: .dropUsers(try parseList { try $0.parsePrincipalName() }), position: position) }
        try expectWord("rename"); try expectWord("to")
        return .alterGroup(name: name, action: .rename(try parsePrincipalName()), position: position)
    }
}
