import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Assembles the server: storage, the service, the HTTP routes and background work.
///
/// The one place `serve` and the tests build the application from.
public func buildApplication(_ configuration: EmulatorConfiguration, logger: Logger = Logger(label: "emulatord"),
                             onReady: @escaping @Sendable (String, Int) async -> Void = { _, _ in })
    throws -> some ApplicationProtocol {
    let service = try makeService(configuration, logger: logger)
    let router = Router()
    let file = configuration.configFile
    let verifier = (file.verifySignatures ?? false) ? SignatureVerifier(credentials: file.credentials ?? [:]) : nil
    DataAPIController(service: service, signatures: verifier).addRoutes(to: router)
    AdminController(service: service).addRoutes(to: router)
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
        services: [HousekeepingService(service: service)],
        onServerRunning: { channel in
            await onReady(configuration.host, channel.localAddress?.port ?? configuration.port)
        },
        logger: logger)
}

/// Storage, registry and service, with configured clusters provisioned and seeded.
public func makeService(_ configuration: EmulatorConfiguration, logger: Logger) throws -> EmulatorService {
    let root: URL
    let durable: Bool
    if let directory = configuration.dataDirectory {
        root = URL(fileURLWithPath: directory)
        durable = true
    } else {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("emulatord-\(UUID().uuidString.lowercased())")
        durable = false
        TemporaryStorage.register(root)
    }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    let spill = try ResultSpill(path: root.appendingPathComponent("results.sqlite").path)
    let initSQL = try InitSQL(paths: configuration.initSQL)
    let superuser = configuration.superuser
    let file = configuration.configFile
    let registry = ClusterRegistry(root: root, durable: durable, strict: file.strict ?? false, logger: logger) { cluster in
        try initSQL.run(on: cluster, superuser: superuser, spill: spill)
    }
    for cluster in file.clusters ?? [] {
        try registry.configure(Target(kind: .cluster, name: cluster.identifier), databases: cluster.databases ?? ["dev"])
    }
    for workgroup in file.workgroups ?? [] {
        try registry.configure(Target(kind: .workgroup, name: workgroup.name), databases: workgroup.databases ?? ["dev"])
    }
    let settings = ServiceSettings(superuser: superuser, secrets: file.secrets ?? [:],
                                   limits: (file.limits ?? Limits()).withDefaults(), users: Set(file.users ?? []))
    let clock = SystemClock()
    var workloadSettings = WorkloadGate.Settings(wlm: configuration.wlm ?? file.wlm, latency: configuration.latency,
                                                 seed: configuration.seed ?? 0, faults: file.faults ?? FaultRuleSet())
    if let interval = file.wlmMonitorIntervalMs { workloadSettings.monitorIntervalMillis = interval }
    let workload = WorkloadGate(workloadSettings, clock: clock)
    return EmulatorService(registry: registry, spill: spill, settings: settings, clock: clock, logger: logger,
                           sinks: configuration.eventSinks, workload: workload)
}

/// Periodic expiry of statements, ClientTokens and idle sessions.
struct HousekeepingService: Service {
    let service: EmulatorService

    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            try? await Task.sleep(nanoseconds: 250_000_000)
            service.housekeeping()
        }
        service.shutdown()
    }
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { Task.isCancelled || Task.isShuttingDownGracefully }
}

/// The private directories of in-memory servers, removed at exit.
public enum TemporaryStorage {
    private static let directories = Locked<[URL]>([])

    static func register(_ url: URL) { directories.withLock { $0.append(url) } }

    /// Removes every registered directory.
    public static func removeAll() {
        for url in directories.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
    }
}
