import Foundation

/// A Data API session: a Redshift session kept open between statements (SessionKeepAliveSeconds).
///
/// The keep-alive is an idle timer refreshed by each statement; a session lives at most 24 hours
/// (reference data-api.md §9). One statement runs at a time.
final class EngineSession: @unchecked Sendable {   // its vars change only under SessionStore's lock
    let id: String
    let target: Target
    let database: String
    let dbUser: String
    let secretArn: String?
    let caller: Caller
    let createdAt: Date
    let connection: SQLConnection
    var keepAliveSeconds: Int
    var updatedAt: Date
    var currentStatementId: String?
    var closed = false
    /// A cluster-endpoint connection's session: it lives until the connection closes it, without
    /// keep-alive expiry or the 24-hour limit.
    var isConnection = false
    /// Ended by PG_TERMINATE_BACKEND: its door must close the connection.
    var terminated = false
    /// Doors waiting for the session to end (`waitForTermination(ofSession:)`).
    var endWaiters: [CheckedContinuation<Bool, Never>] = []

    /// Marks the session closed and wakes the doors waiting for its end (under the store's lock).
    func end(terminated: Bool) {
        closed = true
        self.terminated = self.terminated || terminated
        let waiters = endWaiters
        endWaiters = []
        for waiter in waiters { waiter.resume(returning: self.terminated) }
    }

    static let maximumLifetime: TimeInterval = 24 * 3600

    init(id: String, target: Target, database: String, dbUser: String, secretArn: String?, caller: Caller,
         createdAt: Date, keepAliveSeconds: Int, connection: SQLConnection) {
        self.id = id
        self.target = target
        self.database = database
        self.dbUser = dbUser
        self.secretArn = secretArn
        self.caller = caller
        self.createdAt = createdAt
        self.updatedAt = createdAt
        self.keepAliveSeconds = keepAliveSeconds
        self.connection = connection
    }

    /// When the session closes if nothing else runs in it.
    var expiresAt: Date {
        if isConnection { return .distantFuture }
        return min(updatedAt.addingTimeInterval(TimeInterval(keepAliveSeconds)),
            createdAt.addingTimeInterval(Self.maximumLifetime))
    }

    func status(at now: Date) -> SessionStatus {
        if closed { return .closed }
        if currentStatementId != nil { return .busy }
        return now >= expiresAt ? .closed : .available
    }
}

/// The sessions of the server, by id. Closed sessions are remembered (as CLOSED) for 24 hours, and
/// at most `maxClosed` of them (the most recently used): each holds its closed connection, so a
/// server that sees a connection a second would otherwise grow for a day.
final class SessionStore: Sendable {
    let state = Locked([String: EngineSession]())
    static let defaultMaxClosed = 1_000
    let maxClosed: Int

    init(maxClosed: Int = SessionStore.defaultMaxClosed) {
        self.maxClosed = max(0, maxClosed)
    }

    /// Data API sessions (or, with `connections`, cluster-endpoint connections; of `user` when
    /// given, not of `excluded`) that are not closed on `target`.
    func openCount(on target: Target, now: Date, connections: Bool = false, user: String? = nil,
                   excluding excluded: String? = nil) -> Int {
        state.withLock { sessions in
            sessions.values.reduce(0) { count, session in
                let counts = session.target == target && session.isConnection == connections
                    && (user == nil || session.dbUser == user) && session.dbUser != excluded
                    && session.status(at: now) != .closed
                return count + (counts ? 1 : 0)
            }
        }
    }

    /// Closes sessions whose keep-alive ran out, releasing their connections; returns their ids.
    @discardableResult
    func closeExpired(now: Date) -> [String] {
        let expired: [EngineSession] = state.withLock { sessions in
            let expired = sessions.values.filter { !$0.closed && $0.currentStatementId == nil && now >= $0.expiresAt }
            expired.forEach { $0.end(terminated: false) }
            for (id, session) in sessions where (session.closed || !session.isConnection)
                && now.timeIntervalSince(session.updatedAt) > EngineSession.maximumLifetime {
                sessions[id] = nil
            }
            Self.forgetOldestClosed(&sessions, keeping: maxClosed)
            return expired
        }
        for session in expired { session.connection.close() }
        return expired.map(\.id)
    }
}

extension SessionStore {
    /// Forgets the closed sessions least recently used past `keeping` of them.
    private static func forgetOldestClosed(_ sessions: inout [String: EngineSession], keeping: Int) {
        let closed = sessions.values.filter(\.closed)
        guard closed.count > keeping else { return }
        for session in closed.sorted(by: { $0.updatedAt < $1.updatedAt }).prefix(closed.count - keeping) {
            sessions[session.id] = nil
        }
    }

    /// Reserves an open, idle session for a statement about to be submitted: it shows as BUSY with
    /// `statementId` as its CurrentStatementId.
    func reserve(_ id: String, for statementId: String, now: Date) throws -> EngineSession {
        try state.withLock { sessions in
            guard let session = sessions[id] else {
                throw EngineError.invalid("Session with Id: \(id) is invalid")
            }
            switch session.status(at: now) {
            case .closed:
                throw EngineError.invalid("Session is not available")
            case .busy:
                throw EngineError.invalid("Session \(id) is busy running statement \(session.currentStatementId ?? ""). A session runs one statement at a time.")
            case .available:
                session.currentStatementId = statementId
                session.updatedAt = now
                return session
            }
        }
    }

    /// Registers a new session, already reserved for its first statement.
    func add(_ session: EngineSession, for statementId: String) {
        state.withLock { sessions in
            session.currentStatementId = statementId
            sessions[session.id] = session
        }
    }

    /// `statementId` ended: if the session still runs it, it is free again and its keep-alive
    /// restarts from now.
    func release(_ session: EngineSession, statementId: String, now: Date) {
        state.withLock { _ in
            guard session.currentStatementId == statementId else { return }
            session.currentStatementId = nil
            session.updatedAt = now
        }
    }

    /// Frees a reservation that did not become a statement (the submission was refused).
    func release(_ session: EngineSession, now: Date) {
        state.withLock { _ in
            session.currentStatementId = nil
            session.updatedAt = now
        }
    }
}
