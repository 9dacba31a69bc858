import Foundation

/// `serve --snapshot DIR`: the clusters start from a saved snapshot instead of running `--init-sql`
/// (a cluster the snapshot holds exists, so it is not provisioned).
enum StartupSnapshot {
    static func install(_ path: String, into root: URL, superuser: String, configured: [Target]) throws {
        let directory = URL(fileURLWithPath: path)
        let manifest: SnapshotManifest
        do {
            manifest = try SnapshotManifest.read(from: directory)
        } catch {
            throw ConfigError("--snapshot \(path): not a snapshot directory (no readable \(SnapshotManifest.fileName))")
        }
        let names = configured.map { "\($0.kind.rawValue)-\(FileName.safe($0.name))" }
        do {
            try manifest.checkCompatible(name: path, superuser: superuser, configured: names)
            try SnapshotFiles.install(directory, into: root)
        } catch let error as SnapshotError {
            throw ConfigError("--snapshot \(path): \(error.message)")
        }
    }
}
