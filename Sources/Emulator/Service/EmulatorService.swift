import Foundation
import Logging
import RedshiftSQL

/// Implements the Data API operations on the engine: behaviour only, no HTTP.
///
/// Owns no SQL: statements go to the SQL layer through `StatementRunner`; this type resolves who
/// and where, keeps the statement registry, and shapes answers the way the real service does.
/// Each operation lives in its own `EmulatorService+<Area>.swift`.
public final class EmulatorService: DataAPIService, @unchecked Sendable {
    let registry: ClusterRegistry
    let statements = StatementStore()
    let sessions = SessionStore()
    let spill: ResultSpill
    let settings: ServiceSettings
    let clock: any EmulatorClock
    let logger: Logger
    /// Told about every statement that ends (recordings, system tables).
    let sinks: [any StatementEventSink]
    /// WLM queues, simulated latency and fault rules; inert by default.
    let workload: WorkloadGate
    private let sequence = Locked<Int64>(0)

    init(registry: ClusterRegistry, spill: ResultSpill, settings: ServiceSettings, clock: any EmulatorClock,
         logger: Logger, sinks: [any StatementEventSink] = [], workload: WorkloadGate? = nil) {
        self.sinks = sinks
        self.workload = workload ?? WorkloadGate(WorkloadGate.Settings(), clock: clock)
        self.registry = registry
        self.spill = spill
        self.settings = settings
        self.clock = clock
        self.logger = logger
    }

    /// A fresh lower-case version-4 UUID: statement and session ids (reference data-api.md §2.1).
    func newId() -> String { UUID().uuidString.lowercased() }

    /// Expires statements, ClientTokens and idle sessions. Called periodically by the server.
    public func housekeeping() {
        let now = clock.now()
        statements.expire(now: now)
        sessions.closeExpired(now: now)
    }

    /// Stops everything: used at shutdown.
    public func shutdown() {
        registry.closeAll()
    }
}

/// Settings of the service that come from the configuration file.
struct ServiceSettings: Sendable {
    var superuser: String
    var secrets: [String: String]
    var limits: Limits
    var users: Set<String>
}

/// The connection members common to the operations that name a target.
struct ConnectionMembers {
    var clusterIdentifier: String?
    var workgroupName: String?
    var database: String?
    var dbUser: String?
    var secretArn: String?
}

extension EmulatorService {
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
            guard let user = settings.secrets[arn] else {
                throw DataAPIError(.resourceNotFound, "Secrets Manager can't find the specified secret.", resourceId: arn)
            }
            guard !user.isEmpty else { throw DataAPIError.validation("username and password in secret cannot be empty") }
            return user
        }
        // Temporary credentials as the IAM identity: IAM:<name> (reference data-api.md §4.1).
        return "IAM:\(caller.accessKeyId)"
    }

    func isSuperuser(_ user: String) -> Bool { user == settings.superuser }

    /// A monotonically increasing number, for ordering and paging tokens.
    func nextSequence() -> Int64 { sequence.withLock { $0 += 1; return $0 } }
}
