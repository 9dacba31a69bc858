/// Stored procedures and SQL UDFs: CREATE PROCEDURE/FUNCTION, CALL, DROP, ALTER, SHOW PROCEDURE,
/// GRANT/REVOKE EXECUTE.
///
/// - Redshift: r_CREATE_PROCEDURE, r_CREATE_FUNCTION, r_CALL_procedure, r_DROP_PROCEDURE,
///   r_DROP_FUNCTION, r_ALTER_PROCEDURE, r_SHOW_PROCEDURE, r_GRANT (EXECUTE ON PROCEDURE|FUNCTION).
extension Parser {
    /// The statement when it is one of these; nil (nothing consumed) otherwise.
    mutating func parseProcedureStatement() throws -> AST.ProcedureStatement? {
        guard current.kind == .word else { return nil }
        let position = current.position
        switch current.text {
        case "create":
            let replace = peek().isWord("or") && peek(2).isWord("replace")
            let offset = replace ? 3 : 1
            guard peek(offset).isWord("procedure") || peek(offset).isWord("function") else { return nil }
            index += offset
            let isFunction = advance().text == "function"
            return .create(try parseCreateRoutine(orReplace: replace, isFunction: isFunction, position: position))
        case "call":
            index += 1
            let name = try parseName()
            var arguments: [String] = []
            if consumeSymbol("(") {
                if !consumeSymbol(")") {
                    arguments = try parseList { parser in
                        let start = parser.current.position
                        _ = try parser.parseExpression()
                        return parser.text(from: start)
                    }
                    try expectSymbol(")")
                }
            }
            return .call(name: name, arguments: arguments, position: position)
        case "drop":
            guard peek().isWord("procedure") || peek().isWord("function") else { return nil }
            index += 1
            let isFunction = advance().text == "function"
            let ifExists = consumeWords("if", "exists")
            let name = try parseName()
            let types = try parseRoutineSignature()
            _ = consumeWord("cascade") || consumeWord("restrict")
            return .drop(function: isFunction, name: name, argumentTypes: types, ifExists: ifExists, position: position)
        case "alter":
            guard peek().isWord("procedure") else { return nil }
            index += 2
            let name = try parseName()
            let types = try parseRoutineSignature()
            if consumeWords("rename", "to") {
                return .alter(name: name, argumentTypes: types, renameTo: try parseIdentifier(), ownerTo: nil, position: position)
            }
            try expectWords(["owner", "to"])
            return .alter(name: name, argumentTypes: types, renameTo: nil, ownerTo: try parseIdentifier(allowReserved: true), position: position)
        case "show":
            guard peek().isWord("procedure") else { return nil }
            index += 2
            let name = try parseName()
            return .show(name: name, argumentTypes: try parseRoutineSignature(), position: position)
        case "grant", "revoke":
            guard peek().isWord("execute"), peek(2).isWord("on"), peek(3).isWord("procedure") || peek(3).isWord("function") else { return nil }
            let revoke = advance().text == "revoke"
            index += 2
            let isFunction = advance().text == "function"
            let name = try parseName()
            let types = try parseRoutineSignature()
            try expectWord(revoke ? "from" : "to")
            let grantees = try parseList { parser -> String in
                _ = parser.consumeWord("group") || parser.consumeWord("role")
                return try parser.parseIdentifier(allowReserved: true)
            }
            _ = consumeWord("cascade") || consumeWord("restrict")
            return .grantExecute(function: isFunction, name: name, argumentTypes: types, grantees: grantees, revoke: revoke, position: position)
        default:
            return nil
        }
    }

    private mutating func expectWords(_ words: [String]) throws {
        for word in words { try expectWord(word) }
    }

    /// `( [ [name] [mode] type, … ] )`: the types of IN and INOUT arguments (what identifies a
    /// routine); nil without parentheses.
    private mutating func parseRoutineSignature() throws -> [RedshiftType]? {
        guard isSymbol("(") else { return nil }
        return try parseRoutineArguments().filter { $0.mode != .out }.map(\.type)
    }

    /// `( [ [argname] [argmode] argtype [, …] ] )`.
    mutating func parseRoutineArguments() throws -> [RoutineArgument] {
        try expectSymbol("(")
        if consumeSymbol(")") { return [] }
        let arguments = try parseList { try $0.parseRoutineArgument() }
        try expectSymbol(")")
        return arguments
    }

    private mutating func parseRoutineArgument() throws -> RoutineArgument {
        var mode = parseArgumentMode()
        var name: String?
        // A name comes first when a mode or a type follows it (multi-word types start with a type word).
        let typeWords: Set<String> = ["double", "character", "char", "timestamp", "time", "national", "bit"]
        if atIdentifier, !(typeWords.contains(current.text) && peek().kind == .word),
           peek().kind == .word || peek().kind == .quotedIdentifier {
            name = try parseIdentifier()
            if let explicit = parseArgumentMode() { mode = explicit }
        }
        if consumeWord("refcursor") {
            return RoutineArgument(name: name, mode: mode ?? .in, type: .varchar(length: 256), isRefcursor: true)
        }
        let type = try parseTypeName().type
        return RoutineArgument(name: name, mode: mode ?? .in, type: type)
    }

    private mutating func parseArgumentMode() -> RoutineArgument.Mode? {
        if consumeWord("inout") { return .inout }
        if consumeWord("out") { return .out }
        if consumeWord("in") { return .in }
        return nil
    }

    private mutating func parseCreateRoutine(orReplace: Bool, isFunction: Bool, position: Int) throws -> AST.CreateRoutine {
        let name = try parseName()
        var routine = AST.CreateRoutine(name: name, orReplace: orReplace, isFunction: isFunction, arguments: try parseRoutineArguments(),
                                        body: "", language: "", position: position)
        var sawBody = false
        while current.kind != .end && !isSymbol(";") {
            if consumeWord("returns") {
                routine.returns = try parseTypeName().type
            } else if consumeWord("nonatomic") {
                routine.nonatomic = true
            } else if consumeWord("as") {
                guard current.kind == .string else { throw unexpected() }
                routine.body = advance().text
                sawBody = true
            } else if consumeWord("language") {
                routine.language = try parseIdentifier(allowReserved: true)
            } else if consumeWord("security") {
                if consumeWord("definer") { routine.securityDefiner = true } else { try expectWord("invoker") }
            } else if consumeWord("set") {
                let parameter = try parseIdentifier(allowReserved: true)
                guard parameter == "search_path" else { throw SQLError.unsupported("SET \(parameter) on a procedure", at: tokens[index - 1].position) }
                if !consumeWord("to") { try expectSymbol("=") }
                var values: [String] = []
                repeat {
                    let token = advance()
                    guard token.kind == .word || token.kind == .string || token.kind == .quotedIdentifier else { throw unexpected() }
                    values.append(token.text)
                } while consumeSymbol(",")
                routine.searchPath = values.joined(separator: ", ")
            } else if current.kind == .word, ["volatile", "stable", "immutable"].contains(current.text) {
                routine.volatility = advance().text
            } else {
                throw unexpected()
            }
        }
        if !sawBody || routine.language.isEmpty { throw unexpected() }
        if isFunction && routine.returns == nil { throw unexpected() }
        return routine
    }
}
