import Foundation

/// Where a submitted statement runs: on a pooled connection (a session of its own) or in a
/// Data API session.
enum Execution: Sendable {
    case pooled(RedshiftDatabase, Cluster)
    case session(DataAPISession, Cluster)

    var cluster: Cluster {
        switch self {
        case .pooled(_, let cluster), .session(_, let cluster): return cluster
        }
    }
}

struct Placement {
    var context: StatementContext
    var execution: Execution
    var session: DataAPISession?
}

extension EmulatorService {
    /// Resolves target, database, user and session of a submission (reference data-api.md §4, §9).
    func place(_ submission: Submission, caller: Caller, now: Date) throws -> Placement {
        if let sessionId = submission.sessionId {
            // A session carries its own target and credentials (reference data-api.md §4.1, §4.2).
            if submission.members.clusterIdentifier != nil || submission.members.workgroupName != nil {
                throw DataAPIError.validation("SessionId cannot be specified together with ClusterIdentifier or WorkgroupName.")
            }
            let session = try sessions.reserve(sessionId, now: now)
            do {
                let members = submission.members
                if let database = members.database, database != session.database {
                    throw DataAPIError.validation("Database does not match the database of session \(sessionId).")
                }
                if let keepAlive = submission.keepAlive, keepAlive > 0 {
                    sessions.state.withLock { _ in session.keepAliveSeconds = keepAlive }
                }
                let cluster = try registry.cluster(for: session.target)
                let context = StatementContext(target: session.target, database: session.database, dbUser: session.dbUser,
                                               secretArn: session.secretArn, sessionId: session.id, caller: caller)
                return Placement(context: context, execution: .session(session, cluster), session: session)
            } catch {
                sessions.release(session, now: now)
                throw error
            }
        }

        let members = submission.members
        let target = try target(of: members)
        let user = try databaseUser(of: members, caller: caller)
        guard let databaseName = members.database, !databaseName.isEmpty else {
            throw DataAPIError.validation("Database must be specified when SessionId is not.")
        }
        let cluster = try registry.cluster(for: target)
        let database = try registry.database(databaseName, of: cluster)

        if let keepAlive = submission.keepAlive, keepAlive > 0 {
            if sessions.openCount(on: target, now: now) >= settings.limits.maxSessions! {
                throw DataAPIError(.activeSessionsExceeded,
                                   "Active sessions exceeded the allowed quota of \(settings.limits.maxSessions!).")
            }
            let connection = try database.openSessionConnection()
            let session = DataAPISession(id: newId(), target: target, database: databaseName, dbUser: user,
                                         secretArn: members.secretArn, caller: caller, createdAt: now,
                                         keepAliveSeconds: keepAlive, connection: connection)
            sessions.add(session)
            let context = StatementContext(target: target, database: databaseName, dbUser: user,
                                           secretArn: members.secretArn, sessionId: session.id, caller: caller)
            return Placement(context: context, execution: .session(session, cluster), session: session)
        }
        let context = StatementContext(target: target, database: databaseName, dbUser: user,
                                       secretArn: members.secretArn, sessionId: nil, caller: caller)
        return Placement(context: context, execution: .pooled(database, cluster), session: nil)
    }
}
