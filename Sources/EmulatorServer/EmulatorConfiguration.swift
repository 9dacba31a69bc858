import Engine
import Foundation

/// Every `serve` option as one value, with the embedded defaults: in memory on 127.0.0.1:8080,
/// instant latency.
public struct EmulatorConfiguration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Durable storage directory (SQLite WAL). nil: in memory (a private temporary directory that is
    /// removed when the server stops).
    public var dataDirectory: String?
    public var configFile = ServerConfigFile()
    /// `.sql` files (or directories of them, run in lexical order) run as the superuser in `dev` of
    /// every cluster or workgroup when it is provisioned.
    public var initSQL: [String] = []
    /// `--snapshot`: start the clusters from this saved snapshot directory instead of `initSQL`.
    public var snapshot: String?
    public var latency = LatencyProfile.instant
    public var seed: UInt64?
    /// WLM queues (`--wlm` or the config file's `wlm`); nil: no queueing.
    public var wlm: WLMConfiguration?
    /// Receivers of every finished statement (`serve --record` adds a recording writer).
    public var eventSinks: [any StatementEventSink] = []
    /// Files outside the data directory that count against `limits.maxDataBytes` (the recording).
    public var quotaFiles: [String] = []
    /// Prometheus metrics at `GET /metrics` (`--metrics off` turns them off).
    public var metricsEnabled = true
    /// The PostgreSQL door's port (`--pg-port`): 5439 by default, 0 for a free port, nil when off.
    public var pgPort: Int? = 5439
    /// True when `--pg-port` was given: a taken port is then an error, not a warning and a free port.
    public var pgPortExplicit = false
    /// The cluster the PostgreSQL door serves (`--pg-cluster`); nil: the first configured cluster
    /// or workgroup, else `dev-cluster`.
    public var pgCluster: String?
    /// `--max-data-bytes`: overrides the configuration file's `limits.maxDataBytes`.
    public var maxDataBytes: Int?
    /// `--statement-retention`: seconds; overrides the configuration file's `limits.statementRetentionSeconds`.
    public var statementRetentionSeconds: Int?
    /// `--max-ended-statements`: overrides the configuration file's `limits.maxEndedStatements`.
    public var maxEndedStatements: Int?
    /// The PostgreSQL door's TLS certificate chain and private key, PEM (`--tls-cert`, `--tls-key`;
    /// they override the configuration file's `pg: {tls_cert:, tls_key:}`).
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// `--s3-root`: `s3://bucket/key` is the file `DIR/bucket/key` (see `ObjectStoreChoice`).
    public var s3Root: String?
    /// `--s3-endpoint`: an S3 API URL, path-style.
    public var s3Endpoint: String?
    /// The process environment: `AWS_ENDPOINT_URL_S3`, `AWS_REGION`, `AWS_DEFAULT_REGION` and the credentials.
    public var environment: [String: String] = ProcessInfo.processInfo.environment

    public init() {}

    /// In-process tests: port 0, in memory.
    public static var testing: EmulatorConfiguration {
        var configuration = EmulatorConfiguration()
        configuration.port = 0
        configuration.pgPort = nil
        configuration.environment = [:]
        return configuration
    }

    var superuser: String { configFile.superuser ?? "awsuser" }

    /// The cluster (or workgroup) the PostgreSQL door serves.
    var pgTarget: Target {
        if let pgCluster { return Target(kind: .cluster, name: pgCluster) }
        if let cluster = configFile.clusters?.first { return Target(kind: .cluster, name: cluster.identifier) }
        if let workgroup = configFile.workgroups?.first { return Target(kind: .workgroup, name: workgroup.name) }
        return Target(kind: .cluster, name: "dev-cluster")
    }

    /// The PostgreSQL door's settings: the configuration file's `pg:` section, `--tls-*` over it.
    var pgSettings: PostgresSettings {
        var settings = configFile.pg ?? PostgresSettings()
        if let tlsCertificate { settings.tlsCert = tlsCertificate }
        if let tlsKey { settings.tlsKey = tlsKey }
        return settings
    }

    /// What the engine is built from.
    var engineConfiguration: EngineConfiguration {
        let file = configFile
        var engine = EngineConfiguration()
        engine.dataDirectory = dataDirectory
        engine.strict = file.strict ?? false
        engine.superuser = superuser
        engine.users = file.users ?? []
        engine.secrets = file.secrets ?? [:]
        engine.limits = file.limits ?? Limits()
        if let maxDataBytes { engine.limits.maxDataBytes = maxDataBytes }
        if let statementRetentionSeconds { engine.limits.statementRetentionSeconds = statementRetentionSeconds }
        if let maxEndedStatements { engine.limits.maxEndedStatements = maxEndedStatements }
        engine.targets = (file.clusters ?? []).map { (Target(kind: .cluster, name: $0.identifier), $0.databases ?? ["dev"]) }
            + (file.workgroups ?? []).map { (Target(kind: .workgroup, name: $0.name), $0.databases ?? ["dev"]) }
        engine.initSQL = initSQL
        engine.snapshot = snapshot
        engine.wlm = wlm ?? file.wlm
        engine.latency = latency
        engine.seed = seed ?? 0
        engine.faults = file.faults ?? FaultRuleSet()
        if let interval = file.wlmMonitorIntervalMs { engine.wlmMonitorIntervalMillis = interval }
        engine.eventSinks = eventSinks
        engine.quotaFiles = quotaFiles
        return engine
    }
}
