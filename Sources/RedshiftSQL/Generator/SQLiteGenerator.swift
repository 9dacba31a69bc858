import Foundation

/// Renders `Bound` trees as SQLite SQL with positional arguments.
///
/// Identifiers are always double-quoted; Data API parameters become `?` arguments, never text.
/// Sort items always carry explicit NULLS FIRST/LAST because SQLite's default differs from Redshift's.
final class SQLiteGenerator {
    private(set) var arguments: [SQLiteValue] = []

    /// Renders one query as a statement.
    static func statement(_ query: Bound.Query) -> SQLiteStatement {
        let generator = SQLiteGenerator()
        let sql = generator.query(query)
        return SQLiteStatement(sql: sql, arguments: generator.arguments)
    }

    static func quote(_ name: String) -> String { PhysicalLayout.quote(name) }

    static func literal(_ value: SQLiteValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let i): return String(i)
        case .real(let d):
            if d.isNaN { return "NULL" }
            if d.isInfinite { return d < 0 ? "-9e999" : "9e999" }
            return "\(d)"
        case .text(let s):
            guard s.utf8.contains(39) else { return "'" + s + "'" }
            var quoted = "'"
            for c in s.unicodeScalars { if c == "'" { quoted += "''" } else { quoted.unicodeScalars.append(c) } }
            return quoted + "'"
        case .blob(let bytes): return "X'" + bytes.map { String(format: "%02X", $0) }.joined() + "'"
        }
    }

    func query(_ query: Bound.Query) -> String {
        var sql = ""
        if !query.ctes.isEmpty {
            sql += query.recursive ? "WITH RECURSIVE " : "WITH "
            sql += query.ctes.map { cte in
                "\(Self.quote(cte.name)) (\(cte.columns.map(Self.quote).joined(separator: ", "))) AS (\(self.query(cte.query)))"
            }.joined(separator: ", ") + " "
        }
        let compound: Bool
        if case .select = query.body { compound = false } else { compound = true }
        if case .nested(let inner) = query.body, query.orderBy.isEmpty, query.limit == nil, query.offset == nil, query.ctes.isEmpty {
            return self.query(inner)
        }
        sql += body(query.body, top: true)
        _ = compound
        if !query.orderBy.isEmpty {
            sql += " ORDER BY " + query.orderBy.map(orderItem).joined(separator: ", ")
        }
        if let limit = query.limit {
            sql += " LIMIT " + expression(limit)
            if let offset = query.offset { sql += " OFFSET " + expression(offset) }
        } else if let offset = query.offset {
            sql += " LIMIT -1 OFFSET " + expression(offset)
        }
        return sql
    }

    private static func unchecked(_ e: Bound.Expression) -> Bound.Expression {
        if case .call("rs_checked", let args, _) = e.kind, let inner = args.first { return inner }
        return e
    }

    func orderItem(_ item: Bound.OrderItem) -> String {
        expression(item.expression) + (item.descending ? " DESC" : " ASC") + (item.nullsFirst ? " NULLS FIRST" : " NULLS LAST")
    }

    private func body(_ body: Bound.Body, top: Bool) -> String {
        switch body {
        case .select(let select): return self.select(select)
        case .nested(let inner): return "SELECT * FROM (\(query(inner)))"
        case .setOperation(let op, let left, let right):
            let rightText: String
            if case .setOperation = right { rightText = "SELECT * FROM (\(self.body(right, top: false)))" } else { rightText = self.body(right, top: false) }
            return self.body(left, top: false) + " \(op) " + rightText
        }
    }

    func select(_ select: Bound.Select) -> String {
        var sql = "SELECT "
        if select.distinct { sql += "DISTINCT " }
        sql += select.items.map { "\(expression($0.expression)) AS \(Self.quote($0.alias))" }.joined(separator: ", ")
        if !select.from.isEmpty { sql += " FROM " + select.from.map { fromItem($0) }.joined(separator: ", ") }
        if let condition = select.whereClause { sql += " WHERE " + expression(condition) }
        if !select.groupBy.isEmpty { sql += " GROUP BY " + select.groupBy.map(expression).joined(separator: ", ") }
        if let having = select.having { sql += " HAVING " + expression(having) }
        return sql
    }

    func fromItem(_ item: Bound.FromItem, nested: Bool = false) -> String {
        switch item {
        case .table(let name, let alias): return "\(name) AS \(Self.quote(alias))"
        case .subquery(let inner, let alias): return "(\(query(inner))) AS \(Self.quote(alias))"
        case .catalogView(let view, let alias): return "(\(Self.catalogView(view))) AS \(Self.quote(alias))"
        case .emptyTable(let name, let alias): return "(SELECT * FROM \(name) WHERE 0) AS \(Self.quote(alias))"
        case .tableFunction(let name, let arguments, let alias): return "\(name)(\(arguments.map { expression($0) }.joined(separator: ", "))) AS \(Self.quote(alias))"
        case .relation(let reference): return "(SELECT * FROM \(reference.table.sqliteName) WHERE 0) AS \(Self.quote(reference.alias))"
        case .join(let kind, let left, let right, let on):
            var sql = fromItem(left) + " \(kind) " + fromItem(right, nested: true)
            if let on { sql += " ON " + expression(on) }
            return nested ? "(\(sql))" : sql
        }
    }

    private func operand(_ e: Bound.Expression) -> String {
        switch e.kind {
        case .binary, .between, .inList, .inQuery, .isNull, .collate, .unary:
            return "(" + expression(e) + ")"
        case .literal(.integer(let i)) where i < 0: return "(\(i))"
        case .literal(.real(let d)) where d < 0: return "(" + expression(e) + ")"
        default: return expression(e)
        }
    }

    func expression(_ e: Bound.Expression) -> String {
        switch e.kind {
        case .literal(let value): return Self.literal(value)
        case .argument(let value):
            arguments.append(value)
            return "?"
        case .column(let relation, let name):
            return (relation.map { Self.quote($0) + "." } ?? "") + Self.quote(name)
        case .ordinal(let n): return String(n)
        case .unary(let op, let operand): return op + self.operand(operand)
        case .binary(let op, let l, let r):
            if op == "+" || op == "-" || op == "*" {
                // An overflow check directly under + - * is redundant: the REAL an overflow produces
                // propagates to the enclosing check.
                return "\(operand(Self.unchecked(l))) \(op) \(operand(Self.unchecked(r)))"
            }
            return "\(operand(l)) \(op) \(operand(r))"
        case .call(let name, let args, let distinct):
            return "\(name)(\(distinct ? "DISTINCT " : "")\(args.map(expression).joined(separator: ", ")))"
        case .countStar: return "count(*)"
        case .caseWhen(let subject, let whens, let otherwise):
            var sql = "CASE"
            if let subject { sql += " " + expression(subject) }
            for when in whens { sql += " WHEN \(expression(when.condition)) THEN \(expression(when.result))" }
            if let otherwise { sql += " ELSE " + expression(otherwise) }
            return sql + " END"
        case .cast(let value, let type): return "CAST(\(expression(value)) AS \(type))"
        case .isNull(let value, let negated): return "\(operand(value)) IS \(negated ? "NOT " : "")NULL"
        case .between(let value, let low, let high, let negated):
            return "\(operand(value)) \(negated ? "NOT " : "")BETWEEN \(operand(low)) AND \(operand(high))"
        case .inList(let value, let list, let negated):
            return "\(operand(value)) \(negated ? "NOT " : "")IN (\(list.map(expression).joined(separator: ", ")))"
        case .inQuery(let value, let sub, let negated):
            return "\(operand(value)) \(negated ? "NOT " : "")IN (\(query(sub)))"
        case .exists(let sub): return "EXISTS (\(query(sub)))"
        case .subquery(let sub): return "(\(query(sub)))"
        case .window(let function, let partition, let order, let frame):
            var parts: [String] = []
            if !partition.isEmpty { parts.append("PARTITION BY " + partition.map(expression).joined(separator: ", ")) }
            if !order.isEmpty { parts.append("ORDER BY " + order.map(orderItem).joined(separator: ", ")) }
            if let frame { parts.append(frame) }
            return "\(expression(function)) OVER (\(parts.joined(separator: " ")))"
        case .collate(let value, let collation): return "\(operand(value)) COLLATE \(collation)"
        }
    }
}
