import Engine
import NIOCore

/// What the engine's sessions ask of a connection beyond running statements (h-sess): where the
/// client comes from (STL_CONNECTION_LOG), the SQLSTATE of a refused session, and closing the
/// connection when PG_TERMINATE_BACKEND ends its session.
extension PGConnection {
    /// The client's address and `application_name`, for the engine's connection log.
    static func origin(of channel: any Channel, startup: ConnectionStateMachine.Startup) -> ConnectionOrigin {
        let address = channel.remoteAddress
        return ConnectionOrigin(host: address?.ipAddress ?? "local", port: address?.port,
                                applicationName: startup.parameters["application_name"])
    }

    /// The SQLSTATE of a failed session open: 53300 (too_many_connections) for a connection limit,
    /// else 3D000 (the database does not exist).
    static func sqlState(ofSessionError error: any Error) -> String {
        (error as? EngineError)?.kind == .tooManyConnections ? "53300" : "3D000"
    }

    /// The message of a failed session open: the engine's own words.
    static func message(ofSessionError error: any Error) -> String {
        (error as? EngineError)?.message ?? "\(error)"
    }

    /// Waits, beside the connection, for its session to end; when PG_TERMINATE_BACKEND ended it,
    /// sends FATAL 57P01 `terminating connection due to administrator command` (PostgreSQL's
    /// words) and closes the connection. Returns when the session ends either way.
    static func watchTermination(of sessionId: String, engine: RedshiftEngine, channel: any Channel) {
        Task {
            guard await engine.waitForTermination(ofSession: sessionId) else { return }
            let notice = BackendMessage.Notice(severity: "FATAL", code: "57P01",
                                               message: "terminating connection due to administrator command")
            // Straight into the pipeline (the encoder is in it), flushed before the close.
            try? await channel.writeAndFlush(BackendMessage.errorResponse(notice))
            try? await channel.close()
        }
    }
}
