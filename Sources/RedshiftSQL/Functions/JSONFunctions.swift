import Foundation

extension EmulatedFunctions {
    /// JSON text functions and the SUPER constructors that store JSON text.
    ///
    /// - Redshift: JSON_EXTRACT_PATH_TEXT (a missing path is NULL; invalid JSON is an error unless
    ///   null_if_invalid), JSON_EXTRACT_ARRAY_ELEMENT_TEXT (zero-based; negative or out of range → ''),
    ///   JSON_ARRAY_LENGTH, IS_VALID_JSON (only an object is valid: `[1,2,3]` is false),
    ///   IS_VALID_JSON_ARRAY, JSON_PARSE / CAN_JSON_PARSE / JSON_SERIALIZE, JSON_TYPEOF (r_json_typeof).
    /// Divergence: the invalid-JSON error text is not documented; this emulator says `JSON parsing error`.
    static var jsonFunctions: [EmulatedFunction] {
        @Sendable func document(_ value: SQLiteValue, _ nullIfInvalid: SQLiteValue) throws -> (node: JSONText.Node, source: [UInt8])?? {
            guard let text = value.textValue else { return .some(nil) }
            if let parsed = JSONText.parse(text) { return parsed }
            if nullIfInvalid.doubleValue == 1 { return .some(nil) }
            throw jsonError
        }
        return [
            // rs_json_extract_path_text(json, null_if_invalid, key, …)
            EmulatedFunction("rs_json_extract_path_text", argumentCount: nil) { args in
                guard args.count >= 3, let parsed = try document(args[0], args[1]), let (root, source) = parsed else { return .null }
                var node = root
                for key in args[2...] {
                    guard let name = key.textValue else { return .null }
                    guard let next = node.member(name) else { return .null }
                    node = next
                }
                return node.text(in: source).map(SQLiteValue.text) ?? .null
            },
            // rs_json_extract_array_element_text(json, pos, null_if_invalid)
            EmulatedFunction("rs_json_extract_array_element_text", argumentCount: 3) { args in
                guard let parsed = try document(args[0], args[2]), let (root, source) = parsed, let pos = args[1].clampedInt else { return .null }
                guard case .array(let elements) = root.value else {
                    if args[2].doubleValue == 1 { return .null }
                    throw jsonError
                }
                guard pos >= 0, pos < elements.count else { return .text("") }
                return elements[pos].text(in: source).map(SQLiteValue.text) ?? .null
            },
            // rs_json_array_length(json, null_if_invalid)
            EmulatedFunction("rs_json_array_length", argumentCount: 2) { args in
                guard let parsed = try document(args[0], args[1]), let (root, _) = parsed else { return .null }
                guard case .array(let elements) = root.value else {
                    if args[1].doubleValue == 1 { return .null }
                    throw jsonError
                }
                return .integer(Int64(elements.count))
            },
            EmulatedFunction("rs_is_valid_json", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return .null }
                guard let (root, _) = JSONText.parse(text), case .object = root.value else { return .integer(0) }
                return .integer(1)
            },
            EmulatedFunction("rs_is_valid_json_array", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return .null }
                guard let (root, _) = JSONText.parse(text), case .array = root.value else { return .integer(0) }
                return .integer(1)
            },
            EmulatedFunction("rs_json_parse", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return .null }
                guard let (root, source) = JSONText.parse(text) else { throw jsonError }
                return .text(try SuperValue.checked(minified(source[root.span])))
            },
            EmulatedFunction("rs_can_json_parse", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return .null }
                return .integer(JSONText.parse(text) == nil ? 0 : 1)
            },
            EmulatedFunction("rs_json_typeof", argumentCount: 1) { args in
                guard let text = args[0].textValue, let (root, _) = JSONText.parse(text) else { return .null }
                switch root.value {
                case .object: return .text("object")
                case .array: return .text("array")
                case .string: return .text("string")
                case .number: return .text("number")
                case .bool: return .text("boolean")
                case .null: return .text("null")
                }
            },
        ]
    }

    private static let jsonError = SQLError(code: "XX000", message: "JSON parsing error")

    /// JSON text without the blanks between tokens.
    static func minified(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inString = false, escaped = false
        for b in bytes {
            if inString {
                out.append(b)
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
            } else if b == UInt8(ascii: "\"") {
                inString = true
                out.append(b)
            } else if ![0x20, 0x09, 0x0A, 0x0D].contains(b) {
                out.append(b)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
