import Foundation

/// Built-in functions: arity, Redshift result type, and the SQLite (or `rs_`) function that computes it.
///
/// - Redshift: SQL functions reference (c_SQL_functions); result types per reference §1.10 and §3.
extension Analyzer {
    func bindFunction(_ call: AST.FunctionCall, scope: Scope, clause: Clause, position: Int) throws -> Expr {
        let name = call.name.parts.count == 2 && call.name.parts[0] == "pg_catalog" ? call.name.last : call.name.dotted
        if let window = call.over {
            return try bindWindowFunction(call, name: name, window: window, scope: scope, clause: clause, position: position)
        }
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
        if ["dateadd", "datediff", "date_trunc", "date_part", "pgdate_part", "extract"].contains(name), let first = call.arguments.first {
            var args = call.arguments
            if case .column(let partName) = first.kind, partName.parts.count == 1 {
                args[0] = AST.Expression(kind: .string(partName.last), position: first.position)
            }
            let bound = try args.map { try bindExpression($0, scope: scope, clause: clause) }
            return try bindDateFunction(name, bound, position: position)
        }
        let args = try call.arguments.map { try bindExpression($0, scope: scope, clause: clause) }
        return try bindScalar(name, args: args, noParentheses: call.noParentheses, position: position)
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
        if name == "listagg" {
            // LISTAGG skips NULLs and empty strings; default delimiter is none (r_LISTAGG).
            try arity(name, args, 1...2, position: position)
            if call.distinct { throw SQLError.unsupported("LISTAGG(DISTINCT …)", at: position) }
            let value = Expr.call("nullif", [try textOperand(args[0]), .literal(.text(""), .varchar(length: 1))], type: .varchar(length: 65535))
            let delimiter = args.count == 2 ? try textOperand(args[1]) : .literal(.text(""), .varchar(length: 1))
            return .call("group_concat", [value, delimiter], type: .varchar(length: 65535), nullable: true)
        }
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
        default:  // min, max
            return .call(name, [arg], type: arg.type, distinct: call.distinct)
        }
    }

    /// A literal of the clock setting, or the emulated clock function.
    private func clock(_ type: RedshiftType, fraction: Bool) -> Expr {
        if let now = context.settings["__now"], let (parsed, _) = DateTimeValue.parse(now) {
            var value = parsed
            if !fraction { value.microsecond = 0 }
            let text = type == .date ? value.dateText : value.timestampText
            return .literal(.text(text), type).with(nullable: false)
        }
        let function = type == .date ? "rs_current_date" : (fraction ? "rs_sysdate" : "rs_getdate")
        return .call(function, [], type: type, nullable: false)
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
        case "version":
            try arity(name, args, 0...0, position: position)
            return text(Self.versionString, .varchar(length: 256))
        case "current_setting":
            try arity(name, args, 1...2, position: position)
            guard case .text(let setting) = args[0].literalValue ?? .null else { throw SQLError.unsupported("current_setting with a non-constant name", at: position) }
            return text(context.settings[setting.lowercased()] ?? Self.defaultSettings[setting.lowercased()] ?? "unset", .varchar(length: 256))
        // Clock.
        case "getdate":
            try arity(name, args, 0...0, position: position)
            return clock(.timestamp, fraction: false)
        case "sysdate", "localtimestamp":
            return clock(.timestamp, fraction: true)
        case "current_date":
            return clock(.date, fraction: false)
        case "current_timestamp", "now":
            try arity(name, args, 0...0, position: position)
            return clock(.timestamptz, fraction: true)
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
        // Strings.
        case "lower", "upper", "initcap", "reverse":
            try arity(name, args, 1...1, position: position)
            let value = try string(0)
            return .call("rs_\(name)", [value], type: varcharType(value))
        case "length", "len", "char_length", "character_length", "textlen":
            try arity(name, args, 1...1, position: position)
            let value = try string(0)
            if case .char = value.type { return .call("length", [.call("rtrim", [value], type: value.type)], type: .integer) }
            return .call("length", [value], type: .integer)
        case "octet_length":
            try arity(name, args, 1...1, position: position)
            return .call("length", [Expr(kind: .cast(try string(0), "BLOB"), type: .varbyte(length: 65535), nullable: args[0].nullable)], type: .integer)
        case "substring", "substr":
            try arity(name, args, 2...3, position: position)
            let value = try string(0)
            var parts = [value, try integerArg(1)]
            if args.count == 3 { parts.append(try integerArg(2)) }
            return .call("rs_substring", parts, type: varcharType(value))
        case "left", "right":
            try arity(name, args, 2...2, position: position)
            let value = try string(0)
            return .call("rs_\(name)", [value, try integerArg(1)], type: varcharType(value))
        case "btrim", "ltrim", "rtrim", "trim":
            try arity(name, args, 1...2, position: position)
            let value = try string(0)
            var parts = [value]
            if args.count == 2 { parts.append(try string(1)) }
            let function = name == "ltrim" ? "ltrim" : name == "rtrim" ? "rtrim" : "trim"
            return .call(function, parts, type: varcharType(value))
        case "concat":
            try arity(name, args, 2...2, position: position)
            return try bindBinary("||", args[0], args[1], position: position)
        case "replace":
            try arity(name, args, 3...3, position: position)
            return .call("replace", [try string(0), try string(1), try string(2)], type: .varchar(length: 65535))
        case "strpos":
            try arity(name, args, 2...2, position: position)
            return .call("instr", [try string(0), try string(1)], type: .integer)
        case "charindex":
            try arity(name, args, 2...2, position: position)
            return .call("instr", [try string(1), try string(0)], type: .integer)
        case "split_part":
            try arity(name, args, 3...3, position: position)
            return .call("rs_split_part", [try string(0), try string(1), try integerArg(2)], type: varcharType(try string(0)))
        case "lpad", "rpad":
            try arity(name, args, 2...3, position: position)
            var parts = [try string(0), try integerArg(1)]
            if args.count == 3 { parts.append(try string(2)) }
            return .call("rs_\(name)", parts, type: .varchar(length: 65535))
        case "repeat", "replicate":
            try arity(name, args, 2...2, position: position)
            return .call("rs_repeat", [try string(0), try integerArg(1)], type: .varchar(length: 65535))
        case "translate":
            try arity(name, args, 3...3, position: position)
            return .call("rs_translate", [try string(0), try string(1), try string(2)], type: varcharType(try string(0)))
        case "ascii":
            try arity(name, args, 1...1, position: position)
            return .call("unicode", [try string(0)], type: .integer)
        case "chr":
            try arity(name, args, 1...1, position: position)
            return .call("char", [try integerArg(0)], type: .char(length: 1))
        case "quote_ident", "quote_literal":
            try arity(name, args, 1...1, position: position)
            return .call("rs_\(name)", [try string(0)], type: varcharType(try string(0)))
        case "regexp_count", "regexp_instr", "regexp_substr", "regexp_replace":
            throw SQLError.unsupported(name.uppercased(), at: position)
        // Math.
        case "abs":
            try arity(name, args, 1...1, position: position)
            let value = try numeric(0)
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
        case "add_months":
            // If the input is the last day of its month, so is the result (r_ADD_MONTHS).
            try arity(name, args, 2...2, position: position)
            let value = args[0].type == .unknown ? try coerce(args[0], to: .timestamp) : args[0]
            guard value.type.isDatetime else { throw SQLError.undefinedFunction("add_months(\(value.type.formatTypeName), integer)", at: position) }
            return .call("rs_add_months", [value, try integerArg(1)], type: .timestamp)
        case "last_day":
            try arity(name, args, 1...1, position: position)
            let value = args[0].type == .unknown ? try coerce(args[0], to: .timestamp) : args[0]
            guard value.type.isDatetime else { throw SQLError.undefinedFunction("last_day(\(value.type.formatTypeName))", at: position) }
            return .call("rs_last_day", [value], type: .date)
        case "date_part_year":
            // DATE_PART_YEAR(date) → INTEGER (r_DATE_PART_YEAR).
            try arity(name, args, 1...1, position: position)
            let value = args[0].type == .unknown ? try coerce(args[0], to: .date) : args[0]
            guard value.type.isDatetime else { throw SQLError.undefinedFunction("date_part_year(\(value.type.formatTypeName))", at: position) }
            return .call("rs_extract", [.literal(.text("year"), .varchar(length: 4)), value], type: .integer)
        case "to_char":
            try arity(name, args, 2...2, position: position)
            let value = args[0].type == .unknown ? try coerce(args[0], to: .timestamp) : args[0]
            guard value.type.isDatetime else { throw SQLError.unsupported("TO_CHAR of \(value.type.formatTypeName)", at: position) }
            return .call("rs_to_char", [value, try string(1)], type: .varchar(length: 256))
        case "to_date", "to_timestamp", "to_number", "months_between", "next_day", "convert_timezone", "date_cmp", "timeofday", "md5", "sha1", "sha2", "fnv_hash", "checksum", "median", "json_extract_path_text", "json_parse", "generate_series", "percentile_cont":
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
    ]
}

extension Bound.Expression {
    func with(nullable: Bool) -> Self {
        var copy = self
        copy.nullable = nullable
        return copy
    }
}
