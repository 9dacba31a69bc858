import Foundation

/// What a snapshot directory says about itself (`snapshot.json`): its format, when it was taken,
/// and the configuration facts a restore must agree with.
struct SnapshotManifest: Codable, Sendable {
    static let fileName = "snapshot.json"
    static let currentFormat = 1

    var format: Int
    var createdAt: Date
    /// The bootstrap superuser of the server that took it (users live in its files).
    var superuser: String
    /// Directory names (`cluster-NAME`, `workgroup-NAME`) of the clusters it holds.
    var clusters: [String]

    static func read(from directory: URL) throws -> SnapshotManifest {
        let data = try Data(contentsOf: directory.appendingPathComponent(fileName))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(SnapshotManifest.self, from: data)
    }

    func write(to directory: URL) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try encoder.encode(self).write(to: directory.appendingPathComponent(Self.fileName))
    }

    /// Refuses a snapshot that this server could not use as its own state: another format,
    /// another superuser, or missing a cluster this server configures.
    func checkCompatible(name: String, superuser: String, configured: [String]) throws {
        guard format == Self.currentFormat else {
            throw SnapshotError(.incompatible, "Snapshot \(name) has format \(format); this server reads format \(Self.currentFormat).")
        }
        guard self.superuser == superuser else {
            throw SnapshotError(.incompatible, "Snapshot \(name) was taken with another configuration: superuser \(self.superuser), this server's is \(superuser).")
        }
        let missing = Set(configured).subtracting(clusters).sorted()
        guard missing.isEmpty else {
            throw SnapshotError(.incompatible, "Snapshot \(name) was taken with another configuration: it has no \(missing.joined(separator: ", ")), which this server configures.")
        }
    }
}
