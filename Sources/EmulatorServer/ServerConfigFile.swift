import Foundation
import Engine
import Yams

/// The `--config` file (JSON or YAML): clusters, workgroups, users, secrets and limits.
///
/// For example:
/// ```yaml
/// superuser: awsuser
/// strict: false              # true: unknown clusters/workgroups/databases are errors, not auto-provisioned
/// clusters: [{identifier: analytics, databases: [dev, sales]}]
/// workgroups: [{name: etl-wg, databases: [dev]}]
/// users: [tenant_a, tenant_b]
/// secrets: {"arn:aws:secretsmanager:us-east-1:123456789012:secret:tenant-a": tenant_a}
/// limits: {maxActiveStatements: 500, maxSessions: 500, maxSqlBytes: 102400, resultPageBytes: 1048576, maxDataBytes: 1073741824}
/// verify_signatures: false
/// wlm: [{query_concurrency: 1, query_group: [reports]}, {query_concurrency: 5}]
/// faults: [{name: slow-reports, sql_pattern: "from reports", action: latency, latency_ms: 50}]
/// wlm_monitor_interval_ms: 100   # how often WLM timeouts and query monitoring rules are checked
/// credentials: {AKIDEXAMPLE: wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY}
/// pg: {verify_passwords: true, superuser_password: Admin1234, startup_timeout_seconds: 60}   # PostgresSettings
/// s3: {endpoint: "http://127.0.0.1:5000", region: us-east-1}   # or {root: DIR}; see ObjectStoreChoice
/// ```
public struct ServerConfigFile: Decodable, Sendable, Equatable {
    public struct ClusterEntry: Codable, Sendable, Equatable {
        public var identifier: String
        public var databases: [String]?
    }

    public struct WorkgroupEntry: Codable, Sendable, Equatable {
        public var name: String
        public var databases: [String]?
    }

    public var superuser: String?
    public var strict: Bool?
    public var clusters: [ClusterEntry]?
    public var workgroups: [WorkgroupEntry]?
    public var users: [String]?
    public var secrets: [String: String]?
    public var limits: Limits?
    public var verifySignatures: Bool?
    public var credentials: [String: String]?
    /// Redshift's `wlm_json_configuration` value (the JSON itself, not a string); `--wlm` overrides it.
    public var wlm: WLMConfiguration?
    /// Fault-injection rules (docs/workload.md).
    public var faults: FaultRuleSet?
    /// How often WLM timeouts and query monitoring rules are checked, ms (default 100).
    public var wlmMonitorIntervalMs: Int?
    /// The cluster endpoint (PostgreSQL door): TLS, password checks, limits.
    public var pg: PostgresSettings?
    /// Where `s3://` lives: a directory or an S3 endpoint (flags and AWS_ENDPOINT_URL_S3 override it).
    public var s3: S3Settings?

    enum CodingKeys: String, CodingKey {
        case superuser, strict, clusters, workgroups, users, secrets, limits, credentials, wlm, faults, pg, s3
        case verifySignatures = "verify_signatures"
        case wlmMonitorIntervalMs = "wlm_monitor_interval_ms"
    }

    public init() {}

    /// Reads a JSON or YAML file; the error names the file and what is wrong.
    public static func load(path: String) throws -> ServerConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError("cannot read config file \(path)")
        }
        do {
            if path.hasSuffix(".json") || data.first == UInt8(ascii: "{") {
                return try JSONDecoder().decode(ServerConfigFile.self, from: data)
            }
            return try YAMLDecoder().decode(ServerConfigFile.self, from: data)
        } catch let error as DecodingError {
            throw ConfigError("invalid config file \(path): \(ConfigError.describe(error))")
        } catch let error as WorkloadConfigError {
            throw ConfigError("invalid config file \(path): \(error.message)")
        } catch {
            throw ConfigError("invalid config file \(path): \(error)")
        }
    }
}
