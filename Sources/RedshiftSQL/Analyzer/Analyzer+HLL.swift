/// HyperLogLog functions: arity and types; the sketches themselves live in Functions/HLLSketch.swift.
///
/// - Redshift: HLL_CREATE_SKETCH (r_HLL_CREATE_SKETCH), HLL_COMBINE (r_HLL_COMBINE), HLL_CARDINALITY
///   (r_HLL_CARDINALITY), HLL_COMBINE_SKETCHES (r_HLL_COMBINE_SKETCHES). Divergence: HLLSKETCH values
///   are SUPER here (typeName `super`, the sketch's JSON text).
extension Analyzer {
    func bindHLLAggregate(_ name: String, _ argument: Expr, position: Int) throws -> Expr {
        if name == "hll_combine" {
            guard argument.type == .super || argument.type.isCharacter || argument.type == .unknown else {
                throw SQLError.undefinedFunction("hll_combine(\(argument.type.formatTypeName))", at: position)
            }
            return .call("rs_hll_combine", [sketchText(argument)], type: .super, nullable: true)
        }
        return .call("rs_hll_create_sketch", [argument], type: .super, nullable: false)
    }

    func bindHLLFunction(_ name: String, args: [Expr], position: Int) throws -> Expr? {
        switch name {
        case "hll_cardinality":
            guard args.count == 1 else { throw SQLError.undefinedFunction("hll_cardinality", at: position) }
            return .call("rs_hll_cardinality", [sketchText(args[0])], type: .bigint)
        case "hll_combine_sketches":
            guard args.count == 2 else { throw SQLError.undefinedFunction("hll_combine_sketches", at: position) }
            return .call("rs_hll_combine_sketches", [sketchText(args[0]), sketchText(args[1])], type: .super, nullable: true)
        default:
            return nil
        }
    }

    /// A sketch operand as its JSON text.
    private func sketchText(_ e: Expr) -> Expr { e.type == .super ? e.retyped(.varchar(length: 65535)) : e }
}
