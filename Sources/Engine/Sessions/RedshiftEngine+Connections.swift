import Foundation
import GRDB
import RedshiftSQL

/// Where a connection's session stands between statements: ReadyForQuery's `I`, `T` or `E`.
public enum SessionTransactionStatus: Sendable, Equatable {
    /// No transaction block is open.
    case idle
    /// Inside a transaction block opened by BEGIN.
    case inTransaction
    /// Inside a failed transaction block: commands are ignored until ROLLBACK.
    case failed
}

/// Where a cluster-endpoint connection comes from, for STL_CONNECTION_LOG.
public struct ConnectionOrigin: Sendable, Equatable {
    /// The client's address (`remotehost`).
    public var host: String
    /// The client's port (`remoteport`).
    public var port: Int?
    /// The startup packet's `application_name`.
    public var applicationName: String?

    public init(host: String, port: Int? = nil, applicationName: String? = nil) {
        self.host = host
        self.port = port
        self.applicationName = applicationName
    }
}

/// Sessions of cluster-endpoint connections (the PostgreSQL door): one engine session per
/// connection, open from the startup packet to Terminate or the socket closing.
///
/// Statements run in them through `submit` with `.session(id:…)` placement, exactly as Data API
/// session statements do, so WLM, the latency model, system tables and recordings apply alike.
extension RedshiftEngine {
    /// Opens a session that lives until `closeSession(_:)`: no keep-alive expiry, no 24-hour limit.
    /// The cluster is provisioned (and seeded) on first use, as for the Data API. `user` is the
    /// startup packet's: a temporary IAM login (`IAM:alice`) runs as its database user, and logging
    /// on with it applies its AutoCreate and DbGroups. `credential` is the login whose password was
    /// verified; nil: the newest live one issued to `user`, if any
    /// (`TemporaryCredentialStore.databaseUser(forLogin:at:)`).
    ///
    /// Connection limits (Limits in Amazon Redshift; CREATE USER's CONNECTION LIMIT) refuse it with
    /// `EngineError.Kind.tooManyConnections`: the cluster's `limits.maxConnections` (500) for the
    /// connections of every user but the bootstrap superuser (whose connections neither count nor
    /// are refused), and the user's own limit for users that are not superusers.
    /// Data API sessions do not count: they have their own quota (`maxSessions`).
    public func openSession(target: Target, database: String, user login: String, caller: Caller,
                            credential: TemporaryCredential? = nil,
                            origin: ConnectionOrigin? = nil) throws -> SessionSnapshot {
        try maintenance.checkOpen()
        let now = clock.now()
        let temporary = credential ?? temporaryCredentials.liveCredential(forLogin: login, at: now)
        let user = temporary?.databaseUser ?? temporaryCredentials.databaseUser(forLogin: login, at: now)
        let cluster = try registry.cluster(for: target)
        let redshiftDatabase = try registry.database(database, of: cluster)
        let limit = settings.limits.maxConnections ?? Limits.defaults.maxConnections!
        if user != settings.superuser,
           sessions.openCount(on: target, now: now, connections: true, excluding: settings.superuser) >= limit {
            throw EngineError(.tooManyConnections, "connection limit \"\(limit)\" exceeded for non-bootstrap users")
        }
        let connection = try redshiftDatabase.openSessionConnection()
        do {
            try checkUserConnectionLimit(user, target: target, connection: connection, now: now)
            try checkDatabaseConnectionLimit(database, of: cluster, user: user, connection: connection, now: now)
            if let temporary { try applyLogOn(temporary, on: connection, database: database) }
        } catch let error as EngineError {
            connection.close()
            throw error
        } catch {
            connection.close()
            throw EngineError.invalid("could not log on as \(login): \(ErrorMapping.redshiftText(error))")
        }
        let session = EngineSession(id: newId(), target: target, database: database, dbUser: user, secretArn: nil,
                                    caller: caller, createdAt: now, keepAliveSeconds: 0, connection: connection)
        session.isConnection = true
        notifyConnection(.connect, session, at: now, origin: origin)
        sessions.state.withLock { $0[session.id] = session }
        let client = SessionLog.Client(remoteHost: origin?.host ?? "local", remotePort: origin?.port.map(String.init) ?? "",
                                       applicationName: origin?.applicationName ?? "")
        sessionLog.opened(.init(id: session.id, pid: connection.pid, target: target, database: database, user: user,
                                start: now, timeoutSeconds: 0, isConnection: true), client: client)
        return SessionSnapshot(id: session.id, target: target, database: database, dbUser: user, caller: caller,
                               createdAt: now, updatedAt: now, keepAliveSeconds: 0, expiresAt: .distantFuture,
                               status: .available, currentStatementId: nil, redshiftPid: connection.pid)
    }

    /// CREATE USER … CONNECTION LIMIT n: not enforced for superusers (r_CREATE_USER).
    private func checkUserConnectionLimit(_ user: String, target: Target, connection: SQLConnection, now: Date) throws {
        guard user != settings.superuser else { return }
        let (limit, superuser): (String?, Bool) = try connection.accessSync { db, _ in
            let state = try SecurityCatalog(executor: GRDBExecutor(db: db)).state()
            return (state.users[user]?.connectionLimit, state.users[user]?.isSuperuser ?? false)
        }
        guard !superuser, let limit, let maximum = Int(limit) else { return }
        if sessions.openCount(on: target, now: now, connections: true, user: user) >= maximum {
            throw EngineError(.tooManyConnections, "too many connections for user \"\(user)\"")
        }
    }

    /// Closes a connection's session: cancels the statement it runs, rolls back an open
    /// transaction, drops its temp tables and releases its SQLite connection. Unknown or already
    /// closed sessions are ignored.
    public func closeSession(_ id: String) async {
        await endSession(id, terminated: false)
    }

    /// Ends a session (closed by its client, or terminated), then cleans its connection up.
    func endSession(_ id: String, terminated: Bool, keepRunning: Bool = false) async {
        let found: (EngineSession, String?)? = sessions.state.withLock { sessions in
            guard let session = sessions[id], !session.closed else { return nil }
            session.end(terminated: terminated)
            return (session, session.currentStatementId)
        }
        guard let (session, running) = found else { return }
        sessionLog.closed(id, at: clock.now(), reason: terminated ? .terminated : .closedByClient)
        if !keepRunning, let running { try? cancel(running) }
        // The serial queue runs this after the cancelled statement let go of the connection.
        _ = try? await session.connection.access { db, state in SQLConnection.resetSession(db, &state) }
        session.connection.close()
        notifyConnection(.disconnect, session, at: clock.now())
    }

    /// Tells the sinks (recordings) that a connection's session opened or closed.
    private func notifyConnection(_ kind: ConnectionEvent.Kind, _ session: EngineSession, at time: Date,
                                  origin: ConnectionOrigin? = nil) {
        guard !sinks.isEmpty else { return }
        var event = ConnectionEvent(kind: kind, sessionId: session.id, targetKind: session.target.kind.rawValue,
                                    targetName: session.target.name, database: session.database, dbUser: session.dbUser,
                                    redshiftPid: Int64(session.connection.pid), time: time, openedAt: session.createdAt)
        event.remoteHost = origin?.host
        event.applicationName = origin?.applicationName
        for sink in sinks { sink.connectionChanged(event) }
    }

    /// Whether PG_TERMINATE_BACKEND has ended the session: a statement that arrives after the
    /// termination but before the door's watcher closed the connection is answered as the
    /// termination (FATAL 57P01), not as a missing session.
    public func wasTerminated(session id: String) -> Bool {
        sessions.state.withLock { sessions in sessions[id].map { $0.closed && $0.terminated } ?? false }
    }

    /// Waits until the session ends: true when PG_TERMINATE_BACKEND ended it (the door then sends
    /// FATAL 57P01 and closes the connection), false when it was closed otherwise or is unknown.
    public func waitForTermination(ofSession id: String) async -> Bool {
        await withCheckedContinuation { continuation in
            sessions.state.withLock { sessions in
                guard let session = sessions[id], !session.closed else {
                    continuation.resume(returning: sessions[id]?.terminated ?? false)
                    return
                }
                session.endWaiters.append(continuation)
            }
        }
    }

    /// The transaction status of a session's connection, read between statements.
    public func transactionStatus(ofSession id: String) async throws -> SessionTransactionStatus {
        try transactionStatusReader(ofSession: id)()
    }

    /// Reads one session's transaction status as of its last statement without looking the session
    /// up again: for a door that asks after each of its statements. Throws for an unknown or closed
    /// session.
    public func transactionStatusReader(ofSession id: String) throws -> @Sendable () -> SessionTransactionStatus {
        let connection = try sessions.state.withLock { sessions in
            guard let session = sessions[id], !session.closed else {
                throw EngineError.invalid("Session with Id: \(id) is invalid")
            }
            return session.connection
        }
        return { connection.transactionStatus }
    }
}
