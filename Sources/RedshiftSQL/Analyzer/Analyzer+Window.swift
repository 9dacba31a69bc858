/// Window functions.
///
/// - Redshift: Window functions (c_Window_functions): only ROWS frames; an aggregate window function
///   with ORDER BY needs an explicit frame.
extension Analyzer {
    static let rankingFunctions: [String: RedshiftType] = [
        "row_number": .bigint, "rank": .integer, "dense_rank": .integer, "ntile": .bigint,
        "percent_rank": .doublePrecision, "cume_dist": .doublePrecision,
    ]
    static let valueWindowFunctions: Set<String> = ["lag", "lead", "first_value", "last_value", "nth_value"]

    func bindWindowFunction(_ call: AST.FunctionCall, name: String, window: AST.Window, scope: Scope, clause: Clause, position: Int) throws -> Expr {
        guard clause.allowsWindows else {
            throw SQLError(code: "42P20", message: "window functions not allowed in \(clause == .whereClause ? "WHERE" : clause == .groupBy ? "GROUP BY" : clause == .having ? "HAVING" : "this context") clause", position: position)
        }
        let partition = try window.partitionBy.map { try bindExpression($0, scope: scope, clause: .other) }
        let order = try window.orderBy.map { item -> Bound.OrderItem in
            Bound.OrderItem(expression: try bindExpression(item.expression, scope: scope, clause: .other), descending: item.descending, nullsFirst: item.nullsFirst ?? item.descending)
        }
        let frame = try window.frame.map(renderFrame)
        func windowed(_ function: Expr, type: RedshiftType) -> Expr {
            Expr(kind: .window(function, partitionBy: partition, orderBy: order, frame: frame), type: type, nullable: true, hasAggregate: false, hasWindow: true)
        }
        if Self.orderedAggregates.contains(name) {
            return try bindOrderedAggregateWindow(call, name: name, partition: partition, order: order, frame: frame, scope: scope, position: position)
        }
        if name == "ratio_to_report" {
            // x / SUM(x) over the partition, DOUBLE PRECISION; PARTITION BY only (r_WF_RATIO_TO_REPORT).
            guard call.arguments.count == 1 else { throw SQLError.undefinedFunction("ratio_to_report", at: position) }
            if !order.isEmpty || frame != nil {
                throw SQLError(code: "42601", message: "window ORDER BY and frame clauses are not allowed for RATIO_TO_REPORT", position: position)
            }
            let value = try bindExpression(call.arguments[0], scope: scope, clause: .other)
            guard value.type.isNumeric else { throw SQLError.undefinedFunction("ratio_to_report(\(value.type.formatTypeName))", at: position) }
            let total = windowed(.call("sum", [value], type: value.type), type: value.type)
            return .binary("/", Expr(kind: .cast(value, "REAL"), type: .doublePrecision, nullable: value.nullable), total, type: .doublePrecision).with(hasWindow: true)
        }
        if let type = Self.rankingFunctions[name] {
            if frame != nil { throw SQLError(code: "42601", message: "frame clause is not allowed for \(name.uppercased())", position: position) }
            var args: [Expr] = []
            if name == "ntile" {
                guard call.arguments.count == 1 else { throw SQLError.undefinedFunction("ntile()", at: position) }
                args = [try coerce(try bindExpression(call.arguments[0], scope: scope, clause: .other), to: .integer)]
            } else if !call.arguments.isEmpty {
                throw SQLError.undefinedFunction("\(name)(...)", at: position)
            }
            return windowed(.call(name, args, type: type), type: type)
        }
        if Self.valueWindowFunctions.contains(name) {
            guard !call.arguments.isEmpty else { throw SQLError.undefinedFunction("\(name)()", at: position) }
            var args = [try bindExpression(call.arguments[0], scope: scope, clause: .other)]
            for extra in call.arguments.dropFirst() { args.append(try bindExpression(extra, scope: scope, clause: .other)) }
            if (name == "first_value" || name == "last_value" || name == "nth_value"), !order.isEmpty, frame == nil {
                throw SQLError(code: "42601", message: "Aggregate window functions with an ORDER BY clause require a frame clause", position: position)
            }
            if (name == "lag" || name == "lead") && args.count > 2 {
                // r_WF_LAG, r_WF_LEAD: `LAG (value_expr [, offset ])`: no default argument.
                let types = args.map(\.type.formatTypeName).joined(separator: ", ")
                throw SQLError(code: "42883", message: "function \(name)(\(types)) does not exist", position: position)
            }
            if (name == "lag" || name == "lead") && order.isEmpty {
                throw SQLError(code: "42601", message: "\(name.uppercased()) requires an ORDER BY clause in its window", position: position)
            }
            if call.ignoreNulls { return try ignoringNulls(name, args, partition: partition, order: order, frame: frame, position: position) }
            return windowed(.call(name, args, type: args[0].type), type: args[0].type)
        }
        guard Self.aggregateFunctions.contains(name) else {
            throw SQLError.undefinedFunction("\(name)() as a window function", at: position)
        }
        if !order.isEmpty && frame == nil {
            throw SQLError(code: "42601", message: "Aggregate window functions with an ORDER BY clause require a frame clause", position: position)
        }
        var plain = call
        plain.over = nil
        let aggregate = try bindFunction(plain, scope: scope, clause: .selectList, position: position)
        // AVG of integers became sum/count: window each half.
        if case .binary("/", let sum, let count) = aggregate.kind {
            return .binary("/", windowed(sum.with(hasAggregate: false), type: sum.type), windowed(count.with(hasAggregate: false), type: count.type), type: aggregate.type).with(hasWindow: true)
        }
        if case .call(let combiner, let parts, _) = aggregate.kind, Self.decimalAggregateCombiners.contains(combiner) {
            // SUM/AVG of a DECIMAL became a function of native aggregates: window each of them.
            let windowedParts = parts.map { part -> Expr in
                guard case .call(let fn, _, _) = part.kind, Self.aggregateNames.contains(fn) else { return part }
                return windowed(part.with(hasAggregate: false), type: part.type)
            }
            return Expr.call(combiner, windowedParts, type: aggregate.type).with(hasWindow: true)
        }
        if case .call(let function, let parts, let distinct) = aggregate.kind, ["rs_wsum", "rs_wavg"].contains(function), !distinct, parts.count == 1 {
            return wideDecimalWindow(average: function == "rs_wavg", parts[0], type: aggregate.type, partition: partition, order: order, frame: frame)
        }
        if case .call(let function, _, _) = aggregate.kind, ["rs_wsum", "rs_wavg", "rs_wsum_mul"].contains(function) {
            throw SQLError.unsupported("\(name.uppercased()) of a DECIMAL with precision above 18 as a window function", at: position)
        }
        switch aggregate.kind {
        case .call, .countStar: return windowed(aggregate.with(hasAggregate: false), type: aggregate.type)
        default: throw SQLError.unsupported("\(name.uppercased()) as a window function", at: position)
        }
    }

    /// `… IGNORE NULLS` (r_WF_first_value, r_WF_LAG, r_WF_LEAD, r_WF_NTH): the frame's values as
    /// `json_group_array`, and `rs_json_pick(values, n, fromEnd)` takes the n-th non-NULL one.
    /// LAG looks at the rows before the current one, LEAD at the rows after it.
    private func ignoringNulls(_ name: String, _ args: [Expr], partition: [Expr], order: [Bound.OrderItem], frame: String?, position: Int) throws -> Expr {
        let value = args[0]
        var n = Expr.literal(.integer(1), .integer).with(nullable: false)
        var rows = frame
        var fromEnd = false
        switch name {
        case "first_value": break
        case "last_value": fromEnd = true
        case "nth_value":
            guard args.count == 2 else { throw SQLError.undefinedFunction("nth_value", at: position) }
            n = try coerce(args[1], to: .integer)
        default:  // lag, lead
            guard args.count <= 2 else { throw SQLError.unsupported("\(name.uppercased()) with a default value", at: position) }
            if args.count == 2 { n = try coerce(args[1], to: .integer) }
            // r_WF_LAG, r_WF_LEAD: "An offset of 0 indicates the current row".
            if case .integer(0) = n.literalValue ?? .null { return value }
            fromEnd = name == "lag"
            rows = name == "lag" ? "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING" : "ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING"
        }
        let array = Expr.call("json_group_array", [jsonSafe(value)], type: .varchar(length: 65535), nullable: false)
        let values = Expr(kind: .window(array, partitionBy: partition, orderBy: order, frame: rows), type: .varchar(length: 65535), nullable: false, hasWindow: true)
        return fromJSONSafe(Expr.call("rs_json_pick", [values, n, .literal(.integer(fromEnd ? 1 : 0), .integer)], type: value.type, nullable: true).with(hasWindow: true), type: value.type)
    }

    private func renderFrame(_ frame: AST.Frame) throws -> String {
        func bound(_ b: AST.Frame.Bound) -> String {
            switch b {
            case .unboundedPreceding: return "UNBOUNDED PRECEDING"
            case .preceding(let n): return "\(n) PRECEDING"
            case .currentRow: return "CURRENT ROW"
            case .following(let n): return "\(n) FOLLOWING"
            case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
            }
        }
        if let end = frame.end { return "ROWS BETWEEN \(bound(frame.start)) AND \(bound(end))" }
        return "ROWS \(bound(frame.start))"
    }
}

extension Bound.Expression {
    func with(hasAggregate: Bool) -> Self { var c = self; c.hasAggregate = hasAggregate; return c }
    func with(hasWindow: Bool) -> Self { var c = self; c.hasWindow = hasWindow; return c }
}
