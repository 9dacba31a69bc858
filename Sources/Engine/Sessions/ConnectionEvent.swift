import Foundation

/// A cluster-endpoint connection's session opened or closed, as recordings (`serve --record`)
/// see it: the connect and disconnect of one PostgreSQL connection.
public struct ConnectionEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case connect
        case disconnect
    }

    public var kind: Kind
    /// The engine session the connection's statements run in (``StatementEvent/sessionId``).
    public var sessionId: String
    /// `cluster` or `workgroup`, and its name.
    public var targetKind: String
    public var targetName: String
    public var database: String
    public var dbUser: String
    /// The connection's process id (BackendKeyData, `pg_backend_pid()`, the system tables' `pid`).
    public var redshiftPid: Int64
    /// When the session opened (`connect`) or closed (`disconnect`).
    public var time: Date
    /// When the session opened, for both kinds.
    public var openedAt: Date
    /// Where the connection comes from, when the door tells (STL_CONNECTION_LOG's `remotehost`
    /// and `application_name`).
    public var remoteHost: String? = nil
    public var applicationName: String? = nil
}

extension StatementEventSink {
    /// Receives connection sessions opening and closing; sinks that only want statements ignore it.
    public func connectionChanged(_ event: ConnectionEvent) {}
}
