import Engine
import Crypto
import Foundation

/// Where the cluster endpoint (the PostgreSQL door) listens: what DescribeClusters and
/// GetWorkgroup report as `Endpoint`.
public struct ClusterEndpoint: Sendable, Equatable {
    public var host: String
    public var port: Int
    /// The one cluster or workgroup the door serves (`--pg-cluster`).
    public var target: Target

    public init(host: String, port: Int, target: Target) {
        self.host = host
        self.port = port
        self.target = target
    }
}

/// Who called, as far as the management API can tell: the SigV4 access key id and the region of
/// the credential scope (`Credential=AKID/20261206/us-east-1/redshift/aws4_request`).
public struct ManagementCaller: Sendable, Equatable {
    public var accessKeyId: String
    public var region: String

    public init(accessKeyId: String, region: String) {
        self.accessKeyId = accessKeyId
        self.region = region
    }

    /// From an `Authorization` header; `anonymous` in `us-east-1` when there is none.
    public init(authorization: String?) {
        self.init(accessKeyId: "anonymous", region: "us-east-1")
        guard let authorization, let range = authorization.range(of: "Credential=") else { return }
        let credential = authorization[range.upperBound...].prefix { $0 != "," && $0 != " " }
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false)
        if let id = parts.first, !id.isEmpty { accessKeyId = String(id) }
        if parts.count > 2, !parts[2].isEmpty { region = String(parts[2]) }
    }

    /// The database user of the caller's IAM identity, for GetClusterCredentialsWithIAM and
    /// Serverless GetCredentials: `IAM:<access key id>`, as the Data API door names the IAM identity
    /// (the emulator has no IAM users or roles behind an access key).
    public var iamDatabaseUser: String { "IAM:\(accessKeyId)" }
}

/// The management operations that issue temporary database credentials and describe clusters and
/// workgroups, over the engine. Behaviour only: `ManagementMiddleware` serves it over HTTP.
public final class ManagementAdapter: Sendable {
    public let engine: RedshiftEngine
    /// The PostgreSQL door's address, once bound; nil when the door is off.
    let endpoint: @Sendable () async -> ClusterEndpoint?
    /// The account id in ARNs.
    static let accountId = "123456789012"
    /// When the server started: the creation time of every cluster and workgroup.
    let started: Date

    public init(engine: RedshiftEngine, endpoint: @escaping @Sendable () async -> ClusterEndpoint?) {
        self.engine = engine
        self.endpoint = endpoint
        self.started = engine.now()
    }

    /// DurationSeconds / durationSeconds: 900 to 3600, default 900 (API Reference ›
    /// GetClusterCredentials; Redshift Serverless API Reference › GetCredentials).
    static func duration(_ value: Int?) -> Int? {
        guard let value else { return 900 }
        return (900...3600).contains(value) ? value : nil
    }

    /// The constraints the API Reference lists for DbUser and DbName: 1 to 64 characters, a letter
    /// first, then letters, digits, `_ + . @ -`; no colon or slash.
    static func isValidName(_ name: String) -> Bool {
        guard (1...64).contains(name.count), let first = name.unicodeScalars.first,
              CharacterSet.letters.contains(first), first.isASCII else { return false }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_+.@-")
        return name.unicodeScalars.allSatisfy { allowed.contains($0) }
    }
}

extension ManagementAdapter {
    /// A UUID-shaped id that stays the same for a name across runs (namespace and workgroup ids).
    static func stableId(_ target: Target) -> String {
        let digest = Array(SHA256.hash(data: Data("\(target.kind.rawValue)/\(target.name)".utf8)))
        let hex = digest.prefix(16).map { String(format: "%02x", $0) }.joined()
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }
}
