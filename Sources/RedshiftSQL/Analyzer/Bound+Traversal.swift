/// Rebuilding a bound tree with some FROM items replaced, wherever they occur: CTEs, set
/// operations, derived tables, joins and expression subqueries (IN, EXISTS, scalar).
///
/// `replace` answers the replacement of an item, or nil to keep it and descend into it.
extension Bound {
    typealias FromReplacement = (FromItem) throws -> FromItem?
}

extension Bound.Query {
    func replacingFromItems(_ replace: Bound.FromReplacement) throws -> Self {
        var copy = self
        for index in ctes.indices { copy.ctes[index].query = try ctes[index].query.replacingFromItems(replace) }
        copy.body = try body.replacingFromItems(replace)
        copy.orderBy = try orderBy.map { try $0.replacingFromItems(replace) }
        copy.limit = try limit?.replacingFromItems(replace)
        copy.offset = try offset?.replacingFromItems(replace)
        return copy
    }
}

extension Bound.Body {
    func replacingFromItems(_ replace: Bound.FromReplacement) throws -> Self {
        switch self {
        case .select(let select): return .select(try select.replacingFromItems(replace))
        case .setOperation(let op, let left, let right): return .setOperation(op, try left.replacingFromItems(replace), try right.replacingFromItems(replace))
        case .nested(let query): return .nested(try query.replacingFromItems(replace))
        }
    }
}

extension Bound.Select {
    func replacingFromItems(_ replace: Bound.FromReplacement) throws -> Self {
        var copy = self
        copy.items = try items.map { (try $0.expression.replacingFromItems(replace), $0.alias) }
        copy.from = try from.map { try $0.replacingFromItems(replace) }
        copy.whereClause = try whereClause?.replacingFromItems(replace)
        copy.groupBy = try groupBy.map { try $0.replacingFromItems(replace) }
        copy.having = try having?.replacingFromItems(replace)
        return copy
    }
}

extension Bound.FromItem {
    func replacingFromItems(_ replace: Bound.FromReplacement) throws -> Self {
        if let replaced = try replace(self) { return replaced }
        switch self {
        case .subquery(let query, let alias): return .subquery(try query.replacingFromItems(replace), alias: alias)
        case .join(let kind, let left, let right, let on):
            return .join(kind, try left.replacingFromItems(replace), try right.replacingFromItems(replace), on: try on?.replacingFromItems(replace))
        case .table, .relation, .catalogView, .emptyTable: return self
        case .tableFunction(let name, let arguments, let alias): return .tableFunction(name, try arguments.map { try $0.replacingFromItems(replace) }, alias: alias)
        }
    }
}

extension Bound.OrderItem {
    func replacingFromItems(_ replace: Bound.FromReplacement) throws -> Self {
        var copy = self
        copy.expression = try expression.replacingFromItems(replace)
        return copy
    }
}

extension Bound.Expression {
    func replacingFromItems(_ replace: Bound.FromReplacement) throws -> Self {
        func sub(_ e: Self) throws -> Self { try e.replacingFromItems(replace) }
        var copy = self
        switch kind {
        case .literal, .argument, .column, .ordinal, .countStar: return self
        case .unary(let op, let e): copy.kind = .unary(op, try sub(e))
        case .binary(let op, let l, let r): copy.kind = .binary(op, try sub(l), try sub(r))
        case .call(let name, let args, let distinct): copy.kind = .call(name, try args.map(sub), distinct: distinct)
        case .caseWhen(let operand, let whens, let otherwise):
            copy.kind = .caseWhen(operand: try operand.map(sub), whens: try whens.map { Bound.Pair(condition: try sub($0.condition), result: try sub($0.result)) },
                                  otherwise: try otherwise.map(sub))
        case .cast(let e, let type): copy.kind = .cast(try sub(e), type)
        case .isNull(let e, let negated): copy.kind = .isNull(try sub(e), negated: negated)
        case .between(let e, let low, let high, let negated): copy.kind = .between(try sub(e), try sub(low), try sub(high), negated: negated)
        case .inList(let e, let list, let negated): copy.kind = .inList(try sub(e), try list.map(sub), negated: negated)
        case .inQuery(let e, let query, let negated): copy.kind = .inQuery(try sub(e), try query.replacingFromItems(replace), negated: negated)
        case .exists(let query): copy.kind = .exists(try query.replacingFromItems(replace))
        case .subquery(let query): copy.kind = .subquery(try query.replacingFromItems(replace))
        case .window(let function, let partition, let order, let frame):
            copy.kind = .window(try sub(function), partitionBy: try partition.map(sub), orderBy: try order.map { try $0.replacingFromItems(replace) }, frame: frame)
        case .collate(let e, let collation): copy.kind = .collate(try sub(e), collation)
        }
        return copy
    }
}

extension Bound.Step {
    func replacingFromItems(_ replace: Bound.FromReplacement) throws -> Self {
        func sub(_ e: Bound.Expression) throws -> Bound.Expression { try e.replacingFromItems(replace) }
        func assigned(_ list: [Bound.Assignment]) throws -> [Bound.Assignment] { try list.map { Bound.Assignment(column: $0.column, value: try sub($0.value)) } }
        switch self {
        case .check(let query): return .check(try query.replacingFromItems(replace))
        case .insert(var insert):
            switch insert.source {
            case .values(let rows): insert.source = .values(try rows.map { try $0.map(sub) })
            case .projection(let values, let query): insert.source = .projection(try values.map(sub), from: try query.replacingFromItems(replace))
            case .query(let query): insert.source = .query(try query.replacingFromItems(replace))
            }
            return .insert(insert)
        case .update(var update):
            update.assignments = try assigned(update.assignments)
            update.from = try update.from.map { try $0.replacingFromItems(replace) }
            update.whereClause = try update.whereClause.map(sub)
            update.rowSecurity = try update.rowSecurity.map(sub)
            return .update(update)
        case .delete(var delete):
            delete.whereClause = try delete.whereClause.map(sub)
            delete.using = try delete.using?.replacingFromItems(replace)
            delete.rowSecurity = try delete.rowSecurity.map(sub)
            return .delete(delete)
        case .merge(var merge):
            merge.source = try merge.source.replacingFromItems(replace)
            merge.condition = try sub(merge.condition)
            merge.rowSecurity = try merge.rowSecurity.map(sub)
            if case .update(let assignments) = merge.matched { merge.matched = .update(try assigned(assignments)) }
            merge.insertValues = try merge.insertValues?.map(sub)
            merge.insertSource = try merge.insertSource.replacingFromItems(replace)
            return .merge(merge)
        case .schema, .catalog, .principal, .privilege, .policy, .prepared:
            return self
        }
    }
}
