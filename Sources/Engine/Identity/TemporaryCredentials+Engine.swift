import Foundation
import RedshiftSQL

/// What a management API call asks the engine to issue (the door has validated and shaped it).
public struct TemporaryCredentialRequest: Sendable {
    public var target: Target
    /// The name the client logs in with (`IAM:alice`, `IAMA:alice`, `IAMR:role`).
    public var loginName: String
    /// Who the session runs as (`alice`, or the prefixed IAM identity).
    public var databaseUser: String
    /// `DbName`; nil: any database.
    public var database: String?
    /// `DbGroups`.
    public var groups: [String]
    /// 900 to 3600.
    public var durationSeconds: Int
    /// AutoCreate: logging on creates `databaseUser` (PASSWORD DISABLE) where it does not exist.
    public var createUser: Bool

    public init(target: Target, loginName: String, databaseUser: String, database: String?, groups: [String],
                durationSeconds: Int, createUser: Bool) {
        self.target = target
        self.loginName = loginName
        self.databaseUser = databaseUser
        self.database = database
        self.groups = groups
        self.durationSeconds = durationSeconds
        self.createUser = createUser
    }
}

/// Temporary credentials: issuing them, what logging on with them does to the catalog (AutoCreate,
/// DbGroups), and the clusters and workgroups the management API describes.
extension RedshiftEngine {
    /// Issues a temporary login on `request.target` (provisioned on first use unless the
    /// configuration is strict: then an unknown target is `.notFound`). The catalog is not touched
    /// here: AutoCreate and DbGroups take effect when a connection logs on with the login
    /// (`openSession`), as Redshift creates an `IAMA:` user at log on.
    public func issueTemporaryCredentials(_ request: TemporaryCredentialRequest) throws -> TemporaryCredential {
        _ = try provisionedCluster(request.target)
        let credential = TemporaryCredential(
            target: request.target, loginName: request.loginName, databaseUser: request.databaseUser,
            password: TemporaryCredentialStore.newPassword(), database: request.database, groups: request.groups,
            expiration: clock.now().addingTimeInterval(TimeInterval(request.durationSeconds)),
            autoCreate: request.createUser)
        temporaryCredentials.remember(credential)
        return credential
    }

    /// The live temporary login of `user` on `target`'s `database` now, or nil: what password
    /// authentication (`pg.verify_passwords`) accepts besides the users' own passwords. The login
    /// runs as the credential's `databaseUser`. `passwordMatches` gets each candidate's plain
    /// password (for MD5 authentication, compare the salted hash the client sent).
    public func temporaryLogin(user: String, target: Target, database: String,
                               passwordMatches: (String) -> Bool) -> TemporaryCredential? {
        temporaryCredentials.credential(user: user, database: database, target: target, at: clock.now(),
                                        passwordMatches: passwordMatches)
    }

    /// The cluster or workgroup, provisioned on first use unless the configuration is strict.
    /// - Throws: `.notFound` (resourceId: the name) when it does not exist and cannot be created.
    public func provisionTarget(_ target: Target) throws {
        _ = try provisionedCluster(target)
    }

    /// The clusters and workgroups that exist now (configured, or provisioned since), by name.
    public func provisionedTargets() -> [Target] {
        registry.allClusters().map(\.target).sorted { $0.name < $1.name }
    }

    private func provisionedCluster(_ target: Target) throws -> Cluster {
        do {
            return try registry.cluster(for: target)
        } catch let error as EngineError where error.kind == .invalidRequest {
            throw EngineError(.notFound, error.message, resourceId: target.name)
        }
    }

    /// Logging on with a temporary login: with AutoCreate, CREATE USER … PASSWORD DISABLE where the
    /// user does not exist (Cluster Management Guide › "Step 4: Create a database user and database
    /// groups"); then ALTER GROUP … ADD USER for each group of DbGroups that exists. Runs as the
    /// superuser on the connection the session will use.
    func applyLogOn(_ credential: TemporaryCredential, on connection: SQLConnection, database: String) throws {
        guard credential.autoCreate || !credential.groups.isEmpty else { return }
        let identity = StatementIdentity(database: database, user: settings.superuser, isSuperuser: true,
                                         bootstrapSuperuser: settings.superuser)
        let user = credential.databaseUser
        try connection.accessSync { db, state in
            defer { state.userDefaults = nil }
            var security = try SecurityCatalog(executor: GRDBExecutor(db: db)).state()
            if credential.autoCreate && security.users[user.lowercased()] == nil && security.users[user] == nil {
                _ = try StatementRunner.run(Translator.parse("create user \(Self.quoted(user)) password disable"),
                                            parameters: nil, identity: identity, db: db, state: &state,
                                            spill: spill, now: clock.now())
                security = try SecurityCatalog(executor: GRDBExecutor(db: db)).state()
            }
            guard let member = security.users[user.lowercased()]?.name ?? security.users[user]?.name else { return }
            for group in credential.groups {
                guard let members = security.groups[group.lowercased()], !members.contains(member) else { continue }
                _ = try StatementRunner.run(
                    Translator.parse("alter group \(Self.quoted(group.lowercased())) add user \(Self.quoted(member))"),
                    parameters: nil, identity: identity, db: db, state: &state, spill: spill, now: clock.now())
            }
        }
    }

    private static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
