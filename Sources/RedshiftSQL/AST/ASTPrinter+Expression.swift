/// S-expressions of expressions (`ASTPrinter`): operators are heads (`(= a 1)`, `(and x y)`),
/// functions are `(call name args…)`.
extension AST.Expression {
    var tree: String {
        typealias P = ASTPrinter
        switch kind {
        case .integer(let text), .decimal(let text), .float(let text): return text
        case .string(let text): return P.quoted(text)
        case .boolean(let value): return value ? "true" : "false"
        case .null: return "null"
        case .interval(let text): return P.node("interval", P.quoted(text))
        case .parameter(let name): return name.hasPrefix("$") ? name : ":" + name
        case .column(let name): return name.tree
        case .star(let qualifier): return qualifier.map { $0.tree + ".*" } ?? "*"
        case .unary(let op, let operand): return P.node(op, operand.tree)
        case .binary(let op, let left, let right): return P.node(op, left.tree, right.tree)
        case .isNull(let operand, let negated): return P.node(negated ? "is-not-null" : "is-null", operand.tree)
        case .isBoolean(let operand, let value, let negated):
            return P.node(negated ? "is-not" : "is", operand.tree, value.map { $0 ? "true" : "false" } ?? "unknown")
        case .between(let operand, let low, let high, let negated):
            return P.node(negated ? "not-between" : "between", operand.tree, low.tree, high.tree)
        case .inList(let operand, let items, let negated): return P.node(negated ? "not-in" : "in", operand.tree, P.group(items.map(\.tree)))
        case .inQuery(let operand, let query, let negated): return P.node(negated ? "not-in" : "in", operand.tree, P.node("subquery", query.tree))
        case .exists(let query): return P.node("exists", query.tree)
        case .subquery(let query): return P.node("subquery", query.tree)
        case .like(let operand, let pattern, let escape, let kind, let negated):
            return P.node((negated ? "not-" : "") + kind, operand.tree, pattern.tree, escape.map { P.node("escape", $0.tree) })
        case .regexMatch(let operand, let pattern, let negated): return P.node(negated ? "!~" : "~", operand.tree, pattern.tree)
        case .caseWhen(let operand, let whens, let otherwise):
            return P.node("case", [operand?.tree].compactMap { $0 } + whens.map { P.node("when", $0.condition.tree, $0.result.tree) }
                          + [otherwise.map { P.node("else", $0.tree) }].compactMap { $0 })
        case .cast(let operand, let type): return P.node("cast", operand.tree, type.tree)
        case .function(let call): return call.tree
        case .quantified(let op, let operand, let quantifier, let query):
            return P.node(op, operand.tree, P.node(quantifier, P.node("subquery", query.tree)))
        }
    }
}

extension AST.FunctionCall {
    var tree: String {
        typealias P = ASTPrinter
        var parts = [name.tree]
        parts += [P.flag(approximate, "approximate"), P.flag(distinct, "distinct"), P.flag(noParentheses, "no-parentheses")].compactMap { $0 }
        parts += arguments.map(\.tree)
        if !withinGroup.isEmpty { parts.append(P.node("within-group", withinGroup.map(\.tree))) }
        if ignoreNulls { parts.append("ignore-nulls") }
        if let over { parts.append(over.tree) }
        return P.node("call", parts)
    }
}

extension AST.Window {
    var tree: String {
        typealias P = ASTPrinter
        return P.node("over", P.optional("partition-by", partitionBy.map(\.tree)), P.optional("order-by", orderBy.map(\.tree)), frame?.tree)
    }
}

extension AST.Frame {
    var tree: String {
        ASTPrinter.node("rows", [Self.text(start)] + [end.map(Self.text)].compactMap { $0 })
    }

    private static func text(_ bound: Bound) -> String {
        switch bound {
        case .unboundedPreceding: return "unbounded-preceding"
        case .preceding(let n): return "(preceding \(n))"
        case .currentRow: return "current-row"
        case .following(let n): return "(following \(n))"
        case .unboundedFollowing: return "unbounded-following"
        }
    }
}
