/// GRANT/REVOKE of object and system privileges, ALTER DEFAULT PRIVILEGES.
///
/// - Redshift: r_GRANT, r_REVOKE, r_GRANT-usage-notes (column-level rules), r_ALTER_DEFAULT_PRIVILEGES.
extension Analyzer {
    static let tablePrivileges = ["SELECT", "INSERT", "UPDATE", "DELETE", "DROP", "REFERENCES"]

    func privilegeSteps(_ grant: AST.PrivilegeStatement) throws -> [Bound.Step] {
        let position = grant.position
        for grantee in grant.grantees { try requireGrantee(grantee, position) }
        var objects: [(kind: String, schema: String, name: String)] = []
        var known: [String] = []
        switch grant.target {
        case .routines:
            return []  // functions, procedures and languages: accepted, not enforced (docs/security.md)
        case .databases(let names):
            objects = names.map { ("database", "", $0) }
            known = ["CREATE", "TEMPORARY", "USAGE"]
        case .schemas(let names):
            for name in names {
                let external = context.externalCatalog.schema(name, in: context.database)   // USAGE on an external schema (Spectrum)
                guard try external != nil || context.catalog.schemaExists(name) else { throw SQLError(code: "3F000", message: "schema \"\(name)\" does not exist", position: position) }
                if let principal = try queryingPrincipal(), !principal.isSuperuser, try external?.owner ?? securityState().schemaOwners[name] != principal.user {
                    throw Self.permissionDenied(schema: name, at: position)
                }
                objects.append(("schema", "", name))
            }
            known = ["CREATE", "USAGE"]
        case .tables(let names):
            for name in names {
                let table = try lookupTable(name)
                try checkGrantAuthority(table, position)
                objects.append(("table", table.schema, table.name))
            }
            known = Self.tablePrivileges
        case .allTablesInSchemas(let schemas):
            for schema in schemas {
                guard try context.catalog.schemaExists(schema) else { throw SQLError(code: "3F000", message: "schema \"\(schema)\" does not exist", position: position) }
                for table in try context.catalog.tables(inSchema: schema) {
                    try checkGrantAuthority(table, position)
                    objects.append(("table", table.schema, table.name))
                }
            }
            known = Self.tablePrivileges
        }
        // (privilege, column) pairs; ALL expands to the object's privileges.
        var pairs: [(String, String)] = []
        for (name, columns) in grant.privileges {
            let names = name == "ALL" ? (columns.isEmpty ? known : ["SELECT", "UPDATE"]) : [name]
            for privilege in names {
                guard known.contains(privilege) else { throw SQLError(code: "0LP01", message: "invalid privilege type \(privilege) for \(objects.first?.kind ?? "relation")", position: position) }
                if !columns.isEmpty && privilege != "SELECT" && privilege != "UPDATE" {
                    throw SQLError(code: "0LP01", message: "invalid privilege type \(privilege) for column", position: position)
                }
                pairs += columns.isEmpty ? [(privilege, "")] : columns.map { (privilege, $0) }
            }
        }
        let state = try securityState()
        var steps: [Bound.Step] = []
        for object in objects {
            for (privilege, column) in pairs {
                if !column.isEmpty, object.kind == "table", let table = try context.catalog.table(schema: object.schema, name: object.name) {
                    _ = try self.column(column, of: table, position: position)
                }
                for grantee in grant.grantees {
                    let key = Bound.PrivilegeKey(objectKind: object.kind, schema: object.schema, object: object.name, privilege: privilege, grantee: grantee.stored)
                    let tableLevel = state.privileges.contains {
                        $0.objectKind == object.kind && $0.schema == object.schema && $0.object == object.name && $0.privilege == privilege
                            && $0.column.isEmpty && $0.grantee == .init(name: grantee.name, kind: grantee.kind)
                    }
                    if grant.revoke {
                        if column.isEmpty {
                            // Revoking table level removes the column-level grants too (r_GRANT-usage-notes).
                            steps.append(.privilege(.revokePrivilege(key, grantOptionOnly: grant.grantOptionFor)))
                        } else if tableLevel {
                            throw SQLError(code: "0LP01", message: "cannot revoke column privilege \(privilege) on column \"\(column)\": the privilege is granted on the whole relation \(object.name)", position: position)
                        } else {
                            steps.append(.privilege(.revokeColumnPrivilege(key, column: column)))
                        }
                        continue
                    }
                    if !column.isEmpty && tableLevel { continue }  // column grant under a table grant: no-op
                    if column.isEmpty { steps.append(.privilege(.clearColumnPrivileges(key))) }
                    steps.append(.privilege(.grantPrivilege(key, column: column, grantOption: grantee.grantOption, grantor: context.currentUser)))
                }
            }
        }
        return steps
    }

    /// Owner, superuser, or a holder WITH GRANT OPTION may grant on a table (r_GRANT-usage-notes).
    private func checkGrantAuthority(_ table: TableDefinition, _ position: Int?) throws {
        guard let principal = try queryingPrincipal(), !principal.isSuperuser, table.owner != principal.user else { return }
        let delegated = try securityState().privileges.contains {
            $0.objectKind == "table" && $0.schema == table.schema && $0.object == table.name && $0.grantOption && principal.matches($0.grantee)
        }
        if !delegated { throw Self.permissionDenied(relation: table.name, at: position) }
    }

    /// IGNORE RLS, EXPLAIN RLS, EXPLAIN MASKING, CREATE USER …: to roles (EXPLAIN MASKING also to users).
    func systemPrivilegeSteps(_ privileges: [String], _ grantees: [AST.Grantee], revoke: Bool, _ position: Int) throws -> [Bound.Step] {
        try requireSecurityAdmin("grant system privileges", position: position)
        var steps: [Bound.Step] = []
        for grantee in grantees {
            try requireGrantee(grantee, position)
            for privilege in privileges {
                if grantee.kind != "role" && privilege != "EXPLAIN MASKING" {
                    throw SQLError(code: "0LP01", message: "\(privilege) can be granted only to a role", position: position)
                }
                steps.append(.privilege(revoke ? .revokeSystemPrivilege(privilege, from: grantee.stored) : .grantSystemPrivilege(privilege, to: grantee.stored)))
            }
        }
        return steps
    }

    func defaultPrivilegesSteps(owners: [String], schemas: [String], privileges: [String], grantees: [AST.Grantee], revoke: Bool, _ position: Int) throws -> [Bound.Step] {
        if !owners.isEmpty && owners != [context.currentUser] { try requireSuperuser("alter default privileges for another user", position: position) }
        var steps: [Bound.Step] = []
        let expanded = privileges.flatMap { $0 == "ALL" ? Self.tablePrivileges : [$0] }
        for owner in owners.isEmpty ? [context.currentUser] : owners {
            for schema in schemas.isEmpty ? [""] : schemas {
                for grantee in grantees {
                    try requireGrantee(grantee, position)
                    for privilege in expanded {
                        steps.append(.privilege(revoke ? .revokeDefaultPrivilege(owner: owner, schema: schema, privilege: privilege, from: grantee.stored)
                                                       : .grantDefaultPrivilege(owner: owner, schema: schema, privilege: privilege, to: grantee.stored)))
                    }
                }
            }
        }
        return steps
    }

    /// The default privileges a new table or view gets (r_ALTER_DEFAULT_PRIVILEGES).
    func defaultPrivilegeSteps(_ table: TableDefinition) -> [Bound.Step] {
        guard table.kind != .temporary, let state = try? securityState() else { return [] }
        return state.defaultPrivileges.filter { $0.owner == table.owner && ($0.schema.isEmpty || $0.schema == table.schema) }.map {
            .privilege(.applyDefaultPrivilege(schema: table.schema, table: table.name, privilege: $0.privilege, grantee: $0.grantee, owner: table.owner))
        }
    }

    /// A dropped table loses its grants, RLS settings and policy attachments (t_rls_object_dependency, r_CREATE_VIEW).
    func securityDropSteps(_ table: TableDefinition) -> [Bound.Step] {
        table.kind == .temporary ? [] : [.privilege(.forgetRelation(schema: table.schema, table: table.name))]
    }
}
