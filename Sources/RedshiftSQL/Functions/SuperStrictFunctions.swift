import Foundation

extension EmulatedFunctions {
    /// SUPER navigation and casts in strict mode, JSON_PARSE in lax mode, and the SUPER size and
    /// decimal functions.
    ///
    /// - Redshift: super-configurations (lax and strict modes), r_navigate_super_null_on_error,
    ///   r_cast_super_null_on_error, r_parse_super_null_on_error, r_decimal_precision,
    ///   r_decimal_scale, r_SIZE. The strict-mode error texts are the emulator's (Redshift's are not
    ///   documented).
    static var superStrictFunctions: [EmulatedFunction] {
        [
            // navigate_super_null_on_error=OFF: a missing member or element is an error.
            EmulatedFunction("rs_super_get_strict", argumentCount: nil) { args in try superGet(args, strict: true) },
            // cast_super_null_on_error=OFF: a SUPER value of another type is an error.
            EmulatedFunction("rs_super_cast_strict", argumentCount: 2) { args in
                guard let text = args[0].textValue else { return .null }
                let cast = try superFunction("rs_super_cast")(args)
                if cast != .null || SuperValue.parse(text).node.isJSONNull { return cast }
                let target = RedshiftType(catalogText: args[1].textValue ?? "")?.formatTypeName ?? args[1].textValue ?? ""
                throw SQLError(code: "22023", message: "cannot cast SUPER value \(text.prefix(64)) to \(target)"
                               + " (cast_super_null_on_error is off)")
            },
            // parse_super_null_on_error=ON: JSON_PARSE of text that is not JSON is NULL.
            EmulatedFunction("rs_json_parse_lax", argumentCount: 1) { args in
                (try? superFunction("rs_json_parse")(args)) ?? .null
            },
            EmulatedFunction("rs_decimal_precision", argumentCount: 1) { args in
                decimalDigits(args[0]).map { .integer(Int64($0.precision)) } ?? .null
            },
            EmulatedFunction("rs_decimal_scale", argumentCount: 1) { args in
                decimalDigits(args[0]).map { .integer(Int64($0.scale)) } ?? .null
            },
            EmulatedFunction("rs_super_size", argumentCount: 1) { args in
                guard let text = args[0].textValue else { return .integer(superScalarSize) }
                let (root, source) = SuperValue.parse(text)
                return .integer(Int64(superSize(root, in: source)))
            },
        ]
    }

    /// `rs_super_get(value, step, …)`: a text step is an attribute, an integer step an array index;
    /// a step that matches nothing is NULL (lax) or an error (strict).
    static func superGet(_ args: [SQLiteValue], strict: Bool) throws -> SQLiteValue {
        guard let text = args.first?.textValue else { return .null }
        let (root, source) = SuperValue.parse(text)
        var node = root
        func missing(_ step: String) throws -> SQLiteValue {
            guard strict else { return .null }
            throw SQLError(code: "22023", message: "navigation of SUPER value found no \(step) (navigate_super_null_on_error is off)")
        }
        for step in args.dropFirst() {
            switch step {
            case .integer(let i):
                guard case .array(let elements) = node.value, i >= 0, i < elements.count else { return try missing("element [\(i)]") }
                node = elements[Int(i)]
            case .real(let d):
                guard case .array(let elements) = node.value, d >= 0, d < Double(elements.count) else { return try missing("element [\(d)]") }
                node = elements[Int(d)]
            case .text(let name):
                guard let member = node.member(name) else { return try missing("attribute \"\(name)\"") }
                node = member
            case .null, .blob:
                return .null
            }
        }
        return .text(SuperValue.text(node, in: source))
    }

    private static func superFunction(_ name: String) -> @Sendable ([SQLiteValue]) throws -> SQLiteValue {
        superFunctionsByName[name] ?? { _ in .null }
    }

    private static let superFunctionsByName: [String: @Sendable ([SQLiteValue]) throws -> SQLiteValue] = {
        var byName: [String: @Sendable ([SQLiteValue]) throws -> SQLiteValue] = [:]
        for function in superFunctions + jsonFunctions { byName[function.name] = function.body }
        return byName
    }()

    /// Precision and scale of a SUPER number written with a decimal point (3.14159: 6 and 5);
    /// nil for other values.
    static func decimalDigits(_ value: SQLiteValue) -> (precision: Int, scale: Int)? {
        guard let text = value.textValue else { return nil }
        let (root, source) = SuperValue.parse(text)
        guard case .number = root.value else { return nil }
        let spelled = SuperValue.numberText(root, in: source).trimmingCharacters(in: .whitespaces)
        guard !spelled.contains(where: { $0 == "e" || $0 == "E" }), let point = spelled.firstIndex(of: ".") else { return nil }
        let whole = spelled[..<point].drop { $0 == "-" || $0 == "+" || $0 == "0" }
        let scale = spelled[spelled.index(after: point)...].count
        return (max(1, whole.count + scale), scale)
    }

    /// SIZE of NULL and of a boolean or small scalar (r_SIZE prints 4 for both).
    static let superScalarSize: Int64 = 4

    /// The in-memory size model behind SIZE, fitted to r_SIZE's printed examples (true 4,
    /// [0,1,2,3] 23, {"a":0,"b":1,"c":2,"d":3} 52): an array is 3 bytes plus 1 per element plus
    /// the elements; an object 4 bytes plus, per member, 7 plus the key's bytes plus the value.
    /// Sizes of strings, large integers and fractions are the emulator's own.
    static func superSize(_ node: JSONText.Node, in source: [UInt8]) -> Int {
        switch node.value {
        case .null, .bool: return Int(superScalarSize)
        case .number:
            let spelled = SuperValue.numberText(node, in: source)
            if let integer = Int64(spelled) { return Int32(exactly: integer) != nil ? 4 : 8 }
            return 8
        case .string(let string): return 4 + string.utf8.count
        case .array(let elements): return 3 + elements.reduce(0) { $0 + 1 + superSize($1, in: source) }
        case .object(let members): return 4 + members.reduce(0) { $0 + 7 + $1.key.utf8.count + superSize($1.value, in: source) }
        }
    }
}

extension JSONText.Node {
    var isJSONNull: Bool { if case .null = value { return true } else { return false } }
}
