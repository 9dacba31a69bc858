extension Translator {
    /// Lexes and parses one statement once, when it is submitted; never throws (a syntax error is
    /// kept in the result and thrown by `translate(_:context:)`).
    public static func parse(_ sql: String) -> ParsedStatement { ParsedStatement(sql) }

    /// Analyzes and generates a statement parsed before; throws its syntax error if it did not parse.
    public func translate(_ parsed: ParsedStatement, context: TranslationContext) throws -> Translation {
        let statement = try parsed.syntax.get()
        var context = context
        if let variables = context.boundVariables {
            for (index, variable) in variables.enumerated() { context.parameters[TranslationContext.variableParameter(index)] = variable.text ?? "" }
        }
        let analyzer = Analyzer(context: context)
        analyzer.positionalArguments = context.boundVariables?.enumerated().map { $1.expression(parameter: TranslationContext.variableParameter($0)) }
        var translation = try translate(statement, sql: parsed.text, analyzer: analyzer)
        translation.engineRelations = analyzer.engineRelations
        translation.appliedPolicies = analyzer.appliedPolicies
        translation.appliedMasking = analyzer.appliedMasking
        translation.externalScans = analyzer.externalScans
        return translation
    }
}
