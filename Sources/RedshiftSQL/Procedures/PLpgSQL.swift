/// The parsed body of a Redshift stored procedure (PL/pgSQL), as `PLParser` builds it and the
/// engine's interpreter runs it.
///
/// SQL inside the body stays SQL: each statement and expression is a `PLFragment` (its text and the
/// line it starts on) that the interpreter binds (variables become `$n` arguments) and runs through
/// the same Translator path as a top-level statement.
///
/// - Redshift: Supported PL/pgSQL statements (c_PLpgSQL-statements), PL/pgSQL language elements
///   (c_PLpgSQL-language-elements).
public enum PLpgSQL {}

extension PLpgSQL {
    /// SQL text inside a body: a statement, an expression or a condition.
    public struct Fragment: Sendable, Equatable {
        public var text: String
        /// 1-based line inside the body.
        public var line: Int

        public init(text: String, line: Int) {
            self.text = text
            self.line = line
        }
    }

    /// A declared variable's type.
    public enum VariableType: Sendable, Equatable {
        case scalar(RedshiftType)
        /// `RECORD` or `table%ROWTYPE`: fields come from the row assigned to it.
        case record
        case refcursor
        /// `table.column%TYPE` or `variable%TYPE`: resolved when the block runs.
        case typeOf(String)
    }

    /// `name [CONSTANT] type [NOT NULL] [{DEFAULT | := | =} expression]`, or `name CURSOR FOR query`.
    public struct Declaration: Sendable, Equatable {
        public var name: String
        public var type: VariableType
        public var initial: Fragment?
        /// A bound cursor's query (`name CURSOR [(args)] FOR query`).
        public var cursorQuery: Fragment?
        /// A bound cursor's arguments (`curs3 CURSOR (key integer) IS …`), given at OPEN.
        public var cursorParameters: [CursorParameter] = []
    }

    /// One argument of a bound cursor: a name the query uses and its type.
    public struct CursorParameter: Sendable, Equatable {
        public var name: String
        public var type: RedshiftType
    }

    /// `[<<label>>] [DECLARE …] BEGIN … [EXCEPTION WHEN … THEN …] END [label]`.
    public struct Block: Sendable, Equatable {
        public var label: String?
        public var declarations: [Declaration]
        public var body: [Statement]
        /// nil: no EXCEPTION section.
        public var handlers: [Handler]?
    }

    /// `WHEN condition [OR condition] THEN statements`; OTHERS catches everything.
    public struct Handler: Sendable, Equatable {
        public var conditions: [String]
        public var body: [Statement]
    }

    /// One RAISE: level (INFO, NOTICE, LOG, WARNING, EXCEPTION), format with `%` placeholders, arguments.
    public struct Raise: Sendable, Equatable {
        public var level: String
        public var format: String
        public var arguments: [Fragment]
    }

    /// What a FOR loop iterates.
    public enum ForSource: Sendable, Equatable {
        case range(low: Fragment, high: Fragment, step: Fragment?, reverse: Bool)
        case query(Fragment)
        /// `FOR r IN EXECUTE expression LOOP`.
        case dynamic(Fragment)
    }

    /// One statement of a body, with the line it starts on.
    public indirect enum Statement: Sendable, Equatable {
        case block(Block)
        /// `target := expression` (target may be `record.field`).
        case assign(target: String, expression: Fragment)
        /// Any SQL statement; `into` holds SELECT … INTO's targets (`strict` for INTO STRICT).
        case sql(Fragment, into: [String], strict: Bool)
        /// `PERFORM query`: run, discard the rows, set FOUND.
        case perform(Fragment)
        case ifChain(branches: [(condition: Fragment, body: [Statement])], otherwise: [Statement]?)
        /// `CASE [operand] WHEN values THEN … [ELSE …] END CASE`.
        case caseChain(operand: Fragment?, branches: [(values: Fragment, body: [Statement])], otherwise: [Statement]?, line: Int)
        case loop(label: String?, body: [Statement])
        case whileLoop(label: String?, condition: Fragment, body: [Statement])
        /// `variable` is one name, or for a query several joined by commas (`FOR x, y IN SELECT …`).
        case forLoop(label: String?, variable: String, source: ForSource, body: [Statement])
        case exit(label: String?, when: Fragment?)
        case continueLoop(label: String?, when: Fragment?)
        case returnStatement
        case raise(Raise, line: Int)
        /// `EXECUTE expression [INTO target, …]`.
        case execute(Fragment, into: [String])
        /// `GET DIAGNOSTICS target := ROW_COUNT`.
        case getDiagnostics(target: String, item: String)
        /// `COMMIT` / `ROLLBACK` (nonatomic transaction control inside a procedure).
        case commit(line: Int), rollback(line: Int)
        /// `CALL name(arguments)`: INOUT arguments that are variables get the results back.
        case call(name: String, arguments: [Fragment], line: Int)
        /// `OPEN cursor [FOR query]`.
        case open(cursor: String, query: Fragment?, line: Int)
        /// `OPEN cursor FOR EXECUTE expression`.
        case openExecute(cursor: String, expression: Fragment, line: Int)
        /// `OPEN bound_cursor(argument, …)`.
        case openBound(cursor: String, arguments: [Fragment], line: Int)
        /// `CLOSE cursor`.
        case close(cursor: String)
        /// `FETCH cursor INTO targets`.
        case fetch(cursor: String, into: [String], line: Int)
        case null

        public static func == (a: Statement, b: Statement) -> Bool { "\(a)" == "\(b)" }
    }
}
