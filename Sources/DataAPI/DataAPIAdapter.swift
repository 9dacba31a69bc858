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
    let clientTokens: ClientTokens
    var limits: Limits { engine.settings.limits }

    public init(engine: RedshiftEngine) {
        self.engine = engine
        clientTokens = ClientTokens(capacity: engine.settings.limits.maxEndedStatements ?? Limits.defaults.maxEndedStatements!)
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

/// ClientTokens remembered 8 hours, as the real service keeps them (reference data-api.md §13), and
/// at most `capacity` of them (the engine's `maxEndedStatements`): past it the oldest are forgotten
/// first, so a server that runs for days at a high rate keeps a bounded memory.
final class ClientTokens: Sendable {
    private struct Entry {
        var statementId: String
        var createdAt: Date
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Keys in the order they were remembered (a key remembered again appears twice; the entry's
        /// time tells which one is current).
        var order: [(key: String, createdAt: Date)] = []
        var head = 0
    }

    static let retention: TimeInterval = 8 * 3600
    let capacity: Int
    private let state = Locked(State())

    init(capacity: Int = Limits.defaults.maxEndedStatements!) {
        self.capacity = max(1, capacity)
    }

    /// The statement a caller's token named, if still remembered.
    func statement(forToken key: String, now: Date) -> String? {
        state.withLock { state in
            guard let entry = state.entries[key] else { return nil }
            if now.timeIntervalSince(entry.createdAt) > Self.retention {
                state.entries[key] = nil
                return nil
            }
            return entry.statementId
        }
    }

    func remember(token key: String, statementId: String, now: Date) {
        state.withLock { state in
            state.entries[key] = Entry(statementId: statementId, createdAt: now)
            state.order.append((key, now))
            while state.entries.count > capacity, state.head < state.order.count { Self.dropOldest(&state) }
            Self.compact(&state)
        }
    }

    func expire(now: Date) {
        state.withLock { state in
            while state.head < state.order.count, now.timeIntervalSince(state.order[state.head].createdAt) > Self.retention {
                Self.dropOldest(&state)
            }
            Self.compact(&state)
        }
    }

    /// Forgets the oldest remembered key, unless it was remembered again since.
    private static func dropOldest(_ state: inout State) {
        let (key, createdAt) = state.order[state.head]
        state.head += 1
        if state.entries[key]?.createdAt == createdAt { state.entries[key] = nil }
    }

    /// Drops the consumed front of `order` once it is half of it.
    private static func compact(_ state: inout State) {
        guard state.head > 64, state.head * 2 > state.order.count else { return }
        state.order.removeFirst(state.head)
        state.head = 0
    }
}
