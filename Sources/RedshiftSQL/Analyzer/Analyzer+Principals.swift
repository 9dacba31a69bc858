import Foundation

/// CREATE/ALTER/DROP USER, GROUP and ROLE, GRANT/REVOKE ROLE: changes of the security catalog
/// (rendered by SQLiteGenerator+Security.swift).
///
/// - Redshift: r_CREATE_USER, r_ALTER_USER, r_DROP_USER, r_CREATE_GROUP, r_ALTER_GROUP, r_DROP_GROUP,
///   r_CREATE_ROLE, r_DROP_ROLE, r_role-usage-notes, r_superusers.
extension Analyzer {
    func securitySteps(_ statement: AST.SecurityStatement) throws -> [Bound.Step] {
        switch statement {
        case .createUser(let name, let options, let position): return try createUserSteps(name, options, position)
        case .alterUser(let name, let options, let position): return try alterUserSteps(name, options, position)
        case .dropUser(let names, let ifExists, let position): return try dropUserSteps(names, ifExists: ifExists, position)
        case .createGroup(let name, let users, let position):
            try requireSuperuser("create group", position: position)
            guard try securityState().groups[name] == nil else { throw SQLError(code: "42710", message: "group \"\(name)\" already exists", position: position) }
            // The generator takes the next free grosysid at write time, at least this one.
            let id = 100
            return [.principal(.createGroup(name: name, id: Int64(id)))]
                + (try users.map { user -> Bound.Step in try requireUser(user, position); return .principal(.addGroupMember(group: name, user: user)) })
        case .alterGroup(let name, let action, let position):
            try requireSuperuser("alter group", position: position)
            try requireGroup(name, position)
            switch action {
            case .addUsers(let users):
                return try users.map { user -> Bound.Step in try requireUser(user, position); return .principal(.addGroupMember(group: name, user: user)) }
            case .dropUsers(let users):
                return users.map { .principal(.removeGroupMember(group: name, user: $0)) }
            case .rename(let newName):
                return [.principal(.renameGroup(from: name, to: newName))]
            }
        case .dropGroup(let names, let position):
            try requireSuperuser("drop group", position: position)
            return try names.map { name -> Bound.Step in
                try requireGroup(name, position)
                return .principal(.dropGroup(name))
            }
        case .createRole(let name, let externalId, let position):
            try requireSecurityAdmin("create role", position: position)
            let state = try securityState()
            if name.hasPrefix("sys:") || name.hasPrefix("ds:") || name == "public" || name.contains("/") || name.contains(":") {
                throw SQLError(code: "42939", message: "role name \"\(name)\" is reserved", position: position)
            }
            if state.roles.contains(name) { throw SQLError(code: "42710", message: "role \"\(name)\" already exists", position: position) }
            if state.users[name] != nil { throw SQLError(code: "42710", message: "a user named \"\(name)\" already exists", position: position) }
            return [.principal(.createRole(name: name, owner: context.currentUser, externalId: externalId))]
        case .alterRole(let name, let renameTo, let ownerTo, let position):
            try requireSecurityAdmin("alter role", position: position)
            try requireRole(name, position)
            if let renameTo {
                return [.principal(.renameRole(from: name, to: renameTo))]
            }
            if let ownerTo { return [.principal(.setRoleOwner(role: name, owner: ownerTo))] }
            return []
        case .dropRole(let name, let force, let position):
            try requireSecurityAdmin("drop role", position: position)
            try requireRole(name, position)
            if SecurityLayout.systemRoles.contains(name) { throw SQLError(code: "42501", message: "cannot drop system role \"\(name)\"", position: position) }
            if !force, try securityState().roleGrants.contains(where: { $0.role == name && $0.grantee.kind == "role" }) {
                throw SQLError(code: "2BP01", message: "cannot drop role \"\(name)\" because it is granted to other roles", position: position)
            }
            return [.principal(.dropRole(name))]
        case .roleGrant(let roles, let grantees, let admin, let revoke, let position):
            return try roleGrantSteps(roles, grantees, admin: admin, revoke: revoke, position)
        case .privileges(let grant): return try privilegeSteps(grant)
        case .systemPrivileges(let privileges, let grantees, let revoke, let position):
            return try systemPrivilegeSteps(privileges, grantees, revoke: revoke, position)
        case .policyLookupGrant:
            return []  // policies read their lookup tables without grants (r_CREATE_RLS_POLICY)
        case .defaultPrivileges(let owners, let schemas, let privileges, let grantees, let revoke, let position):
            return try defaultPrivilegesSteps(owners: owners, schemas: schemas, privileges: privileges, grantees: grantees, revoke: revoke, position)
        default:
            return try policySteps(statement)
        }
    }

    func securityState() throws -> SecurityState { try security?.state ?? SecurityState() }

    func requireUser(_ name: String, _ position: Int?) throws {
        guard try securityState().users[name] != nil || name == (context.bootstrapSuperuser ?? "") else {
            throw SQLError(code: "42704", message: "user \"\(name)\" does not exist", position: position)
        }
    }

    func requireGroup(_ name: String, _ position: Int?) throws {
        guard try securityState().groups[name] != nil else { throw SQLError(code: "42704", message: "group \"\(name)\" does not exist", position: position) }
    }

    func requireRole(_ name: String, _ position: Int?) throws {
        guard try securityState().roles.contains(name) else { throw SQLError(code: "42704", message: "role \"\(name)\" does not exist", position: position) }
    }

    /// Checks that a grantee exists (users, groups, roles; PUBLIC always).
    func requireGrantee(_ grantee: AST.Grantee, _ position: Int?) throws {
        switch grantee.kind {
        case "user": try requireUser(grantee.name, position)
        case "group": try requireGroup(grantee.name, position)
        case "role": try requireRole(grantee.name, position)
        default: break
        }
    }

    private func createUserSteps(_ name: String, _ options: [AST.UserOption], _ position: Int) throws -> [Bound.Step] {
        try requireSecurityAdmin("create user", position: position)
        if name == "public" { throw SQLError(code: "42939", message: "user name \"public\" is reserved", position: position) }
        let state = try securityState()
        if state.users[name] != nil { throw SQLError(code: "42710", message: "user \"\(name)\" already exists", position: position) }
        if state.roles.contains(name) { throw SQLError(code: "42710", message: "a role named \"\(name)\" already exists", position: position) }
        guard options.contains(where: { if case .password = $0 { return true }; return false }) else { throw SQLError.syntaxAtEnd(nil) }
        // rdsdb is 1 and the administrator (the bootstrap superuser, not in the catalog) 100: created
        // users get 101 and up, unique in the cluster (the generator takes the next free usesysid at
        // write time, so two databases creating users at once do not share one).
        let id = max(state.users.values.map(\.id).max() ?? CatalogViews.administratorUserID, CatalogViews.administratorUserID) + 1
        var steps: [Bound.Step] = [.principal(.createUser(name: name, id: id))]
        steps += try userOptionSteps(name, options, position)
        return steps
    }

    private func alterUserSteps(_ name: String, _ options: [AST.UserOption], _ position: Int) throws -> [Bound.Step] {
        let principal = try queryingPrincipal()
        let onlyOwnPassword = principal?.user == name && options.allSatisfy { if case .password = $0 { return true }; if case .ignored = $0 { return true }; return false }
        if !onlyOwnPassword { try requireSecurityAdmin("alter user", position: position) }
        guard try securityState().users[name] != nil else {
            throw SQLError(code: "42704", message: "user \"\(name)\" does not exist", position: position)
        }
        return try userOptionSteps(name, options, position)
    }

    private func userOptionSteps(_ name: String, _ options: [AST.UserOption], _ position: Int) throws -> [Bound.Step] {
        var steps: [Bound.Step] = []
        for option in options {
            switch option {
            case .password(let password):
                if let password { try validatePassword(password, position) }
                // Redshift's text (brainly/terraform-provider-redshift#37, CREATE USER … CREATEUSER PASSWORD DISABLE);
                // the same text is assumed for disabling an existing superuser's password (r_ALTER_USER).
                let isSuperuser = try securityState().users[name]?.isSuperuser ?? false
                let becomesSuperuser = options.contains(.createUser(true)) || !options.contains(.createUser(false)) && isSuperuser
                if password == nil, becomesSuperuser {
                    throw SQLError(code: "42601", message: "CREATEUSER and PASSWORD DISABLE are incompatible", position: position)
                }
                steps.append(.principal(.setUser(name, .password(password))))
            case .createUser(let on):
                try requireSuperuser("create superuser", position: position)
                steps.append(.principal(.setUser(name, .superuser(on))))
            case .createDatabase(let on):
                steps.append(.principal(.setUser(name, .createDatabase(on))))
            case .inGroups(let groups):
                for group in groups {
                    try requireGroup(group, position)
                    steps.append(.principal(.addGroupMember(group: group, user: name)))
                }
            case .validUntil(let value): steps.append(.principal(.setUser(name, .validUntil(value))))
            case .connectionLimit(let value): steps.append(.principal(.setUser(name, .connectionLimit(value))))
            case .syslogAccess(let value): steps.append(.principal(.setUser(name, .syslogAccess(value))))
            case .renameTo(let newName):
                steps.append(.principal(.renameUser(from: name, to: newName)))
            case .setting(let setting, let value):
                steps.append(try userSettingStep(name, setting, value, position))
            case .ignored:
                break
            }
        }
        return steps
    }

    /// ALTER USER u SET name TO value | DEFAULT, RESET name: the user's default for a session
    /// parameter, applied by the engine when a session of the user starts (r_ALTER_USER).
    private func userSettingStep(_ user: String, _ name: String, _ value: String?, _ position: Int) throws -> Bound.Step {
        guard let value else { return .principal(.setUserSetting(user: user, name: name, value: nil)) }
        if name == "statement_timeout", Int(value).map({ $0 < 0 }) ?? true {
            // Same wording as SET statement_timeout (r_statement_timeout: 0 or a number of milliseconds).
            throw SQLError(code: "22023", message: "invalid value for parameter \"statement_timeout\": \"\(value)\"", position: position)
        }
        return .principal(.setUserSetting(user: user, name: name, value: value))
    }

    /// - Redshift: r_CREATE_USER: 'md5…' and 'sha256|…' are taken as given; clear text needs 8–64
    ///   characters with an upper-case letter, a lower-case letter and a digit, printable ASCII
    ///   except ' " \ / @ (wording of the error: unverified).
    private func validatePassword(_ password: String, _ position: Int) throws {
        if password.hasPrefix("md5") && password.count == 35 || password.hasPrefix("sha256|") { return }
        let scalars = password.unicodeScalars
        let valid = (8...64).contains(scalars.count)
            && scalars.contains { CharacterSet.uppercaseLetters.contains($0) } && scalars.contains { CharacterSet.lowercaseLetters.contains($0) }
            && scalars.contains { CharacterSet.decimalDigits.contains($0) }
            && scalars.allSatisfy { (33...126).contains($0.value) && !"'\"\\/@".unicodeScalars.contains($0) }
        if !valid {
            throw SQLError(code: "28P01", message: "Password must be 8 to 64 characters long and contain at least one uppercase letter, one lowercase letter and one number", position: position)
        }
    }

    private func dropUserSteps(_ names: [String], ifExists: Bool, _ position: Int) throws -> [Bound.Step] {
        try requireSecurityAdmin("drop user", position: position)
        let state = try securityState()
        var steps: [Bound.Step] = []
        for name in names {
            guard state.users[name] != nil else {
                if ifExists { continue }
                throw SQLError(code: "42704", message: "user \"\(name)\" does not exist", position: position)
            }
            // r_DROP_USER: "checks only the current database" for schemas, tables and views; a
            // database (owned cluster-wide) counts wherever the statement runs.
            let owns = try tablesOwned(by: name) || state.schemaOwners.values.contains(name)
                || context.databases.contains { $0.owner == name }
            if owns { throw SQLError(code: "55006", message: "user \"\(name)\" can't be dropped because the user owns some object", position: position) }
            if state.privileges.contains(where: { $0.grantee == .init(name: name, kind: "user") }) {
                throw SQLError(code: "55006", message: "user \"\(name)\" can't be dropped because the user has a privilege on some object", position: position)
            }
            // Dropping a user detaches its RLS and masking policies (t_rls_object_dependency).
            steps.append(.principal(.dropUser(name)))
        }
        return steps
    }

    private func tablesOwned(by user: String) throws -> Bool {
        for schema in try context.catalog.schemas() where try context.catalog.tables(inSchema: schema).contains(where: { $0.owner == user }) { return true }
        return false
    }

    private func roleGrantSteps(_ roles: [String], _ grantees: [AST.Grantee], admin: Bool, revoke: Bool, _ position: Int) throws -> [Bound.Step] {
        let state = try securityState()
        let principal = try queryingPrincipal()
        var steps: [Bound.Step] = []
        for role in roles {
            try requireRole(role, position)
            let isAdmin = principal.map { p in
                p.isSecurityAdmin || state.roleGrants.contains { $0.role == role && $0.adminOption && $0.grantee == SecurityState.Grantee(name: p.user, kind: "user") }
            } ?? true
            if !isAdmin { throw SQLError(code: "42501", message: "permission denied to grant role \"\(role)\"", position: position) }
            for grantee in grantees {
                guard grantee.kind == "user" || grantee.kind == "role" else { throw SQLError.unsupported("GRANT ROLE to \(grantee.kind)", at: position) }
                try requireGrantee(grantee, position)
                if revoke {
                    steps.append(.principal(.revokeRole(role: role, from: grantee.stored)))
                    continue
                }
                // Cycles are rejected (r_role-usage-notes): the grantee role may not already contain the role's holder.
                if grantee.kind == "role", grantee.name == role || state.rolesContained(in: role).contains(grantee.name) {
                    throw SQLError(code: "42P17", message: "granting role \"\(role)\" to role \"\(grantee.name)\" would create a cycle", position: position)
                }
                steps.append(.principal(.grantRole(role: role, to: grantee.stored, adminOption: admin, grantor: context.currentUser)))
            }
        }
        return steps
    }
}

extension AST.Grantee {
    /// The grantee as the security catalog stores it.
    var stored: SecurityState.Grantee { SecurityState.Grantee(name: name, kind: kind) }
}
