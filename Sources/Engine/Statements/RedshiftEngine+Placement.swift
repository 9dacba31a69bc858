import Foundation

/// Where a submitted statement runs: on a pooled connection (a session of its own) or in an
/// open session.
enum Execution: Sendable {
    case pooled(RedshiftDatabase, Cluster)
    case session(EngineSession, Cluster)

    var cluster: Cluster {
        switch self {
        case .pooled(_, let cluster), .session(_, let cluster): return cluster
        }
    }
}

struct Placement {
    var context: StatementContext
    var execution: Execution
    var session: EngineSession?
}

extension RedshiftEngine {
    /// Resolves the cluster, database and session of a request (reference data-api.md §4, §9).
    func place(_ request: StatementRequest, statementId: String, now: Date) throws -> Placement {
        switch request.placement {
        case .session(let sessionId, let database, let keepAlive):
            // A session carries its own target and credentials (reference data-api.md §4.1, §4.2).
            let session = try sessions.reserve(sessionId, for: statementId, now: now)
            do {
                if let database, database != session.database {
                    throw EngineError.invalid("Database does not match the database of session \(sessionId).")
                }
                if let keepAlive, keepAlive > 0 {
                    sessions.state.withLock { _ in session.keepAliveSeconds = keepAlive }
                }
                let cluster = try registry.cluster(for: session.target)
                let context = StatementContext(target: session.target, database: session.database, dbUser: session.dbUser,
                                               secretArn: session.secretArn, sessionId: session.id, caller: request.caller)
                return Placement(context: context, execution: .session(session, cluster), session: session)
            } catch {
                sessions.release(session, now: now)
                throw error
            }
        case .new(let target, let databaseName, let user, let keepAlive):
            let cluster = try registry.cluster(for: target)
            let database = try registry.database(databaseName, of: cluster)
            if let keepAlive, keepAlive > 0 {
                if sessions.openCount(on: target, now: now, connections: false) >= settings.limits.maxSessions! {
                    throw EngineError(.activeSessionsExceeded,
                                      "Active sessions exceeded the allowed quota of \(settings.limits.maxSessions!).")
                }
                let connection = try database.openSessionConnection()
                let session = EngineSession(id: newId(), target: target, database: databaseName, dbUser: user,
                                            secretArn: request.secretArn, caller: request.caller, createdAt: now,
                                            keepAliveSeconds: keepAlive, connection: connection)
                sessions.add(session, for: statementId)
                sessionLog.opened(.init(id: session.id, pid: connection.pid, target: target, database: databaseName,
                                        user: user, start: now, timeoutSeconds: keepAlive, isConnection: false),
                                  client: nil)
                let context = StatementContext(target: target, database: databaseName, dbUser: user,
                                               secretArn: request.secretArn, sessionId: session.id, caller: request.caller)
                return Placement(context: context, execution: .session(session, cluster), session: session)
            }
            let context = StatementContext(target: target, database: databaseName, dbUser: user,
                                           secretArn: request.secretArn, sessionId: nil, caller: request.caller)
            return Placement(context: context, execution: .pooled(database, cluster), session: nil)
        }
    }
}
