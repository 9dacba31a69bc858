/// Window functions and the date/time functions that take a date part.
///
/// - Redshift: Window functions (c_Window_functions): only ROWS frames; an aggregate window function
///   with ORDER BY needs an explicit frame. DATEADD (r_DATEADD_function), DATEDIFF (r_DATEDIFF_function),
///   DATE_TRUNC (r_DATE_TRUNC), DATE_PART (r_DATE_PART_function), EXTRACT (r_EXTRACT_function).
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
            if call.ignoreNulls { throw SQLError.unsupported("IGNORE NULLS", at: position) }
            var args = [try bindExpression(call.arguments[0], scope: scope, clause: .other)]
            for extra in call.arguments.dropFirst() { args.append(try bindExpression(extra, scope: scope, clause: .other)) }
            if (name == "first_value" || name == "last_value" || name == "nth_value"), !order.isEmpty, frame == nil {
                throw SQLError(code: "42601", message: "Aggregate window functions with an ORDER BY clause require a frame clause", position: position)
            }
            if (name == "lag" || name == "lead") && order.isEmpty {
                throw SQLError(code: "42601", message: "\(name.uppercased()) requires an ORDER BY clause in its window", position: position)
            }
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
        if case .call("rs_decimal_div", let parts, _) = aggregate.kind, parts.count == 5 {
            // AVG of a DECIMAL became sum/count: window each half.
            var windowedParts = parts
            windowedParts[0] = windowed(parts[0].with(hasAggregate: false), type: parts[0].type)
            windowedParts[1] = windowed(parts[1].with(hasAggregate: false), type: parts[1].type)
            return Expr.call("rs_decimal_div", windowedParts, type: aggregate.type).with(hasWindow: true)
        }
        switch aggregate.kind {
        case .call, .countStar: return windowed(aggregate.with(hasAggregate: false), type: aggregate.type)
        default: throw SQLError.unsupported("\(name.uppercased()) as a window function", at: position)
        }
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

    func bindDateFunction(_ name: String, _ args: [Expr], position: Int) throws -> Expr {
        func part(_ e: Expr) throws -> Expr {
            guard case .text(let text) = e.literalValue ?? .null, let canonical = DatePart(text) else {
                let shown = e.literalValue?.textValue ?? "?"
                throw SQLError(code: "0A000", message: "\(name.uppercased()) does not support the date part \"\(shown)\"", position: position)
            }
            return .literal(.text(canonical.rawValue), .varchar(length: 16))
        }
        func datetime(_ e: Expr) throws -> Expr {
            if e.type == .unknown { return try coerce(e, to: .timestamp) }
            guard e.type.isDatetime else { throw SQLError.undefinedFunction("\(name)(\(e.type.formatTypeName))", at: position) }
            return e
        }
        switch name {
        case "dateadd":
            guard args.count == 3 else { throw SQLError.undefinedFunction("dateadd", at: position) }
            let value = try datetime(args[2])
            let type: RedshiftType = value.type == .time || value.type == .timetz ? value.type : (value.type == .timestamptz ? .timestamptz : .timestamp)
            return .call("rs_dateadd", [try part(args[0]), try coerce(args[1], to: .bigint), value], type: type)
        case "datediff":
            guard args.count == 3 else { throw SQLError.undefinedFunction("datediff", at: position) }
            return .call("rs_datediff", [try part(args[0]), try datetime(args[1]), try datetime(args[2])], type: .bigint)
        case "date_trunc":
            guard args.count == 2 else { throw SQLError.undefinedFunction("date_trunc", at: position) }
            let value = try datetime(args[1])
            return .call("rs_date_trunc", [try part(args[0]), value], type: value.type == .timestamptz ? .timestamptz : .timestamp)
        case "date_part", "pgdate_part":
            guard args.count == 2 else { throw SQLError.undefinedFunction("date_part", at: position) }
            return .call("rs_date_part", [try part(args[0]), try datetime(args[1])], type: .doublePrecision)
        default:  // extract
            guard args.count == 2 else { throw SQLError.undefinedFunction("extract", at: position) }
            let value = try datetime(args[1])
            return .call("rs_extract", [try part(args[0]), value], type: value.type == .timestamptz ? .doublePrecision : .integer)
        }
    }
}

extension Bound.Expression {
    func with(hasAggregate: Bool) -> Self { var c = self; c.hasAggregate = hasAggregate; return c }
    func with(hasWindow: Bool) -> Self { var c = self; c.hasWindow = hasWindow; return c }
}
