import Foundation

/// System information functions answered at translation time from the context and the catalog.
///
/// - Redshift: CURRENT_USER_ID (r_CURRENT_USER_ID), CURRENT_SCHEMAS (r_CURRENT_SCHEMAS),
///   PG_BACKEND_PID (PG_BACKEND_PID), HAS_TABLE_PRIVILEGE (r_HAS_TABLE_PRIVILEGE),
///   HAS_SCHEMA_PRIVILEGE (r_HAS_SCHEMA_PRIVILEGE), HAS_DATABASE_PRIVILEGE (r_HAS_DATABASE_PRIVILEGE).
/// Privileges are answered from the security catalog for the named user (default: the current
/// user), with the rules the Analyzer enforces (`Analyzer+Privileges.swift`): true when any of the
/// listed privileges is held on the whole object.
extension Analyzer {
    func bindSystemFunction(_ name: String, args: [Expr], position: Int) throws -> Expr? {
        func constantText(_ e: Expr) throws -> String {
            guard let text = e.literalValue?.textValue else { throw SQLError.unsupported("\(name.uppercased()) with a non-constant argument", at: position) }
            return text
        }
        func arity(_ counts: ClosedRange<Int>) throws {
            guard counts.contains(args.count) else { throw SQLError.undefinedFunction("\(name)(\(args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")))", at: position) }
        }
        func answer(_ value: Bool) -> Expr { Expr.literal(.integer(value ? 1 : 0), .boolean).with(nullable: false) }
        switch name {
        case "current_user_id":
            let id = (try? security?.state.users[context.currentUser]?.id) ?? nil
            return Expr.literal(.integer(id ?? Int64(CatalogViews.unknownUserID)), .integer).with(nullable: false)
        case "current_schemas":
            // `{public}`, or with implicit schemas `{pg_catalog,public}` (r_CURRENT_SCHEMAS).
            try arity(1...1)
            guard case .integer(let implicit)? = try coerce(args[0], to: .boolean).literalValue else {
                throw SQLError.unsupported("CURRENT_SCHEMAS with a non-constant argument", at: position)
            }
            var schemas = try effectiveSearchPath.filter { try context.catalog.schemaExists($0) && $0 != PhysicalLayout.tempSchema }
            if implicit == 1 { schemas.insert("pg_catalog", at: 0) }
            let text = "{" + schemas.joined(separator: ",") + "}"
            return Expr.literal(.text(text), .varchar(length: max(text.utf8.count, 1))).with(nullable: false)
        case "pg_backend_pid":
            try arity(0...0)
            guard let pid = context.backendPid else { throw SQLError.unsupported("PG_BACKEND_PID", at: position) }
            return Expr.literal(.integer(pid), .integer).with(nullable: false)
        case "pg_last_unload_count":
            // PG_LAST_UNLOAD_COUNT: BIGINT, rows of the session's last UNLOAD (0 before any).
            try arity(0...0)
            return Expr.literal(.integer(context.lastUnloadCount), .bigint).with(nullable: false)
        case "pg_last_unload_id":
            // PG_LAST_UNLOAD_ID: the query id of the session's last UNLOAD (-1 before any).
            try arity(0...0)
            return Expr.literal(.integer(context.lastUnloadId), .integer).with(nullable: false)
        case "pg_last_copy_count":
            // PG_LAST_COPY_COUNT: BIGINT, 0 when the session ran no COPY or the last one failed while loading.
            try arity(0...0)
            return Expr.literal(.integer(context.lastCopyCount), .bigint).with(nullable: false)
        case "pg_last_copy_id":
            // PG_LAST_COPY_ID: the query id of the last COPY that began loading, -1 when none.
            try arity(0...0)
            return Expr.literal(.integer(context.lastCopyId), .integer).with(nullable: false)
        case "has_table_privilege":
            try arity(2...3)
            let table = try constantText(args[args.count - 2])
            let privileges = try checkPrivileges(try constantText(args[args.count - 1]), allowed: ["select", "insert", "update", "delete", "references", "rule", "trigger"], position: position)
            let parts = table.split(separator: ".").map { String($0).lowercased() }
            // System tables and views: PUBLIC may SELECT (rows are filtered by visibility rules,
            // c_visibility-of-data); nothing else (dbt-redshift asks about svv_table_info).
            if try systemRelation(AST.Name(parts: parts, position: position)) != nil, (try? lookupTable(AST.Name(parts: parts, position: position))) == nil {
                return answer(privileges.contains("select"))
            }
            let definition = try lookupTable(AST.Name(parts: parts, position: position))
            let user = args.count == 3 ? try constantText(args[0]) : context.currentUser
            return answer(withPrivilegeUser(user) {
                privileges.contains { privilege in
                    (try? checkTablePrivilege(definition, privilege.uppercased(), position: position).isEmpty) == true
                }
            })
        case "has_schema_privilege":
            try arity(2...3)
            let schema = try constantText(args[args.count - 2]).lowercased()
            let privileges = try checkPrivileges(try constantText(args[args.count - 1]), allowed: ["create", "usage"], position: position)
            guard try context.catalog.schemaExists(schema) else { throw SQLError(code: "3F000", message: "schema \"\(schema)\" does not exist", position: position) }
            guard let session = try security else { return answer(true) }
            let principal = session.principal(args.count == 3 ? try constantText(args[0]) : context.currentUser)
            return answer(privileges.contains { privilege in
                (try? checkSchemaPrivilege(schema, privilege.uppercased(), principal: principal, session: session, position: position)) != nil
            })
        case "has_database_privilege":
            try arity(2...3)
            let database = try constantText(args[args.count - 2]).lowercased()
            _ = try checkPrivileges(try constantText(args[args.count - 1]), allowed: ["create", "temporary", "temp", "usage"], position: position)
            guard database == context.database else { throw SQLError(code: "3D000", message: "database \"\(database)\" does not exist", position: position) }
            return answer(true)
        default:
            return try bindCatalogFunction(name, args: args, position: position)
        }
    }

    /// A privilege list such as `select` or `insert, update` (PostgreSQL's check: unknown names fail).
    private func checkPrivileges(_ text: String, allowed: Set<String>, position: Int) throws -> [String] {
        let privileges = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for privilege in privileges where !allowed.contains(privilege) {
            throw SQLError(code: "22023", message: "unrecognized privilege type: \"\(privilege)\"", position: position)
        }
        return privileges
    }
}
