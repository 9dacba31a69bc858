import Engine
import Foundation
import Logging
import PGWire
import ServiceLifecycle

/// The PostgreSQL door as a service of the application: its listener is bound as soon as the
/// application is built (so that both ports are known before the ready lines), and it serves until
/// graceful shutdown.
final class PostgresDoor: Service, Sendable {
    private let binding: Task<PGServer, any Error>

    /// Throws a `ConfigError` when the TLS files cannot be used.
    init(engine: RedshiftEngine, configuration: EmulatorConfiguration, port: Int, logger: Logger) throws {
        let pg = try Self.serverConfiguration(configuration, port: port)
        let explicit = configuration.pgPortExplicit
        binding = Task {
            do {
                return try await PGServer.bind(engine: engine, configuration: pg, logger: logger)
            } catch where !explicit && port != 0 {
                // Several servers side by side (CI): the default port is taken, a free one is used.
                var fallback = pg
                fallback.port = 0
                let server = try await PGServer.bind(engine: engine, configuration: fallback, logger: logger)
                FileHandle.standardError.write(Data(
                    "emulatord: warning: port \(port) is in use; the PostgreSQL endpoint listens on \(server.port)\n".utf8))
                return server
            }
        }
    }

    /// The listener's configuration from `serve`'s options and the `pg:` section.
    static func serverConfiguration(_ configuration: EmulatorConfiguration, port: Int) throws -> PGServerConfiguration {
        let settings = configuration.pgSettings
        var pg = PGServerConfiguration(host: configuration.host, port: port, target: configuration.pgTarget,
                                       superuser: configuration.superuser)
        pg.loginPolicy = settings.loginPolicy
        if let bytes = settings.maxMessageBytes { pg.maximumMessageLength = bytes }
        if let seconds = settings.startupTimeoutSeconds { pg.startupTimeoutSeconds = seconds }
        switch (settings.tlsCert, settings.tlsKey) {
        case (nil, nil):
            break
        case (let cert?, let key?):
            do {
                pg.tls = try PGTLS(certificatePath: cert, keyPath: key)
            } catch let error as PGTLSError {
                throw ConfigError(error.description)
            }
        default:
            throw ConfigError("a TLS certificate needs its key and a key its certificate (--tls-cert and --tls-key)")
        }
        return pg
    }

    /// The bound listener (waits for the bind; throws when it failed).
    var server: PGServer {
        get async throws { try await binding.value }
    }

    func run() async throws {
        let server = try await binding.value
        do {
            try await cancelWhenGracefulShutdown { try await server.run() }
        } catch where Task.isCancelledOrShuttingDown {
            // Shutting down: the listener was closed on purpose.
        }
    }
}
