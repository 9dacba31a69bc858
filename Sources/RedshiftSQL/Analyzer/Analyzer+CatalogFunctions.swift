/// The internal functions the parser's catalog expansions call (`Parser+CatalogMacros.swift`):
/// array texts, encodings by code. Each is an `rs_` function of `EmulatedFunctions.catalogFunctions`.
extension Analyzer {
    func bindCatalogFunction(_ name: String, args: [Expr], position: Int) throws -> Expr? {
        let counts: [String: Int] = ["rs_array_element": 1, "rs_array_contains": 2, "rs_array_to_string": 2, "rs_encoding_name": 1]
        if name == "rs_row" { throw SQLError.unsupported("row constructors outside = and <> comparisons", at: position) }
        let bitwise = ["rs_bitand": "&", "rs_bitor": "|", "rs_shift_left": "<<", "rs_shift_right": ">>"]
        if let op = bitwise[name], args.count == 2 {
            // Bitwise operators: integer operands (r_OPERATOR_bitwise), the wider integer type.
            let operands = try args.map { $0.type == .unknown ? try coerce($0, to: .integer) : $0 }
            guard operands.allSatisfy({ $0.type.isInteger }) else {
                throw SQLError(code: "42883", message: "operator does not exist: \(operands[0].type.formatTypeName) \(op) \(operands[1].type.formatTypeName)", position: position)
            }
            let type: RedshiftType = op.count == 2 ? operands[0].type : (TypeRules.common(operands.map(\.type)) ?? .bigint)
            return Expr(kind: .binary(op, operands[0], operands[1]), type: type, nullable: operands.contains { $0.nullable })
        }
        if name == "rs_subscript", args.count == 2 {
            // PostgreSQL's 1-based array subscript on an array text; SUPER navigation is not supported.
            guard args[0].type.isCharacter || args[0].type == .unknown else { throw SQLError.unsupported("SUPER navigation with [ ]", at: position) }
            let array = try coerce(args[0], to: .varchar(length: 65535))
            return .call("rs_array_at", [array, try coerce(args[1], to: .integer)], type: .varchar(length: 65535), nullable: true)
        }
        guard let count = counts[name] else { return nil }
        guard args.count == count else { throw SQLError.undefinedFunction("\(name)(\(args.map { _ in "unknown" }.joined(separator: ", ")))", at: position) }
        let operands = try args.map { $0.type == .unknown ? try coerce($0, to: .varchar(length: 65535)) : $0 }
        switch name {
        case "rs_array_contains": return .call(name, operands, type: .boolean)
        case "rs_array_element": return .call(name, operands, type: .varchar(length: 65535), nullable: false)
        default: return .call(name, operands, type: .varchar(length: 65535))
        }
    }
}
