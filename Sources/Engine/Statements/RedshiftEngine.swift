import Foundation
import Logging
import ObjectStore
import RedshiftSQL
import Synchronization

/// The emulated Redshift: clusters and their databases, sessions, and every statement from
/// submission to its end. The doors (the Data API, the PostgreSQL wire) are thin adapters over it.
///
/// Owns no protocol: requests come in as `StatementRequest`, answers go out as
/// `StatementSnapshot`s and `ResultSet`s, failures as `EngineError`. SQL goes to the SQL front end
/// through `StatementRunner`. Each area lives in its own `RedshiftEngine+<Area>.swift`.
public final class RedshiftEngine: Sendable {
    let registry: ClusterRegistry
    let statements: StatementStore
    let sessions = SessionStore()
    /// Sessions' and connections' history (STV_SESSIONS, STL_CONNECTION_LOG …).
    let sessionLog = SessionLog()
    /// The UNLOADs (STL_UNLOAD_LOG, SYS_UNLOAD_HISTORY).
    let unloadLog = UnloadLog()
    /// COPY's rejected rows and loads (STL_LOAD_ERRORS, STL_LOAD_COMMITS, SYS_LOAD_HISTORY …).
    let loadLog = LoadLog()
    /// Spectrum's external table scans (SVL_S3QUERY_SUMMARY, SVL_S3PARTITION_SUMMARY).
    let spectrumLog = SpectrumScanLog()
    let spill: ResultSpill
    public let settings: EngineSettings
    let clock: any EmulatorClock
    let logger: Logger
    /// Told about every statement that ends (recordings).
    let sinks: [any StatementEventSink]
    /// WLM queues, simulated latency and fault rules; inert by default.
    public let workload: WorkloadGate
    /// Where COPY, UNLOAD and external tables read and write `s3://` objects.
    let objectStore: (any ObjectStore)?
    /// Temporary database logins issued by the management API (IAM authentication).
    public let temporaryCredentials = TemporaryCredentialStore()
    private let sequence = Atomic<Int64>(0)
    /// Keeps statements out while a snapshot is saved or restored.
    let maintenance = MaintenanceGate()

    init(registry: ClusterRegistry, spill: ResultSpill, settings: EngineSettings, clock: any EmulatorClock,
         logger: Logger, sinks: [any StatementEventSink] = [], workload: WorkloadGate? = nil,
         objectStore: (any ObjectStore)? = nil) {
        self.objectStore = objectStore
        self.sinks = sinks
        self.workload = workload ?? WorkloadGate(WorkloadGate.Settings(), clock: clock)
        self.registry = registry
        self.spill = spill
        self.settings = settings
        statements = StatementStore(
            retention: TimeInterval(settings.limits.statementRetentionSeconds ?? Limits.defaults.statementRetentionSeconds!),
            maxEnded: settings.limits.maxEndedStatements ?? Limits.defaults.maxEndedStatements!)
        self.clock = clock
        self.logger = logger
    }

    /// A fresh lower-case version-4 UUID: statement and session ids (reference data-api.md §2.1).
    func newId() -> String { RandomUUID.string() }

    /// Expires statements and idle sessions. Called periodically by the server.
    public func housekeeping() {
        let now = clock.now()
        statements.expire(now: now)
        for id in sessions.closeExpired(now: now) { sessionLog.closed(id, at: now, reason: .timedOut) }
        temporaryCredentials.expire(now: now)
    }

    /// Stops everything: used at shutdown.
    public func shutdown() {
        registry.closeAll()
    }

    /// The current time of the engine's clock.
    public func now() -> Date { clock.now() }

    func isSuperuser(_ user: String) -> Bool { user == settings.superuser }

    /// A monotonically increasing number, for ordering and paging.
    func nextSequence() -> Int64 { sequence.wrappingAdd(1, ordering: .relaxed).newValue }
}

/// The engine's settings that the doors read too.
public struct EngineSettings: Sendable {
    public var superuser: String
    public var secrets: [String: String]
    public var limits: Limits
}
