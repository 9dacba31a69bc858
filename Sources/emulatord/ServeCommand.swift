import ArgumentParser
import EmulatorServer
import Engine
import Foundation
import Logging
import Replay
import S3Store

/// `emulatord serve`: runs the Data API server until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the Redshift Data API (AWS JSON 1.1 over HTTP) and the cluster endpoint (PostgreSQL protocol).")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free port.") var port = 8080
    @Option(help: "Directory for durable storage (SQLite WAL). Without it, state lives in memory.") var dataDir: String?
    @Flag(help: "Keep all state in memory (the default).") var inMemory = false
    @Option(help: "Configuration file (JSON or YAML): clusters, workgroups, users, secrets, limits.") var config: String?
    @Option(help: "Bytes the stored data and result spill may take; a statement past it fails with Disk Full (53100).")
    var maxDataBytes: Int?
    @Option(help: "How long an ended Data API statement and its result are kept: seconds, or a duration such as 90s, 10m, 24h (default: 24h, as the service).")
    var statementRetention: String?
    @Option(help: "Ended Data API statements kept at most; past it the oldest are forgotten first (default: 10000).")
    var maxEndedStatements: Int?
    @Option(help: "Latency model: instant, realistic, or a JSON profile file (docs/workload.md).") var latency = "instant"
    @Option(help: "WLM queues: a file holding Redshift's wlm_json_configuration JSON.") var wlm: String?
    @Option(help: "Seed for every simulated quantity.") var seed: UInt64?
    @Option(help: "A .sql file or a directory of them, run as the superuser in `dev` of every new cluster.")
    var initSql: [String] = []
    @Option(help: "A saved snapshot directory (e.g. <data-dir>/snapshots/NAME): the clusters start from it instead of running --init-sql.")
    var snapshot: String?
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default: warning; info with --log-format json). At info every request and statement is logged.")
    var logLevel: String?
    @Option(help: "Log format on stderr: text, or json (one JSON object per event, for log collectors).")
    var logFormat: LogFormat = .text
    @Option(help: "Prometheus metrics at GET /metrics: on (the default) or off.") var metrics: Switch = .on
    @Option(help: "Record every statement to this file (recording format v1, JSON Lines).") var record: String?
    @Option(help: "PostgreSQL (cluster endpoint) port: 5439 by default, 0 picks a free port, off disables it.")
    var pgPort: String?
    @Option(help: "The cluster the PostgreSQL endpoint serves (default: the first configured one, else dev-cluster).")
    var pgCluster: String?
    @Option(help: "PEM certificate (chain) of the PostgreSQL endpoint: with --tls-key, SSLRequest is answered S and the connection continues over TLS.")
    var tlsCert: String?
    @Option(help: "PEM private key of --tls-cert.") var tlsKey: String?
    @Option(help: "Directory where s3:// lives: s3://bucket/key is DIR/bucket/key (default: <data-dir>/s3, else a temporary directory).")
    var s3Root: String?
    @Option(help: "An S3 API endpoint URL (moto, LocalStack, MinIO, AWS) for s3://, path-style, SigV4 from the AWS_* variables; overrides AWS_ENDPOINT_URL_S3 and the configuration file's s3.endpoint.")
    var s3Endpoint: String?

    func validate() throws {
        if inMemory && dataDir != nil { throw ValidationError("--in-memory and --data-dir cannot be used together") }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
        if let pgPort, pgPort != "off", !(Int(pgPort).map { (0...65535).contains($0) } ?? false) {
            throw ValidationError("--pg-port must be a port between 0 and 65535, or off")
        }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        if let statementRetention, RetentionDuration.seconds(statementRetention) == nil {
            throw ValidationError("--statement-retention must be seconds or a duration such as 90s, 10m, 24h")
        }
        if let maxEndedStatements, maxEndedStatements < 0 {
            throw ValidationError("--max-ended-statements must be 0 or more")
        }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        logFormat.bootstrap()
        var logger = Logger(label: "emulatord")
        logger.logLevel = logLevel.flatMap(Logger.Level.init(rawValue:)) ?? (logFormat == .json ? .info : .warning)
        var configuration = EmulatorConfiguration()
        configuration.metricsEnabled = metrics == .on
        configuration.host = host
        configuration.port = port
        configuration.dataDirectory = inMemory ? nil : dataDir
        configuration.initSQL = initSql
        configuration.snapshot = snapshot
        configuration.seed = seed
        if let pgPort {
            configuration.pgPort = pgPort == "off" ? nil : Int(pgPort)
            configuration.pgPortExplicit = true
        }
        configuration.pgCluster = pgCluster
        configuration.maxDataBytes = maxDataBytes
        configuration.statementRetentionSeconds = statementRetention.flatMap(RetentionDuration.seconds)
        configuration.maxEndedStatements = maxEndedStatements
        configuration.tlsCertificate = tlsCert
        configuration.tlsKey = tlsKey
        configuration.s3Root = s3Root
        configuration.s3Endpoint = s3Endpoint
        var recorder: RecordingWriter?
        var recordingSink: RecordingEventSink?
        defer {
            recordingSink?.drain()
            try? recorder?.close()
        }
        if let record {
            do {
                let writer = try RecordingWriter(path: record, header: RecordingHeader(source: .serve))
                recorder = writer
                let sink = RecordingEventSink(writer: writer)
                recordingSink = sink
                configuration.eventSinks.append(QuotaLimitedSink(sink, logger: logger))
                configuration.quotaFiles.append(record)
            } catch {
                FileHandle.standardError.write(Data("emulatord: --record: \(error)\n".utf8))
                throw ExitCode(2)
            }
        }
        do {
            if let config { configuration.configFile = try ServerConfigFile.load(path: config) }
            do {
                configuration.latency = try LatencyProfile.resolve(latency)
                if let wlm { configuration.wlm = try WLMConfiguration.load(path: wlm) }
            } catch let error as WorkloadConfigError {
                throw ConfigError(error.message)
            }
            let app = try buildApplication(configuration, logger: logger, onReady: { host, port in
                print("emulatord listening on http://\(host):\(port)")
                fflush(stdout)
            }, onPostgresReady: { host, port in
                print("emulatord listening on postgresql://\(host):\(port)")
                fflush(stdout)
            })
            try await app.runService()
            await S3HTTPClient.shutdown()
            TemporaryStorage.removeAll()
        } catch let error as ConfigError {
            await S3HTTPClient.shutdown()
            TemporaryStorage.removeAll()
            FileHandle.standardError.write(Data("emulatord: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}

extension LogFormat: ExpressibleByArgument {}

/// An option that is `on` or `off`.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on
    case off
}
