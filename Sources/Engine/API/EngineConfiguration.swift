import Foundation
import ObjectStore

/// Everything the engine is built from: storage, principals, quotas and the workload model.
/// The server fills it from its options and configuration file.
public struct EngineConfiguration: Sendable {
    /// Durable storage directory (SQLite WAL); nil: a private temporary directory, removed at exit.
    public var dataDirectory: String?
    /// Unknown clusters, workgroups and databases are errors instead of being provisioned.
    public var strict = false
    /// The bootstrap superuser (`awsuser`).
    public var superuser = "awsuser"
    /// Database users created in every database when it is first opened (the configuration's `users:`).
    public var users: [String] = []
    /// Secrets Manager ARNs and the database user each one holds.
    public var secrets: [String: String] = [:]
    public var limits = Limits.defaults
    /// Clusters and workgroups provisioned at start-up, with their databases.
    public var targets: [(Target, [String])] = []
    /// `--init-sql` files or directories.
    public var initSQL: [String] = []
    /// `--snapshot`: a saved snapshot directory the clusters start from (their init SQL does not run).
    public var snapshot: String?
    public var wlm: WLMConfiguration?
    public var latency = LatencyProfile.instant
    public var seed: UInt64 = 0
    public var faults = FaultRuleSet()
    /// How often WLM timeouts and query monitoring rules are checked, ms.
    public var wlmMonitorIntervalMillis = 100
    /// Where COPY, UNLOAD and external tables find `s3://` objects; nil: statements that need S3 fail.
    public var objectStore: (any ObjectStore)?
    /// Receivers of every ended statement (recordings).
    public var eventSinks: [any StatementEventSink] = []
    /// Files outside `dataDirectory` that count against `limits.maxDataBytes` (the recording).
    public var quotaFiles: [String] = []

    public init() {}
}

/// The quotas the engine and its doors enforce (reference data-api.md §13), configurable.
public struct Limits: Codable, Sendable, Equatable {
    public var maxActiveStatements: Int?
    public var maxSessions: Int?
    public var maxSqlBytes: Int?
    public var resultPageBytes: Int?
    public var maxWaitingRequests: Int?
    /// Cluster-endpoint connections per cluster or workgroup (Redshift's quota: 500); the bootstrap
    /// superuser may connect past it ("connection limit "500" exceeded for non-bootstrap users").
    public var maxConnections: Int?
    /// Bytes the server's storage (databases, result spill) may take (`--max-data-bytes`); nil: no quota.
    /// A statement that would grow it past this fails with Redshift's disk-full error (53100).
    public var maxDataBytes: Int?
    /// Seconds an ended Data API statement and its result are kept after its end (the service: 24 hours,
    /// reference data-api.md §13); later it is answered `Query does not exist.`
    public var statementRetentionSeconds: Int?
    /// Ended Data API statements kept at most, whatever their age: past it the oldest are forgotten
    /// first, with their results (an emulator bound: the service states none).
    public var maxEndedStatements: Int?
    /// Bytes a Data API statement's result may take (the service: 500 MB, data-api-troubleshooting);
    /// a larger one fails with "Database response exceeded size limit".
    public var maxResultBytes: Int?
    /// Bytes one row of a Data API statement's result may take (the service: 64 KB,
    /// data-api-troubleshooting); a result with a larger row fails with "Packet for query is too large".
    public var maxRowBytes: Int?
    /// Clusters and workgroups open at once (an emulator bound; none by default: test suites name
    /// a cluster per test); past it a request naming an unknown one gets the answer for a cluster
    /// that does not exist, as with `strict: true`.
    public var maxClusters: Int?
    /// Bytes of a Data API request body (an emulator bound: the service's is not documented; its SQL
    /// limit is `maxSqlBytes`); a larger body is refused before it is read whole.
    public var maxRequestBytes: Int?

    public static let defaults = Limits(maxActiveStatements: 500, maxSessions: 500, maxSqlBytes: 100 * 1024,
                                        resultPageBytes: 1024 * 1024, maxWaitingRequests: 10, maxConnections: 500,
                                        statementRetentionSeconds: 24 * 3600, maxEndedStatements: 10_000,
                                        maxResultBytes: 500 * 1024 * 1024, maxRowBytes: 64 * 1024,
                                        maxClusters: nil, maxRequestBytes: 16 * 1024 * 1024)

    public init(maxActiveStatements: Int? = nil, maxSessions: Int? = nil, maxSqlBytes: Int? = nil,
                resultPageBytes: Int? = nil, maxWaitingRequests: Int? = nil, maxConnections: Int? = nil,
                maxDataBytes: Int? = nil, statementRetentionSeconds: Int? = nil, maxEndedStatements: Int? = nil,
                maxResultBytes: Int? = nil, maxRowBytes: Int? = nil, maxClusters: Int? = nil,
                maxRequestBytes: Int? = nil) {
        self.maxActiveStatements = maxActiveStatements
        self.maxSessions = maxSessions
        self.maxSqlBytes = maxSqlBytes
        self.resultPageBytes = resultPageBytes
        self.maxWaitingRequests = maxWaitingRequests
        self.maxConnections = maxConnections
        self.maxDataBytes = maxDataBytes
        self.statementRetentionSeconds = statementRetentionSeconds
        self.maxEndedStatements = maxEndedStatements
        self.maxResultBytes = maxResultBytes
        self.maxRowBytes = maxRowBytes
        self.maxClusters = maxClusters
        self.maxRequestBytes = maxRequestBytes
    }

    /// Missing values taken from `defaults`.
    public func withDefaults() -> Limits {
        let d = Limits.defaults
        return Limits(maxActiveStatements: maxActiveStatements ?? d.maxActiveStatements,
                      maxSessions: maxSessions ?? d.maxSessions, maxSqlBytes: maxSqlBytes ?? d.maxSqlBytes,
                      resultPageBytes: resultPageBytes ?? d.resultPageBytes,
                      maxWaitingRequests: maxWaitingRequests ?? d.maxWaitingRequests,
                      maxConnections: maxConnections ?? d.maxConnections, maxDataBytes: maxDataBytes,
                      statementRetentionSeconds: statementRetentionSeconds ?? d.statementRetentionSeconds,
                      maxEndedStatements: maxEndedStatements ?? d.maxEndedStatements,
                      maxResultBytes: maxResultBytes ?? d.maxResultBytes, maxRowBytes: maxRowBytes ?? d.maxRowBytes,
                      maxClusters: maxClusters ?? d.maxClusters, maxRequestBytes: maxRequestBytes ?? d.maxRequestBytes)
    }
}

/// A configuration problem found at start-up; `serve` prints it and exits 2.
public struct ConfigError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }

    public static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "bad value at key '\(path(context))': \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "missing key '\(key.stringValue)' at '\(path(context))'"
        @unknown default:
            return "\(error)"
        }
    }
}
