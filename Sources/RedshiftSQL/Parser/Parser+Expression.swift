/// Expressions, by precedence (lowest first): OR, AND, NOT, IS, comparison, BETWEEN/IN/LIKE,
/// other operators (`||`), `+ -`, `* / %`, `^`, unary, `::` cast, primary.
extension Parser {
    typealias Expr = AST.Expression

    mutating func parseExpression() throws -> Expr {
        try enter()
        defer { depth -= 1 }
        return try parseOr()
    }

    private mutating func parseOr() throws -> Expr {
        let savedDepth = depth
        defer { depth = savedDepth }
        var left = try parseAnd()
        while isWord("or") {
            try enter()
            let position = advance().position
            left = Expr(kind: .binary("or", left, try parseAnd()), position: position)
        }
        return left
    }

    private mutating func parseAnd() throws -> Expr {
        let savedDepth = depth
        defer { depth = savedDepth }
        var left = try parseNot()
        while isWord("and") {
            try enter()
            let position = advance().position
            left = Expr(kind: .binary("and", left, try parseNot()), position: position)
        }
        return left
    }

    private mutating func parseNot() throws -> Expr {
        if isWord("not") {
            try enter()
            defer { depth -= 1 }
            let position = advance().position
            return Expr(kind: .unary("not", try parseNot()), position: position)
        }
        return try parseIs()
    }

    private mutating func parseIs() throws -> Expr {
        var left = try parseComparison()
        while true {
            if isWord("isnull") { index += 1; left = Expr(kind: .isNull(left, negated: false), position: left.position); continue }
            if isWord("notnull") { index += 1; left = Expr(kind: .isNull(left, negated: true), position: left.position); continue }
            guard consumeWord("is") else { return left }
            let negated = consumeWord("not")
            if consumeWord("null") {
                left = Expr(kind: .isNull(left, negated: negated), position: left.position)
            } else if consumeWord("true") {
                left = Expr(kind: .isBoolean(left, value: true, negated: negated), position: left.position)
            } else if consumeWord("false") {
                left = Expr(kind: .isBoolean(left, value: false, negated: negated), position: left.position)
            } else if consumeWord("unknown") {
                left = Expr(kind: .isBoolean(left, value: nil, negated: negated), position: left.position)
            } else if consumeWord("distinct") {
                try expectWord("from")
                let right = try parseComparison()
                left = Expr(kind: .binary(negated ? "is not distinct from" : "is distinct from", left, right), position: left.position)
            } else {
                throw unexpected()
            }
        }
    }

    private static let comparisonOperators: Set<String> = ["=", "<>", "!=", "<", ">", "<=", ">="]

    private mutating func parseComparison() throws -> Expr {
        var left = try parsePredicate()
        while current.kind == .symbol, Self.comparisonOperators.contains(current.text) {
            let token = advance()
            let op = token.text == "!=" ? "<>" : token.text
            if isWord("any") || isWord("all") || isWord("some"), peek().isSymbol("(") {
                let quantifier = advance().text == "all" ? "all" : "any"
                try expectSymbol("(")
                if !(isWord("select") || isWord("with")) {
                    // `x = ANY(array)`: membership in an array value (pg_constraint.conkey …).
                    guard op == "=", quantifier == "any" else { throw SQLError.unsupported("\(op) \(quantifier.uppercased()) of an array", at: token.position) }
                    let array = try parseExpression()
                    try expectSymbol(")")
                    left = call("rs_array_contains", [array, left], at: token.position)
                    continue
                }
                let query = try parseQuery()
                try expectSymbol(")")
                left = Expr(kind: .quantified(op, left, quantifier: quantifier, query), position: token.position)
                continue
            }
            let right = try parsePredicate()
            if let expanded = try rowComparison(op, left, right, at: token.position) { left = expanded; continue }
            left = Expr(kind: .binary(op, left, right), position: token.position)
        }
        return left
    }

    /// `(a, b) = (c, d)` as `a = c AND b = d` (and `<>` as its negation); rows appear only there.
    private func rowComparison(_ op: String, _ left: Expr, _ right: Expr, at position: Int) throws -> Expr? {
        func items(_ e: Expr) -> [Expr]? {
            if case .function(let f) = e.kind, f.name.parts == ["rs_row"] { return f.arguments }
            return nil
        }
        let l = items(left), r = items(right)
        if l == nil && r == nil { return nil }
        guard let l, let r, l.count == r.count, op == "=" || op == "<>" else {
            throw SQLError.unsupported("row comparison with \(op)", at: position)
        }
        var result = Expr(kind: .binary("=", l[0], r[0]), position: position)
        for (a, b) in zip(l.dropFirst(), r.dropFirst()) {
            result = Expr(kind: .binary("and", result, Expr(kind: .binary("=", a, b), position: position)), position: position)
        }
        return op == "=" ? result : Expr(kind: .unary("not", result), position: position)
    }

    private mutating func parsePredicate() throws -> Expr {
        let left = try parseOther()
        let save = index
        let negated = consumeWord("not")
        let position = current.position
        if consumeWord("between") {
            _ = consumeWord("symmetric")
            let low = try parseOther()
            try expectWord("and")
            let high = try parseOther()
            return Expr(kind: .between(left, low: low, high: high, negated: negated), position: position)
        }
        if consumeWord("in") {
            try expectSymbol("(")
            if isWord("select") || isWord("with") {
                let query = try parseQuery()
                try expectSymbol(")")
                return Expr(kind: .inQuery(left, query, negated: negated), position: position)
            }
            let items = try parseList { try $0.parseExpression() }
            try expectSymbol(")")
            return Expr(kind: .inList(left, items, negated: negated), position: position)
        }
        var likeKind: String?
        if consumeWord("like") { likeKind = "like" } else if consumeWord("ilike") { likeKind = "ilike" } else if consumeWords("similar", "to") { likeKind = "similar" }
        if let likeKind {
            let pattern = try parseOther()
            var escape: Expr?
            if consumeWord("escape") { escape = try parseOther() }
            return Expr(kind: .like(left, pattern: pattern, escape: escape, kind: likeKind, negated: negated), position: position)
        }
        if negated { index = save }
        return left
    }

    /// `||`, `~`, `!~` and other operators between comparison and arithmetic.
    mutating func parseOther() throws -> Expr {
        var left = try parseBitwise()
        while (current.kind == .symbol && ["||", "~", "!~"].contains(current.text)) || (isWord("operator") && peek().isSymbol("(")) {
            var token = current
            var caseInsensitive = false
            if isWord("operator") {
                let symbol = try parseOperatorName()
                guard ["~", "!~", "~*", "!~*"].contains(symbol) else { throw SQLError.unsupported("OPERATOR(pg_catalog.\(symbol))", at: token.position) }
                caseInsensitive = symbol.hasSuffix("*")
                token = Token(kind: .symbol, text: caseInsensitive ? String(symbol.dropLast()) : symbol, position: token.position, end: token.end)
            } else {
                token = advance()
                caseInsensitive = token.text != "||" && consumeSymbol("*")
            }
            let right = try parseBitwise()
            if token.text == "||" {
                left = Expr(kind: .binary("||", left, right), position: token.position)
            } else if caseInsensitive {
                // `~*` / `!~*`: PostgreSQL's texticregexeq (case-insensitive POSIX match).
                let match = call("texticregexeq", [left, right], at: token.position)
                left = token.text == "!~" ? Expr(kind: .unary("not", match), position: token.position) : match
            } else {
                left = Expr(kind: .regexMatch(left, pattern: right, negated: token.text == "!~"), position: token.position)
            }
        }
        return left
    }

    /// Redshift's bitwise operators on integers: `&`, `|`, `<<`, `>>` (r_bitwise… "Bitwise
    /// operators"; redshift_connector's column listing computes `(atttypmod - 4) >> 16`). The lexer
    /// has no `<<`/`>>` token: two adjacent `<` or `>` are one.
    private mutating func parseBitwise() throws -> Expr {
        let savedDepth = depth
        defer { depth = savedDepth }
        var left = try parseAdditive()
        while true {
            var op: String?
            if isSymbol("&") || isSymbol("|") {
                op = current.text
            } else if (isSymbol(">") && peek().isSymbol(">")) || (isSymbol("<") && peek().isSymbol("<")), peek().position - 1 == current.end {
                op = current.text + current.text
            }
            guard let op else { return left }
            try enter()
            let token = advance()
            if op.count == 2 { index += 1 }
            let name = ["&": "rs_bitand", "|": "rs_bitor", "<<": "rs_shift_left", ">>": "rs_shift_right"][op]!
            left = call(name, [left, try parseAdditive()], at: token.position)
        }
    }

    private mutating func parseAdditive() throws -> Expr {
        let savedDepth = depth
        defer { depth = savedDepth }
        var left = try parseMultiplicative()
        while isSymbol("+") || isSymbol("-") {
            try enter()
            let token = advance()
            left = Expr(kind: .binary(token.text, left, try parseMultiplicative()), position: token.position)
        }
        return left
    }

    private mutating func parseMultiplicative() throws -> Expr {
        let savedDepth = depth
        defer { depth = savedDepth }
        var left = try parseExponent()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            try enter()
            let token = advance()
            left = Expr(kind: .binary(token.text, left, try parseExponent()), position: token.position)
        }
        return left
    }

    private mutating func parseExponent() throws -> Expr {
        let savedDepth = depth
        defer { depth = savedDepth }
        var left = try parseUnary()
        while isSymbol("^") {
            try enter()
            let token = advance()
            left = Expr(kind: .binary("^", left, try parseUnary()), position: token.position)
        }
        return left
    }

    private mutating func parseUnary() throws -> Expr {
        if isSymbol("~") {  // bitwise NOT: rs_bitnot, bound by type (Analyzer+VarbyteFunctions)
            try enter()
            defer { depth -= 1 }
            let token = advance()
            return call("rs_bitnot", [try parseUnary()], at: token.position)
        }
        if isSymbol("-") || isSymbol("+") {
            try enter()
            defer { depth -= 1 }
            let token = advance()
            let operand = try parseUnary()
            if token.text == "-" {
                // Fold negative literals so -2147483648 is an int4; `-(-5)` negates a folded one.
                let negated = { (t: String) in t.hasPrefix("-") ? String(t.dropFirst()) : "-" + t }
                switch operand.kind {
                case .integer(let t): return Expr(kind: .integer(negated(t)), position: token.position)
                case .decimal(let t): return Expr(kind: .decimal(negated(t)), position: token.position)
                case .float(let t): return Expr(kind: .float(negated(t)), position: token.position)
                default: break
                }
            }
            return Expr(kind: .unary(token.text, operand), position: token.position)
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws -> Expr {
        let start = index
        var expression = try parseSuperSteps(try parsePrimary())
        while isSymbol("::") {
            let end = index
            let token = advance()
            if let relation = try parseRegclassCast(expression, tokens: Array(tokens[start..<end]), at: token.position) { expression = relation; continue }
            expression = Expr(kind: .cast(expression, try parseTypeName()), position: token.position)
        }
        // `a[n]`: an element of an array text (`(current_schemas(true))[1]`) or SUPER navigation
        // (`c.orders[0].id`, Parser+Super.swift); then AT TIME ZONE.
        expression = try parseSuperSteps(expression)
        return try parseAtTimeZone(expression)
    }

    private mutating func parsePrimary() throws -> Expr {
        let token = current
        let position = token.position
        switch token.kind {
        case .number:
            index += 1
            if token.text.utf8.contains(where: { $0 == 101 || $0 == 69 }) { return Expr(kind: .float(token.text), position: position) }
            if token.text.utf8.contains(46) { return Expr(kind: .decimal(token.text), position: position) }
            return Expr(kind: .integer(token.text), position: position)
        case .string:
            index += 1
            var value = token.text
            while current.kind == .string { value += advance().text }  // 'a' 'b' continuation
            return Expr(kind: .string(value), position: position)
        case .parameter:
            index += 1
            return Expr(kind: .parameter(token.text), position: position)
        case .symbol where token.text == "(":
            index += 1
            if isWord("select") || isWord("with") {
                let query = try parseQuery()
                try expectSymbol(")")
                return Expr(kind: .subquery(query), position: position)
            }
            let inner = try parseExpression()
            if consumeSymbol(",") {
                // A row constructor: only compared with `=`/`<>` to another (`rowComparison`).
                let rest = try parseList { try $0.parseExpression() }
                try expectSymbol(")")
                return call("rs_row", [inner] + rest, at: position)
            }
            try expectSymbol(")")
            return try parseFieldSelections(inner)
        case .symbol where token.text == "*":
            index += 1
            return Expr(kind: .star(qualifier: nil), position: position)
        case .quotedIdentifier:
            return try parseNameOrCall()
        case .word:
            return try parseWordExpression()
        default:
            throw unexpected()
        }
    }

    private mutating func parseWordExpression() throws -> Expr {
        let token = current
        let position = token.position
        switch token.text {
        case "null": index += 1; return Expr(kind: .null, position: position)
        case "true": index += 1; return Expr(kind: .boolean(true), position: position)
        case "false": index += 1; return Expr(kind: .boolean(false), position: position)
        case "case": return try parseCase()
        case "cast":
            index += 1
            try expectSymbol("(")
            let value = try parseExpression()
            try expectWord("as")
            let type = try parseTypeName()
            try expectSymbol(")")
            return Expr(kind: .cast(value, type), position: position)
        case "convert" where peek().isSymbol("("):
            index += 2
            let type = try parseTypeName()
            try expectSymbol(",")
            let value = try parseExpression()
            try expectSymbol(")")
            return Expr(kind: .cast(value, type), position: position)
        case "exists":
            index += 1
            try expectSymbol("(")
            let query = try parseQuery()
            try expectSymbol(")")
            return Expr(kind: .exists(query), position: position)
        case "interval" where peek().kind == .string:
            index += 1
            var text = advance().text
            // SQL-standard qualifier: INTERVAL '3' MONTH, INTERVAL '2' DAY.
            if current.kind == .word, ["year", "month", "day", "hour", "minute", "second", "week", "years", "months", "days", "hours", "minutes", "seconds"].contains(current.text) {
                text += " " + advance().text
                if consumeWord("to") { _ = advance() }
            }
            return Expr(kind: .interval(text), position: position)
        case _ where ["date", "timestamp", "timestamptz", "time", "timetz"].contains(token.text) && peek().kind == .string,
             _ where ["timestamp", "time"].contains(token.text) && ["with", "without"].contains(peek().text) && peek(2).isWord("time") && peek(3).isWord("zone") && peek(4).kind == .string:
            let type = try parseTypeName()
            let literal = advance()
            return Expr(kind: .cast(Expr(kind: .string(literal.text), position: literal.position), type), position: position)
        case "array" where peek().isSymbol("(") || peek().isSymbol("["): return try parseArrayConstructor()
        case "object_transform" where peek().isSymbol("("): return try parseObjectTransform()
        case "trim" where peek().isSymbol("("): return try parseTrim()
        case "substring" where peek().isSymbol("("): return try parseSubstring()
        case "position" where peek().isSymbol("("): return try parsePosition()
        case "extract" where peek().isSymbol("("): return try parseExtract()
        case "approximate" where peek().kind == .word: return try parseApproximate()
        default:
            if Keyword.valueFunctions.contains(token.text), !peek().isSymbol("(") {
                index += 1
                let name = AST.Name(parts: [token.text], position: position)
                return Expr(kind: .function(AST.FunctionCall(name: name, arguments: [], noParentheses: true)), position: position)
            }
            if Keyword.reserved.contains(token.text), !peek().isSymbol("(") || ["and", "or", "not", "in", "is", "like", "ilike", "between"].contains(token.text) {
                throw unexpected()
            }
            return try parseNameOrCall()
        }
    }

    private mutating func parseNameOrCall() throws -> Expr {
        let position = current.position
        var spelled = [spelling(of: current)]
        var parts = [try parseIdentifier(allowReserved: true)]
        while isSymbol(".") {
            index += 1
            if isSymbol("*") {
                index += 1
                return Expr(kind: .star(qualifier: AST.Name(parts: parts, position: position)), position: position)
            }
            spelled.append(spelling(of: current))
            parts.append(try parseIdentifier(allowReserved: true))
        }
        let name = AST.Name(parts: parts, position: position, spelledParts: spelled)
        if isCatalogMacroCall(name) { return try parseCatalogMacroCall(name) }
        if isSymbol("(") { return Expr(kind: .function(try parseCall(name)), position: position) }
        return Expr(kind: .column(name), position: position)
    }
}
