/// Choosing among routines of one name and argument count by the arguments' types.
///
/// - Redshift: stored-procedure-naming ("the query engine determines which procedure to call based
///   on the number of arguments that you provide and the data types of the arguments"),
///   r_CREATE_FUNCTION (overloading by argument types).
enum RoutineOverloads {
    /// The candidate whose input types equal the arguments' (ignoring length and precision), else
    /// the one whose types are of the same families (numeric, character, datetime, other), else
    /// the only candidate; nil when several remain and none fits.
    static func choose(_ candidates: [RoutineDefinition], argumentTypes: [RedshiftType]?) -> RoutineDefinition? {
        guard let argumentTypes, candidates.count > 1 else { return candidates.count == 1 ? candidates[0] : nil }
        return candidates.first { zip($0.inputArguments, argumentTypes).allSatisfy { base($0.type) == base($1) } }
            ?? candidates.first { zip($0.inputArguments, argumentTypes).allSatisfy { family($0.type) == family($1) } }
    }

    private static func base(_ type: RedshiftType) -> String {
        type.catalogText.split(separator: "(").first.map(String.init) ?? ""
    }

    private static func family(_ type: RedshiftType) -> Int {
        if type.isNumeric { return 0 }
        if type.isCharacter || type == .unknown { return 1 }
        if type.isDatetime { return 2 }
        return 3
    }
}

extension Analyzer {
    /// The types of CALL's argument texts; nil when one cannot be typed without running it.
    func callArgumentTypes(_ arguments: [String]) -> [RedshiftType]? {
        var types: [RedshiftType] = []
        for argument in arguments {
            guard var parser = try? Parser(argument), let expression = try? parser.parseExpression(), parser.current.kind == .end,
                  let bound = try? bindExpression(expression, scope: Scope(parent: nil), clause: .values) else { return nil }
            types.append(bound.type)
        }
        return types
    }
}
