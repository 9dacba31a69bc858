import Foundation

/// Whether a session can take a statement (Data API `SessionStatusString`).
public enum SessionStatus: String, Sendable {
    case available = "AVAILABLE"
    case busy = "BUSY"
    case closed = "CLOSED"
}

/// A session as it is at one instant (ListSessions, the console).
public struct SessionSnapshot: Sendable {
    public var id: String
    public var target: Target
    public var database: String
    public var dbUser: String
    public var caller: Caller
    public var createdAt: Date
    public var updatedAt: Date
    public var keepAliveSeconds: Int
    /// When it closes if nothing else runs in it.
    public var expiresAt: Date
    public var status: SessionStatus
    /// The statement it runs, when BUSY.
    public var currentStatementId: String?
    /// The backend pid of the session's connection (PG_BACKEND_PID(), BackendKeyData).
    public var redshiftPid: Int64
}

extension RedshiftEngine {
    /// Every session known (open, and closed ones of the last 24 hours), newest first.
    public func sessionSnapshots() -> [SessionSnapshot] {
        let now = clock.now()
        return sessions.state.withLock { sessions in
            sessions.values.sorted { $0.createdAt > $1.createdAt }.map { session in
                let status = session.status(at: now)
                return SessionSnapshot(id: session.id, target: session.target, database: session.database,
                                       dbUser: session.dbUser, caller: session.caller, createdAt: session.createdAt,
                                       updatedAt: session.updatedAt, keepAliveSeconds: session.keepAliveSeconds,
                                       expiresAt: session.expiresAt, status: status,
                                       currentStatementId: status == .busy ? session.currentStatementId : nil,
                                       redshiftPid: session.connection.pid)
            }
        }
    }
}
