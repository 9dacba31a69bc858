import Foundation

extension EmulatedFunctions {
    /// PartiQL navigation, casts and the SUPER functions over canonical JSON text (`SuperValue`).
    ///
    /// - Redshift: query-super (navigation, lax semantics: a missing path is NULL), limitations-super
    ///   (SUPER-related cast errors become NULL), r_SUPER-type-info functions (IS_ARRAY … IS_EIGHT_BYTE_FLOAT),
    ///   r_json_size, r_get_array_length, r_subarray, r_array_concat, r_array_flatten, r_split_to_array,
    ///   r_array, r_object_function.
    static var superFunctions: [EmulatedFunction] {
        [
            // rs_super_get(value, step, …): a text step is an attribute (exact match; the Analyzer
            // folded it as the session's case settings say), an integer step an array index.
            EmulatedFunction("rs_super_get", argumentCount: nil) { args in try superGet(args, strict: false) },
            // rs_super_from(value, 'type'): a scalar of a Redshift type as SUPER.
            EmulatedFunction("rs_super_from", argumentCount: 2) { args in
                guard let type = RedshiftType(catalogText: args[1].textValue ?? "") else { return .null }
                return try SuperValue.from(args[0], type: type)
            },
            // rs_super_each(type, value): one json_each row's value as SUPER text.
            EmulatedFunction("rs_super_each", argumentCount: 2) { args in
                switch args[0].textValue ?? "" {
                case "object", "array": return args[1].textValue.map { .text(EmulatedFunctions.minified(ArraySlice($0.utf8))) } ?? .null
                case "true": return .text("true")
                case "false": return .text("false")
                case "null": return .text("null")
                case "text": return args[1].textValue.map { .text(SuperValue.quote($0)) } ?? .null
                case "integer": return try SuperValue.from(args[1], type: .bigint)
                default: return try SuperValue.from(args[1], type: .doublePrecision)
                }
            },
            // rs_super_cast(value, 'target'): SUPER to a scalar type; a mismatch is NULL (cast_super_null_on_error).
            EmulatedFunction("rs_super_cast", argumentCount: 2) { args in
                guard let text = args[0].textValue, let target = RedshiftType(catalogText: args[1].textValue ?? "") else { return .null }
                let (root, source) = SuperValue.parse(text)
                guard let (value, type) = SuperValue.scalar(root, in: source) else { return .null }
                // A number of non-zero scale is no boolean (limitations-super: `5.0::super::bool` is NULL).
                if target == .boolean, type == .doublePrecision { return .null }
                if case .number = root.value, target.isDecimal {
                    return (try? ValueConversion.convert(.text(SuperValue.numberText(root, in: source)), from: .varchar(length: 65535), to: target, explicit: true)) ?? .null
                }
                if target.isCharacter, type != .varchar(length: 65535) {
                    return (try? ValueConversion.convert(.text(type == .boolean ? (value == .integer(1) ? "true" : "false") : SuperValue.numberText(root, in: source)),
                                                         from: .varchar(length: 65535), to: target, explicit: true)) ?? .null
                }
                return (try? ValueConversion.convert(value, from: type, to: target, explicit: true)) ?? .null
            },
            // rs_super_is(value, 'kind'): the IS_* type tests; false for NULL.
            EmulatedFunction("rs_super_is", argumentCount: 2) { args in
                guard let text = args[0].textValue, let kind = args[1].textValue else { return .integer(0) }
                let (root, source) = SuperValue.parse(text)
                return .integer(superIs(kind, root, source) ? 1 : 0)
            },
            EmulatedFunction("rs_super_typeof", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return .null }
                switch SuperValue.parse(text).node.value {
                case .object: return .text("object")
                case .array: return .text("array")
                case .string: return .text("string")
                case .number: return .text("number")
                case .bool: return .text("boolean")
                case .null: return .text("null")
                }
            },
            EmulatedFunction("rs_json_size", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return .null }
                return .integer(Int64(text.utf8.count))
            },
            EmulatedFunction("rs_get_array_length", argumentCount: 1) { args in
                guard let text = args[0].textValue, case .array(let elements) = SuperValue.parse(text).node.value else { return .null }
                return .integer(Int64(elements.count))
            },
            // rs_subarray(array, start, length|NULL): elements [start, start + length) that exist; a
            // negative start counts from the end; past the end is an empty array; no length: to the end.
            EmulatedFunction("rs_subarray", argumentCount: 3) { args in
                guard let text = args[0].textValue, var start = args[1].clampedInt else { return .null }
                let (root, source) = SuperValue.parse(text)
                guard case .array(let elements) = root.value else { return .null }
                if start < 0 { start = max(0, elements.count + start) }
                let length = args[2] == .null ? elements.count : max(0, args[2].clampedInt ?? 0)
                guard start < elements.count else { return .text("[]") }
                let slice = elements[start..<min(elements.count, start + min(length, elements.count))]
                return .text("[" + slice.map { SuperValue.text($0, in: source) }.joined(separator: ",") + "]")
            },
            // rs_array_concat(a, b): SUPER values are canonical JSON text, so two arrays join as text.
            EmulatedFunction("rs_array_concat", argumentCount: 2) { args in
                guard let a = args[0].textValue, let b = args[1].textValue,
                      a.utf8.first == UInt8(ascii: "["), b.utf8.first == UInt8(ascii: "["),
                      a.utf8.last == UInt8(ascii: "]"), b.utf8.last == UInt8(ascii: "]") else { return .null }
                if a == "[]" { return .text(b) }
                if b == "[]" { return .text(a) }
                let count = a.utf8.count + b.utf8.count - 1
                if count > SuperValue.maximumBytes { throw SuperValue.tooLarge(count) }
                return .text(String(a.dropLast()) + "," + String(b.dropFirst()))
            },
            // rs_array_flatten(array, …): the elements of every argument, nested arrays flattened.
            EmulatedFunction("rs_array_flatten", argumentCount: nil) { args in
                var items: [String] = []
                for argument in args {
                    guard let text = argument.textValue else { return .null }
                    let (root, source) = SuperValue.parse(text)
                    guard case .array = root.value else { return .null }
                    func flatten(_ node: JSONText.Node) {
                        if case .array(let elements) = node.value { elements.forEach(flatten) } else { items.append(SuperValue.text(node, in: source)) }
                    }
                    flatten(root)
                }
                return .text(try SuperValue.checked("[" + items.joined(separator: ",") + "]"))
            },
            // rs_split_to_array(string, delimiter)
            EmulatedFunction("rs_split_to_array", argumentCount: 2) { args in
                guard let text = args[0].textValue else { return .null }
                let delimiter = args[1].textValue ?? ","
                let parts = delimiter.isEmpty ? [text] : text.components(separatedBy: delimiter)
                return .text(try SuperValue.checked("[" + parts.map(SuperValue.quote).joined(separator: ",") + "]"))
            },
            // rs_super_array(value, …): arguments are SUPER text; SQL NULL is a JSON null.
            EmulatedFunction("rs_super_array", argumentCount: nil) { args in
                .text(try SuperValue.checked("[" + args.map { $0.textValue ?? "null" }.joined(separator: ",") + "]"))
            },
            // rs_super_object(key, value, …): keys are text, values SUPER text.
            EmulatedFunction("rs_super_object", argumentCount: nil) { args in
                var members: [String] = []
                var index = 0
                while index + 1 < args.count {
                    guard let key = args[index].textValue else {
                        throw SQLError(code: "22023", message: "OBJECT keys must not be null")
                    }
                    members.append(SuperValue.quote(key) + ":" + (args[index + 1].textValue ?? "null"))
                    index += 2
                }
                return .text(try SuperValue.checked("{" + members.joined(separator: ",") + "}"))
            },
            // rs_super_string(value): the string a SUPER string holds; NULL for any other value.
            EmulatedFunction("rs_super_string", argumentCount: 1) { args in
                guard let text = args[0].textValue, case .string(let s) = SuperValue.parse(text).node.value else { return .null }
                return .text(s)
            },
            // rs_super_if(value, 'array'|'object'): the value when it is of that kind, else NULL
            // (unnesting a non-array or unpivoting a non-object yields no rows).
            EmulatedFunction("rs_super_if", argumentCount: 2) { args in
                guard let text = args[0].textValue else { return .null }
                let (root, source) = SuperValue.parse(text)
                switch (args[1].textValue, root.value) {
                case ("array", .array), ("object", .object): return .text(SuperValue.text(root, in: source))
                default: return .null
                }
            },
            // rs_object_transform(input, keepCount, keepPath…, setPath, setValue, …) (r_object_transform_function):
            // a non-object input, or no KEEP and no SET, returns the input.
            EmulatedFunction("rs_object_transform", argumentCount: nil) { args in
                guard args.count >= 2, let text = args[0].textValue, let keepCount = args[1].clampedInt else { return args.first ?? .null }
                let (root, source) = SuperValue.parse(text)
                guard case .object = root.value, args.count > 2 else { return .text(SuperValue.text(root, in: source)) }
                let input = SuperTree(root, in: source)
                var output = keepCount > 0 ? SuperTree.object([]) : input
                for path in args[2..<min(args.count, 2 + keepCount)] {
                    let components = SuperTree.path(path.textValue ?? "")
                    if let kept = input.value(at: components[...]) { output.set(components[...], to: kept) }
                }
                var index = 2 + keepCount
                while index + 1 < args.count {
                    let components = SuperTree.path(args[index].textValue ?? "")
                    output.set(components[...], to: .text(args[index + 1].textValue ?? "null"))
                    index += 2
                }
                return .text(try SuperValue.checked(output.text))
            },
            // rs_super_arith(op, a, b): arithmetic on SUPER numbers (integers stay integers); a
            // non-number is NULL (dynamic typing, lax).
            EmulatedFunction("rs_super_arith", argumentCount: 3) { args in
                guard let op = args[0].textValue, let a = args[1].textValue, let b = args[2].textValue else { return .null }
                let (left, leftSource) = SuperValue.parse(a), (right, rightSource) = SuperValue.parse(b)
                guard case .number = left.value, case .number = right.value else { return .null }
                let l = SuperValue.numberText(left, in: leftSource), r = SuperValue.numberText(right, in: rightSource)
                if let x = Int64(l), let y = Int64(r) {
                    let result: (Int64, Bool)
                    switch op {
                    case "+": result = x.addingReportingOverflow(y)
                    case "-": result = x.subtractingReportingOverflow(y)
                    case "*": result = x.multipliedReportingOverflow(by: y)
                    case "/", "%":
                        if y == 0 { throw SQLError(code: "22012", message: "division by zero") }
                        result = op == "/" ? x.dividedReportingOverflow(by: y) : x.remainderReportingOverflow(dividingBy: y)
                    default: return .null
                    }
                    if !result.1 { return .text(String(result.0)) }
                }
                guard let x = Double(l), let y = Double(r) else { return .null }
                switch op {
                case "+": return try SuperValue.from(.real(x + y), type: .doublePrecision)
                case "-": return try SuperValue.from(.real(x - y), type: .doublePrecision)
                case "*": return try SuperValue.from(.real(x * y), type: .doublePrecision)
                case "/", "%":
                    if y == 0 { throw SQLError(code: "22012", message: "division by zero") }
                    return try SuperValue.from(.real(op == "/" ? x / y : fmod(x, y)), type: .doublePrecision)
                default: return .null
                }
            },
            // rs_json_serialize(value) (JSON_SERIALIZE): NULL is the JSON text 'null'; a text past the
            // VARCHAR limit is an error. Divergence: Redshift's wording is not documented.
            EmulatedFunction("rs_json_serialize", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return .text("null") }
                let count = text.utf8.count
                if count > 65535 {
                    throw SQLError(code: "22001", message: "JSON_SERIALIZE: the serialized SUPER value (\(count) bytes) exceeds the VARCHAR limit of 65535 bytes")
                }
                return .text(text)
            },
            EmulatedFunction("rs_super_checked", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return args[0] }
                return .text(try SuperValue.checked(text))
            },
        ]
    }

    /// One IS_* test (r_SUPER-type-info functions).
    private static func superIs(_ kind: String, _ node: JSONText.Node, _ source: [UInt8]) -> Bool {
        let spelling = { SuperValue.numberText(node, in: source) }
        let isFloatSpelling = { spelling().contains { $0 == "e" || $0 == "E" } }
        switch (kind, node.value) {
        case ("array", .array), ("object", .object), ("boolean", .bool), ("varchar", .string): return true
        case ("char", .string(let s)): return s.unicodeScalars.allSatisfy(\.isASCII)
        case ("scalar", .array), ("scalar", .object), ("scalar", .null): return false
        case ("scalar", _): return true
        case ("smallint", .number): return Int16(spelling()) != nil
        case ("integer", .number): return Int32(spelling()) != nil
        case ("bigint", .number): return Int64(spelling()) != nil
        case ("decimal", .number): return !isFloatSpelling()
        case ("float", .number), ("eight_byte_float", .number): return isFloatSpelling()
        default: return false
        }
    }
}
