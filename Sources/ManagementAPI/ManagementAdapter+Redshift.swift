import Engine
import Foundation

/// The Redshift management API (AWS Query protocol, version 2012-12-01): the operations
/// redshift_connector's and the JDBC driver's IAM authentication call (redshift_connector
/// `iam_helper.py`: GetClusterCredentials, GetClusterCredentialsWithIAM, DescribeClusters,
/// DescribeCustomDomainAssociations).
extension ManagementAdapter {
    /// Answers one Query request: the XML document, or a `QueryError`.
    public func redshift(action: String, fields: [String: String], caller: ManagementCaller,
                         requestId: String) async throws -> String {
        let result: QueryXML
        switch action {
        case "GetClusterCredentials": result = try getClusterCredentials(fields)
        case "GetClusterCredentialsWithIAM": result = try getClusterCredentialsWithIAM(fields, caller: caller)
        case "DescribeClusters": result = try await describeClusters(fields, caller: caller)
        case "DescribeCustomDomainAssociations": result = try describeCustomDomainAssociations(fields)
        case "": throw QueryError.missingParameter("Action")
        default:
            throw QueryError("InvalidAction", "The action \(action) is not valid for this web service.")
        }
        return QueryProtocol.response(action: action, requestId: requestId, result: result)
    }

    /// API Reference › GetClusterCredentials: `IAM:` + DbUser (`IAMA:` with AutoCreate), a password
    /// valid DurationSeconds (900–3600, default 900).
    func getClusterCredentials(_ fields: [String: String]) throws -> QueryXML {
        guard let dbUser = fields["DbUser"] else { throw QueryError.missingParameter("DbUser") }
        guard Self.isValidName(dbUser) else {
            throw QueryError.invalidParameter("DbUser must be 1 to 64 characters, start with a letter and contain only letters, digits, underscore, plus sign, period, at symbol or hyphen.")
        }
        let target = try clusterTarget(fields)
        let database = try databaseName(fields)
        let duration = try durationSeconds(fields)
        let autoCreate = try boolean(fields, "AutoCreate") ?? false
        let groups = QueryProtocol.list(fields, "DbGroups", member: "DbGroup")
        for group in groups where !Self.isValidName(group) {
            throw QueryError.invalidParameter("Invalid DbGroups value \(group).")
        }
        let credential = try issue(TemporaryCredentialRequest(
            target: target, loginName: TemporaryCredential.clusterLoginName(dbUser: dbUser, autoCreate: autoCreate),
            databaseUser: dbUser, database: database, groups: groups, durationSeconds: duration, createUser: autoCreate))
        return .group([
            .leaf("DbUser", credential.loginName),
            .leaf("DbPassword", credential.password),
            .leaf("Expiration", QueryProtocol.timestamp(credential.expiration)),
        ])
    }

    /// API Reference › GetClusterCredentialsWithIAM: the database user is the caller's IAM identity.
    func getClusterCredentialsWithIAM(_ fields: [String: String], caller: ManagementCaller) throws -> QueryXML {
        let target = try clusterTarget(fields)
        let database = try databaseName(fields)
        let duration = try durationSeconds(fields)
        let user = caller.iamDatabaseUser
        let credential = try issue(TemporaryCredentialRequest(
            target: target, loginName: user, databaseUser: user, database: database, groups: [],
            durationSeconds: duration, createUser: false))
        return .group([
            .leaf("DbUser", credential.loginName),
            .leaf("DbPassword", credential.password),
            .leaf("Expiration", QueryProtocol.timestamp(credential.expiration)),
            .leaf("NextRefreshTime", QueryProtocol.timestamp(credential.expiration)),
        ])
    }

    /// API Reference › DescribeClusters: every cluster, or the one named (ClusterNotFound when it
    /// does not exist in strict mode; otherwise it is provisioned, as the Data API provisions it).
    func describeClusters(_ fields: [String: String], caller: ManagementCaller) async throws -> QueryXML {
        let targets: [Target]
        if let identifier = fields["ClusterIdentifier"] {
            let target = Target(kind: .cluster, name: identifier)
            do { try engine.provisionTarget(target) } catch let error as EngineError where error.kind == .notFound {
                throw QueryError.clusterNotFound(identifier)
            }
            targets = [target]
        } else {
            var clusters = engine.provisionedTargets().filter { $0.kind == .cluster }
            // The cluster the PostgreSQL door serves exists from the start (provisioned on first use).
            if let served = await endpoint()?.target, served.kind == .cluster, !clusters.contains(served),
               (try? engine.provisionTarget(served)) != nil {
                clusters.append(served)
            }
            targets = clusters.sorted { $0.name < $1.name }
        }
        let door = await endpoint()
        return .node("Clusters", targets.map { cluster($0, endpoint: door?.target == $0 ? door : nil, caller: caller) })
    }

    /// No custom domain names exist in the emulator.
    func describeCustomDomainAssociations(_ fields: [String: String]) throws -> QueryXML {
        if let name = fields["CustomDomainName"] { throw Self.customDomainNotFound(name) }
        return .node("Associations", [])
    }

    private func cluster(_ target: Target, endpoint: ClusterEndpoint?, caller: ManagementCaller) -> QueryXML {
        var members: [QueryXML] = [
            .leaf("ClusterIdentifier", target.name),
            .leaf("NodeType", "ra3.xlplus"),
            .leaf("ClusterStatus", "available"),
            .leaf("ClusterAvailabilityStatus", "Available"),
            .leaf("MasterUsername", engine.settings.superuser),
            .leaf("DBName", "dev"),
        ]
        if let endpoint {
            members.append(.node("Endpoint", [.leaf("Address", endpoint.host), .leaf("Port", String(endpoint.port))]))
        }
        members += [
            .leaf("ClusterCreateTime", QueryProtocol.timestamp(started)),
            .leaf("AutomatedSnapshotRetentionPeriod", "1"),
            .leaf("AvailabilityZone", "\(caller.region)a"),
            .leaf("ClusterVersion", "1.0"),
            .leaf("AllowVersionUpgrade", "true"),
            .leaf("NumberOfNodes", "1"),
            .leaf("PubliclyAccessible", "false"),
            .leaf("Encrypted", "false"),
            .leaf("ClusterNamespaceArn",
                  "arn:aws:redshift:\(caller.region):\(Self.accountId):namespace:\(Self.stableId(target))"),
        ]
        return .node("Cluster", members)
    }

    // MARK: - Members

    private func issue(_ request: TemporaryCredentialRequest) throws -> TemporaryCredential {
        do {
            return try engine.issueTemporaryCredentials(request)
        } catch let error as EngineError where error.kind == .notFound {
            throw QueryError.clusterNotFound(request.target.name)
        }
    }

    /// ClusterIdentifier, or CustomDomainName (no custom domain is associated with any cluster here).
    private func clusterTarget(_ fields: [String: String]) throws -> Target {
        if let identifier = fields["ClusterIdentifier"] {
            guard !identifier.isEmpty else { throw QueryError.invalidParameter("ClusterIdentifier must not be empty.") }
            return Target(kind: .cluster, name: identifier)
        }
        if let name = fields["CustomDomainName"] { throw Self.customDomainNotFound(name) }
        throw QueryError.missingParameter("ClusterIdentifier")
    }

    private func databaseName(_ fields: [String: String]) throws -> String? {
        guard let name = fields["DbName"] else { return nil }
        guard Self.isValidName(name) else {
            throw QueryError.invalidParameter("DbName must be 1 to 64 characters, start with a letter and contain only letters, digits, underscore, plus sign, period, at symbol or hyphen.")
        }
        return name
    }

    private func durationSeconds(_ fields: [String: String]) throws -> Int {
        let raw = fields["DurationSeconds"]
        if let raw, Int(raw) == nil {
            throw QueryError.invalidParameter("Invalid value for parameter DurationSeconds: \(raw).")
        }
        guard let seconds = Self.duration(raw.flatMap { Int($0) }) else {
            throw QueryError.invalidParameter("The duration must be between 900 and 3600 seconds.")
        }
        return seconds
    }

    private func boolean(_ fields: [String: String], _ name: String) throws -> Bool? {
        guard let raw = fields[name] else { return nil }
        switch raw.lowercased() {
        case "true": return true
        case "false": return false
        default: throw QueryError.invalidParameter("Invalid value for parameter \(name): \(raw).")
        }
    }

    static func customDomainNotFound(_ name: String) -> QueryError {
        QueryError("CustomDomainAssociationNotFoundFault", "Custom domain association for \(name) not found.",
                   httpStatus: 404)
    }
}
