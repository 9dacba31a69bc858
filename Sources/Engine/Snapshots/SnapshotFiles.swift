import Foundation
import GRDB
import RedshiftSQL

/// A snapshot on disk: a directory holding a copy of each cluster's directory (`cluster-NAME/`,
/// `workgroup-NAME/`: every database file and `principals.db`, copied with SQLite's online backup
/// API; `databases.json`; the data catalog) and `snapshot.json`.
enum SnapshotFiles {
    /// The cluster directories under `root`.
    static func clusterDirectories(in root: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return (name.hasPrefix("\(Target.Kind.cluster.rawValue)-") || name.hasPrefix("\(Target.Kind.workgroup.rawValue)-"))
                && FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    /// Copies the clusters under `root` into `destination` (replacing what was there), through a
    /// staging directory so that a failure leaves no half snapshot. `catalogs` are the data catalogs
    /// of the clusters in memory, by directory name; the others' catalog files are copied.
    static func save(from root: URL, to destination: URL, catalogs: [String: ExternalCatalog],
                     superuser: String, now: Date) throws -> SnapshotManifest {
        let files = FileManager.default
        let parent = destination.deletingLastPathComponent()
        try files.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".saving-\(UUID().uuidString.lowercased())")
        try files.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let clusters = clusterDirectories(in: root)
            for cluster in clusters {
                let from = root.appendingPathComponent(cluster)
                let to = staging.appendingPathComponent(cluster)
                try files.createDirectory(at: to, withIntermediateDirectories: true)
                for file in try files.contentsOfDirectory(atPath: from.path) {
                    let source = from.appendingPathComponent(file).path
                    let target = to.appendingPathComponent(file).path
                    if file.hasSuffix(".sqlite") || file == "principals.db" {
                        try backup(source, to: target)
                    } else if file == "databases.json" || (file == Cluster.externalCatalogFileName && catalogs[cluster] == nil) {
                        try files.copyItem(atPath: source, toPath: target)
                    }
                }
                if let catalog = catalogs[cluster] {
                    try JSONEncoder().encode(catalog).write(to: to.appendingPathComponent(Cluster.externalCatalogFileName))
                }
            }
            let manifest = SnapshotManifest(format: SnapshotManifest.currentFormat, createdAt: now,
                                            superuser: superuser, clusters: clusters)
            try manifest.write(to: staging)
            if files.fileExists(atPath: destination.path) { try files.removeItem(at: destination) }
            try files.moveItem(at: staging, to: destination)
            return manifest
        } catch {
            try? files.removeItem(at: staging)
            throw error
        }
    }

    /// Copies one SQLite file with the online backup API: a consistent copy even while other
    /// connections have it open (in WAL mode), as a self-contained file.
    static func backup(_ source: String, to target: String) throws {
        var readOnly = Configuration()
        readOnly.readonly = true
        let from = try DatabaseQueue(path: source, configuration: readOnly)
        let to = try DatabaseQueue(path: target)
        try from.backup(to: to)
        try from.close()
        try to.close()
    }

    /// Replaces the clusters under `root` with the snapshot's (no connection may be open on them).
    static func install(_ snapshot: URL, into root: URL) throws {
        let files = FileManager.default
        for cluster in clusterDirectories(in: root) {
            try files.removeItem(at: root.appendingPathComponent(cluster))
        }
        for cluster in clusterDirectories(in: snapshot) {
            try files.copyItem(at: snapshot.appendingPathComponent(cluster), to: root.appendingPathComponent(cluster))
        }
    }

    /// Total size of the files in a directory tree.
    static func size(of directory: URL) -> Int64 {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.fileSizeKey]) else { return 0 }
        var total: Int64 = 0
        for case let url as URL in walker {
            total += Int64((try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
        }
        return total
    }
}
