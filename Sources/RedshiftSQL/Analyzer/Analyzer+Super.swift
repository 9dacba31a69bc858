/// SUPER values: PartiQL navigation, casts to and from SUPER, comparisons and the SUPER functions.
///
/// Values are canonical JSON text (`SuperValue`); navigation binds to `rs_super_get(value, step, …)`.
///
/// - Redshift: query-super (navigation, lax semantics), super-configurations and
///   r_enable_case_sensitive_super_attribute (attribute-name case), limitations-super (casts),
///   r_SUPER-type-info functions, c_Array_Functions, r_object_function.
extension Analyzer {
    /// A column reference, or a SUPER path when a prefix of the name is a SUPER column
    /// (`c.orders.id`, `o.o_orderkey` where `o` unnests an array).
    func resolveColumnOrSuperPath(_ name: AST.Name, scope: Scope) throws -> Expr {
        do {
            return try resolveColumn(name, scope: scope).expression
        } catch let error as SQLError {
            guard name.parts.count > 1, let navigated = try superPath(name, scope: scope) else { throw error }
            return navigated
        }
    }

    private func superPath(_ name: AST.Name, scope: Scope) throws -> Expr? {
        for length in stride(from: name.parts.count - 1, through: 1, by: -1) {
            let prefix = AST.Name(parts: Array(name.parts[0..<length]), position: name.position)
            guard let base = try? resolveColumn(prefix, scope: scope).expression, base.type == .super else { continue }
            let steps = (length..<name.parts.count).map { superAttributeName(spelled: name.spelledParts?[$0], folded: name.parts[$0]) }
            return steps.reduce(base) { navigated($0, step: .literal(.text($1), .varchar(length: 65535))) }
        }
        return nil
    }

    /// The attribute name a step matches: unquoted names fold to lower case unless
    /// enable_case_sensitive_super_attribute is on; quoted names keep their case when
    /// enable_case_sensitive_identifier is on (r_enable_case_sensitive_super_attribute).
    func superAttributeName(spelled: String?, folded: String) -> String {
        guard let spelled else { return folded }
        if spelled.hasPrefix("\""), spelled.hasSuffix("\""), spelled.count >= 2 {
            let inner = String(spelled.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            return setting("enable_case_sensitive_identifier") ? inner : inner.lowercased()
        }
        return setting("enable_case_sensitive_super_attribute") ? spelled : spelled.lowercased()
    }

    private func setting(_ name: String) -> Bool {
        ["on", "true", "1", "t", "yes"].contains((context.settings[name] ?? "off").lowercased().trimmingCharacters(in: .init(charactersIn: "' ")))
    }

    /// A SUPER mode setting (super-configurations): navigate_super_null_on_error and
    /// cast_super_null_on_error default to on, parse_super_null_on_error to off.
    func superLaxSetting(_ name: String, default on: Bool) -> Bool {
        guard let value = context.settings[name] else { return on }
        return ["on", "true", "1", "t", "yes"].contains(value.lowercased().trimmingCharacters(in: .init(charactersIn: "' ")))
    }

    /// One navigation step; consecutive steps fold into one `rs_super_get` call (`rs_super_get_strict`
    /// when navigate_super_null_on_error is off).
    private func navigated(_ base: Expr, step: Expr) -> Expr {
        let function = superLaxSetting("navigate_super_null_on_error", default: true) ? "rs_super_get" : "rs_super_get_strict"
        if case .call(function, let args, _) = base.kind {
            return .call(function, args + [step], type: .super, nullable: true)
        }
        return .call(function, [base, step], type: .super, nullable: true)
    }

    /// Casts from and to SUPER (the `cast` hook). SUPER-related errors are NULL (limitations-super).
    func superCast(_ value: Expr, to target: RedshiftType) throws -> Expr {
        let source = value.type
        if target == .super {
            if source.isDatetime || source == .interval || source.isVarbyte {
                throw SQLError(code: "42846", message: "cannot cast type \(source.formatTypeName) to super")
            }
            let sourceType: RedshiftType = source == .unknown ? .varchar(length: 65535) : source
            switch value.kind {
            case .literal(let constant):
                return .literal(try SuperValue.from(constant, type: sourceType), .super)
            case .argument(let constant):
                var converted = Expr(kind: .argument(try SuperValue.from(constant, type: sourceType)), type: .super, nullable: false)
                converted.nullable = constant == .null
                return converted
            default:
                return .call("rs_super_from", [value, .literal(.text(sourceType.catalogText), .varchar(length: 32))], type: .super, nullable: value.nullable)
            }
        }
        if target.isVarbyte || target == .interval {
            throw SQLError(code: "42846", message: "cannot cast type super to \(target.formatTypeName)")
        }
        let function = superLaxSetting("cast_super_null_on_error", default: true) ? "rs_super_cast" : "rs_super_cast_strict"
        return .call(function, [value, .literal(.text(target.catalogText), .varchar(length: 32))], type: target, nullable: true)
    }

    /// Comparisons with a SUPER operand (dynamic typing): the SUPER side is read as the other
    /// side's type, and a value of another type compares as NULL; SUPER with SUPER compares the values.
    func bindSuperComparison(_ op: String, _ left: Expr, _ right: Expr, position: Int?) throws -> Expr {
        if left.type == .super, right.type == .super {
            return .binary(op, left, right, type: .boolean)
        }
        let superOnLeft = left.type == .super
        let other = superOnLeft ? right : left
        let superSide = superOnLeft ? left : right
        let read: Expr
        var plain = other
        if other.type == .unknown || other.type.isCharacter {
            read = .call("rs_super_string", [superSide], type: .varchar(length: 65535), nullable: true)
            plain = try coerce(other, to: .varchar(length: 65535))
        } else if other.type.isNumeric {
            read = try superCast(superSide, to: .doublePrecision)
            plain = try coerce(other, to: .doublePrecision)
        } else {
            read = try superCast(superSide, to: other.type)
        }
        return try bindComparison(op, superOnLeft ? read : plain, superOnLeft ? plain : read, position: position)
    }

    /// `OBJECT_TRANSFORM(input KEEP path, … SET path, value, …)`; the parser passes
    /// (input, keepCount, keepPaths…, setPairs…). Paths are constant strings.
    private func bindObjectTransform(_ args: [Expr], position: Int) throws -> Expr {
        guard args.count >= 2, case .integer(let keepCount) = args[1].literalValue ?? .null, (args.count - 2 - Int(keepCount)) % 2 == 0 else {
            throw SQLError.undefinedFunction("object_transform", at: position)
        }
        var operands = [args[0].type == .super ? args[0] : try superCast(args[0], to: .super), args[1]]
        for index in 2..<args.count {
            let isPath = index < 2 + Int(keepCount) || (index - 2 - Int(keepCount)) % 2 == 0
            if isPath {
                guard case .text = args[index].literalValue ?? .null else {
                    throw SQLError(code: "42601", message: "OBJECT_TRANSFORM paths must be constant strings", position: position)
                }
                operands.append(try coerce(args[index], to: .varchar(length: 65535)))
            } else {
                operands.append(args[index].type == .super ? args[index] : try superCast(args[index], to: .super))
            }
        }
        return .call("rs_object_transform", operands, type: .super, nullable: true)
    }

    /// Arithmetic with a SUPER operand: the result is SUPER (`col_person.age + 5`, r_object_transform_function).
    func bindSuperArithmetic(_ op: String, _ left: Expr, _ right: Expr) throws -> Expr {
        let l = left.type == .super ? left : try superCast(left.type == .unknown ? try coerce(left, to: .integer) : left, to: .super)
        let r = right.type == .super ? right : try superCast(right.type == .unknown ? try coerce(right, to: .integer) : right, to: .super)
        return .call("rs_super_arith", [.literal(.text(op), .varchar(length: 1)), l, r], type: .super, nullable: true)
    }

    /// ARRAY and OBJECT take no datetime values (r_object_function: "ERROR: OBJECT could not
    /// convert type date to super"; ARRAY's wording is assumed alike).
    private func constructible(_ function: String, _ values: [Expr]) throws {
        if let value = values.first(where: { $0.type.isDatetime || $0.type == .interval || $0.type.isVarbyte }) {
            throw SQLError(code: "42846", message: "\(function) could not convert type \(value.type.formatTypeName) to super")
        }
    }

    /// The SUPER functions and navigation calls; nil for other names.
    func bindSuperFunction(_ name: String, args: [Expr], position: Int) throws -> Expr? {
        func arity(_ counts: ClosedRange<Int>) throws {
            guard counts.contains(args.count) else {
                let types = args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")
                throw SQLError.undefinedFunction("\(name)(\(types))", at: position)
            }
        }
        func superArg(_ i: Int) throws -> Expr { args[i].type == .super ? args[i] : try superCast(args[i], to: .super) }
        func call(_ function: String, _ operands: [Expr], _ type: RedshiftType) -> Expr { .call(function, operands, type: type, nullable: true) }
        switch name {
        case "rs_subscript" where args.count == 2 && args[0].type == .super:
            let index = args[1].type.isCharacter || args[1].type == .unknown ? try coerce(args[1], to: .varchar(length: 65535)) : try coerce(args[1], to: .bigint)
            return navigated(args[0], step: index)
        case Parser.superAttributeCall:
            guard args.count == 2, case .text(let spelled) = args[1].literalValue ?? .null else { return nil }
            guard args[0].type == .super else { throw SQLError.unsupported("navigation into a value of type \(args[0].type.formatTypeName)", at: position) }
            let attribute = superAttributeName(spelled: spelled, folded: spelled.lowercased())
            return navigated(args[0], step: .literal(.text(attribute), .varchar(length: 65535)))
        case "is_array", "is_object", "is_scalar", "is_varchar", "is_char", "is_boolean", "is_integer", "is_bigint", "is_smallint",
             "is_decimal", "is_float", "is_four_byte_float", "is_eight_byte_float":
            try arity(1...1)
            let kind = String(name.dropFirst(3))
            return .call("rs_super_is", [try superArg(0), .literal(.text(kind), .varchar(length: 32))], type: .boolean, nullable: false)
        case "json_size":
            try arity(1...1)
            return call("rs_json_size", [try superArg(0)], .integer)
        case "decimal_precision", "decimal_scale":
            // r_decimal_precision, r_decimal_scale.
            try arity(1...1)
            return call("rs_\(name)", [try superArg(0)], .integer)
        case "size":
            // r_SIZE: the binary in-memory size of a SUPER value.
            try arity(1...1)
            return .call("rs_super_size", [try superArg(0)], type: .integer, nullable: false)
        case "get_array_length":
            try arity(1...1)
            return call("rs_get_array_length", [try superArg(0)], .bigint)
        case "subarray":
            try arity(2...3)
            let length = args.count == 3 ? try coerce(args[2], to: .bigint) : .literal(.null, .bigint)
            return call("rs_subarray", [try superArg(0), try coerce(args[1], to: .bigint), length], .super)
        case "array_concat":
            try arity(2...2)
            return call("rs_array_concat", [try superArg(0), try superArg(1)], .super)
        case "array_flatten":
            try arity(1...100)
            return call("rs_array_flatten", try args.indices.map(superArg), .super)
        case "split_to_array":
            try arity(1...2)
            let delimiter = args.count == 2 ? try textOperand(args[1]) : .literal(.text(","), .varchar(length: 1))
            return call("rs_split_to_array", [try textOperand(args[0]), delimiter], .super)
        case "object_transform":
            return try bindObjectTransform(args, position: position)
        case "array":
            try constructible("ARRAY", args)
            return .call("rs_super_array", try args.indices.map(superArg), type: .super, nullable: false)
        case "object":
            guard args.count % 2 == 0 else { throw SQLError.undefinedFunction("object(\(args.map { $0.type.formatTypeName }.joined(separator: ", ")))", at: position) }
            try constructible("OBJECT", args.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
            let operands = try args.indices.map { $0 % 2 == 0 ? try textOperand(args[$0]) : try superArg($0) }
            return .call("rs_super_object", operands, type: .super, nullable: false)
        default:
            return nil
        }
    }
}
