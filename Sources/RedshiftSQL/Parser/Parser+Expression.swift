/// Expressions, by precedence (lowest first): OR, AND, NOT, IS, comparison, BETWEEN/IN/LIKE,
/// other operators (`||`), `+ -`, `* / %`, `^`, unary, `::` cast, primary.
extension Parser {
    typealias Expr = AST.Expression

    mutating func parseExpression() throws -> Expr { try parseOr() }

    private mutating func parseOr() throws -> Expr {
        var left = try parseAnd()
        while isWord("or") {
            let position = advance().position
            left = Expr(kind: .binary("or", left, try parseAnd()), position: position)
        }
        return left
    }

    private mutating func parseAnd() throws -> Expr {
        var left = try parseNot()
        while isWord("and") {
            let position = advance().position
            left = Expr(kind: .binary("and", left, try parseNot()), position: position)
        }
        return left
    }

    private mutating func parseNot() throws -> Expr {
        if isWord("not") {
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
            } else if isWord("distinct") {
                throw SQLError.unsupported("IS DISTINCT FROM", at: current.position)
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
                let query = try parseQuery()
                try expectSymbol(")")
                left = Expr(kind: .quantified(op, left, quantifier: quantifier, query), position: token.position)
                continue
            }
            left = Expr(kind: .binary(op, left, try parsePredicate()), position: token.position)
        }
        return left
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
    private mutating func parseOther() throws -> Expr {
        var left = try parseAdditive()
        while current.kind == .symbol, ["||", "~", "!~"].contains(current.text) {
            let token = advance()
            let right = try parseAdditive()
            if token.text == "||" {
                left = Expr(kind: .binary("||", left, right), position: token.position)
            } else {
                left = Expr(kind: .regexMatch(left, pattern: right, negated: token.text == "!~"), position: token.position)
            }
        }
        return left
    }

    private mutating func parseAdditive() throws -> Expr {
        var left = try parseMultiplicative()
        while isSymbol("+") || isSymbol("-") {
            let token = advance()
            left = Expr(kind: .binary(token.text, left, try parseMultiplicative()), position: token.position)
        }
        return left
    }

    private mutating func parseMultiplicative() throws -> Expr {
        var left = try parseExponent()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            let token = advance()
            left = Expr(kind: .binary(token.text, left, try parseExponent()), position: token.position)
        }
        return left
    }

    private mutating func parseExponent() throws -> Expr {
        var left = try parseUnary()
        while isSymbol("^") {
            let token = advance()
            left = Expr(kind: .binary("^", left, try parseUnary()), position: token.position)
        }
        return left
    }

    private mutating func parseUnary() throws -> Expr {
        if isSymbol("-") || isSymbol("+") {
            let token = advance()
            let operand = try parseUnary()
            if token.text == "-" {
                switch operand.kind {  // fold negative literals so -2147483648 is an int4
                case .integer(let t): return Expr(kind: .integer("-" + t), position: token.position)
                case .decimal(let t): return Expr(kind: .decimal("-" + t), position: token.position)
                case .float(let t): return Expr(kind: .float("-" + t), position: token.position)
                default: break
                }
            }
            return Expr(kind: .unary(token.text, operand), position: token.position)
        }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws -> Expr {
        var expression = try parsePrimary()
        while isSymbol("::") {
            let token = advance()
            expression = Expr(kind: .cast(expression, try parseTypeName()), position: token.position)
        }
        if isSymbol("[") { throw SQLError.unsupported("SUPER navigation with [ ]", at: current.position) }
        return expression
    }

    private mutating func parsePrimary() throws -> Expr {
        let token = current
        let position = token.position
        switch token.kind {
        case .number:
            index += 1
            if token.text.contains("e") || token.text.contains("E") { return Expr(kind: .float(token.text), position: position) }
            if token.text.contains(".") { return Expr(kind: .decimal(token.text), position: position) }
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
            if isSymbol(",") { throw SQLError.unsupported("row constructors", at: current.position) }
            try expectSymbol(")")
            return inner
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
            let text = advance().text
            return Expr(kind: .interval(text), position: position)
        case _ where ["date", "timestamp", "timestamptz", "time"].contains(token.text) && peek().kind == .string:
            let type = try parseTypeName()
            let literal = advance()
            return Expr(kind: .cast(Expr(kind: .string(literal.text), position: literal.position), type), position: position)
        case "trim" where peek().isSymbol("("): return try parseTrim()
        case "substring" where peek().isSymbol("("): return try parseSubstring()
        case "position" where peek().isSymbol("("): return try parsePosition()
        case "extract" where peek().isSymbol("("): return try parseExtract()
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
        var parts = [try parseIdentifier(allowReserved: true)]
        while isSymbol(".") {
            index += 1
            if isSymbol("*") {
                index += 1
                return Expr(kind: .star(qualifier: AST.Name(parts: parts, position: position)), position: position)
            }
            parts.append(try parseIdentifier(allowReserved: true))
        }
        let name = AST.Name(parts: parts, position: position)
        if isSymbol("(") { return Expr(kind: .function(try parseCall(name)), position: position) }
        return Expr(kind: .column(name), position: position)
    }

    private mutating func parseCall(_ name: AST.Name) throws -> AST.FunctionCall {
        try expectSymbol("(")
        var call = AST.FunctionCall(name: name, arguments: [])
        if consumeWord("distinct") { call.distinct = true } else { _ = consumeWord("all") }
        if !isSymbol(")") {
            call.arguments = try parseList { try $0.parseExpression() }
        }
        if consumeWords("ignore", "nulls") { call.ignoreNulls = true } else { _ = consumeWords("respect", "nulls") }
        if isWord("order") { throw SQLError.unsupported("ORDER BY inside an aggregate call", at: current.position) }
        try expectSymbol(")")
        if consumeWords("within", "group") {
            try expectSymbol("(")
            try expectWord("order")
            try expectWord("by")
            call.withinGroup = try parseList { try $0.parseOrderItem() }
            try expectSymbol(")")
        }
        if consumeWords("ignore", "nulls") { call.ignoreNulls = true } else { _ = consumeWords("respect", "nulls") }
        if consumeWord("over") { call.over = try parseWindow() }
        return call
    }

    private mutating func parseWindow() throws -> AST.Window {
        try expectSymbol("(")
        var window = AST.Window(partitionBy: [], orderBy: [], frame: nil)
        if consumeWords("partition", "by") { window.partitionBy = try parseList { try $0.parseExpression() } }
        if consumeWords("order", "by") { window.orderBy = try parseList { try $0.parseOrderItem() } }
        if isWord("range") || isWord("groups") { throw SQLError.unsupported("\(current.text.uppercased()) window frames", at: current.position) }
        if consumeWord("rows") {
            if consumeWord("between") {
                let start = try parseFrameBound()
                try expectWord("and")
                window.frame = AST.Frame(start: start, end: try parseFrameBound())
            } else {
                window.frame = AST.Frame(start: try parseFrameBound(), end: nil)
            }
        }
        try expectSymbol(")")
        return window
    }

    private mutating func parseFrameBound() throws -> AST.Frame.Bound {
        if consumeWords("unbounded", "preceding") { return .unboundedPreceding }
        if consumeWords("unbounded", "following") { return .unboundedFollowing }
        if consumeWords("current", "row") { return .currentRow }
        guard current.kind == .number, let n = Int(current.text) else { throw unexpected() }
        index += 1
        if consumeWord("preceding") { return .preceding(n) }
        if consumeWord("following") { return .following(n) }
        throw unexpected()
    }

    /// `expr [ASC|DESC] [NULLS FIRST|LAST]`.
    mutating func parseOrderItem() throws -> AST.OrderItem {
        let expression = try parseExpression()
        var descending = false
        if consumeWord("desc") { descending = true } else { _ = consumeWord("asc") }
        var nullsFirst: Bool?
        if consumeWord("nulls") {
            if consumeWord("first") { nullsFirst = true } else if consumeWord("last") { nullsFirst = false } else { throw unexpected() }
        }
        return AST.OrderItem(expression: expression, descending: descending, nullsFirst: nullsFirst)
    }

    private mutating func parseCase() throws -> Expr {
        let position = advance().position
        var operand: Expr?
        if !isWord("when") { operand = try parseExpression() }
        var whens: [AST.When] = []
        while consumeWord("when") {
            let condition = try parseExpression()
            try expectWord("then")
            whens.append(AST.When(condition: condition, result: try parseExpression()))
        }
        if whens.isEmpty { throw unexpected() }
        var otherwise: Expr?
        if consumeWord("else") { otherwise = try parseExpression() }
        try expectWord("end")
        return Expr(kind: .caseWhen(operand: operand, whens: whens, otherwise: otherwise), position: position)
    }

    private func call(_ name: String, _ args: [Expr], at position: Int) -> Expr {
        Expr(kind: .function(AST.FunctionCall(name: AST.Name(parts: [name], position: position), arguments: args)), position: position)
    }

    /// `TRIM([BOTH|LEADING|TRAILING] ['chars'] [FROM] s)` → btrim/ltrim/rtrim.
    private mutating func parseTrim() throws -> Expr {
        let position = advance().position
        try expectSymbol("(")
        var name = "btrim"
        if consumeWord("both") { name = "btrim" } else if consumeWord("leading") { name = "ltrim" } else if consumeWord("trailing") { name = "rtrim" }
        var args: [Expr]
        if consumeWord("from") {
            args = [try parseExpression()]
        } else {
            let first = try parseExpression()
            if consumeWord("from") { args = [try parseExpression(), first] } else if consumeSymbol(",") { args = [first, try parseExpression()] } else { args = [first] }
        }
        try expectSymbol(")")
        return call(name, args, at: position)
    }

    /// `SUBSTRING(s FROM p [FOR n])` or `SUBSTRING(s, p [, n])`.
    private mutating func parseSubstring() throws -> Expr {
        let position = advance().position
        try expectSymbol("(")
        var args = [try parseExpression()]
        if consumeWord("from") {
            args.append(try parseExpression())
            if consumeWord("for") { args.append(try parseExpression()) }
        } else if consumeWord("for") {
            args.append(Expr(kind: .integer("1"), position: position))
            args.append(try parseExpression())
        } else {
            while consumeSymbol(",") { args.append(try parseExpression()) }
        }
        try expectSymbol(")")
        return call("substring", args, at: position)
    }

    /// `POSITION(sub IN s)` → strpos(s, sub).
    private mutating func parsePosition() throws -> Expr {
        let position = advance().position
        try expectSymbol("(")
        let sub = try parseOther()
        try expectWord("in")
        let string = try parseExpression()
        try expectSymbol(")")
        return call("strpos", [string, sub], at: position)
    }

    /// `EXTRACT(part FROM x)`.
    private mutating func parseExtract() throws -> Expr {
        let position = advance().position
        try expectSymbol("(")
        let partToken = advance()
        guard partToken.kind == .word || partToken.kind == .string || partToken.kind == .quotedIdentifier else { index -= 1; throw unexpected() }
        try expectWord("from")
        let value = try parseExpression()
        try expectSymbol(")")
        let part = Expr(kind: .string(partToken.text.lowercased()), position: partToken.position)
        return call("extract", [part, value], at: position)
    }
}
