/// String, regular-expression, hash and JSON functions: arity, Redshift result type, and the SQLite or
/// `rs_` function that computes each. `bindScalar` asks here first; nil means "not one of these".
///
/// - Redshift: String functions (String_functions_header), pattern-matching conditions, hash functions
///   (hash-functions), JSON functions (json-functions); each case cites its page.
extension Analyzer {
    func bindLibraryFunction(_ name: String, args: [Expr], position: Int) throws -> Expr? {
        func arity(_ counts: ClosedRange<Int>) throws {
            guard counts.contains(args.count) else {
                let types = args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")
                throw SQLError.undefinedFunction("\(name)(\(types))", at: position)
            }
        }
        func string(_ i: Int) throws -> Expr { try textOperand(args[i]) }
        func integer(_ i: Int) throws -> Expr { try coerce(args[i], to: args[i].type.isInteger ? args[i].type : .integer) }
        func int(_ value: Int) -> Expr { .literal(.integer(Int64(value)), .integer).with(nullable: false) }
        func word(_ value: String) -> Expr { .literal(.text(value), .varchar(length: max(value.utf8.count, 1))).with(nullable: false) }
        func varcharType(_ e: Expr) -> RedshiftType {
            switch e.type { case .varchar, .char: return .varchar(length: e.type.metadataPrecision); default: return .varchar(length: 256) }
        }
        switch name {
        // Case and characters.
        case "lower", "upper", "initcap", "reverse":
            try arity(1...1)
            let value = try string(0)
            return .call("rs_\(name)", [value], type: varcharType(value))
        case "length", "len", "char_length", "character_length", "textlen":
            // Trailing blanks of CHAR are not counted; of VARCHAR they are (r_LEN).
            try arity(1...1)
            let value = try string(0)
            if case .char = value.type { return .call("length", [.call("rtrim", [value], type: value.type)], type: .integer) }
            return .call("length", [value], type: .integer)
        case "octet_length":
            try arity(1...1)
            return .call("length", [Expr(kind: .cast(try string(0), "BLOB"), type: .varbyte(length: 65535), nullable: args[0].nullable)], type: .integer)
        case "ascii":
            try arity(1...1)
            return .call("rs_ascii", [try string(0)], type: .integer)
        case "chr":
            try arity(1...1)
            return .call("rs_chr", [try integer(0)], type: .char(length: 1), nullable: true)
        // Pieces.
        case "substring", "substr":
            try arity(2...3)
            let value = try string(0)
            var parts = [value, try integer(1)]
            if args.count == 3 { parts.append(try integer(2)) }
            return .call("rs_substring", parts, type: varcharType(value))
        case "left", "right":
            try arity(2...2)
            let value = try string(0)
            return .call("rs_\(name)", [value, try integer(1)], type: varcharType(value))
        case "split_part":
            try arity(3...3)
            let value = try string(0)
            return .call("rs_split_part", [value, try string(1), try integer(2)], type: varcharType(value))
        case "btrim", "ltrim", "rtrim", "trim":
            try arity(1...2)
            let value = try string(0)
            var parts = [value]
            if args.count == 2 { parts.append(try string(1)) }
            let function = name == "ltrim" ? "ltrim" : name == "rtrim" ? "rtrim" : "trim"
            return .call(function, parts, type: varcharType(value))
        case "lpad", "rpad":
            try arity(2...3)
            var parts = [try string(0), try integer(1)]
            if args.count == 3 { parts.append(try string(2)) }
            return .call("rs_\(name)", parts, type: .varchar(length: 65535))
        // Searching and rewriting.
        case "strpos":
            try arity(2...2)
            return .call("instr", [try string(0), try string(1)], type: .integer)
        case "charindex":
            try arity(2...2)
            return .call("instr", [try string(1), try string(0)], type: .integer)
        case "concat":
            // Exactly two arguments (r_CONCAT).
            try arity(2...2)
            return try bindBinary("||", args[0], args[1], position: position)
        case "replace":
            try arity(3...3)
            return .call("replace", [try string(0), try string(1), try string(2)], type: .varchar(length: 65535))
        case "repeat", "replicate":
            try arity(2...2)
            return .call("rs_repeat", [try string(0), try integer(1)], type: .varchar(length: 65535))
        case "translate":
            try arity(3...3)
            let value = try string(0)
            return .call("rs_translate", [value, try string(1), try string(2)], type: varcharType(value))
        case "quote_ident", "quote_literal":
            try arity(1...1)
            let value = try string(0)
            return .call("rs_\(name)", [value], type: varcharType(value))
        case "strtol":
            try arity(2...2)
            return .call("rs_strtol", [try string(0), try integer(1)], type: .bigint)
        // Regular expressions: defaults position 1, occurrence 1, option 0, parameters 'c'.
        case "regexp_count":
            try arity(2...4)
            return .call("rs_regexp_count", [try string(0), try string(1), args.count > 2 ? try integer(2) : int(1),
                                             args.count > 3 ? try string(3) : word("c")], type: .integer)
        case "regexp_instr":
            try arity(2...6)
            return .call("rs_regexp_instr", [try string(0), try string(1), args.count > 2 ? try integer(2) : int(1),
                                             args.count > 3 ? try integer(3) : int(1), args.count > 4 ? try integer(4) : int(0),
                                             args.count > 5 ? try string(5) : word("c")], type: .integer)
        case "regexp_substr":
            try arity(2...5)
            let value = try string(0)
            return .call("rs_regexp_substr", [value, try string(1), args.count > 2 ? try integer(2) : int(1),
                                              args.count > 3 ? try integer(3) : int(1), args.count > 4 ? try string(4) : word("c")],
                         type: varcharType(value), nullable: true)
        case "regexp_replace":
            try arity(2...5)
            return .call("rs_regexp_replace", [try string(0), try string(1), args.count > 2 ? try string(2) : word(""),
                                               args.count > 3 ? try integer(3) : int(1), args.count > 4 ? try string(4) : word("c")],
                         type: .varchar(length: 65535))
        case "textregexeq", "texticregexeq":
            // `~` and `~*` (pattern-matching-conditions-posix).
            try arity(2...2)
            return .call(name == "textregexeq" ? "rs_regexp_like" : "rs_regexp_ilike", [try string(0), try string(1)], type: .boolean)
        // Hashes (hash-functions).
        case "md5":
            try arity(1...1)
            return .call("rs_md5", [try string(0)], type: .varchar(length: 32))
        case "sha1", "sha", "func_sha1":
            try arity(1...1)
            return .call("rs_sha1", [try string(0)], type: .varchar(length: 40))
        case "sha2":
            try arity(2...2)
            return .call("rs_sha2", [try string(0), try integer(1)], type: .varchar(length: 128))
        case "fnv_hash":
            // The bytes hashed follow the value's type (r_FNV_HASH): SMALLINT 2, INTEGER 4, BIGINT 8, strings as written.
            try arity(1...2)
            var value = args[0]
            let width: Int
            switch value.type {
            case .smallint: width = 2
            case .integer: width = 4
            case .bigint: width = 8
            case .char, .varchar, .unknown: width = 0; value = try string(0)
            default: throw SQLError.unsupported("FNV_HASH of \(value.type.formatTypeName)", at: position)
            }
            var parts = [value, int(width)]
            if args.count == 2 { parts.append(try coerce(args[1], to: .bigint)) }
            return .call("rs_fnv_hash", parts, type: .bigint)
        case "checksum":
            // The page's example shows a DECIMAL's unscaled value (109.20 → 10920): the stored integer.
            try arity(1...1)
            guard args[0].type.isInteger || args[0].type.isDecimal else {
                throw SQLError.unsupported("CHECKSUM of \(args[0].type == .unknown ? "unknown" : args[0].type.formatTypeName)", at: position)
            }
            return .call("rs_checksum", [args[0]], type: .integer)
        default:
            return try bindJSONFunction(name, args: args, position: position) ?? bindBackendSignal(name, args: args, position: position)
                ?? bindSystemFunction(name, args: args, position: position)
        }
    }

    /// JSON text functions and the SUPER constructors (json-functions).
    private func bindJSONFunction(_ name: String, args: [Expr], position: Int) throws -> Expr? {
        func arity(_ counts: ClosedRange<Int>) throws {
            guard counts.contains(args.count) else {
                let types = args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")
                throw SQLError.undefinedFunction("\(name)(\(types))", at: position)
            }
        }
        func json(_ i: Int) throws -> Expr { args[i].type == .super ? args[i].retyped(.varchar(length: 65535)) : try textOperand(args[i]) }
        /// A trailing BOOLEAN argument is null_if_invalid.
        var nullIfInvalid: Expr { args.last?.type == .boolean ? args[args.count - 1] : .literal(.integer(0), .boolean) }
        let flagged = args.last?.type == .boolean ? 1 : 0
        switch name {
        case "json_extract_path_text":
            // Up to five path elements (JSON_EXTRACT_PATH_TEXT).
            try arity(2...7)
            let keys = try args[1..<(args.count - flagged)].map { try textOperand($0) }
            guard !keys.isEmpty, keys.count <= 5 else { throw SQLError.undefinedFunction("json_extract_path_text", at: position) }
            return .call("rs_json_extract_path_text", [try json(0), nullIfInvalid] + keys, type: .varchar(length: 65535), nullable: true)
        case "json_extract_array_element_text":
            try arity(2...3)
            guard args.count - flagged == 2 else { throw SQLError.undefinedFunction("json_extract_array_element_text", at: position) }
            let pos = try coerce(args[1], to: args[1].type.isInteger ? args[1].type : .integer)
            return .call("rs_json_extract_array_element_text", [try json(0), pos, nullIfInvalid], type: .varchar(length: 65535), nullable: true)
        case "json_array_length":
            try arity(1...2)
            guard args.count - flagged == 1 else { throw SQLError.undefinedFunction("json_array_length", at: position) }
            return .call("rs_json_array_length", [try json(0), nullIfInvalid], type: .integer, nullable: true)
        case "is_valid_json", "is_valid_json_array", "can_json_parse":
            try arity(1...1)
            return .call("rs_\(name)", [try json(0)], type: .boolean)
        case "json_parse":
            try arity(1...1)
            // parse_super_null_on_error=ON: text that is not JSON gives NULL (super-configurations).
            let function = superLaxSetting("parse_super_null_on_error", default: false) ? "rs_json_parse_lax" : "rs_json_parse"
            return .call(function, [try json(0)], type: .super)
        case "json_serialize":
            try arity(1...1)
            return .call("rs_json_serialize", [try json(0)], type: .varchar(length: 65535), nullable: false)
        case "json_typeof":
            try arity(1...1)
            return .call("rs_json_typeof", [try json(0)], type: .varchar(length: 16))
        default:
            return try bindSuperFunction(name, args: args, position: position)
        }
    }
}
