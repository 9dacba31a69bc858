import Foundation

/// Built-in functions: arity, Redshift result type, and the SQLite (or `rs_`) function that computes it.
///
/// - Redshift: SQL functions reference (c_SQL_functions); result types per reference §1.10 and §3.
extension Analyzer {
    func bindFunction(_ call: AST.FunctionCall, scope: Scope, clause: Clause, position: Int) throws -> Expr {
        // A catalog function the parser expanded (`Parser.expanded`): its expansion.
        if call.name.parts.count == 2, call.name.parts[0] == Parser.expansionSchema, call.arguments.count == 1,
           Parser.catalogMacros[call.name.last] != nil {
            return try bindExpression(call.arguments[0], scope: scope, clause: clause)
        }
        if let bound = try bindRecordCall(call, scope: scope, clause: clause, position: position) { return bound }
        let name = call.name.parts.count == 2 && call.name.parts[0] == "pg_catalog" ? call.name.last : call.name.dotted
        if let window = call.over {
            return try bindWindowFunction(call, name: name, window: window, scope: scope, clause: clause, position: position)
        }
        if let bound = try bindOrderedAggregate(call, name: name, scope: scope, clause: clause, position: position) { return bound }
        if !call.withinGroup.isEmpty { throw SQLError.unsupported("WITHIN GROUP", at: position) }
        if name == "grouping" || name == "grouping_id" {
            return try bindGroupingFunction(call, scope: scope, clause: clause, position: position)
        }
        if Self.aggregateFunctions.contains(name) {
            guard clause.allowsAggregates else {
                throw SQLError(code: "42803", message: "aggregates not allowed in \(clauseName(clause))", position: position)
            }
            // Arguments of an aggregate may not themselves contain aggregates.
            let args = try call.arguments.map { argument -> Expr in
                if case .star = argument.kind { return .null }
                let bound = try bindExpression(argument, scope: scope, clause: .other)
                return bound
            }
            var result = try bindAggregate(name, call: call, args: args, position: position)
            result.hasAggregate = true
            return result
        }
        if call.distinct { throw SQLError(code: "42809", message: "DISTINCT specified, but \(name) is not an aggregate function", position: position) }
        // Date-part functions take a bare word as their first argument.
        if Self.datePartFunctions.contains(name), let first = call.arguments.first {
            var args = call.arguments
            if case .column(let partName) = first.kind, partName.parts.count == 1 {
                args[0] = AST.Expression(kind: .string(partName.last), position: first.position)
            }
            let bound = try args.map { try bindExpression($0, scope: scope, clause: clause) }
            return try bindDatePartFunction(name, bound, position: position)
        }
        let args = try call.arguments.map { try bindExpression($0, scope: scope, clause: clause) }
        if let bound = try bindDateTimeFunction(name, args: args, position: position) { return bound }
        do {
            return try bindScalar(name, args: args, noParentheses: call.noParentheses, position: position)
        } catch let error as SQLError where error.code == "42883" && !call.noParentheses {
            guard let inlined = try bindUserFunction(call, args: args, scope: scope, clause: clause, position: position) else { throw error }
            return inlined
        }
    }

    private func clauseName(_ clause: Clause) -> String {
        switch clause {
        case .whereClause: return "WHERE"
        case .groupBy: return "GROUP BY"
        case .joinCondition: return "JOIN conditions"
        case .values: return "VALUES"
        default: return "this context"
        }
    }

    static let aggregateFunctions: Set<String> = [
        "count", "sum", "avg", "min", "max", "bool_and", "bool_or", "any_value", "listagg",
        "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop",
        "hll", "hll_create_sketch", "hll_combine",
    ]

    private func arity(_ name: String, _ args: [Expr], _ counts: ClosedRange<Int>, position: Int) throws {
        guard counts.contains(args.count) else {
            let types = args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")
            throw SQLError.undefinedFunction("\(name)(\(types))", at: position)
        }
    }

    private func bindAggregate(_ name: String, call: AST.FunctionCall, args: [Expr], position: Int) throws -> Expr {
        let isStar = call.arguments.count == 1 && { if case .star = call.arguments[0].kind { return true }; return false }()
        if name == "count" {
            if isStar || call.arguments.isEmpty { return Expr(kind: .countStar, type: .bigint, nullable: false) }
            try arity(name, args, 1...1, position: position)
            return .call("count", args, type: .bigint, distinct: call.distinct, nullable: false)
        }
        if isStar { throw SQLError.syntax(near: "*", at: call.arguments[0].position) }
        try arity(name, args, 1...1, position: position)
        var arg = args[0]
        if arg.type == .unknown { arg = try coerce(arg, to: name == "min" || name == "max" || name == "any_value" ? .varchar(length: 256) : .doublePrecision) }
        switch name {
        case "sum", "avg":
            guard arg.type.isNumeric else { throw SQLError.undefinedFunction("\(name)(\(arg.type.formatTypeName))", at: position) }
            let type: RedshiftType
            switch arg.type {
            case .smallint, .integer, .bigint: type = .bigint
            case .decimal(_, let s): type = .decimal(precision: 38, scale: s)
            default: type = .doublePrecision
            }
            if name == "avg" && arg.type.isInteger {
                // AVG of integers is an integer, truncated (r_AVG): sum / count in integer arithmetic.
                let sum = Expr.call("sum", [arg], type: .bigint, distinct: call.distinct)
                let count = Expr.call("count", [arg], type: .bigint, distinct: call.distinct)
                return .binary("/", sum, count, type: .bigint)
            }
            if name == "avg", arg.type.isDecimal { return decimalAverage(arg, distinct: call.distinct) }
            if name == "sum", arg.type.isDecimal { return decimalSum(arg, distinct: call.distinct) }
            return .call(name == "avg" ? "avg" : "sum", [arg], type: type, distinct: call.distinct)
        case "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop":
            // Always DOUBLE PRECISION; the sample forms of one value are NULL (r_STDDEV_functions).
            guard arg.type.isNumeric else { throw SQLError.undefinedFunction("\(name)(\(arg.type.formatTypeName))", at: position) }
            let x = try coerce(arg, to: .doublePrecision)
            let n = Expr.call("count", [x], type: .bigint, distinct: call.distinct)
            let sum = Expr.call("sum", [x], type: .doublePrecision, distinct: call.distinct)
            let squares = Expr.call("sum", [.binary("*", x, x, type: .doublePrecision)], type: .doublePrecision, distinct: call.distinct)
            let deviation = Expr.binary("-", squares, .binary("/", .binary("*", sum, sum, type: .doublePrecision), n, type: .doublePrecision), type: .doublePrecision)
            let population = name.hasSuffix("_pop")
            let divisor = population ? n : Expr.binary("-", n, .literal(.integer(1), .integer), type: .bigint)
            let variance = Expr.call("max", [.literal(.real(0), .doublePrecision), .binary("/", deviation, Expr(kind: .call("nullif", [divisor, .literal(.integer(0), .integer)], distinct: false), type: .bigint), type: .doublePrecision)], type: .doublePrecision)
            if name.hasPrefix("stddev") { return .call("rs_sqrt", [variance], type: .doublePrecision) }
            return variance
        case "bool_and", "bool_or":
            let value = try coerce(arg, to: .boolean)
            return .call(name == "bool_and" ? "min" : "max", [value], type: .boolean, distinct: call.distinct)
        case "any_value":
            return .call("min", [arg], type: arg.type, distinct: false)
        case "hll_create_sketch", "hll_combine":
            return try bindHLLAggregate(name, arg, position: position)
        case "hll":
            // r_HLL_function: the HyperLogLog estimate of the distinct non-NULL values, a BIGINT.
            // Divergence: the exact count (what a sparse sketch gives for small inputs).
            return .call("count", [arg], type: .bigint, distinct: true, nullable: false)
        default:  // min, max
            return .call(name, [arg], type: arg.type, distinct: call.distinct)
        }
    }

    private func text(_ value: String, _ type: RedshiftType? = nil) -> Expr {
        .literal(.text(value), type ?? .varchar(length: max(value.utf8.count, 1))).with(nullable: false)
    }

    private func bindScalar(_ name: String, args rawArgs: [Expr], noParentheses: Bool, position: Int) throws -> Expr {
        var args = rawArgs
        func string(_ index: Int) throws -> Expr { try textOperand(args[index]) }
        func integerArg(_ index: Int) throws -> Expr { try coerce(args[index], to: args[index].type.isInteger ? args[index].type : .integer) }
        func numeric(_ index: Int) throws -> Expr {
            let value = args[index].type == .unknown ? try coerce(args[index], to: .doublePrecision) : args[index]
            guard value.type.isNumeric else { throw SQLError.undefinedFunction("\(name)(\(value.type.formatTypeName))", at: position) }
            return value
        }
        func varcharType(_ e: Expr) -> RedshiftType {
            switch e.type { case .varchar, .char: return .varchar(length: e.type.metadataPrecision); default: return .varchar(length: 256) }
        }
        if let bound = try bindVarbyteFunction(name, args: args, position: position) { return bound }
        if let bound = try bindHLLFunction(name, args: args, position: position) { return bound }
        if let bound = try bindLibraryFunction(name, args: args, position: position) { return bound }
        switch name {
        // System information.
        case "current_user", "user":
            return text(context.currentUser, .char(length: 63))
        case "session_user":
            return text(context.sessionUser, .char(length: 63))
        case "current_database":
            try arity(name, args, 0...0, position: position)
            return text(context.database, .varchar(length: 63))
        case "current_schema":
            let schema = try effectiveSearchPath.first { try context.catalog.schemaExists($0) } ?? "public"
            return text(schema, .varchar(length: 63))
        case "format_type":  // r_System_information_functions: format_type(type oid, typmod)
            try arity(name, args, 2...2, position: position)
            return .call("rs_format_type", [try integerArg(0), try integerArg(1)], type: .varchar(length: 256))
        case "version":
            try arity(name, args, 0...0, position: position)
            return text(Self.versionString, .varchar(length: 256))
        case "current_setting":
            try arity(name, args, 1...2, position: position)
            guard case .text(let setting) = args[0].literalValue ?? .null else { throw SQLError.unsupported("current_setting with a non-constant name", at: position) }
            return text(context.settings[setting.lowercased()] ?? Self.defaultSettings[setting.lowercased()] ?? "unset", .varchar(length: 256))
        // Conditional.
        case "coalesce", "nvl":
            try arity(name, args, 1...100, position: position)
            guard let type = TypeRules.common(args.map(\.type)) else {
                throw SQLError.datatype("\(name.uppercased()) types \(args[0].type.formatTypeName) and \(args[1].type.formatTypeName) cannot be matched", at: position)
            }
            let coerced = try args.map { try coerce($0, to: type) }
            if coerced.count == 1 { return coerced[0] }
            return .call("coalesce", coerced, type: type, nullable: coerced.allSatisfy(\.nullable))
        case "nvl2":
            try arity(name, args, 3...3, position: position)
            guard let type = TypeRules.common([args[1].type, args[2].type]) else {
                throw SQLError.datatype("NVL2 types \(args[1].type.formatTypeName) and \(args[2].type.formatTypeName) cannot be matched", at: position)
            }
            let test = Expr(kind: .isNull(args[0], negated: true), type: .boolean, nullable: false)
            return Expr(kind: .caseWhen(operand: nil, whens: [Bound.Pair(condition: test, result: try coerce(args[1], to: type))], otherwise: try coerce(args[2], to: type)), type: type, nullable: args[1].nullable || args[2].nullable)
        case "nullif":
            try arity(name, args, 2...2, position: position)
            let type = try comparisonType(args, position: position)
            return .call("nullif", [try coerce(args[0], to: type), try coerce(args[1], to: type)], type: args[0].type == .unknown ? type : args[0].type, nullable: true)
        case "decode":
            try arity(name, args, 3...201, position: position)
            let subject = args[0]
            var pairs: [Bound.Pair] = []
            var index = 1
            while index + 1 < args.count {
                let test = try bindComparison("IS", subject, args[index], position: position)  // NULL matches NULL
                pairs.append(Bound.Pair(condition: test, result: args[index + 1]))
                index += 2
            }
            let otherwise = index < args.count ? args[index] : nil
            let results = pairs.map(\.result) + (otherwise.map { [$0] } ?? [])
            guard let type = TypeRules.common(results.map(\.type)) else { throw SQLError.datatype("DECODE types cannot be matched", at: position) }
            let resultType = type == .unknown ? RedshiftType.varchar(length: 256) : type
            pairs = try pairs.map { Bound.Pair(condition: $0.condition, result: try coerce($0.result, to: resultType)) }
            return Expr(kind: .caseWhen(operand: nil, whens: pairs, otherwise: try otherwise.map { try coerce($0, to: resultType) }), type: resultType, nullable: true)
        case "greatest", "least":
            try arity(name, args, 1...100, position: position)
            guard let type = TypeRules.common(args.map(\.type)) else { throw SQLError.datatype("\(name.uppercased()) types cannot be matched", at: position) }
            return .call("rs_\(name)", try args.map { try coerce($0, to: type) }, type: type == .unknown ? .varchar(length: 256) : type)
        // Math.
        case "abs":
            try arity(name, args, 1...1, position: position)
            let value = try numeric(0)
            if value.type.isDecimal { return try decimalAbsOrSign(name, value) }
            return .call("abs", [value], type: value.type)
        case "round", "trunc":
            try arity(name, args, 1...2, position: position)
            if name == "trunc", args.count == 1, args[0].type == .timestamp || args[0].type == .timestamptz || args[0].type == .date {
                return try cast(args[0], to: .date, explicit: true)
            }
            let value = try numeric(0)
            if value.type.isInteger, args.count == 1 { return value }
            if value.type.isDecimal { return try decimalRounding(name, value, digits: args.count == 2 ? args[1] : nil) }
            var parts = [value]
            if args.count == 2 { parts.append(try integerArg(1)) }
            // ROUND/TRUNC of a DECIMAL keep its precision with the requested scale (r_ROUND: round(28.05) = 28).
            var resultType = value.type
            if case .decimal(let p, let s) = value.type {
                var digits = 0
                if args.count == 2 { if case .integer(let d) = args[1].literalValue ?? .null { digits = Int(d) } else { digits = s } }
                resultType = .decimal(precision: p, scale: max(0, min(digits, s)))
            }
            let call = Expr.call("rs_\(name)", parts, type: resultType)
            return value.type.isInteger ? Expr(kind: .cast(call, "INTEGER"), type: value.type, nullable: call.nullable) : call
        case "ceil", "ceiling", "floor", "sign":
            try arity(name, args, 1...1, position: position)
            let value = try numeric(0)
            if value.type.isInteger && name != "sign" { return value }
            if value.type.isDecimal && name != "sign" { return try decimalRounding(name, value, digits: nil) }
            if value.type.isDecimal { return try decimalAbsOrSign(name, value) }
            let function = "rs_" + (name == "ceiling" ? "ceil" : name)
            return .call(function, [value], type: name == "sign" && value.type.isDecimal ? .decimal(precision: 1, scale: 0) : value.type)
        case "mod":
            try arity(name, args, 2...2, position: position)
            return try bindBinary("%", args[0], args[1], position: position)
        case "power", "pow", "sqrt", "cbrt", "exp", "dexp", "ln", "dlog1", "log", "dlog10", "sin", "cos", "tan", "asin", "acos", "atan", "atan2", "cot", "degrees", "radians":
            let function = ["pow": "power", "dexp": "exp", "dlog1": "ln", "log": "log10", "dlog10": "log10"][name] ?? name
            let expected = ["power", "atan2"].contains(function) ? 2 : 1
            try arity(name, args, expected...expected, position: position)
            return .call("rs_\(function)", try args.indices.map { try coerce(try numericArg(args[$0], name, position), to: .doublePrecision) }, type: .doublePrecision)
        case "pi":
            try arity(name, args, 0...0, position: position)
            return .literal(.real(Double.pi), .doublePrecision)
        case "random":
            try arity(name, args, 0...0, position: position)
            return .call("rs_random", [], type: .doublePrecision, nullable: false)
        case "md5", "sha1", "sha2", "fnv_hash", "checksum", "median", "json_extract_path_text", "json_parse", "generate_series", "percentile_cont":
            throw SQLError.unsupported("function \(name.uppercased())", at: position)
        default:
            let types = args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")
            throw SQLError.undefinedFunction("\(name)(\(types))", at: position)
        }
    }

    private func numericArg(_ value: Expr, _ name: String, _ position: Int) throws -> Expr {
        if value.type == .unknown { return try coerce(value, to: .doublePrecision) }
        guard value.type.isNumeric else { throw SQLError.undefinedFunction("\(name)(\(value.type.formatTypeName))", at: position) }
        return value
    }

    /// The VERSION() text: PostgreSQL 8.0.2 plus a Redshift build (r_VERSION).
    static let versionString = "PostgreSQL 8.0.2 on i686-pc-linux-gnu, compiled by GCC gcc (GCC) 3.4.2 20041017 (Red Hat 3.4.2-6.fc3), Redshift 1.0.77467"

    /// Defaults SHOW and current_setting report (r_SET and the configuration reference pages).
    public static let defaultSettings: [String: String] = [
        "search_path": "$user, public", "timezone": "UTC", "datestyle": "ISO, MDY", "query_group": "unset",
        "statement_timeout": "0", "wlm_query_slot_count": "1", "enable_result_cache_for_session": "on",
        "enable_case_sensitive_identifier": "off", "describe_field_name_in_uppercase": "off", "extra_float_digits": "0",
        "analyze_threshold_percent": "10", "error_on_nondeterministic_update": "false",
        "enable_case_sensitive_super_attribute": "off",  // r_enable_case_sensitive_super_attribute: default false
        // super-configurations: lax navigation and casts, strict parsing.
        "navigate_super_null_on_error": "on", "cast_super_null_on_error": "on", "parse_super_null_on_error": "off",
    ]
}

extension Bound.Expression {
    func with(nullable: Bool) -> Self {
        var copy = self
        copy.nullable = nullable
        return copy
    }
}
