/// A statement lexed and parsed once, when it is submitted: everything the engine needs before it
/// runs (parameters, class, fingerprint, log text), and the tree `Translator.translate(_:context:)`
/// analyzes when it runs.
///
/// A syntax error is kept, not thrown: the statement is registered like any other and fails when it
/// runs, with the error and position the parser reported.
///
/// ```swift
/// let parsed = Translator.parse("/* c */ SELECT * FROM t WHERE id = :id")
/// parsed.parameterNames   // ["id"]
/// parsed.statementClass   // .query
/// parsed.fingerprint      // "select * from t where id = :id"
/// ```
public struct ParsedStatement: Sendable {
    /// The text as submitted.
    public let text: String
    /// The `:name` parameters in order of first appearance, without duplicates; never inside
    /// literals, quoted identifiers, comments or `$$` bodies, and `::` is a cast.
    public let parameterNames: [String]
    /// What the statement does (from the parse, or from its leading words when it does not parse).
    public let statementClass: StatementClass
    /// The normalized text shared by runs with other literals (`SQLFingerprint`).
    public let fingerprint: String
    /// The text for logs and system tables, secrets masked (`PASSWORD '***'`; see `LogText`).
    public let logText: String
    /// The parse tree, or the lexical or syntax error the statement fails with when it runs.
    let syntax: Result<AST.Statement, SQLError>

    /// The error the statement fails with when it runs because it does not lex or parse
    /// (SQLSTATE 42601 with the position; 0A000 for constructs not supported); nil when it parsed.
    public var syntaxError: SQLError? {
        if case .failure(let error) = syntax { return error }
        return nil
    }

    /// The parse tree as a one-line S-expression (`ASTPrinter`), for tests and debugging; nil when
    /// the statement did not parse.
    public var syntaxTree: String? { try? syntax.get().tree }

    init(_ sql: String) {
        let lexed = LexedStatement(sql)
        let syntax: Result<AST.Statement, SQLError>
        if let error = lexed.error {
            syntax = .failure(error)
        } else {
            var parser = Parser(tokens: lexed.tokens, source: lexed.source)
            do {
                syntax = .success(try parser.parseOnlyStatement())
            } catch let error as SQLError {
                syntax = .failure(error)
            } catch {
                syntax = .failure(SQLError(code: "XX000", message: "\(error)"))
            }
        }
        text = sql
        parameterNames = lexed.parameterNames
        fingerprint = lexed.fingerprint
        logText = LogText.masking(sql, lexed: lexed)
        switch syntax {
        case .success(let statement): statementClass = StatementClass(statement)
        case .failure: statementClass = StatementClass(leading: lexed.tokens)
        }
        self.syntax = syntax
    }
}
