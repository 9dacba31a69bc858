/// Resolves names against the catalog and infers Redshift types: `AST` → `Bound`.
///
/// One instance analyzes one statement; it reads the catalog through `context.catalog` only.
final class Analyzer {
    let context: TranslationContext
    /// Views being expanded (guards against a view that refers to itself).
    var expandingViews: Set<String> = []
    /// EXECUTE's arguments, substituted for `$1 … $n` (cast to the declared type when PREPARE gave one).
    var positionalArguments: [AST.Expression]?
    /// A SQL UDF's arguments, bound in the caller's scope, for `$1 … $n` of its body (SQLFunctionInlining.swift).
    var functionArguments: [Bound.Expression]?
    /// Engine-filled system relations the statement reads (`Translation.engineRelations`).
    var engineRelations: [SystemRelation] = []
    /// External tables the statement reads (`Translation.externalScans`).
    var externalScans: [ExternalScan] = []
    /// The WHERE clause of the query block whose FROM is being bound (partition pruning).
    var pendingWhere: AST.Expression?
    /// True while the query of a view WITH schema binding is analyzed (no external tables there).
    var creatingBoundView = false
    /// RLS policies applied by the rewrite (`Translation.appliedPolicies`).
    var appliedPolicies: [AppliedPolicy] = []
    /// Masking policies applied (`Translation.appliedMasking`).
    var appliedMasking: [AppliedMasking] = []
    /// Privileges, RLS and masking state of this statement (Analyzer+Privileges.swift), loaded on first use.
    var securityMemo: SecuritySession?
    /// Whose object privileges are checked: the view owner while a view expands (r_CREATE_VIEW).
    var privilegeUsers: [String] = []
    /// Above 0 while a policy expression is analyzed: policies read their lookup tables without grants.
    var policyDepth = 0
    /// Tables whose RLS/masking rewrite is being built (a policy cannot protect its own lookups).
    var securingTables: Set<String> = []
    /// Base-table references bound and not yet rewritten (`secureReads`); 0 lets the rewrite skip the walk.
    var unsecuredReads = 0

    /// While a dependency probe runs (Analyzer+Dependencies.swift): the relations ("schema.name")
    /// bound at policy depth `probeDepth`.
    var probedRelations: Set<String>?
    var probeDepth = 0

    /// The select list being bound, where set-returning functions may appear (Analyzer+SetReturning.swift).
    var setReturningSources: SetReturningSources?
    /// Set-returning calls bound so far in the statement (their FROM aliases are `_rs_srf<n>`).
    var setReturningCount = 0

    init(context: TranslationContext) { self.context = context }

    /// Where an expression appears; decides whether aggregates and window functions are allowed.
    enum Clause: Equatable {
        case selectList, whereClause, groupBy, having, orderBy, joinCondition, values, other
        var allowsAggregates: Bool { self == .selectList || self == .having || self == .orderBy }
        var allowsWindows: Bool { self == .selectList || self == .orderBy }
    }

    /// The schemas searched for an unqualified table name, in order ("$user" expanded, missing skipped).
    var effectiveSearchPath: [String] {
        var path = context.searchPath
        if let setting = context.settings["search_path"] {
            path = setting.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) }
        }
        return path.map { $0 == "$user" ? context.currentUser : $0.lowercased() }
    }

    /// The schema CREATE uses for an unqualified name: the first existing schema of the search path.
    func creationSchema() throws -> String {
        for schema in effectiveSearchPath where try context.catalog.schemaExists(schema) && schema != PhysicalLayout.tempSchema {
            return schema
        }
        throw SQLError(code: "3F000", message: "no schema has been selected to create in")
    }

    /// Finds a table or view; temp tables shadow permanent ones for unqualified names.
    ///
    /// - Redshift: search_path (r_search_path): pg_temp is searched first.
    func lookupTable(_ name: AST.Name) throws -> TableDefinition {
        switch name.parts.count {
        case 1 where name.last.hasPrefix("#"):
            // `#name` is the session's temporary table `name` (r_CREATE_TABLE_NEW).
            if let temp = try context.catalog.table(schema: PhysicalLayout.tempSchema, name: String(name.last.dropFirst())) { return temp }
        case 1:
            if let temp = try context.catalog.table(schema: PhysicalLayout.tempSchema, name: name.last) { return temp }
            for schema in effectiveSearchPath {
                if let table = try context.catalog.table(schema: schema, name: name.last) { return table }
            }
        case 2:
            if let table = try context.catalog.table(schema: name.parts[0], name: name.last) { return table }
            if try externalTableReference(name) != nil {
                // Writes and other statements on external tables (Spectrum reads them only in queries).
                throw SQLError(code: "0A000", message: "Operation not supported on external tables", position: name.position)
            }
            if PhysicalLayout.systemSchemas.contains(name.parts[0]) {
                throw SQLError.unsupported("system relation \(name.dotted)", at: name.position)
            }
        case 3:
            guard name.parts[0] == context.database else {
                throw SQLError(code: "0A000", message: "cross-database reference to database \"\(name.parts[0])\" is not supported", position: name.position)
            }
            if let table = try context.catalog.table(schema: name.parts[1], name: name.last) { return table }
        default:
            throw SQLError(code: "42601", message: "improper qualified name (too many dotted names): \(name.dotted)", position: name.position)
        }
        throw SQLError.undefinedTable(name.parts.count == 1 ? name.last : name.dotted, at: name.position)
    }
}

import Foundation
