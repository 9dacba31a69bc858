import Foundation

/// Where a connection's session stands between statements: ReadyForQuery's `I`, `T` or `E`.
public enum SessionTransactionStatus: Sendable, Equatable {
    /// No transaction block is open.
    case idle
    /// Inside a transaction block opened by BEGIN.
    case inTransaction
    /// Inside a failed transaction block: commands are ignored until ROLLBACK.
    case failed
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
    public func openSession(target: Target, database: String, user login: String, caller: Caller,
                            credential: TemporaryCredential? = nil) throws -> SessionSnapshot {
        let now = clock.now()
        let temporary = credential ?? temporaryCredentials.liveCredential(forLogin: login, at: now)
        let user = temporary?.databaseUser ?? temporaryCredentials.databaseUser(forLogin: login, at: now)
        let cluster = try registry.cluster(for: target)
        let redshiftDatabase = try registry.database(database, of: cluster)
        if sessions.openCount(on: target, now: now) >= settings.limits.maxSessions! {
            throw EngineError(.activeSessionsExceeded,
                              "Active sessions exceeded the allowed quota of \(settings.limits.maxSessions!).")
        }
        let connection = try redshiftDatabase.openSessionConnection()
        if let temporary {
            do {
                try applyLogOn(temporary, on: connection, database: database)
            } catch {
                connection.close()
                throw EngineError.invalid("could not log on as \(login): \(ErrorMapping.redshiftText(error))")
            }
        }
        let session = EngineSession(id: newId(), target: target, database: database, dbUser: user, secretArn: nil,
                                    caller: caller, createdAt: now, keepAliveSeconds: 0, connection: connection)
        session.isConnection = true
        notifyConnection(.connect, session, at: now)
        sessions.state.withLock { $0[session.id] = session }
        return SessionSnapshot(id: session.id, target: target, database: database, dbUser: user, caller: caller,
                               createdAt: now, updatedAt: now, keepAliveSeconds: 0, expiresAt: .distantFuture,
                               status: .available, currentStatementId: nil, redshiftPid: connection.pid)
    }

    /// Closes a connection's session: cancels the statement it runs, rolls back an open
    /// transaction, drops its temp tables and releases its SQLite connection. Unknown or already
    /// closed sessions are ignored.
    public func closeSession(_ id: String) async {
        let found: (EngineSession, String?)? = sessions.state.withLock { sessions in
            guard let session = sessions[id], !session.closed else { return nil }
            session.closed = true
            return (session, session.currentStatementId)
        }
        guard let (session, running) = found else { return }
        if let running, running != "reserved" { try? cancel(running) }
        // The serial queue runs this after the cancelled statement let go of the connection.
        _ = try? await session.connection.access { db, state in SQLConnection.resetSession(db, &state) }
        session.connection.close()
        notifyConnection(.disconnect, session, at: clock.now())
    }

    /// Tells the sinks (recordings) that a connection's session opened or closed.
    private func notifyConnection(_ kind: ConnectionEvent.Kind, _ session: EngineSession, at time: Date) {
        guard !sinks.isEmpty else { return }
        let event = ConnectionEvent(kind: kind, sessionId: session.id, targetKind: session.target.kind.rawValue,
                                    targetName: session.target.name, database: session.database, dbUser: session.dbUser,
                                    redshiftPid: Int64(session.connection.pid), time: time, openedAt: session.createdAt)
        for sink in sinks { sink.connectionChanged(event) }
    }

    /// The transaction status of a session's connection, read between statements.
    public func transactionStatus(ofSession id: String) async throws -> SessionTransactionStatus {
        let session: EngineSession = try sessions.state.withLock { sessions in
            guard let session = sessions[id], !session.closed else {
                throw EngineError.invalid("Session with Id: \(id) is invalid")
            }
            return session
        }
        return session.connection.transactionStatus
    }
}
