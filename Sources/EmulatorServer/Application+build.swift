import Console
import DataAPI
import Engine
import Foundation
import Hummingbird
import Logging
import ManagementAPI
import ObjectStore
import PGWire
import ServiceLifecycle

/// Assembles the server: the engine, its doors, the admin routes and background work.
///
/// The one place `serve` and the tests build the application from. Both listeners (HTTP and,
/// unless `pgPort` is nil, PostgreSQL) are bound before `onReady` and then `onPostgresReady` are
/// called.
public func buildApplication(_ configuration: EmulatorConfiguration, logger: Logger = Logger(label: "emulatord"),
                             onReady: @escaping @Sendable (String, Int) async -> Void = { _, _ in },
                             onPostgresReady: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
    throws -> some ApplicationProtocol {
    let objectStore = try ObjectStoreChoice.resolve(configuration)
    let metrics = configuration.metricsEnabled ? ServerMetrics() : nil
    let file = configuration.configFile
    let console = ConsoleWiring(verifySignatures: file.verifySignatures ?? false)
    let configuration = configuration.observed(metrics: metrics, logger: logger, console: console.activity)
    let service = try makeService(configuration, logger: logger, objectStore: try objectStore.makeStore(environment: configuration.environment))
    let router = Router()
    if metrics != nil || logger.logLevel <= .info { router.add(middleware: RequestObserver(metrics: metrics, logger: logger)) }
    let verifier = (file.verifySignatures ?? false) ? SignatureVerifier(credentials: file.credentials ?? [:]) : nil
    let postgres = try configuration.pgPort.map {
        try PostgresDoor(engine: service.engine, configuration: configuration, port: $0, logger: logger)
    }
    // The management API (IAM credentials) sits in front of the Data API's routes on the same port.
    router.add(middleware: ManagementMiddleware(adapter: ManagementAdapter(engine: service.engine, endpoint: {
        guard let pg = try? await postgres?.server else { return nil }
        return ClusterEndpoint(host: pg.host, port: pg.port, target: configuration.pgTarget)
    }), signatures: verifier))
    router.add(middleware: AdminGuard(access: console.access, signatures: verifier))
    DataAPIController(service: service, signatures: verifier,
                      maxBodyBytes: service.engine.settings.limits.maxRequestBytes ?? Limits.defaults.maxRequestBytes!).addRoutes(to: router)
    ConsoleController(engine: service.engine, activity: console.activity, access: console.access,
                      defaultTarget: configuration.pgTarget).addRoutes(to: router)
    AdminController(engine: service.engine, objectStore: objectStore).addRoutes(to: router)
    if let metrics { MetricsController(metrics: metrics, engine: service.engine).addRoutes(to: router) }
    var services: [any Service] = [HousekeepingService(service: service), ConsoleSampler(engine: service.engine, activity: console.activity)]
    if let postgres { services.append(postgres) }
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: services,
        onServerRunning: { channel in
            // No ready line until the PostgreSQL listener is bound too; if its bind failed, its
            // service fails and the application stops without a ready line.
            let pg: PGServer?
            do { pg = try await postgres?.server } catch { return }
            let port = channel.localAddress?.port ?? configuration.port
            await onReady(configuration.host, port)
            if let pg { await onPostgresReady(pg.host, pg.port) }
            let announcement = console.announcement(host: configuration.host, port: port)
            if !announcement.isEmpty { FileHandle.standardError.write(Data((announcement + "\n").utf8)) }
        },
        logger: logger)
}

extension EmulatorConfiguration {
    /// This configuration with the console, the metrics and, at `info`, the statement log among the event sinks.
    func observed(metrics: ServerMetrics?, logger: Logger, console: ConsoleActivity) -> EmulatorConfiguration {
        var configuration = self
        configuration.eventSinks.append(console)
        if let metrics { configuration.eventSinks.append(metrics) }
        if logger.logLevel <= .info { configuration.eventSinks.append(StatementLog(logger: logger)) }
        return configuration
    }
}

/// The engine, with configured clusters provisioned and seeded, and its Data API door; `objectStore`
/// is where its COPY and UNLOAD find `s3://` (nil: they fail).
public func makeService(_ configuration: EmulatorConfiguration, logger: Logger,
                        objectStore: (any ObjectStore)? = nil) throws -> DataAPIAdapter {
    var engineConfiguration = configuration.engineConfiguration
    engineConfiguration.objectStore = objectStore
    return DataAPIAdapter(engine: try RedshiftEngine.make(engineConfiguration, logger: logger))
}

/// Periodic expiry of statements, ClientTokens and idle sessions, and (every 30 s) the return of
/// freed heap memory to the system.
struct HousekeepingService: Service {
    let service: DataAPIAdapter

    func run() async throws {
        var rounds = 0
        while !Task.isCancelledOrShuttingDown {
            try? await Task.sleep(nanoseconds: 250_000_000)
            service.engine.housekeeping()
            service.housekeeping()
            rounds += 1
            if rounds % 120 == 0 { FreedMemory.release() }
        }
        service.engine.shutdown()
    }
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}
