import Foundation
import RedshiftSQL

/// A saved snapshot, as `GET /admin/snapshots` lists it.
public struct SnapshotInfo: Sendable, Equatable {
    public var name: String
    public var createdAt: Date
    /// Directory names of the clusters it holds (`cluster-NAME`, `workgroup-NAME`).
    public var clusters: [String]
    public var bytes: Int64
}

/// Snapshots and reset, for test fixtures: save every cluster's state under a name, bring it back,
/// or return to the state the server started with (right after `--init-sql`, or `--snapshot`).
///
/// Saving and restoring run with no statement in flight (`MaintenanceGate`): they wait for running
/// statements to end and refuse new ones meanwhile. A restore or reset ends every open session
/// (Data API sessions and PostgreSQL connections, as PG_TERMINATE_BACKEND does) and rolls back
/// their open transactions. The engine's statement history (DescribeStatement, STL_QUERY …) and
/// its query ids are the server's, not the clusters', and are kept.
extension RedshiftEngine {
    /// Where named snapshots live: `<data-dir>/snapshots`, or the in-memory server's temporary directory.
    var snapshotsDirectory: URL { registry.root.appendingPathComponent("snapshots") }

    /// The state right after start-up, for `reset`.
    var baselineDirectory: URL { registry.root.appendingPathComponent(".baseline") }

    /// Saves every cluster's state as `name` (replacing a snapshot of that name).
    @discardableResult
    public func saveSnapshot(named name: String) async throws -> SnapshotInfo {
        try SnapshotName.validate(name)
        let directory = snapshotsDirectory.appendingPathComponent(name)
        let manifest = try await maintenance.exclusively("saving snapshot \(name)") { try saveClusters(to: directory) }
        return SnapshotInfo(name: name, createdAt: manifest.createdAt, clusters: manifest.clusters,
                            bytes: SnapshotFiles.size(of: directory))
    }

    /// Brings back the state saved as `name`.
    public func restoreSnapshot(named name: String) async throws {
        try SnapshotName.validate(name)
        try await restore(from: snapshotsDirectory.appendingPathComponent(name), name: name)
    }

    /// Returns every cluster to its state right after start-up; clusters created since are removed
    /// (a request naming one again provisions it afresh, with `--init-sql`).
    public func reset() async throws {
        try await restore(from: baselineDirectory, name: "the start-up state")
    }

    /// The saved snapshots, by name.
    public func snapshots() -> [SnapshotInfo] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: snapshotsDirectory.path)) ?? []
        return names.sorted().compactMap { name in
            let directory = snapshotsDirectory.appendingPathComponent(name)
            guard (try? SnapshotName.validate(name)) != nil, let manifest = try? SnapshotManifest.read(from: directory) else { return nil }
            return SnapshotInfo(name: name, createdAt: manifest.createdAt, clusters: manifest.clusters,
                                bytes: SnapshotFiles.size(of: directory))
        }
    }

    /// Removes the snapshot `name`.
    public func deleteSnapshot(named name: String) throws {
        try SnapshotName.validate(name)
        let directory = snapshotsDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(SnapshotManifest.fileName).path) else {
            throw Self.unknownSnapshot(name)
        }
        try FileManager.default.removeItem(at: directory)
    }

    /// Saves the clusters' files as they are now (the caller made sure nothing runs).
    func saveClusters(to directory: URL) throws -> SnapshotManifest {
        var catalogs: [String: ExternalCatalog] = [:]
        for cluster in registry.allClusters() {
            catalogs[registry.directory(of: cluster.target).lastPathComponent] = cluster.externalCatalog.snapshot
        }
        return try SnapshotFiles.save(from: registry.root, to: directory, catalogs: catalogs,
                                      superuser: settings.superuser, now: clock.now())
    }

    private func restore(from directory: URL, name: String) async throws {
        guard let manifest = try? SnapshotManifest.read(from: directory) else { throw Self.unknownSnapshot(name) }
        try manifest.checkCompatible(name: name, superuser: settings.superuser, configured: configuredDirectoryNames)
        try await maintenance.exclusively("restoring \(name == "the start-up state" ? name : "snapshot \(name)")") {
            await endAllSessions()
            try registry.replacingAll { try SnapshotFiles.install(directory, into: registry.root) }
            try registry.reopenConfigured()
        }
    }

    /// Directory names of the configured clusters/workgroups.
    var configuredDirectoryNames: [String] {
        registry.configuredTargets.keys.map { registry.directory(of: $0).lastPathComponent }
    }

    /// Ends every open session as PG_TERMINATE_BACKEND does: a PostgreSQL connection gets FATAL
    /// 57P01 and is closed, a Data API session is closed; open transactions roll back.
    private func endAllSessions() async {
        let open = sessions.state.withLock { sessions in sessions.values.filter { !$0.closed }.map(\.id) }
        for id in open { await endSession(id, terminated: true) }
    }

    static func unknownSnapshot(_ name: String) -> SnapshotError {
        SnapshotError(.notFound, "Snapshot \(name) does not exist.")
    }
}
