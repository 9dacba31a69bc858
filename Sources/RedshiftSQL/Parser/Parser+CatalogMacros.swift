/// Catalog functions that read the catalog row by row (`pg_get_userbyid(c.relowner)`,
/// `pg_table_is_visible(c.oid)`, `pg_get_viewdef(c.oid)` …), expanded where they are parsed into
/// the scalar subqueries over the catalog views that compute them, so they correlate, join and
/// filter like any expression. The arguments' tokens are spliced into the template as written.
///
/// - Redshift: system information functions (r_System_information_functions) and the PostgreSQL
///   8.0 catalog functions psql, SQLAlchemy and dbt call (pgwire.md "What tools query").
extension Parser {
    /// One expansion: the SQL template (arguments as `rs_arg1`, `rs_arg2`, … spliced in
    /// parentheses) for each accepted argument count. Templates read the internal relations, whose
    /// columns are all `rs_…`, so an unqualified argument (`oid`) never binds inside the template.
    struct CatalogMacro {
        let templates: [Int: String]
    }

    static let catalogMacros: [String: CatalogMacro] = [
        // PostgreSQL 8.0 prints `unknown (UID=n)` for a user id nobody has.
        "pg_get_userbyid": CatalogMacro(templates: [1: """
            coalesce((SELECT min(rs_u.rs_usename) FROM pg_catalog._rs_user_names AS rs_u WHERE rs_u.rs_usesysid = rs_arg1),
                     'unknown (UID=' || CAST(rs_arg1 AS varchar(20)) || ')')
            """]),
        "pg_table_is_visible": CatalogMacro(templates: [1: """
            EXISTS (SELECT 1 FROM pg_catalog._rs_visible_relations AS rs_v WHERE rs_v.rs_oid = rs_arg1)
            """]),
        "pg_get_viewdef": CatalogMacro(templates: [1: viewDefinition, 2: viewDefinition]),
        "pg_get_constraintdef": CatalogMacro(templates: [1: constraintDefinition, 2: constraintDefinition]),
        // The index of a primary or unique key: its CREATE INDEX, or with a column number its column.
        "pg_get_indexdef": CatalogMacro(templates: [1: constraintDefinition, 3: """
            CASE WHEN rs_arg2 = 0 THEN \(constraintDefinition)
                 ELSE (SELECT min(rs_i.rs_attname) FROM pg_catalog._rs_index_columns AS rs_i WHERE rs_i.rs_oid = rs_arg1 AND rs_i.rs_attnum = rs_arg2) END
            """]),
        // No triggers (pg_trigger is empty): never called on a row.
        "pg_get_triggerdef": CatalogMacro(templates: [1: "CAST(NULL AS varchar(256))", 2: "CAST(NULL AS varchar(256))"]),
        "obj_description": CatalogMacro(templates: [1: objectDescription(subid: "0"), 2: objectDescription(subid: "0")]),
        "col_description": CatalogMacro(templates: [2: objectDescription(subid: "rs_arg2")]),
        // The default expression is kept as text: pg_attrdef.adbin is that text already.
        "pg_get_expr": CatalogMacro(templates: [2: "CAST(rs_arg1 AS varchar(4000))", 3: "CAST(rs_arg1 AS varchar(4000))"]),
        // Every database is UTF8 (encoding 6), as in Redshift.
        "pg_encoding_to_char": CatalogMacro(templates: [1: "CASE rs_arg1 WHEN 6 THEN 'UTF8' WHEN 0 THEN 'SQL_ASCII' ELSE '' END"]),
        // sqlalchemy-redshift's format_encoding(attencodingtype): the code → the encoding's name.
        "format_encoding": CatalogMacro(templates: [1: "rs_encoding_name(rs_arg1)"]),
        "array_to_string": CatalogMacro(templates: [2: "rs_array_to_string(rs_arg1, rs_arg2)"]),
    ]

    private static let viewDefinition = """
        (SELECT min(rs_d.rs_definition) FROM pg_catalog._rs_relation_definitions AS rs_d WHERE rs_d.rs_oid = rs_arg1)
        """
    private static let constraintDefinition = """
        (SELECT min(rs_d.rs_definition) FROM pg_catalog._rs_relation_definitions AS rs_d WHERE rs_d.rs_oid = rs_arg1)
        """
    private static func objectDescription(subid: String) -> String {
        """
        (SELECT min(rs_d.rs_description) FROM pg_catalog._rs_descriptions AS rs_d WHERE rs_d.rs_objoid = rs_arg1 AND rs_d.rs_objsubid = \(subid))
        """
    }

    /// Whether the current token starts a call of a catalog macro named `name`.
    func isCatalogMacroCall(_ name: AST.Name) -> Bool {
        guard isSymbol("("), let last = name.parts.last else { return false }
        guard name.parts.count == 1 || (name.parts.count == 2 && name.parts[0] == "pg_catalog") else { return false }
        return Self.catalogMacros[last] != nil
    }

    /// Expands the macro call at the current `(`.
    mutating func parseCatalogMacroCall(_ name: AST.Name) throws -> AST.Expression {
        let arguments = try argumentTokens()
        guard let macro = Self.catalogMacros[name.last], let template = macro.templates[arguments.count] else {
            throw SQLError.undefinedFunction("\(name.last)(\(arguments.map { _ in "unknown" }.joined(separator: ", ")))", at: name.position)
        }
        return Self.expanded(name.last, try expand(template, arguments: arguments, at: name.position))
    }

    /// The schema of `expanded(_:_:)`'s marker calls.
    static let expansionSchema = "_rs_expanded"

    /// `expansion` marked with the function it stands for, so the result column is named after
    /// the function (`pg_get_constraintdef`), as PostgreSQL names it; the Analyzer binds the
    /// marker as its argument.
    static func expanded(_ function: String, _ expansion: AST.Expression) -> AST.Expression {
        let name = AST.Name(parts: [expansionSchema, function], position: expansion.position)
        return AST.Expression(kind: .function(AST.FunctionCall(name: name, arguments: [expansion])), position: expansion.position)
    }

    /// The tokens of each top-level argument between the current `(` and its `)`, consumed.
    mutating func argumentTokens() throws -> [[Token]] {
        try expectSymbol("(")
        var arguments: [[Token]] = []
        var argument: [Token] = []
        var nesting = 0
        while true {
            let token = current
            if token.kind == .end { throw unexpected() }
            if token.isSymbol("(") || token.isSymbol("[") { nesting += 1 }
            if token.isSymbol(")") || token.isSymbol("]") {
                if nesting == 0 { break }
                nesting -= 1
            }
            if token.isSymbol(","), nesting == 0 {
                if argument.isEmpty { throw unexpected() }
                arguments.append(argument)
                argument = []
                index += 1
                continue
            }
            argument.append(token)
            index += 1
        }
        index += 1
        if !argument.isEmpty { arguments.append(argument) } else if !arguments.isEmpty { throw unexpected() }
        return arguments
    }

    /// Parses `template` as an expression with `rs_argN` replaced by the N-th argument's tokens in
    /// parentheses (bare when `parenthesize` is false). Template tokens carry `position`, so
    /// errors inside point at the call.
    mutating func expand(_ template: String, arguments: [[Token]], at position: Int, parenthesize: Bool = true) throws -> AST.Expression {
        var expanded: [Token] = []
        for var token in try Lexer.tokenize(template) where token.kind != .comment && token.kind != .end {
            if token.kind == .word, token.text.hasPrefix("rs_arg"), let n = Int(token.text.dropFirst(6)), (1...arguments.count).contains(n) {
                let open = Token(kind: .symbol, text: "(", position: position, end: position)
                let close = Token(kind: .symbol, text: ")", position: position, end: position)
                expanded += parenthesize ? [open] + arguments[n - 1] + [close] : arguments[n - 1]
                continue
            }
            token.position = position
            token.end = position
            expanded.append(token)
        }
        expanded.append(Token(kind: .end, text: "", position: position, end: position))
        var inner = Parser(tokens: expanded, source: source)
        inner.depth = depth
        let expression = try inner.parseExpression()
        guard inner.current.kind == .end else { throw inner.unexpected() }
        return expression
    }

    /// `OPERATOR(schema.op)` as psql writes its regex matches (`OPERATOR(pg_catalog.~)`): the
    /// operator's symbol; the schema may only be pg_catalog.
    mutating func parseOperatorName() throws -> String {
        index += 1  // OPERATOR
        try expectSymbol("(")
        if current.kind == .word {
            guard advance().text == "pg_catalog" else { index -= 1; throw unexpected() }
            try expectSymbol(".")
        }
        var symbol = ""
        while current.kind == .symbol, !isSymbol(")") { symbol += advance().text }
        try expectSymbol(")")
        return symbol
    }

    /// `ARRAY(subquery)`: the rows as one array text `{a,b}` (psql's `\du` memberof), and
    /// `ARRAY[a, b]`: the elements as one array text. Arrays are text in the emulator.
    mutating func parseArrayConstructor() throws -> AST.Expression {
        let position = advance().position
        if isSymbol("[") {
            index += 1
            var items: [AST.Expression] = []
            if !isSymbol("]") { items = try parseList { try $0.parseExpression() } }
            try expectSymbol("]")
            let parts = items.map { call("rs_array_element", [$0], at: position) }
            var text = AST.Expression(kind: .string("{"), position: position)
            for (offset, part) in parts.enumerated() {
                if offset > 0 { text = AST.Expression(kind: .binary("||", text, AST.Expression(kind: .string(","), position: position)), position: position) }
                text = AST.Expression(kind: .binary("||", text, part), position: position)
            }
            return AST.Expression(kind: .binary("||", text, AST.Expression(kind: .string("}"), position: position)), position: position)
        }
        if !peek().isWord("select") {
            // ARRAY(value, …): the SUPER array constructor (r_array, Analyzer+Super.swift).
            return AST.Expression(kind: .function(try parseCall(AST.Name(parts: ["array"], position: position))), position: position)
        }
        let arguments = try argumentTokens()
        guard arguments.first?.first?.isWord("select") == true else { throw SQLError.unsupported("ARRAY(…) of anything but a subquery", at: position) }
        guard arguments.count == 1 else { throw SQLError(code: "42601", message: "subquery must return only one column", position: position) }
        return try expand("""
            (SELECT '{' || coalesce(listagg(rs_array_element(rs_a.rs_x), ','), '') || '}' FROM (rs_arg1) AS rs_a (rs_x))
            """, arguments: arguments, at: position, parenthesize: false)
    }

    /// `pg_get_late_binding_view_cols() alias(view_schema name, view_name name, col_name name,
    /// col_type varchar, col_num int)` in FROM: the columns of late-binding views.
    mutating func parseCatalogTableFunction(_ name: AST.Name) throws -> AST.TableReference {
        guard name.last == "pg_get_late_binding_view_cols", name.parts.count == 1 || name.parts[0] == "pg_catalog" else {
            throw SQLError.unsupported("table function \(name.dotted)()", at: name.position)
        }
        try expectSymbol("(")
        try expectSymbol(")")
        guard let alias = try parseAlias() else {
            throw SQLError(code: "42601", message: "a column definition list is required for functions returning \"record\"", position: current.position)
        }
        var columns: [String] = []
        if consumeSymbol("(") {
            columns = try parseList { parser -> String in
                let column = try parser.parseIdentifier(allowReserved: true)
                _ = try parser.parseTypeName()
                return column
            }
            try expectSymbol(")")
        }
        guard columns.count == 5 else {
            throw SQLError(code: "42601", message: "a column definition list is required for functions returning \"record\"", position: current.position)
        }
        var inner = Parser(tokens: try Lexer.tokenize("SELECT * FROM pg_catalog._rs_late_binding_view_cols").map {
            var token = $0
            token.position = name.position
            token.end = name.position
            return token
        }, source: source)
        let query = try inner.parseQuery()
        return .subquery(query, alias: alias, columns: columns, position: name.position)
    }
}

extension Parser {
    /// `'schema.table'::regclass`: the OID of the relation the text names (unqualified: the one
    /// the search path finds); NULL when there is none. Any other `::regclass` is an integer cast
    /// (`parseTypeName`) when cast on to an integer, else the relation's name. nil when the cast
    /// is not to regclass.
    mutating func parseRegclassCast(_ expression: AST.Expression, tokens: [Token], at position: Int) throws -> AST.Expression? {
        let prefixed = isWord("pg_catalog") && peek().isSymbol(".")
        guard peek(prefixed ? 2 : 0).isWord("regclass") else { return nil }
        let next = prefixed ? 3 : 1
        let following = peek(next).isSymbol("::") ? (peek(next + 1).isWord("pg_catalog") ? peek(next + 3) : peek(next + 1)) : peek(next)
        let asInteger = peek(next).isSymbol("::") && following.kind == .word && ["oid", "int", "integer", "int4", "int8", "bigint"].contains(following.text)
        guard case .string(let text) = expression.kind else {
            // `oid::regclass` prints the relation's name, unless cast on to an integer (`::oid`).
            if asInteger { return nil }
            index += next
            return try expand("""
                coalesce((SELECT min(rs_c.rs_relname) FROM pg_catalog._rs_relation_names AS rs_c WHERE rs_c.rs_oid = rs_arg1), CAST(rs_arg1 AS varchar(20)))
                """, arguments: [tokens], at: position)
        }
        index += next
        var parts: [String] = []
        for token in try Lexer.tokenize(text) where token.kind != .end {
            switch token.kind {
            case .word: parts.append(token.text)
            case .quotedIdentifier: parts.append(token.text.lowercased())
            case .symbol where token.text == "." && !parts.isEmpty: continue
            default: throw SQLError(code: "42602", message: "invalid name syntax", position: position)
            }
        }
        func literal(_ value: String) -> String { "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }
        let oid: String
        switch parts.count {
        case 1:
            oid = "(SELECT min(rs_v.rs_oid) FROM pg_catalog._rs_visible_relations AS rs_v WHERE rs_v.rs_relname = \(literal(parts[0])))"
        case 2:
            oid = """
                (SELECT min(rs_c.oid) FROM pg_catalog.pg_class AS rs_c JOIN pg_catalog.pg_namespace AS rs_n ON rs_n.oid = rs_c.relnamespace
                 WHERE rs_n.nspname = \(literal(parts[0])) AND rs_c.relname = \(literal(parts[1])))
                """
        default:
            throw SQLError(code: "42602", message: "invalid name syntax", position: position)
        }
        if asInteger { return try expand(oid, arguments: [], at: position) }
        return try expand("(SELECT min(rs_n.rs_relname) FROM pg_catalog._rs_relation_names AS rs_n WHERE rs_n.rs_oid = \(oid))", arguments: [], at: position)
    }
}
