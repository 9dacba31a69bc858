/// Parses a PL/pgSQL procedure body into `PLpgSQL.Block`.
///
/// Statements are recognised by their leading words; SQL inside them (statements, conditions,
/// expressions) is kept as text fragments, cut at the keyword or `;` that ends them at nesting
/// depth 0. A body that does not parse throws 42601 naming the line inside the body, as
/// PostgreSQL's "compilation of PL/pgSQL function … near line N".
///
/// - Redshift: c_PLpgSQL-statements, c_PLpgSQL-language-elements, stored-procedure-create.
public enum PLParser {
    /// Parses `body` (the text between the `$$`), for procedure `name` (named in errors).
    public static func parse(_ body: String, procedure name: String) throws -> PLpgSQL.Block {
        let lines = LineIndex(body)
        var parser: Parser
        do {
            parser = try Parser(body)
        } catch let error as SQLError {
            throw located(error, name: name, lines: lines)
        }
        do {
            let block = try parser.parsePLBlock(lines: lines)
            while parser.consumeSymbol(";") {}
            guard parser.current.kind == .end else { throw parser.unexpected() }
            return block
        } catch let error as SQLError {
            throw located(error, name: name, lines: lines)
        }
    }

    private static func located(_ error: SQLError, name: String, lines: LineIndex) -> SQLError {
        let line = error.position.map(lines.line) ?? lines.count
        return SQLError(code: error.code, message: "\(error.message)\nCONTEXT: compilation of PL/pgSQL function \"\(name)\" near line \(line)")
    }
}

/// 1-based line numbers of 1-based scalar positions.
struct LineIndex {
    private var starts: [Int] = [1]
    init(_ text: String) {
        for (offset, scalar) in text.unicodeScalars.enumerated() where scalar == "\n" { starts.append(offset + 2) }
    }
    var count: Int { starts.count }
    func line(_ position: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= position { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }
}

extension Parser {
    typealias PL = PLpgSQL

    /// `[<<label>>] [DECLARE …] BEGIN … [EXCEPTION …] END [label]`.
    mutating func parsePLBlock(lines: LineIndex) throws -> PL.Block {
        try enter()
        defer { depth -= 1 }
        let label = try parsePLLabel()
        var declarations: [PL.Declaration] = []
        if consumeWord("declare") {
            while !isWord("begin") && current.kind != .end {
                declarations.append(try parsePLDeclaration(lines: lines))
            }
        }
        try expectWord("begin")
        let body = try parsePLStatements(until: ["end", "exception"], lines: lines)
        var handlers: [PL.Handler]?
        if consumeWord("exception") {
            var list: [PL.Handler] = []
            while consumeWord("when") {
                var conditions = [try parseIdentifier(allowReserved: true)]
                while consumeWord("or") { conditions.append(try parseIdentifier(allowReserved: true)) }
                try expectWord("then")
                list.append(PL.Handler(conditions: conditions, body: try parsePLStatements(until: ["when", "end"], lines: lines)))
            }
            if list.isEmpty { throw unexpected() }
            handlers = list
        }
        try expectWord("end")
        if label != nil, current.kind == .word, !isSymbol(";") { _ = advance() }
        return PL.Block(label: label, declarations: declarations, body: body, handlers: handlers)
    }

    /// `<<label>>`, if present.
    private mutating func parsePLLabel() throws -> String? {
        guard isSymbol("<"), peek().isSymbol("<") else { return nil }
        index += 2
        let label = try parseIdentifier(allowReserved: true)
        try expectSymbol(">")
        try expectSymbol(">")
        return label
    }

    private mutating func parsePLDeclaration(lines: LineIndex) throws -> PL.Declaration {
        let name = try parseIdentifier(allowReserved: true)
        _ = consumeWord("constant")
        if consumeWord("cursor") {
            var parameters: [PL.CursorParameter] = []
            if consumeSymbol("(") {
                repeat {
                    let parameter = try parseIdentifier(allowReserved: true)
                    parameters.append(PL.CursorParameter(name: parameter, type: try parseTypeName().type))
                } while consumeSymbol(",")
                try expectSymbol(")")
            }
            _ = consumeWord("for") || consumeWord("is")
            let query = try plFragment(until: [], lines: lines)
            try expectSymbol(";")
            return PL.Declaration(name: name, type: .refcursor, cursorQuery: query, cursorParameters: parameters)
        }
        let type = try parsePLType()
        _ = consumeWords("not", "null")
        var initial: PL.Fragment?
        if consumeWord("default") || consumeSymbol("=") || consumePLAssign() {
            initial = try plFragment(until: [], lines: lines)
        }
        try expectSymbol(";")
        return PL.Declaration(name: name, type: type, initial: initial)
    }

    private mutating func parsePLType() throws -> PL.VariableType {
        if consumeWord("record") { return .record }
        if consumeWord("refcursor") { return .refcursor }
        // name%TYPE, table%ROWTYPE, table.column%TYPE
        var look = 0
        while peek(look).kind == .word || peek(look).kind == .quotedIdentifier || peek(look).isSymbol(".") { look += 1 }
        if look > 0, peek(look).isSymbol("%") {
            let name = try parseName()
            try expectSymbol("%")
            if consumeWord("rowtype") { return .record }
            try expectWord("type")
            return .typeOf(name.dotted)
        }
        return .scalar(try parseTypeName().type)
    }

    /// `:=` (two tokens).
    private mutating func consumePLAssign() -> Bool {
        guard isSymbol(":"), peek().isSymbol("=") else { return false }
        index += 2
        return true
    }

    /// Statements until one of `terminators` (not consumed).
    private mutating func parsePLStatements(until terminators: Set<String>, lines: LineIndex) throws -> [PL.Statement] {
        var statements: [PL.Statement] = []
        while current.kind != .end {
            if current.kind == .word, terminators.contains(current.text) {
                return statements
            }
            if consumeSymbol(";") { continue }
            statements.append(try parsePLStatement(lines: lines))
        }
        throw unexpected()
    }

    private mutating func parsePLStatement(lines: LineIndex) throws -> PL.Statement {
        let start = current
        let line = lines.line(start.position)
        if isSymbol("<"), peek().isSymbol("<") {
            let save = index
            let label = try parsePLLabel()
            if isWord("loop") || isWord("while") || isWord("for") {
                return try parsePLLoop(label: label, lines: lines)
            }
            index = save
            return .block(try parsePLBlock(lines: lines))
        }
        guard start.kind == .word else { throw unexpected() }
        // Assignment: target [.field] := expression
        if peek().isSymbol(":") && peek(2).isSymbol("=") || peek().isSymbol("=") && !["select", "update", "insert", "delete"].contains(start.text)
            || peek().isSymbol(".") && (peek(3).isSymbol(":") && peek(4).isSymbol("=")) {
            var target = try parseIdentifier(allowReserved: true)
            if consumeSymbol(".") { target += "." + (try parseIdentifier(allowReserved: true)) }
            if !consumePLAssign() { try expectSymbol("=") }
            let expression = try plFragment(until: [], lines: lines)
            try expectSymbol(";")
            return .assign(target: target, expression: expression)
        }
        switch start.text {
        case "declare", "begin": return .block(try parsePLBlock(lines: lines))
        case "if": return try parsePLIf(lines: lines)
        case "case": return try parsePLCase(lines: lines)
        case "loop", "while", "for": return try parsePLLoop(label: nil, lines: lines)
        case "exit", "continue":
            index += 1
            var label: String?
            if current.kind == .word, !isWord("when") { label = try parseIdentifier(allowReserved: true) }
            var condition: PL.Fragment?
            if consumeWord("when") { condition = try plFragment(until: [], lines: lines) }
            try expectSymbol(";")
            return start.text == "exit" ? .exit(label: label, when: condition) : .continueLoop(label: label, when: condition)
        case "return":
            index += 1
            try expectSymbol(";")
            return .returnStatement
        case "null":
            index += 1
            try expectSymbol(";")
            return .null
        case "raise": return try parsePLRaise(lines: lines)
        case "execute":
            index += 1
            let expression = try plFragment(until: ["into", "using"], lines: lines)
            // Redshift's EXECUTE has no USING clause (c_PLpgSQL-statements: `EXECUTE command-string [ INTO target ]`).
            if isWord("using") { throw SQLError.syntax(near: "USING", at: current.position) }
            var targets: [String] = []
            if consumeWord("into") {
                _ = consumeWord("strict")
                targets = try parsePLTargets()
            }
            try expectSymbol(";")
            return .execute(expression, into: targets)
        case "perform":
            index += 1
            let rest = try plFragment(until: [], lines: lines)
            try expectSymbol(";")
            return .perform(PL.Fragment(text: "select " + rest.text, line: rest.line))
        case "get":
            index += 1
            _ = consumeWord("current")
            try expectWord("diagnostics")
            let target = try parseIdentifier(allowReserved: true)
            if !consumePLAssign() { try expectSymbol("=") }
            let item = try parseIdentifier(allowReserved: true)
            guard item == "row_count" else { throw SQLError.unsupported("GET DIAGNOSTICS \(item.uppercased())", at: tokens[index - 1].position) }
            try expectSymbol(";")
            return .getDiagnostics(target: target, item: item)
        case "commit", "rollback":
            index += 1
            _ = consumeWord("work") || consumeWord("transaction")
            try expectSymbol(";")
            return start.text == "commit" ? .commit(line: line) : .rollback(line: line)
        case "call":
            index += 1
            let name = try parseName()
            var arguments: [PL.Fragment] = []
            if consumeSymbol("(") {
                if !consumeSymbol(")") {
                    repeat { arguments.append(try plFragment(until: [], lines: lines, stopAtComma: true)) } while consumeSymbol(",")
                    try expectSymbol(")")
                }
            }
            try expectSymbol(";")
            return .call(name: name.dotted, arguments: arguments, line: line)
        case "open":
            index += 1
            let cursor = try parseIdentifier(allowReserved: true)
            if consumeSymbol("(") {   // OPEN bound_cursor_name ( argument_values )
                var arguments: [PL.Fragment] = []
                repeat {
                    arguments.append(try plFragment(until: [], lines: lines, stopAtComma: true))
                } while consumeSymbol(",")
                try expectSymbol(")")
                try expectSymbol(";")
                return .openBound(cursor: cursor, arguments: arguments, line: line)
            }
            var query: PL.Fragment?
            if consumeWord("for") {
                if consumeWord("execute") {
                    let expression = try plFragment(until: [], lines: lines)
                    try expectSymbol(";")
                    return .openExecute(cursor: cursor, expression: expression, line: line)
                }
                query = try plFragment(until: [], lines: lines)
            }
            try expectSymbol(";")
            return .open(cursor: cursor, query: query, line: line)
        case "close":
            index += 1
            let cursor = try parseIdentifier(allowReserved: true)
            try expectSymbol(";")
            return .close(cursor: cursor)
        case "fetch":
            index += 1
            _ = consumeWord("next")
            _ = consumeWord("from") || consumeWord("in")
            let cursor = try parseIdentifier(allowReserved: true)
            try expectWord("into")
            let targets = try parsePLTargets()
            try expectSymbol(";")
            return .fetch(cursor: cursor, into: targets, line: line)
        case "select", "with":
            return try parsePLSelect(lines: lines)
        default:
            let statement = try plFragment(until: [], lines: lines)
            try expectSymbol(";")
            return .sql(statement, into: [], strict: false)
        }
    }

    /// A SELECT, with its `INTO [STRICT] targets` taken out (SELECT INTO in PL/pgSQL assigns variables).
    private mutating func parsePLSelect(lines: LineIndex) throws -> PL.Statement {
        let start = current.position
        let line = lines.line(start)
        let before = try plFragment(until: ["into"], lines: lines)
        guard consumeWord("into") else {
            try expectSymbol(";")
            return .sql(before, into: [], strict: false)
        }
        let strict = consumeWord("strict")
        let targets = try parsePLTargets()
        var rest = ""
        if !isSymbol(";") { rest = try plFragment(until: [], lines: lines).text }
        try expectSymbol(";")
        _ = start
        return .sql(PL.Fragment(text: before.text + " " + rest, line: line), into: targets, strict: strict)
    }

    /// `a, b.c, …` (assignment targets).
    private mutating func parsePLTargets() throws -> [String] {
        try parseList { parser in
            var name = try parser.parseIdentifier(allowReserved: true)
            if parser.isSymbol("."), parser.peek().kind == .word {
                parser.index += 1
                name += "." + (try parser.parseIdentifier(allowReserved: true))
            }
            return name
        }
    }

    private mutating func parsePLIf(lines: LineIndex) throws -> PL.Statement {
        index += 1   // IF
        var branches: [(condition: PL.Fragment, body: [PL.Statement])] = []
        var otherwise: [PL.Statement]?
        var condition = try plFragment(until: ["then"], lines: lines)
        try expectWord("then")
        while true {
            let body = try parsePLStatements(until: ["elsif", "elseif", "else", "end"], lines: lines)
            branches.append((condition, body))
            if consumeWord("elsif") || consumeWord("elseif") {
                condition = try plFragment(until: ["then"], lines: lines)
                try expectWord("then")
                continue
            }
            if consumeWord("else") { otherwise = try parsePLStatements(until: ["end"], lines: lines) }
            break
        }
        try expectWord("end")
        try expectWord("if")
        try expectSymbol(";")
        return .ifChain(branches: branches, otherwise: otherwise)
    }

    private mutating func parsePLCase(lines: LineIndex) throws -> PL.Statement {
        let line = lines.line(advance().position)   // CASE
        var operand: PL.Fragment?
        if !isWord("when") { operand = try plFragment(until: ["when"], lines: lines) }
        var branches: [(values: PL.Fragment, body: [PL.Statement])] = []
        var otherwise: [PL.Statement]?
        while consumeWord("when") {
            let values = try plFragment(until: ["then"], lines: lines)
            try expectWord("then")
            branches.append((values, try parsePLStatements(until: ["when", "else", "end"], lines: lines)))
        }
        if branches.isEmpty { throw unexpected() }
        if consumeWord("else") { otherwise = try parsePLStatements(until: ["end"], lines: lines) }
        try expectWord("end")
        try expectWord("case")
        try expectSymbol(";")
        return .caseChain(operand: operand, branches: branches, otherwise: otherwise, line: line)
    }

    private mutating func parsePLLoop(label: String?, lines: LineIndex) throws -> PL.Statement {
        let keyword = advance().text
        var result: PL.Statement
        switch keyword {
        case "loop":
            result = .loop(label: label, body: try parsePLLoopBody(lines: lines))
        case "while":
            let condition = try plFragment(until: ["loop"], lines: lines)
            try expectWord("loop")
            result = .whileLoop(label: label, condition: condition, body: try parsePLLoopBody(lines: lines))
        default:   // for
            var variables = [try parseIdentifier(allowReserved: true)]
            while consumeSymbol(",") { variables.append(try parseIdentifier(allowReserved: true)) }
            let variable = variables.joined(separator: ",")
            try expectWord("in")
            let reverse = consumeWord("reverse")
            let source: PL.ForSource
            if isWord("select") || isWord("with") || isSymbol("(") {
                source = .query(try plFragment(until: ["loop"], lines: lines))
            } else if consumeWord("execute") {
                source = .dynamic(try plFragment(until: ["loop"], lines: lines))
            } else {
                let range = try plFragment(until: ["loop", "by"], lines: lines)
                var step: PL.Fragment?
                if consumeWord("by") { step = try plFragment(until: ["loop"], lines: lines) }
                guard variables.count == 1, let split = Self.rangeSplit(range.text) else {
                    throw SQLError(code: "42601", message: "syntax error at or near \"LOOP\"", position: current.position)
                }
                source = .range(low: PL.Fragment(text: split.0, line: range.line), high: PL.Fragment(text: split.1, line: range.line),
                                step: step, reverse: reverse)
            }
            try expectWord("loop")
            result = .forLoop(label: label, variable: variable, source: source, body: try parsePLLoopBody(lines: lines))
        }
        return result
    }

    /// The statements of a loop and its `END LOOP [label];` (LOOP already consumed).
    private mutating func parsePLLoopBody(lines: LineIndex) throws -> [PL.Statement] {
        let body = try parsePLStatements(until: ["end"], lines: lines)
        try expectWord("end")
        try expectWord("loop")
        if current.kind == .word { _ = advance() }
        try expectSymbol(";")
        return body
    }

    /// `low .. high` split at the first `..` outside quotes and parentheses.
    static func rangeSplit(_ text: String) -> (String, String)? {
        let scalars = Array(text.unicodeScalars)
        var depth = 0, quoted = false, i = 0
        while i < scalars.count - 1 {
            let c = scalars[i]
            if c == "'" { quoted.toggle() } else if !quoted {
                if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
                else if depth == 0, c == ".", scalars[i + 1] == "." {
                    var low = String.UnicodeScalarView(), high = String.UnicodeScalarView()
                    low.append(contentsOf: scalars[..<i])
                    high.append(contentsOf: scalars[(i + 2)...])
                    let l = String(low).trimmingCharacters(in: .whitespacesAndNewlines)
                    let h = String(high).trimmingCharacters(in: .whitespacesAndNewlines)
                    return l.isEmpty || h.isEmpty ? nil : (l, h)
                }
            }
            i += 1
        }
        return nil
    }

    private mutating func parsePLRaise(lines: LineIndex) throws -> PL.Statement {
        let line = lines.line(advance().position)   // RAISE
        if consumeSymbol(";") {   // RAISE; re-raises the error a handler caught
            return .raise(PL.Raise(level: "reraise", format: "", arguments: []), line: line)
        }
        var level = "exception"
        if current.kind == .word, ["debug", "log", "info", "notice", "warning", "exception"].contains(current.text) {
            level = advance().text
        }
        guard current.kind == .string else { throw unexpected() }
        let format = advance().text
        var arguments: [PL.Fragment] = []
        while consumeSymbol(",") { arguments.append(try plFragment(until: [], lines: lines, stopAtComma: true)) }
        // Redshift's RAISE has no USING clause (c_PLpgSQL-statements: `RAISE level 'format' [, variable [, ...]]`).
        if isWord("using") { throw SQLError.syntax(near: "USING", at: current.position) }
        try expectSymbol(";")
        return .raise(PL.Raise(level: level, format: format, arguments: arguments), line: line)
    }

    /// SQL text from here to `;` or one of `stops` (a word) at depth 0 (parentheses, CASE … END);
    /// with `stopAtComma`, also to `,` or `)` at depth 0. The terminator is not consumed.
    private mutating func plFragment(until stops: Set<String>, lines: LineIndex, stopAtComma: Bool = false) throws -> PL.Fragment {
        let start = current.position
        var parens = 0, cases = 0
        while current.kind != .end {
            let token = current
            if token.kind == .symbol {
                if token.text == ";" && parens == 0 { break }
                if token.text == "(" { parens += 1 }
                if token.text == ")" {
                    if parens == 0 { if stopAtComma { break }; throw unexpected() }
                    parens -= 1
                }
                if token.text == ",", stopAtComma, parens == 0 { break }
            } else if token.kind == .word {
                if token.text == "case" { cases += 1 }
                if token.text == "end", cases > 0 { cases -= 1; index += 1; continue }
                if parens == 0, cases == 0, stops.contains(token.text) { break }
                if parens == 0, cases == 0, token.text == "end" || token.text == "loop" && !stops.contains("loop") {
                    throw unexpected()
                }
            }
            index += 1
        }
        if current.kind == .end { throw unexpected() }
        let text = self.text(from: start)
        if text.isEmpty { throw unexpected() }
        return PL.Fragment(text: text, line: lines.line(start))
    }
}
