/// CREATE/DROP/ALTER/SHOW PROCEDURE, CALL, GRANT EXECUTE, and SQL UDF DDL: catalog changes as
/// SQLite steps on `_rs_routines`, and CALL's resolution for the engine's interpreter.
///
/// - Redshift: r_CREATE_PROCEDURE, r_CALL_procedure, r_DROP_PROCEDURE, r_ALTER_PROCEDURE,
///   r_SHOW_PROCEDURE, stored-procedure-security-and-privileges, r_CREATE_FUNCTION.
extension Analyzer {
    func procedureTranslation(_ statement: AST.ProcedureStatement) throws -> Translation {
        switch statement {
        case .create(let create):
            return Translation(kind: .ddl, steps: try createRoutineSteps(create))
        case .call(let name, let arguments, let position):
            let definition = try resolveCall(name, arguments: arguments, position: position)
            try checkExecute(definition, position: position)
            let columns = definition.outputArguments.map { ResultColumn(name: $0.name ?? "?column?", type: $0.type) }
            return Translation(kind: .call(ProcedureCall(definition: definition, arguments: arguments)), resultColumns: columns)
        case .drop(let function, let name, let types, let ifExists, let position):
            guard let definition = try resolveRoutine(name, function: function, types: types, position: position, missingOK: ifExists) else {
                return Translation(kind: .ddl)
            }
            try checkRoutineOwner(definition, position: position)
            return Translation(kind: .ddl, steps: [SQLiteStatement(sql: "DELETE FROM main.\(RoutineCatalog.table) WHERE oid = ?", arguments: [.integer(definition.oid)]),
                                                   SQLiteStatement(sql: "DELETE FROM main.\(RoutineCatalog.argumentTable) WHERE oid = ?", arguments: [.integer(definition.oid)])])
        case .alter(let name, let types, let renameTo, let ownerTo, let position):
            guard let definition = try resolveRoutine(name, function: false, types: types, position: position, missingOK: false) else {
                return Translation(kind: .ddl)
            }
            try checkRoutineOwner(definition, position: position)
            if let renameTo {
                let clash = try RoutineCatalog.routines(named: renameTo, schema: definition.schema, function: false, executor: routineExecutor())
                if clash.contains(where: { RoutineCatalog.signatureKey($0.arguments) == RoutineCatalog.signatureKey(definition.arguments) }) {
                    throw SQLError(code: "42723", message: "procedure \(renameTo)(\(definition.inputArguments.map(\.type.formatTypeName).joined(separator: ", "))) already exists in schema \"\(definition.schema)\"", position: position)
                }
                return Translation(kind: .ddl, steps: [SQLiteStatement(sql: "UPDATE main.\(RoutineCatalog.table) SET name = ? WHERE oid = ?", arguments: [.text(renameTo), .integer(definition.oid)])])
            }
            return Translation(kind: .ddl, steps: [SQLiteStatement(sql: "UPDATE main.\(RoutineCatalog.table) SET owner = ? WHERE oid = ?", arguments: [.text(ownerTo ?? definition.owner), .integer(definition.oid)])])
        case .show(let name, let types, let position):
            guard let definition = try resolveRoutine(name, function: false, types: types, position: position, missingOK: false) else {
                return Translation(kind: .ddl)
            }
            let column = ResultColumn(name: "Stored Procedure Definition", type: .varchar(length: 65535))
            return Translation(kind: .query, steps: [SQLiteStatement(sql: "SELECT ?", arguments: [.text(Self.showText(definition))])],
                               resultColumns: [column], isReadOnly: true)
        case .grantExecute(let function, let name, let types, let grantees, let revoke, let position):
            guard let definition = try resolveRoutine(name, function: function, types: types, position: position, missingOK: false) else {
                return Translation(kind: .ddl)
            }
            try checkRoutineOwner(definition, position: position)
            var list = definition.grantees
            for grantee in grantees {
                if revoke { list.removeAll { $0 == grantee } } else if !list.contains(grantee) { list.append(grantee) }
            }
            return Translation(kind: .ddl, steps: [SQLiteStatement(sql: "UPDATE main.\(RoutineCatalog.table) SET grantees = ? WHERE oid = ?",
                                                                   arguments: [.text(list.joined(separator: ",")), .integer(definition.oid)])])
        }
    }

    /// The connection's executor: routines live in the database's own meta table.
    func routineExecutor() throws -> any SQLiteExecutor {
        guard let stored = context.catalog as? StoredCatalog else { throw SQLError.unsupported("stored procedures without a database catalog") }
        return stored.executor
    }

    private func createRoutineSteps(_ create: AST.CreateRoutine) throws -> [SQLiteStatement] {
        let kind = create.isFunction ? "function" : "procedure"
        let schema = create.name.parts.count > 1 ? create.name.parts[create.name.parts.count - 2] : try creationSchema()
        let name = create.name.last
        guard try context.catalog.schemaExists(schema) else {
            throw SQLError(code: "3F000", message: "schema \"\(schema)\" does not exist", position: create.position)
        }
        try checkCreate(inSchema: schema, position: create.position)
        let language = create.language.lowercased()
        if create.isFunction {
            if language == "plpythonu" {
                // r_CREATE_FUNCTION: Python UDFs can no longer be created (end of support).
                throw SQLError(code: "0A000", message: "Creating Python UDFs is no longer supported. Use Lambda UDFs instead.", position: create.position)
            }
            guard language == "sql" else { throw SQLError(code: "42704", message: "language \"\(create.language)\" does not exist", position: create.position) }
            if create.arguments.contains(where: { $0.mode != .in }) {
                throw SQLError(code: "0A000", message: "SQL functions take only input arguments", position: create.position)
            }
            try SQLFunctionInlining.validate(create.body, arguments: create.arguments.map(\.type), name: name)
        } else {
            guard language == "plpgsql" else { throw SQLError(code: "42704", message: "language \"\(create.language)\" does not exist", position: create.position) }
            if create.arguments.filter({ $0.mode != .out }).count > 32 || create.arguments.filter({ $0.mode != .in }).count > 32 {
                throw SQLError(code: "54023", message: "procedures cannot have more than 32 arguments", position: create.position)
            }
            _ = try PLParser.parse(create.body, procedure: name)
        }
        let executor = try routineExecutor()
        let key = RoutineCatalog.signatureKey(create.arguments)
        let existing = try RoutineCatalog.routines(named: name, schema: schema, function: create.isFunction, executor: executor)
            .first { RoutineCatalog.signatureKey($0.arguments) == key }
        var steps = RoutineCatalog.createSteps
        var grantees = ["public"]
        var owner = context.currentUser
        var oid: SQLiteValue = .null
        if let existing {
            guard create.orReplace else {
                throw SQLError(code: "42723", message: "\(kind) \"\(name)\" already exists with same argument types", position: create.position)
            }
            try checkRoutineOwner(existing, position: create.position)
            grantees = existing.grantees
            owner = existing.owner
            oid = .integer(existing.oid)
            steps.append(SQLiteStatement(sql: "DELETE FROM main.\(RoutineCatalog.table) WHERE oid = ?", arguments: [oid]))
        }
        let oidSQL = oid == .null ? "(SELECT COALESCE(MAX(oid) + 1, \(RoutineCatalog.firstOid)) FROM main.\(RoutineCatalog.table))" : "?"
        var arguments: [SQLiteValue] = oid == .null ? [] : [oid]
        arguments += [.text(schema), .text(name), .integer(create.isFunction ? 1 : 0), .text(RoutineCatalog.encode(create.arguments)), .text(key),
                      .text(create.body), .text(language), .text(owner), .integer(create.securityDefiner ? 1 : 0), .integer(create.nonatomic ? 1 : 0),
                      create.searchPath.map(SQLiteValue.text) ?? .null, create.returns.map { .text($0.catalogText) } ?? .null,
                      .text(create.volatility), .text(grantees.joined(separator: ","))]
        steps.append(SQLiteStatement(sql: """
            INSERT INTO main.\(RoutineCatalog.table) (oid, schema_name, name, is_function, arguments, signature, body, language, owner, \
            security_definer, nonatomic, search_path, returns, volatility, grantees) VALUES (\(oidSQL), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: arguments))
        let newOid = "(SELECT MAX(oid) FROM main.\(RoutineCatalog.table))"
        steps += oid == .null ? RoutineCatalog.argumentSteps(oid: newOid, oidArguments: [], create.arguments)
            : RoutineCatalog.argumentSteps(oid: "?", oidArguments: [oid], create.arguments)
        return steps
    }

    /// The routine a CALL (by argument count) or a DDL statement (by input types, when given) names.
    func resolveRoutine(_ name: AST.Name, function: Bool, count: Int, position: Int) throws -> RoutineDefinition {
        let candidates = try routineCandidates(name, function: function)
        if let match = candidates.first(where: { $0.inputArguments.count == count }) { return match }
        let kind = function ? "function" : "procedure"
        throw SQLError(code: "42883", message: "\(kind) \(name.last) with \(count) argument\(count == 1 ? "" : "s") does not exist", position: position)
    }

    /// The procedure a CALL names: by argument count, then by the arguments' types among overloads.
    func resolveCall(_ name: AST.Name, arguments: [String], position: Int) throws -> RoutineDefinition {
        let candidates = try routineCandidates(name, function: false).filter { $0.inputArguments.count == arguments.count }
        guard candidates.count > 1 else { return try resolveRoutine(name, function: false, count: arguments.count, position: position) }
        guard let types = callArgumentTypes(arguments) else {
            return try resolveRoutine(name, function: false, count: arguments.count, position: position)
        }
        if let chosen = RoutineOverloads.choose(candidates, argumentTypes: types) { return chosen }
        let typeList = types.map(\.formatTypeName).joined(separator: ", ")
        throw SQLError(code: "42883", message: "procedure \(name.last)(\(typeList)) does not exist", position: position)
    }

    func resolveRoutine(_ name: AST.Name, function: Bool, types: [RedshiftType]?, position: Int, missingOK: Bool) throws -> RoutineDefinition? {
        let candidates = try routineCandidates(name, function: function)
        let kind = function ? "function" : "procedure"
        let typeList = (types ?? []).map(\.formatTypeName).joined(separator: ", ")
        guard let types else {
            if candidates.count > 1 {
                throw SQLError(code: "42725", message: "\(kind) name \"\(name.last)\" is not unique", position: position)
            }
            if let only = candidates.first { return only }
            if missingOK { return nil }
            throw SQLError(code: "42883", message: "\(kind) \(name.last)() does not exist", position: position)
        }
        let key = types.map { RoutineArgument(name: nil, mode: .in, type: $0) }
        if let match = candidates.first(where: { RoutineCatalog.signatureKey($0.arguments) == RoutineCatalog.signatureKey(key) }) { return match }
        if missingOK { return nil }
        throw SQLError(code: "42883", message: "\(kind) \(name.last)(\(typeList)) does not exist", position: position)
    }

    /// Routines of that name: in the named schema, or in the first schema of the search path that has any.
    func routineCandidates(_ name: AST.Name, function: Bool) throws -> [RoutineDefinition] {
        let executor = try routineExecutor()
        if name.parts.count > 1 {
            return try RoutineCatalog.routines(named: name.last, schema: name.parts[name.parts.count - 2], function: function, executor: executor)
        }
        for schema in effectiveSearchPath {
            let found = try RoutineCatalog.routines(named: name.last, schema: schema, function: function, executor: executor)
            if !found.isEmpty { return found }
        }
        return []
    }

    /// EXECUTE: the owner, a superuser, or a grantee (PUBLIC by default).
    func checkExecute(_ definition: RoutineDefinition, position: Int?) throws {
        guard let principal = try privilegePrincipal(), !principal.isSuperuser, definition.owner != principal.user else { return }
        let allowed = definition.grantees.contains { grantee in
            if grantee == "public" { return true }
            if grantee.hasPrefix("group ") { return principal.groups.contains(String(grantee.dropFirst(6))) }
            return grantee == principal.user || principal.roles.contains(grantee) || principal.groups.contains(grantee)
        }
        if !allowed {
            let kind = definition.isFunction ? "function" : "procedure"
            throw SQLError(code: "42501", message: "permission denied for \(kind) \(definition.name)", position: position)
        }
    }

    private func checkRoutineOwner(_ definition: RoutineDefinition, position: Int?) throws {
        guard let principal = try privilegePrincipal(), !principal.isSuperuser, definition.owner != principal.user else { return }
        throw SQLError(code: "42501", message: "must be owner of \(definition.isFunction ? "function" : "procedure") \(definition.name)", position: position)
    }

    /// SHOW PROCEDURE's text: the CREATE statement that would make it again (r_SHOW_PROCEDURE).
    static func showText(_ definition: RoutineDefinition) -> String {
        let arguments = definition.arguments.map { argument -> String in
            var parts: [String] = []
            if argument.mode != .in { parts.append(argument.mode.rawValue.uppercased()) }
            if let name = argument.name { parts.append(name) }
            parts.append(argument.isRefcursor ? "refcursor" : argument.type.formatTypeName)
            return parts.joined(separator: " ")
        }.joined(separator: ", ")
        var text = "CREATE OR REPLACE PROCEDURE \(definition.schema).\(definition.name)(\(arguments))\n LANGUAGE plpgsql\n"
        if definition.nonatomic { text += " NONATOMIC\n" }
        if definition.securityDefiner { text += " SECURITY DEFINER\n" }
        if let path = definition.searchPath { text += " SET search_path TO \(path)\n" }
        return text + "AS $$\(definition.body)$$"
    }
}
