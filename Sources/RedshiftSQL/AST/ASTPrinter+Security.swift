/// S-expressions of users, groups, roles, privileges and policies (`ASTPrinter`).
extension AST.SecurityStatement {
    var tree: String {
        typealias P = ASTPrinter
        switch self {
        case .createUser(let name, let options, _): return P.node("create-user", [name] + options.map(\.tree))
        case .alterUser(let name, let options, _): return P.node("alter-user", [name] + options.map(\.tree))
        case .dropUser(let names, let ifExists, _): return P.node("drop-user", names + [P.flag(ifExists, "if-exists")].compactMap { $0 })
        case .createGroup(let name, let users, _): return P.node("create-group", name, P.optional("users", users))
        case .alterGroup(let name, let action, _):
            let actionTree: String
            switch action {
            case .addUsers(let users): actionTree = P.node("add-users", users)
            case .dropUsers(let users): actionTree = P.node("drop-users", users)
            case .rename(let newName): actionTree = P.node("rename-to", newName)
            }
            return P.node("alter-group", name, actionTree)
        case .dropGroup(let names, _): return P.node("drop-group", names)
        case .createRole(let name, let externalId, _): return P.node("create-role", name, externalId.map { P.node("external-id", P.quoted($0)) })
        case .alterRole(let name, let renameTo, let ownerTo, _):
            return P.node("alter-role", name, renameTo.map { P.node("rename-to", $0) }, ownerTo.map { P.node("owner-to", $0) })
        case .dropRole(let name, let force, _): return P.node("drop-role", name, P.flag(force, "force"))
        case .roleGrant(let roles, let grantees, let adminOption, let revoke, _):
            return P.node(revoke ? "revoke-role" : "grant-role", P.node("roles", roles), Self.grantees(grantees, revoke), P.flag(adminOption, "with-admin-option"))
        case .privileges(let statement): return statement.tree
        case .systemPrivileges(let privileges, let grantees, let revoke, _):
            return P.node(revoke ? "revoke-system" : "grant-system", P.node("privileges", privileges), Self.grantees(grantees, revoke))
        case .policyLookupGrant: return P.node("grant-policy-lookup")
        case .defaultPrivileges(let owners, let schemas, let privileges, let grantees, let revoke, _):
            return P.node("default-privileges", P.optional("for-users", owners), P.optional("in-schemas", schemas),
                          P.node(revoke ? "revoke" : "grant", P.node("privileges", privileges), Self.grantees(grantees, revoke)))
        case .createRLSPolicy(let policy):
            return P.node("create-rls-policy", policy.name, P.flag(policy.ifNotExists, "if-not-exists"), P.optional("with", policy.attributes.map(\.tree)),
                          policy.alias.map { P.node("alias", $0) }, P.node("using", policy.predicate.tree))
        case .alterRLSPolicy(let name, let predicate, _, _): return P.node("alter-rls-policy", name, P.node("using", predicate.tree))
        case .dropRLSPolicy(let name, let ifExists, let cascade, _):
            return P.node("drop-rls-policy", name, P.flag(ifExists, "if-exists"), P.flag(cascade, "cascade"))
        case .attachRLSPolicy(let policy, let tables, let grantees, let detach, _):
            return P.node(detach ? "detach-rls-policy" : "attach-rls-policy", policy, P.node("on", tables.map(\.tree)), Self.grantees(grantees, detach))
        case .rowLevelSecurity(let table, let on, let conjunction, let forDatashares):
            return P.node("row-level-security", table.tree, on ? "on" : "off", conjunction.map { P.node("conjunction", $0) },
                          P.flag(forDatashares, "for-datashares"))
        case .createMaskingPolicy(let policy):
            return P.node("create-masking-policy", policy.name, P.flag(policy.ifNotExists, "if-not-exists"),
                          P.optional("with", policy.inputs.map(\.tree)), P.node("using", policy.expression.tree))
        case .alterMaskingPolicy(let name, let expression, _, _): return P.node("alter-masking-policy", name, P.node("using", expression.tree))
        case .dropMaskingPolicy(let name, let ifExists, _): return P.node("drop-masking-policy", name, P.flag(ifExists, "if-exists"))
        case .attachMaskingPolicy(let attachment):
            return P.node(attachment.detach ? "detach-masking-policy" : "attach-masking-policy", attachment.policy,
                          P.node("on", attachment.table.tree, P.optional("columns", attachment.outputColumns)),
                          P.optional("using", attachment.inputColumns), Self.grantees(attachment.grantees, attachment.detach),
                          attachment.priority == 0 ? nil : P.node("priority", "\(attachment.priority)"))
        }
    }

    /// `(to grantee…)`, or `(from grantee…)` when `from` (REVOKE, DETACH).
    static func grantees(_ grantees: [AST.Grantee], _ from: Bool) -> String {
        ASTPrinter.node(from ? "from" : "to", grantees.map(\.tree))
    }
}

extension AST.PrivilegeStatement {
    var tree: String {
        typealias P = ASTPrinter
        let privilegeTrees = privileges.map { $0.columns.isEmpty ? $0.name : P.node($0.name, $0.columns) }
        let targetTree: String
        switch target {
        case .tables(let names): targetTree = P.node("tables", names.map(\.tree))
        case .allTablesInSchemas(let schemas): targetTree = P.node("all-tables-in-schemas", schemas)
        case .schemas(let schemas): targetTree = P.node("schemas", schemas)
        case .databases(let databases): targetTree = P.node("databases", databases)
        case .routines: targetTree = P.node("routines")
        }
        return P.node(revoke ? "revoke" : "grant", P.flag(grantOptionFor, "grant-option-for"), P.node("privileges", privilegeTrees), targetTree,
                      AST.SecurityStatement.grantees(grantees, revoke))
    }
}

extension AST.Grantee {
    /// A user by name, `public`, `(group g)` or `(role r)`; wrapped in `(with-grant-option …)` when given.
    var tree: String {
        let base: String
        switch kind {
        case "user": base = name
        case "public": base = "public"
        default: base = ASTPrinter.node(kind, name)
        }
        return grantOption ? ASTPrinter.node("with-grant-option", base) : base
    }
}

extension AST.ColumnAttribute {
    var tree: String { ASTPrinter.group([name, type.tree]) }
}

extension AST.UserOption {
    var tree: String {
        typealias P = ASTPrinter
        switch self {
        case .password(let password): return P.node("password", password.map(P.quoted) ?? "disable")
        case .createUser(let on): return on ? "createuser" : "nocreateuser"
        case .createDatabase(let on): return on ? "createdb" : "nocreatedb"
        case .inGroups(let groups): return P.node("in-groups", groups)
        case .validUntil(let text): return P.node("valid-until", P.quoted(text))
        case .connectionLimit(let text): return P.node("connection-limit", text)
        case .syslogAccess(let text): return P.node("syslog-access", text)
        case .renameTo(let name): return P.node("rename-to", name)
        case .setting(let name, let value): return value.map { P.node("set", name, P.quoted($0)) } ?? P.node("reset", name)
        case .ignored(let text): return P.node("ignored", P.quoted(text))
        }
    }
}
