import Engine

/// What the engine's sessions ask of a connection beyond running statements: where the client
/// comes from (STL_CONNECTION_LOG) and closing the connection when PG_TERMINATE_BACKEND ends its
/// session.
extension PGConnection {
    /// The client's address and `application_name`, for the engine's connection log.
    static func origin(of transport: some ClientTransport, startup: ConnectionStateMachine.Startup) -> ConnectionOrigin {
        let peer = transport.peer
        return ConnectionOrigin(host: peer?.host ?? "local", port: peer?.port,
                                applicationName: startup.parameters["application_name"])
    }

    /// Waits, beside the connection, for its session to end; when PG_TERMINATE_BACKEND ended it,
    /// sends FATAL 57P01 `terminating connection due to administrator command` (PostgreSQL's
    /// words) and closes the connection. Returns when the session ends either way.
    static func watchTermination(of sessionId: String, engine: RedshiftEngine, transport: some ClientTransport) {
        Task {
            guard await engine.waitForTermination(ofSession: sessionId) else { return }
            let notice = BackendMessage.Notice(severity: "FATAL", code: "57P01",
                                               message: "terminating connection due to administrator command")
            await transport.terminate(with: notice)
        }
    }
}
