/// The SQLite function the engine installs on its connections to carry out PG_CANCEL_BACKEND and
/// PG_TERMINATE_BACKEND: `rs_signal_backend(pid, signal, user, is_superuser, own_pid)`, returning
/// 1 when a session or running statement with that pid was signalled, 0 when there is none.
public enum BackendSignalFunction {
    public static let name = "rs_signal_backend"
    public static let argumentCount = 5
    /// The `signal` argument.
    public enum Signal: Int64, Sendable {
        /// PG_CANCEL_BACKEND: cancel the statement the session runs.
        case cancel = 0
        /// PG_TERMINATE_BACKEND: end the session (its transaction rolls back, its connection closes).
        case terminate = 1
    }
}

/// PG_CANCEL_BACKEND(pid) and PG_TERMINATE_BACKEND(pid).
///
/// - Redshift: PG_CANCEL_BACKEND (PG_CANCEL_BACKEND): "You can cancel queries currently being run
///   by your user. Superusers can cancel any query." PG_TERMINATE_BACKEND (PG_TERMINATE_BACKEND):
///   "You can terminate a session owned by your user. A superuser can terminate any session." Both
///   take an INTEGER pid. The calling user, whether it is a superuser and its own pid are passed
///   to the engine's function as constants.
extension Analyzer {
    func bindBackendSignal(_ name: String, args: [Expr], position: Int) throws -> Expr? {
        let signal: BackendSignalFunction.Signal
        switch name {
        case "pg_cancel_backend": signal = .cancel
        case "pg_terminate_backend": signal = .terminate
        default: return nil
        }
        guard args.count == 1 else {
            throw SQLError.undefinedFunction("\(name)(\(args.map { $0.type == .unknown ? "unknown" : $0.type.formatTypeName }.joined(separator: ", ")))", at: position)
        }
        let superuser = ((try? queryingPrincipal())??.isSuperuser ?? false) || context.isSuperuser
        let user = context.currentUser
        return .call(BackendSignalFunction.name, [
            try coerce(args[0], to: .integer),
            Expr.literal(.integer(signal.rawValue), .integer),
            Expr.literal(.text(user), .varchar(length: max(user.utf8.count, 1))),
            Expr.literal(.integer(superuser ? 1 : 0), .integer),
            Expr.literal(.integer(context.backendPid ?? 0), .bigint),
        ], type: .integer, nullable: true)
    }
}
