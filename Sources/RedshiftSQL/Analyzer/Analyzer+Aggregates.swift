/// Sort-based aggregates (LISTAGG, MEDIAN, PERCENTILE_CONT, PERCENTILE_DISC) and APPROXIMATE, as
/// aggregates (the `rs_` aggregates of `StatisticalAggregates.swift`) and as window functions
/// (`json_group_array(x) OVER (…)` finished by a scalar, since SQLite cannot window a custom aggregate).
///
/// - Redshift: LISTAGG (r_LISTAGG, r_WF_LISTAGG), MEDIAN (r_MEDIAN, r_WF_MEDIAN), PERCENTILE_CONT
///   (r_PERCENTILE_CONT, r_WF_PERCENTILE_CONT), PERCENTILE_DISC (r_WF_PERCENTILE_DISC), APPROXIMATE
///   COUNT(DISTINCT) (r_COUNT). Result types: MEDIAN/PERCENTILE_CONT of an integer is DECIMAL (scale 1
///   here, as the pages' examples print `17.5`), of a DECIMAL the same DECIMAL, of a float DOUBLE;
///   PERCENTILE_DISC keeps its argument's type.
/// Divergences: APPROXIMATE COUNT(DISTINCT) is exact; the rule that all sort-based aggregates of a
/// statement share one ORDER BY is not enforced; MEDIAN/PERCENTILE_CONT of dates are not supported.
extension Analyzer {
    static let orderedAggregates: Set<String> = ["listagg", "median", "percentile_cont", "percentile_disc"]

    /// nil when `call` is not a sort-based aggregate (nor APPROXIMATE).
    func bindOrderedAggregate(_ call: AST.FunctionCall, name: String, scope: Scope, clause: Clause, position: Int) throws -> Expr? {
        if call.approximate {
            guard (name == "count" && call.distinct) || name == "percentile_disc" else { throw SQLError.syntax(near: "approximate", at: position) }
            if name == "count" {
                var exact = call
                exact.approximate = false
                return try bindFunction(exact, scope: scope, clause: clause, position: position)
            }
        }
        guard Self.orderedAggregates.contains(name) else { return nil }
        guard clause.allowsAggregates else {
            throw SQLError(code: "42803", message: "aggregates not allowed in \(clause == .whereClause ? "WHERE" : clause == .groupBy ? "GROUP BY" : "this context")", position: position)
        }
        let parts = try orderedAggregateParts(call, name: name, scope: scope, position: position)
        var result = Expr.call(parts.function, parts.arguments, type: parts.type, nullable: true)
        if name == "listagg", call.withinGroup.isEmpty, !call.distinct {
            // No order asked for: SQLite's group_concat (skipping empty strings as NULLs) will do.
            let value = Expr.call("nullif", [parts.arguments[0], .literal(.text(""), .varchar(length: 1))], type: .varchar(length: 65535))
            result = .call("group_concat", [value, parts.arguments[1]], type: .varchar(length: 65535), nullable: true)
        }
        result.hasAggregate = true
        return result
    }

    /// The window form: `OVER (PARTITION BY …)` only (no ORDER BY, no frame), as the pages say.
    func bindOrderedAggregateWindow(_ call: AST.FunctionCall, name: String, partition: [Expr], order: [Bound.OrderItem], frame: String?, scope: Scope, position: Int) throws -> Expr {
        if !order.isEmpty || frame != nil {
            throw SQLError(code: "42601", message: "window ORDER BY and frame clauses are not allowed for \(name.uppercased())", position: position)
        }
        let parts = try orderedAggregateParts(call, name: name, scope: scope, position: position)
        let args = parts.arguments
        func window(_ values: Expr, orderBy: [Bound.OrderItem], frame: String?) -> Expr {
            let array = Expr.call("json_group_array", [values], type: .varchar(length: 65535), nullable: false)
            return Expr(kind: .window(array, partitionBy: partition, orderBy: orderBy, frame: frame), type: .varchar(length: 65535), nullable: false, hasWindow: true)
        }
        if name == "listagg" {
            // Values arrive in WITHIN GROUP order: the whole partition, ordered by the keys.
            var keys: [Bound.OrderItem] = []
            var index = 3
            for _ in call.withinGroup {
                let flags = args[index + 1].literalValue?.doubleValue ?? 0
                keys.append(Bound.OrderItem(expression: args[index], descending: Int(flags) & 1 != 0, nullsFirst: Int(flags) & 2 != 0))
                index += 2
            }
            let all = keys.isEmpty ? nil : "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"
            return Expr.call("rs_listagg_json", [window(args[0], orderBy: keys, frame: all), args[1], args[2]], type: parts.type, nullable: true).with(hasWindow: true)
        }
        let continuous = parts.function == "rs_percentile_cont"
        let integerResult = continuous ? args[3] : Expr.literal(.integer(0), .integer)
        return Expr.call("rs_percentile_json", [window(args[0], orderBy: [], frame: nil), args[1], args[2],
                                                .literal(.integer(continuous ? 1 : 0), .integer), integerResult], type: parts.type, nullable: true).with(hasWindow: true)
    }

    /// The `rs_` aggregate, its arguments and result type.
    private func orderedAggregateParts(_ call: AST.FunctionCall, name: String, scope: Scope, position: Int) throws -> (function: String, arguments: [Expr], type: RedshiftType) {
        let args = try call.arguments.map { try bindExpression($0, scope: scope, clause: .other) }
        let order = try call.withinGroup.map { item -> Bound.OrderItem in
            Bound.OrderItem(expression: try bindExpression(item.expression, scope: scope, clause: .other), descending: item.descending, nullsFirst: item.nullsFirst ?? item.descending)
        }
        func int(_ v: Int) -> Expr { .literal(.integer(Int64(v)), .integer).with(nullable: false) }
        switch name {
        case "listagg":
            guard (1...2).contains(args.count) else { throw SQLError.undefinedFunction("listagg", at: position) }
            let value = try textOperand(args[0])
            let delimiter = args.count == 2 ? try textOperand(args[1]) : Expr.literal(.text(""), .varchar(length: 1))
            var parts = [value, delimiter, int(call.distinct ? 1 : 0)]
            for item in order { parts += [item.expression, int((item.descending ? 1 : 0) | (item.nullsFirst ? 2 : 0))] }
            return ("rs_listagg", parts, .varchar(length: 65535))
        case "median":
            guard args.count == 1, call.withinGroup.isEmpty else { throw SQLError.undefinedFunction("median", at: position) }
            return try percentileParts(continuous: true, value: args[0], fraction: .literal(.real(0.5), .doublePrecision), descending: false, position: position)
        default:  // percentile_cont, percentile_disc
            guard args.count == 1 else { throw SQLError.undefinedFunction(name, at: position) }
            guard order.count == 1 else {
                throw SQLError(code: "42601", message: "\(name.uppercased()) requires exactly one WITHIN GROUP (ORDER BY …) expression", position: position)
            }
            let fraction = try coerce(args[0], to: .doublePrecision)
            if let p = fraction.literalValue?.doubleValue, !(0...1).contains(p) {
                throw SQLError(code: "22003", message: "percentile value must be between 0 and 1", position: position)
            }
            return try percentileParts(continuous: name == "percentile_cont", value: order[0].expression, fraction: fraction, descending: order[0].descending, position: position)
        }
    }

    private func percentileParts(continuous: Bool, value raw: Expr, fraction: Expr, descending: Bool, position: Int) throws -> (function: String, arguments: [Expr], type: RedshiftType) {
        let value = raw.type == .unknown ? try coerce(raw, to: .doublePrecision) : raw
        if case .decimal(let p, _) = value.type, p > 18 {
            throw SQLError.unsupported("MEDIAN/PERCENTILE of DECIMAL with precision above 18 (cast the argument to DECIMAL(18,s))", at: position)
        }
        let direction = Expr.literal(.integer(descending ? 1 : 0), .integer)
        guard continuous else { return ("rs_percentile_disc", [value, fraction, direction], value.type) }
        switch value.type {
        case .smallint, .integer, .bigint:
            // Interpolated in tenths: the DECIMAL result has scale 1.
            let tenths = Expr.binary("*", value, .literal(.integer(10), .integer), type: .bigint)
            return ("rs_percentile_cont", [tenths, fraction, direction, .literal(.integer(1), .integer)], .decimal(precision: 18, scale: 1))
        case .decimal:
            return ("rs_percentile_cont", [value, fraction, direction, .literal(.integer(1), .integer)], value.type)
        case .real, .doublePrecision:
            return ("rs_percentile_cont", [value, fraction, direction, .literal(.integer(0), .integer)], .doublePrecision)
        default:
            throw SQLError.unsupported("MEDIAN/PERCENTILE_CONT of \(value.type.formatTypeName)", at: position)
        }
    }
}
