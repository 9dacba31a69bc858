extension AST {
    /// Stored procedures and SQL user-defined functions (Parser+Procedure.swift).
    enum ProcedureStatement: Equatable, Sendable {
        case create(CreateRoutine)
        /// `CALL name(arguments)` (r_CALL_procedure).
        /// The arguments as written (each parsed as an expression first).
        case call(name: Name, arguments: [String], position: Int)
        /// `DROP PROCEDURE|FUNCTION [IF EXISTS] name [(argument types)]`; nil types: the only one of that name.
        case drop(function: Bool, name: Name, argumentTypes: [RedshiftType]?, ifExists: Bool, position: Int)
        /// `ALTER PROCEDURE name(types) RENAME TO new | OWNER TO user`.
        case alter(name: Name, argumentTypes: [RedshiftType]?, renameTo: String?, ownerTo: String?, position: Int)
        /// `SHOW PROCEDURE name [(types)]`.
        case show(name: Name, argumentTypes: [RedshiftType]?, position: Int)
        /// `GRANT|REVOKE EXECUTE ON PROCEDURE|FUNCTION name(types) TO|FROM grantees`.
        case grantExecute(function: Bool, name: Name, argumentTypes: [RedshiftType]?, grantees: [String], revoke: Bool, position: Int)
    }

    /// CREATE [OR REPLACE] PROCEDURE … or CREATE [OR REPLACE] FUNCTION … (r_CREATE_PROCEDURE, r_CREATE_FUNCTION).
    struct CreateRoutine: Equatable, Sendable {
        var name: Name
        var orReplace: Bool
        var isFunction: Bool
        var arguments: [RoutineArgument]
        var body: String
        var language: String
        var nonatomic = false
        var securityDefiner = false
        /// `SET search_path TO …` on the procedure.
        var searchPath: String?
        /// Functions: RETURNS type and VOLATILE | STABLE | IMMUTABLE.
        var returns: RedshiftType?
        var volatility = "volatile"
        var position: Int
    }
}

/// One declared argument of a procedure or function.
public struct RoutineArgument: Equatable, Sendable {
    public enum Mode: String, Sendable { case `in`, out, `inout` }
    public var name: String?
    public var mode: Mode
    public var type: RedshiftType
    /// Declared `refcursor` (a cursor's name, a varchar on the wire).
    public var isRefcursor = false

    public init(name: String?, mode: Mode, type: RedshiftType, isRefcursor: Bool = false) {
        self.name = name
        self.mode = mode
        self.type = type
        self.isRefcursor = isRefcursor
    }
}
