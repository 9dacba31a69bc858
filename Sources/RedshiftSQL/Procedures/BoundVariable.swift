/// A PL/pgSQL variable's value bound into a statement of a procedure body as `$n` (the interpreter
/// rewrites each variable reference to `$n` and hands the values here, in order).
///
/// The value reaches SQLite as a bound argument cast to the variable's type, never spliced into text.
public struct BoundVariable: Sendable, Equatable {
    /// The value as Redshift prints it (`RedshiftType.text(of:)`); nil for NULL.
    public var text: String?
    public var type: RedshiftType

    public init(text: String?, type: RedshiftType) {
        self.text = text
        self.type = type
    }

    /// `CAST(:pl_n AS type)`, the argument named `parameter` holding the text.
    func expression(parameter: String) -> AST.Expression {
        let type = self.type == .unknown ? RedshiftType.varchar(length: 65535) : self.type
        let value = AST.Expression(kind: text == nil ? .null : .parameter(parameter), position: 0)
        return AST.Expression(kind: .cast(value, AST.TypeName(type: type)), position: 0)
    }
}

extension TranslationContext {
    /// Parameter name of the n-th (0-based) bound variable.
    static func variableParameter(_ index: Int) -> String { "__pl_\(index + 1)" }
}
