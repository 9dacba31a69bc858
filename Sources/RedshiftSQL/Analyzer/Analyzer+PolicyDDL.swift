import Foundation

/// CREATE/ALTER/DROP/ATTACH/DETACH of RLS and masking policies, ALTER TABLE … ROW LEVEL SECURITY.
///
/// - Redshift: r_CREATE_RLS_POLICY, r_ALTER_RLS_POLICY, r_DROP_RLS_POLICY, r_ATTACH_RLS_POLICY,
///   r_DETACH_RLS_POLICY, r_ALTER_TABLE, r_CREATE_MASKING_POLICY, r_ATTACH_MASKING_POLICY, t_ddm.
///   Only superusers and sys:secadmin manage policies.
extension Analyzer {
    func policySteps(_ statement: AST.SecurityStatement) throws -> [Bound.Step] {
        let now = context.clockText
        switch statement {
        case .createRLSPolicy(let policy):
            try requireSecurityAdmin("create RLS policy", position: policy.position)
            if try securityState().rlsPolicies[policy.name] != nil {
                if policy.ifNotExists { return [] }
                throw SQLError(code: "42710", message: "policy \"\(policy.name)\" already exists", position: policy.position)
            }
            let attributes = policy.attributes.map { (name: $0.name, type: $0.type.type.formatTypeName) }
            try validatePolicyExpression(policy.predicate, attributes: policy.attributes, alias: policy.alias, condition: true)
            return [.policy(.createRLSPolicy(name: policy.name, alias: policy.alias, attributes: SecurityCatalog.encodeAttributes(attributes),
                                             predicate: policy.predicateText, modifiedBy: context.currentUser, modifiedTime: now))]
        case .alterRLSPolicy(let name, let predicate, let text, let position):
            try requireSecurityAdmin("alter RLS policy", position: position)
            guard let existing = try securityState().rlsPolicies[name] else { throw undefinedPolicy(name, position) }
            try validatePolicyExpression(predicate, attributes: try attributes(existing.attributes), alias: existing.alias, condition: true)
            return [.policy(.alterRLSPolicy(name: name, predicate: text, modifiedBy: context.currentUser, modifiedTime: now))]
        case .dropRLSPolicy(let name, let ifExists, let cascade, let position):
            try requireSecurityAdmin("drop RLS policy", position: position)
            guard try securityState().rlsPolicies[name] != nil else {
                if ifExists { return [] }
                throw undefinedPolicy(name, position)
            }
            if !cascade, try securityState().rlsAttachments.contains(where: { $0.policy == name }) {
                throw SQLError(code: "2BP01", message: "cannot drop policy \"\(name)\" because it is attached to a relation; use DROP RLS POLICY \(name) CASCADE", position: position)
            }
            return [.policy(.dropRLSPolicy(name))]
        case .attachRLSPolicy(let name, let tables, let grantees, let detach, let position):
            try requireSecurityAdmin("\(detach ? "detach" : "attach") RLS policy", position: position)
            let state = try securityState()
            guard let policy = state.rlsPolicies[name] else { throw undefinedPolicy(name, position) }
            var steps: [Bound.Step] = []
            for tableName in tables {
                let table = try lookupTable(tableName)
                if !detach { try checkAttachable(table, columns: policy.attributes.map(\.name), position: tableName.position) }
                if !detach, let other = state.rlsAttachments.first(where: { $0.schema == table.schema && $0.table == table.name && $0.policy != name }),
                   state.rlsPolicies[other.policy]?.alias != policy.alias {
                    throw SQLError(code: "42P17", message: "all RLS policies attached to relation \"\(table.name)\" must use the same alias", position: position)
                }
                for grantee in grantees {
                    try checkPolicyGrantee(grantee, state: state, position: position)
                    steps.append(.policy(detach ? .detachRLSPolicy(name, schema: table.schema, table: table.name, from: grantee.stored)
                                                : .attachRLSPolicy(name, schema: table.schema, table: table.name, to: grantee.stored, grantor: context.currentUser)))
                }
            }
            return steps
        case .rowLevelSecurity(let name, let on, let conjunction, let forDatashares):
            try requireSecurityAdmin("turn row level security on or off", position: name.position)
            let table = try lookupTable(name)
            guard table.kind == .table else { throw SQLError.unsupported("ROW LEVEL SECURITY on a \(table.kind == .view ? "view" : "temporary table")", at: name.position) }
            if forDatashares { return [] }  // datashares are not emulated
            return [.policy(.setRowLevelSecurity(schema: table.schema, table: table.name, on: on, conjunction: conjunction))]
        case .createMaskingPolicy(let policy):
            try requireSecurityAdmin("create masking policy", position: policy.position)
            if try securityState().maskingPolicies[policy.name] != nil {
                if policy.ifNotExists { return [] }
                throw SQLError(code: "42710", message: "masking policy \"\(policy.name)\" already exists", position: policy.position)
            }
            try validatePolicyExpression(policy.expression, attributes: policy.inputs, alias: nil, condition: false)
            let inputs = policy.inputs.map { (name: $0.name, type: $0.type.type.formatTypeName) }
            return [.policy(.createMaskingPolicy(name: policy.name, inputs: SecurityCatalog.encodeAttributes(inputs), expression: policy.expressionText,
                                                 modifiedBy: context.currentUser, modifiedTime: now))]
        case .alterMaskingPolicy(let name, let expression, let text, let position):
            try requireSecurityAdmin("alter masking policy", position: position)
            guard let existing = try securityState().maskingPolicies[name] else { throw undefinedPolicy(name, position, masking: true) }
            try validatePolicyExpression(expression, attributes: try attributes(existing.inputs), alias: nil, condition: false)
            return [.policy(.alterMaskingPolicy(name: name, expression: text, modifiedBy: context.currentUser, modifiedTime: now))]
        case .dropMaskingPolicy(let name, let ifExists, let position):
            try requireSecurityAdmin("drop masking policy", position: position)
            guard try securityState().maskingPolicies[name] != nil else {
                if ifExists { return [] }
                throw undefinedPolicy(name, position, masking: true)
            }
            if try securityState().maskingAttachments.contains(where: { $0.policy == name }) {
                throw SQLError(code: "2BP01", message: "cannot drop masking policy \"\(name)\" because it is attached to a relation", position: position)
            }
            return [.policy(.dropMaskingPolicy(name))]
        case .attachMaskingPolicy(let attach):
            return try attachMaskingSteps(attach)
        default:
            throw SQLError.unsupported("this security statement", at: nil)
        }
    }

    private func undefinedPolicy(_ name: String, _ position: Int?, masking: Bool = false) -> SQLError {
        SQLError(code: "42704", message: "\(masking ? "masking " : "")policy \"\(name)\" does not exist", position: position)
    }

    func attributes(_ pairs: [(name: String, type: String)]) throws -> [AST.ColumnAttribute] {
        try pairs.map { pair in
            var parser = try Parser(pair.type)
            return AST.ColumnAttribute(name: pair.name, type: try parser.parseTypeName())
        }
    }

    /// Binds a policy expression over its WITH columns, so a bad policy fails at CREATE time.
    func validatePolicyExpression(_ expression: AST.Expression, attributes: [AST.ColumnAttribute], alias: String?, condition: Bool) throws {
        let scope = Scope(parent: nil)
        scope.relations.append(Scope.Relation(name: alias ?? "_rs_policy", sqliteAlias: "_rs_policy", columns: attributes.map {
            Scope.Column(name: $0.name, type: $0.type.type, nullable: true, sqliteName: $0.name)
        }))
        policyDepth += 1
        defer { policyDepth -= 1 }
        if condition { _ = try bindCondition(expression, scope: scope, clause: .whereClause, name: "RLS policy") } else { _ = try bindExpression(expression, scope: scope, clause: .selectList) }
    }

    /// Policies attach to permanent tables having the policy's columns (r_ATTACH_RLS_POLICY, t_ddm).
    private func checkAttachable(_ table: TableDefinition, columns: [String], position: Int) throws {
        guard table.kind == .table, !table.isMaterializedView else {
            throw SQLError.unsupported("attaching a policy to a \(table.kind == .view ? "view" : table.kind == .temporary ? "temporary table" : "materialized view")", at: position)
        }
        for column in columns where !table.columns.contains(where: { $0.name == column }) {
            throw SQLError(code: "42703", message: "column \"\(column)\" of relation \"\(table.name)\" does not exist", position: position)
        }
    }

    /// Policies cannot be attached to superusers or sys:secadmin (r_ATTACH_RLS_POLICY).
    private func checkPolicyGrantee(_ grantee: AST.Grantee, state: SecurityState, position: Int) throws {
        try requireGrantee(grantee, position)
        guard grantee.kind != "group" else { throw SQLError.unsupported("attaching a policy to a group", at: position) }
        if grantee.kind == "user", (try security?.principal(grantee.name).isSuperuser) == true {
            throw SQLError(code: "42501", message: "cannot attach a policy to superuser \"\(grantee.name)\"", position: position)
        }
        if grantee.kind == "role", grantee.name == "sys:secadmin" {
            throw SQLError(code: "42501", message: "cannot attach a policy to role \"sys:secadmin\"", position: position)
        }
    }

    private func attachMaskingSteps(_ attach: AST.MaskingAttachment) throws -> [Bound.Step] {
        try requireSecurityAdmin("\(attach.detach ? "detach" : "attach") masking policy", position: attach.position)
        let state = try securityState()
        guard let policy = state.maskingPolicies[attach.policy] else { throw undefinedPolicy(attach.policy, attach.position, masking: true) }
        let table = try lookupTable(attach.table)
        var steps: [Bound.Step] = []
        let outputs = attach.outputColumns.joined(separator: ",")
        for grantee in attach.grantees {
            try checkPolicyGrantee(grantee, state: state, position: attach.position)
            if attach.detach {
                steps.append(.policy(.detachMaskingPolicy(attach.policy, schema: table.schema, table: table.name, outputColumns: outputs, from: grantee.stored)))
                continue
            }
            try checkAttachable(table, columns: attach.outputColumns + attach.inputColumns, position: attach.position)
            guard attach.inputColumns.count == policy.inputs.count else {
                throw SQLError(code: "42601", message: "masking policy \"\(policy.name)\" takes \(policy.inputs.count) input columns but \(attach.inputColumns.count) were given", position: attach.position)
            }
            // One priority per column, one policy per column and grantee (t_ddm-hierarchy).
            for other in state.maskingAttachments where other.schema == table.schema && other.table == table.name
                && !Set(other.outputColumns).isDisjoint(with: attach.outputColumns) {
                if other.priority == attach.priority && other.policy != attach.policy {
                    throw SQLError(code: "42710", message: "a masking policy with priority \(attach.priority) is already attached to this column", position: attach.position)
                }
                if other.grantee == .init(name: grantee.name, kind: grantee.kind) {
                    throw SQLError(code: "42710", message: "a masking policy is already attached to this column for \(grantee.kind) \"\(grantee.name)\"", position: attach.position)
                }
            }
            steps.append(.policy(.attachMaskingPolicy(attach.policy, schema: table.schema, table: table.name, outputColumns: outputs,
                                                      inputColumns: attach.inputColumns.joined(separator: ","), to: grantee.stored,
                                                      priority: attach.priority, grantor: context.currentUser)))
        }
        return steps
    }
}
