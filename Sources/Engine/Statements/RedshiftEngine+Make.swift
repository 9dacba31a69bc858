import Foundation
import Logging

extension RedshiftEngine {
    /// Storage, registry and workload from a configuration, with configured clusters provisioned
    /// and seeded (`--init-sql` runs before this returns).
    public static func make(_ configuration: EngineConfiguration, logger: Logger) throws -> RedshiftEngine {
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
        if let snapshot = configuration.snapshot {
            try StartupSnapshot.install(snapshot, into: root, superuser: configuration.superuser,
                                        configured: configuration.targets.map(\.0))
        }
        DataQuota.install(configuration.limits.maxDataBytes.map {
            DataQuota(maxBytes: Int64($0), root: root, extraFiles: configuration.quotaFiles)
        })
        let spill = try ResultSpill(path: root.appendingPathComponent("results.sqlite").path)
        let initSQL = try InitSQL(paths: configuration.initSQL)
        let superuser = configuration.superuser
        let users = ConfiguredUsers(names: configuration.users)
        let registry = ClusterRegistry(root: root, durable: durable, strict: configuration.strict,
                                       maxClusters: configuration.limits.withDefaults().maxClusters ?? Int.max, logger: logger,
                                       prepareDatabase: { try users.create(in: $0, superuser: superuser, spill: spill) }) { cluster in
            try initSQL.run(on: cluster, superuser: superuser, spill: spill)
        }
        for (target, databases) in configuration.targets {
            try registry.configure(target, databases: databases)
        }
        let settings = EngineSettings(superuser: superuser, secrets: configuration.secrets,
                                      limits: configuration.limits.withDefaults())
        let clock = SystemClock()
        var workloadSettings = WorkloadGate.Settings(wlm: configuration.wlm, latency: configuration.latency,
                                                     seed: configuration.seed, faults: configuration.faults)
        workloadSettings.monitorIntervalMillis = configuration.wlmMonitorIntervalMillis
        let workload = WorkloadGate(workloadSettings, clock: clock)
        let engine = RedshiftEngine(registry: registry, spill: spill, settings: settings, clock: clock, logger: logger,
                                    sinks: configuration.eventSinks, workload: workload,
                                    objectStore: configuration.objectStore)
        // What `reset` returns to.
        _ = try engine.saveClusters(to: engine.baselineDirectory)
        return engine
    }
}

/// The private directories of in-memory servers, removed at exit.
public enum TemporaryStorage {
    private static let directories = Locked<[URL]>([])

    /// Removes `url` (and everything in it) at exit.
    public static func register(_ url: URL) { directories.withLock { $0.append(url) } }

    /// Removes every registered directory.
    public static func removeAll() {
        for url in directories.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
    }
}
