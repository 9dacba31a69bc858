import ArgumentParser
import Emulator
import Foundation
import Logging

/// `emulatord serve`: runs the Data API server until SIGINT/SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the Redshift Data API (AWS JSON 1.1 over HTTP).")

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free port.") var port = 8080
    @Option(help: "Directory for durable storage (SQLite WAL). Without it, state lives in memory.") var dataDir: String?
    @Flag(help: "Keep all state in memory (the default).") var inMemory = false
    @Option(help: "Configuration file (JSON or YAML): clusters, workgroups, users, secrets, limits.") var config: String?
    @Option(help: "Latency model: instant (only 'instant' is implemented so far).") var latency = "instant"
    @Option(help: "Seed for every simulated quantity.") var seed: UInt64?
    @Option(help: "A .sql file or a directory of them, run as the superuser in `dev` of every new cluster.")
    var initSql: [String] = []
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "warning"

    func validate() throws {
        if inMemory && dataDir != nil { throw ValidationError("--in-memory and --data-dir cannot be used together") }
        if latency != "instant" {
            throw ValidationError("--latency \(latency): only 'instant' is implemented so far")
        }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        var logger = Logger(label: "emulatord")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        var configuration = EmulatorConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.dataDirectory = inMemory ? nil : dataDir
        configuration.initSQL = initSql
        configuration.latency = latency
        configuration.seed = seed
        do {
            if let config { configuration.configFile = try ServerConfigFile.load(path: config) }
            let app = try buildApplication(configuration, logger: logger) { host, port in
                print("emulatord listening on http://\(host):\(port)")
                fflush(stdout)
            }
            try await app.runService()
            TemporaryStorage.removeAll()
        } catch let error as ConfigError {
            TemporaryStorage.removeAll()
            FileHandle.standardError.write(Data("emulatord: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}
