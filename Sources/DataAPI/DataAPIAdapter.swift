import DataAPIModel
import Engine
import Foundation

/// The Data API door: implements the twelve operations on the engine, shaping requests and
/// answers the way the real service does. Behaviour only, no HTTP (`DataAPIController` serves it).
///
/// Each operation lives in its own `DataAPIAdapter+<Area>.swift`. Engine errors become AWS
/// exceptions in the controller (`DataAPIError.init(_: EngineError)`).
public final class DataAPIAdapter: DataAPIService, Sendable {
    public let engine: RedshiftEngine
    /// ClientToken memory: the same token from the same caller gets the same statement.
    let clientTokens = ClientTokens()
    var limits: Limits { engine.settings.limits }

    public init(engine: RedshiftEngine) {
        self.engine = engine
    }

    /// Expires ClientTokens. Called periodically by the server.
    public func housekeeping() {
        clientTokens.expire(now: engine.now())
    }
}

/// The connection members common to the operations that name a target.
struct ConnectionMembers {
    var clusterIdentifier: String?
    var workgroupName: String?
    var database: String?
    var dbUser: String?
    var secretArn: String?
}

extension DataAPIAdapter {
    /// Resolves the cluster or workgroup a request names (reference data-api.md §4).
    func target(of members: ConnectionMembers) throws -> Target {
        switch (members.clusterIdentifier, members.workgroupName) {
        case (nil, nil):
            throw DataAPIError.validation("Either ClusterIdentifier or WorkgroupName needs to be specified.")
        case (.some, .some):
            throw DataAPIError.validation("ClusterIdentifier and WorkgroupName cannot both be specified.")
        case (let cluster?, nil):
            return Target(kind: .cluster, name: cluster)
        case (nil, let workgroup?):
            return Target(kind: .workgroup, name: workgroup)
        }
    }

    /// The database user a request runs as: DbUser, the user of SecretArn, or the IAM identity.
    func databaseUser(of members: ConnectionMembers, caller: Caller) throws -> String {
        if members.dbUser != nil && members.secretArn != nil {
            throw DataAPIError.validation("DbUser and SecretArn cannot both be specified.")
        }
        if let user = members.dbUser { return user }
        if let arn = members.secretArn {
            guard let user = engine.settings.secrets[arn] else {
                throw DataAPIError(.resourceNotFound, "Secrets Manager can't find the specified secret.", resourceId: arn)
            }
            guard !user.isEmpty else { throw DataAPIError.validation("username and password in secret cannot be empty") }
            return user
        }
        // Temporary credentials as the IAM identity: IAM:<name> (reference data-api.md §4.1).
        return "IAM:\(caller.accessKeyId)"
    }
}

/// ClientTokens remembered 8 hours, as the real service keeps them (reference data-api.md §13).
final class ClientTokens: Sendable {
    private struct Entry {
        var statementId: String
        var createdAt: Date
    }

    static let retention: TimeInterval = 8 * 3600
    private let entries = Locked([String: Entry]())

    /// The statement a caller's token named, if still remembered.
    func statement(forToken key: String, now: Date) -> String? {
        entries.withLock { entries in
            guard let entry = entries[key] else { return nil }
            if now.timeIntervalSince(entry.createdAt) > Self.retention {
                entries[key] = nil
                return nil
            }
            return entry.statementId
        }
    }

    func remember(token key: String, statementId: String, now: Date) {
        entries.withLock { $0[key] = Entry(statementId: statementId, createdAt: now) }
    }

    func expire(now: Date) {
        entries.withLock { $0 = $0.filter { now.timeIntervalSince($1.createdAt) <= Self.retention } }
    }
}
