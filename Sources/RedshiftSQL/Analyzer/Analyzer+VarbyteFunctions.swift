/// VARBYTE functions and operators, CRC32, MURMUR3_32_HASH and CHECKSUM of text. `bindScalar` asks here
/// first; nil means "not one of these" (CHECKSUM of a number, LEN of a string… fall through).
///
/// - Redshift: VARBYTE functions and operators (varbyte-functions, r_VARBYTE_OPERATORS), FROM_HEX (r_FROM_HEX),
///   TO_HEX (r_TO_HEX), TO_VARBYTE (r_TO_VARBYTE), FROM_VARBYTE (r_FROM_VARBYTE), GETBIT (r_GETBIT),
///   CRC32 (crc32-function), MURMUR3_32_HASH (MURMUR3_32_HASH), CHECKSUM (r_CHECKSUM).
extension Analyzer {
    static let defaultVarbyte = RedshiftType.varbyte(length: 64000)

    func bindVarbyteFunction(_ name: String, args: [Expr], position: Int) throws -> Expr? {
        func arity(_ counts: ClosedRange<Int>) throws {
            guard counts.contains(args.count) else {
                let types = args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")
                throw SQLError.undefinedFunction("\(name)(\(types))", at: position)
            }
        }
        func varbyte(_ i: Int) throws -> Expr {
            let value = args[i]
            if value.type.isVarbyte { return value }
            if value.type == .unknown || value.type.isCharacter { return try cast(value, to: Self.defaultVarbyte, explicit: true) }
            throw SQLError.undefinedFunction("\(name)(\(args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")))", at: position)
        }
        let firstIsVarbyte = args.first?.type.isVarbyte ?? false
        switch name {
        case "from_hex":
            try arity(1...1)
            return .call("rs_from_hex", [try textOperand(args[0])], type: Self.defaultVarbyte)
        case "to_hex":
            try arity(1...1)
            if firstIsVarbyte { return .call("rs_to_hex", [args[0]], type: .varchar(length: 128000)) }
            let value = args[0].type == .unknown ? try coerce(args[0], to: .bigint) : args[0]
            guard value.type.isInteger else { throw SQLError.undefinedFunction("to_hex(\(value.type.formatTypeName))", at: position) }
            return .call("rs_to_hex", [value], type: .varchar(length: 16))
        case "to_varbyte":
            try arity(2...2)
            return .call("rs_to_varbyte", [try textOperand(args[0]), try textOperand(args[1])], type: Self.defaultVarbyte)
        case "from_varbyte":
            try arity(2...2)
            return .call("rs_from_varbyte", [try varbyte(0), try textOperand(args[1])], type: .varchar(length: 65535))
        case "getbit" where firstIsVarbyte:
            try arity(2...2)
            return .call("rs_getbit", [args[0], try coerce(args[1], to: args[1].type.isInteger ? args[1].type : .integer)], type: .integer)
        case "crc32":
            try arity(1...1)
            return .call("rs_crc32", [firstIsVarbyte ? args[0] : try textOperand(args[0])], type: .varchar(length: 8))
        case "murmur3_32_hash":
            try arity(1...2)
            var value = args[0]
            let isInteger = value.type.isInteger
            if !isInteger && !value.type.isVarbyte {
                guard value.type.isCharacter || value.type == .unknown else {
                    throw SQLError.unsupported("MURMUR3_32_HASH of \(value.type.formatTypeName)", at: position)
                }
                value = try textOperand(value)
            }
            var parts = [value, Expr.literal(.integer(isInteger ? 1 : 0), .integer).with(nullable: false)]
            if args.count == 2 { parts.append(try coerce(args[1], to: args[1].type.isInteger ? args[1].type : .integer)) }
            return .call("rs_murmur3_32_hash", parts, type: .integer)
        case "checksum" where args.count == 1 && (args[0].type.isCharacter || args[0].type == .unknown):
            return .call("rs_checksum_text", [try textOperand(args[0])], type: .integer)
        case "len", "length", "octet_length":
            guard firstIsVarbyte else { return nil }
            try arity(1...1)
            return .call("length", [args[0]], type: .integer)
        case "substring", "substr":
            guard firstIsVarbyte else { return nil }
            try arity(2...3)
            var parts = [args[0], try coerce(args[1], to: .integer)]
            if args.count == 3 { parts.append(try coerce(args[2], to: .integer)) }
            return .call("rs_varbyte_substring", parts, type: args[0].type)
        case "rs_bitand", "rs_bitor":
            guard args.count == 2, firstIsVarbyte || args[1].type.isVarbyte else { return nil }
            return try bindVarbyteOperator(name == "rs_bitand" ? "&" : "|", args[0], args[1], position: position)
        case "rs_bitnot":
            try arity(1...1)
            if firstIsVarbyte {
                return .call("rs_varbyte_bits", [Expr.literal(.text("~"), .varchar(length: 1)).with(nullable: false), args[0]], type: args[0].type)
            }
            let value = args[0].type == .unknown ? try coerce(args[0], to: .integer) : args[0]
            guard value.type.isInteger else { throw SQLError.undefinedFunction("operator does not exist: ~ \(value.type.formatTypeName)", at: position) }
            return Expr(kind: .unary("~", value), type: value.type, nullable: value.nullable, hasAggregate: value.hasAggregate, hasWindow: value.hasWindow)
        case "concat" where args.count == 2 && (firstIsVarbyte || args[1].type.isVarbyte):
            return try bindVarbyteOperator("||", args[0], args[1], position: position)
        default:
            return nil
        }
    }

    /// `||` and `+` concatenate, `&` `|` `#` combine bits of two VARBYTE values; nil when neither side is VARBYTE
    /// or the operator is not one of these (comparisons compare the bytes natively).
    func bindVarbyteOperator(_ op: String, _ left: Expr, _ right: Expr, position: Int) throws -> Expr? {
        guard left.type.isVarbyte || right.type.isVarbyte, ["||", "+", "&", "|", "#"].contains(op) else { return nil }
        func operand(_ e: Expr) throws -> Expr {
            if e.type.isVarbyte { return e }
            if e.type == .unknown || e.type.isCharacter { return try cast(e, to: Self.defaultVarbyte, explicit: true) }
            throw SQLError.undefinedFunction("operator does not exist: \(left.type.formatTypeName) \(op) \(right.type.formatTypeName)", at: position)
        }
        let l = try operand(left), r = try operand(right)
        if op == "||" || op == "+" { return .call("rs_varbyte_concat", [l, r], type: Self.defaultVarbyte) }
        return .call("rs_varbyte_bits", [Expr.literal(.text(op), .varchar(length: 1)).with(nullable: false), l, r], type: Self.defaultVarbyte)
    }
}
