import Foundation
/// Row-level security and dynamic data masking, applied where a protected table is read.
///
/// A rewrite of bound trees, after binding: binding leaves every FROM read of a user table as a
/// `Bound.FromItem.relation`, and `secureReads` (run on each analyzed query and DML statement)
/// replaces it with the table, or, for a table with RLS on (or a masking policy for the user), the
/// derived table `(SELECT <masked columns> FROM t AS <policy alias> WHERE <policies>) AS <alias>`;
/// so aliases, quoting, schema qualification, views, CTEs and subqueries all reach the same
/// rewrite, and a reference the rewrite missed reads no rows. UPDATE/DELETE/MERGE targets get the
/// policies in their WHERE and read masked columns masked (`maskedReads`).
///
/// - Redshift: t_rls_usage, t_rls_combine_policies, t_rls_statements, r_ALTER_TABLE (default deny),
///   t_ddm, t_ddm-hierarchy. Policies apply for the user running the query, also inside views;
///   superusers, sys:secadmin and IGNORE RLS holders are not filtered; no applicable policy → no rows;
///   several policies combine with AND (or OR per CONJUNCTION TYPE); masking comes after RLS and the
///   highest PRIORITY wins per column.
extension Analyzer {
    static let securedAlias = "_rs_secured"

    /// A read of `table` as binding leaves it for `secureReads`. The applied policies are recorded
    /// now, in the order the statement reads its tables (SVV_RLS_APPLIED_POLICY).
    func relationReference(_ table: TableDefinition, alias: String, correlated: Bool) throws -> Bound.FromItem {
        _ = try filteringPolicies(table)
        unsecuredReads += 1
        return .relation(Bound.RelationReference(table: table, alias: alias, correlated: correlated))
    }

    /// The rewrite of every base-table read of `query` for the querying user.
    func secureReads(_ query: Bound.Query) throws -> Bound.Query {
        unsecuredReads == 0 ? query : try query.replacingFromItems(securedItem)
    }

    /// The rewrite of every base-table read of a statement's steps.
    func secureReads(_ steps: [Bound.Step]) throws -> [Bound.Step] {
        unsecuredReads == 0 ? steps : try steps.map { try $0.replacingFromItems(securedItem) }
    }

    private func secureReads(_ expression: Bound.Expression) throws -> Bound.Expression {
        unsecuredReads == 0 ? expression : try expression.replacingFromItems(securedItem)
    }

    private func securedItem(_ item: Bound.FromItem) throws -> Bound.FromItem? {
        guard case .relation(let reference) = item else { return nil }
        unsecuredReads -= 1
        if let secured = try securedRead(reference.table, inSubquery: reference.correlated) { return .subquery(secured, alias: reference.alias) }
        return .table(reference.table.sqliteName, alias: reference.alias)
    }

    /// Parses a stored policy expression (the text of its USING clause).
    func policyExpression(_ text: String) throws -> AST.Expression {
        var parser = try Parser(text)
        let expression = try parser.parseExpression()
        guard parser.current.kind == .end else { throw SQLError(code: "XX000", message: "RLS policy could not be rewritten.") }
        return expression
    }

    /// The RLS predicate for the querying user on `table`, bound with the table's columns visible
    /// under the policy alias and emitted against `sqliteAlias`; nil when RLS does not filter.
    func rowSecurityPredicate(_ table: TableDefinition, sqliteAlias: String) throws -> Bound.Expression? {
        guard let (relation, policies) = try filteringPolicies(table) else { return nil }
        let key = table.schema + "." + table.name
        guard !policies.isEmpty else { return .literal(.integer(0), .boolean) }  // default deny
        guard !securingTables.contains(key) else { throw SQLError(code: "XX000", message: "RLS policy could not be rewritten.") }
        securingTables.insert(key)
        policyDepth += 1
        defer { securingTables.remove(key); policyDepth -= 1 }
        var combined: Bound.Expression?
        for policy in policies {
            let scope = Scope(parent: nil)
            scope.relations.append(Scope.Relation(name: policy.alias ?? table.name, sqliteAlias: sqliteAlias, columns: table.columns.map {
                Scope.Column(name: $0.name, type: $0.type, nullable: $0.nullable, sqliteName: $0.name, schemaName: table.schema, tableName: table.name)
            }))
            // NULL hides the row (WHERE), and NULL OR TRUE is TRUE: three-valued logic gives the policy rules.
            // Its lookups are rewritten while `key` is being secured (a policy cannot protect its own lookups).
            let predicate = try secureReads(try bindCondition(try policyExpression(policy.predicate), scope: scope, clause: .whereClause, name: "RLS policy"))
            combined = combined.map { .binary(relation.conjunction == "or" ? "OR" : "AND", $0, predicate, type: .boolean) } ?? predicate
        }
        // A filter, never an access path: likelihood() keeps SQLite's plan the one the query has
        // without RLS (a `key > 0` range would otherwise draw the planner to a worse join order).
        return combined.map { .call("likelihood", [$0, .literal(.real(1.0), .doublePrecision)], type: .boolean, nullable: $0.nullable) }
    }

    /// The RLS setting of `table` and the policies filtering it for the querying user (recorded for
    /// SVV_RLS_APPLIED_POLICY); nil when RLS does not filter it (off, or the user is exempt).
    private func filteringPolicies(_ table: TableDefinition) throws -> (SecurityState.RLSRelation, [SecurityState.RLSPolicy])? {
        guard table.kind == .table, let session = try security, let principal = try queryingPrincipal() else { return nil }
        guard let relation = session.state.rlsRelations[table.schema + "." + table.name], relation.isOn, !principal.ignoresRLS else { return nil }
        let policies = try rowSecurityPolicies(table)
        recordApplied(table, policies: policies.map(\.name))
        return (relation, policies)
    }

    /// The RLS policies attached to `table` for the querying user (directly, through roles, PUBLIC).
    private func rowSecurityPolicies(_ table: TableDefinition) throws -> [SecurityState.RLSPolicy] {
        guard let session = try security, let principal = try queryingPrincipal() else { return [] }
        return Set(session.state.rlsAttachments.filter { $0.schema == table.schema && $0.table == table.name && principal.matches($0.grantee) }.map(\.policy))
            .sorted().compactMap { session.state.rlsPolicies[$0] }
    }

    /// The winning masking policy per column for the querying user (t_ddm-hierarchy).
    func maskingPlan(_ table: TableDefinition) throws -> [String: (SecurityState.MaskingAttachment, SecurityState.MaskingPolicy)] {
        guard table.kind == .table, let session = try security, let principal = try queryingPrincipal(), !principal.isSuperuser else { return [:] }
        var plan: [String: (SecurityState.MaskingAttachment, SecurityState.MaskingPolicy)] = [:]
        for attachment in session.state.maskingAttachments where attachment.schema == table.schema && attachment.table == table.name && principal.matches(attachment.grantee) {
            guard let policy = session.state.maskingPolicies[attachment.policy] else { continue }
            for column in attachment.outputColumns where (plan[column]?.0.priority ?? Int64.min) < attachment.priority {
                plan[column] = (attachment, policy)
            }
        }
        return plan
    }

    /// For SVV_RLS_APPLIED_POLICY: the policies applied to `table` (none: the default deny).
    private func recordApplied(_ table: TableDefinition, policies: [String]) {
        let applied = policies.isEmpty ? [AppliedPolicy(schema: table.schema, relation: table.name, policy: nil)]
            : policies.map { AppliedPolicy(schema: table.schema, relation: table.name, policy: $0) }
        for entry in applied where !appliedPolicies.contains(entry) { appliedPolicies.append(entry) }
    }

    /// The masked reads of a DML target (UPDATE/DELETE/MERGE) under `sqliteAlias`: masking applies
    /// before any predicate or projection (t_ddm), so WHERE, SET and ON see what SELECT shows and a
    /// row count cannot probe a masked value.
    func maskedReads(_ table: TableDefinition, sqliteAlias: String) throws -> [String: Bound.Expression] {
        var reads: [String: Bound.Expression] = [:]
        for (name, (attachment, policy)) in try maskingPlan(table) {
            guard let column = table.columns.first(where: { $0.name == name }) else { continue }
            reads[name] = try maskedColumn(column, of: table, attachment: attachment, policy: policy, sqliteAlias: sqliteAlias)
        }
        return reads
    }

    /// The masked value of `column`: the policy expression over the attachment's input columns.
    private func maskedColumn(_ column: ColumnDefinition, of table: TableDefinition, attachment: SecurityState.MaskingAttachment,
                              policy: SecurityState.MaskingPolicy, sqliteAlias: String = securedAlias) throws -> Bound.Expression {
        let scope = Scope(parent: nil)
        var columns: [Scope.Column] = []
        for (index, input) in policy.inputs.enumerated() {
            let source = index < attachment.inputColumns.count ? attachment.inputColumns[index] : input.name
            guard let definition = table.columns.first(where: { $0.name == source }) else {
                throw SQLError(code: "42703", message: "column \"\(source)\" does not exist")
            }
            columns.append(Scope.Column(name: input.name, type: definition.type, nullable: definition.nullable, sqliteName: definition.name,
                                        schemaName: table.schema, tableName: table.name))
        }
        scope.relations.append(Scope.Relation(name: table.name, sqliteAlias: sqliteAlias, columns: columns))
        let applied = AppliedMasking(schema: table.schema, relation: table.name, column: column.name, policy: policy.name)
        if !appliedMasking.contains(applied) { appliedMasking.append(applied) }
        policyDepth += 1
        defer { policyDepth -= 1 }
        let value = try secureReads(try bindExpression(try policyExpression(policy.expression), scope: scope, clause: .selectList))
        return try assignment(value, to: column, table: table)
    }

    /// The derived table replacing a read of `table`, or nil when neither RLS nor masking applies.
    ///
    /// Inside an expression subquery (`inSubquery`: EXISTS, IN, scalar — often correlated), a policy
    /// with a lookup subquery makes the derived table carry `LIMIT -1` (no limit), which keeps SQLite
    /// from flattening it: flattened, the lookup probe would run first on every row scanned for
    /// every outer row (TPC-H q22: 4×); kept apart, the filtered table is built once and probed
    /// through an automatic index. Cheap predicates (`key > 0`) stay flattened, which lets SQLite
    /// index the base table itself (q04, q21).
    func securedRead(_ table: TableDefinition, inSubquery: Bool = false) throws -> Bound.Query? {
        guard table.kind == .table else { return nil }
        let predicate = try rowSecurityPredicate(table, sqliteAlias: Self.securedAlias)
        let masks = try maskingPlan(table)
        if predicate == nil && masks.isEmpty { return nil }
        var select = Bound.Select()
        select.from = [.table(table.sqliteName, alias: Self.securedAlias)]
        select.whereClause = predicate
        var columns: [ResultColumn] = []
        for column in table.columns {
            var expression = Bound.Expression(kind: .column(relation: Self.securedAlias, name: column.name), type: column.type, nullable: column.nullable)
            if let (attachment, policy) = masks[column.name] {
                expression = try maskedColumn(column, of: table, attachment: attachment, policy: policy)
            }
            select.items.append((expression, column.name))
            columns.append(ResultColumn(name: column.name, type: column.type, nullable: expression.nullable, schemaName: table.schema, tableName: table.name))
        }
        var query = Bound.Query(body: .select(select), columns: columns)
        if inSubquery, predicate != nil, try rowSecurityPolicies(table).contains(where: { $0.predicate.range(of: #"\bselect\b"#, options: [.regularExpression, .caseInsensitive]) != nil }) {
            query.limit = .literal(.integer(-1), .integer)
        }
        return query
    }
}
