import DataAPIModel
import Engine
import Foundation

/// ListSessions: the caller's sessions of the last 24 hours (reference data-api.md §15).
extension DataAPIAdapter {
    public func listSessions(_ input: ListSessionsRequest, caller: Caller) async throws -> ListSessionsResponse {
        if input.sessionId != nil
            && (input.status != nil || input.clusterIdentifier != nil || input.workgroupName != nil || input.database != nil) {
            throw DataAPIError.validation("SessionId cannot be combined with Status, ClusterIdentifier, WorkgroupName or Database.")
        }
        if input.clusterIdentifier != nil && input.workgroupName != nil {
            throw DataAPIError.validation("ClusterIdentifier and WorkgroupName cannot both be specified.")
        }
        let wanted: Set<SessionStatus> = input.status.flatMap(SessionStatus.init(rawValue:)).map { [$0] }
            ?? [.available, .busy]
        let all = engine.sessionSnapshots()
        if let id = input.sessionId, !all.contains(where: { $0.id == id }) {
            throw DataAPIError(.resourceNotFound, "Session with Id: \(id) is invalid", resourceId: id)
        }
        let items: [SessionData] = all
            .filter { session in
                guard session.caller == caller else { return false }
                if let id = input.sessionId { return session.id == id }
                if !wanted.contains(session.status) { return false }
                if let cluster = input.clusterIdentifier, session.target != Target(kind: .cluster, name: cluster) { return false }
                if let workgroup = input.workgroupName, session.target != Target(kind: .workgroup, name: workgroup) { return false }
                if let database = input.database, session.database != database { return false }
                return true
            }
            .map { session in
                SessionData(
                    clusterIdentifier: session.target.kind == .cluster ? session.target.name : nil,
                    createdAt: session.createdAt, currentStatementId: session.currentStatementId,
                    database: session.database, dbUser: session.dbUser,
                    sessionAliveSeconds: session.keepAliveSeconds, sessionId: session.id,
                    sessionTtl: session.expiresAt, status: SessionStatusString(rawValue: session.status.rawValue)!,
                    updatedAt: session.updatedAt,
                    workgroupName: session.target.kind == .workgroup ? session.target.name : nil)
            }
        let limit = (input.maxResults ?? 0) == 0 ? 100 : input.maxResults!
        let page = try Page(items, token: input.nextToken, maxResults: limit, scope: "sessions")
        return ListSessionsResponse(nextToken: page.nextToken, sessions: page.items)
    }
}
