/// Function calls with their Redshift extras (DISTINCT, WITHIN GROUP, IGNORE NULLS, OVER) and the
/// SQL-standard special forms: CASE, TRIM, SUBSTRING … FROM … FOR, POSITION … IN, EXTRACT … FROM.
extension Parser {
    mutating func parseCall(_ name: AST.Name) throws -> AST.FunctionCall {
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

    mutating func parseWindow() throws -> AST.Window {
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

    mutating func parseFrameBound() throws -> AST.Frame.Bound {
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

    mutating func parseCase() throws -> Expr {
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

    func call(_ name: String, _ args: [Expr], at position: Int) -> Expr {
        Expr(kind: .function(AST.FunctionCall(name: AST.Name(parts: [name], position: position), arguments: args)), position: position)
    }

    /// `TRIM([BOTH|LEADING|TRAILING] ['chars'] [FROM] s)` → btrim/ltrim/rtrim.
    mutating func parseTrim() throws -> Expr {
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
    mutating func parseSubstring() throws -> Expr {
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
    mutating func parsePosition() throws -> Expr {
        let position = advance().position
        try expectSymbol("(")
        let sub = try parseOther()
        try expectWord("in")
        let string = try parseExpression()
        try expectSymbol(")")
        return call("strpos", [string, sub], at: position)
    }

    /// `APPROXIMATE COUNT(DISTINCT x)` or `APPROXIMATE PERCENTILE_DISC(p) WITHIN GROUP (…)` (r_COUNT,
    /// r_APPROXIMATE_PERCENTILE_DISC).
    mutating func parseApproximate() throws -> Expr {
        let position = advance().position
        let nameToken = advance()
        guard ["count", "percentile_disc"].contains(nameToken.text), isSymbol("(") else { index -= 1; throw unexpected() }
        var call = try parseCall(AST.Name(parts: [nameToken.text], position: nameToken.position))
        call.approximate = true
        return Expr(kind: .function(call), position: position)
    }

    /// `EXTRACT(part FROM x)`.
    mutating func parseExtract() throws -> Expr {
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
