import Foundation
import RedshiftSQL

/// What a cluster keeps about its databases besides their files: owner and CREATE DATABASE's
/// options, in `databases.json` beside the files. A database with no entry (`dev`, or one a request
/// named before it was created) is owned by rdsdb with the default options.
final class DatabaseDirectory: Sendable {
    private struct Stored: Codable {
        var databases: [String: ClusterDatabase] = [:]
        var nextOID: Int64 = ClusterDatabase.firstOID + 1_000
    }

    private let file: URL
    private let stored: Locked<Stored>

    init(directory: URL) {
        file = directory.appendingPathComponent("databases.json")
        let loaded = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(Stored.self, from: $0) }
        stored = Locked(loaded ?? Stored())
    }

    /// The entries of `names`, in order; defaults where none is kept.
    func entries(for names: [String]) -> [ClusterDatabase] {
        stored.withLock { stored in
            names.enumerated().map { index, name in
                stored.databases[name]
                    ?? ClusterDatabase(name: name, owner: "rdsdb", oid: ClusterDatabase.firstOID + Int64(name == "dev" ? 0 : index + 1))
            }
        }
    }

    func entry(_ name: String) -> ClusterDatabase? { stored.withLock { $0.databases[name] } }

    /// Records a new database (or replaces an entry) and saves.
    func record(_ name: String, owner: String, options: DatabaseOptions) throws {
        try update { stored in
            let oid = stored.databases[name]?.oid ?? stored.nextOID
            if stored.databases[name] == nil { stored.nextOID += 1 }
            stored.databases[name] = ClusterDatabase(name: name, owner: owner, options: options, oid: oid)
        }
    }

    /// Changes the entry of `name` (made from the defaults when none is kept) and saves.
    func change(_ name: String, _ body: (inout ClusterDatabase) -> Void) throws {
        try update { stored in
            var entry = stored.databases[name] ?? ClusterDatabase(name: name, owner: "rdsdb", oid: stored.nextOID)
            if stored.databases[name] == nil { stored.nextOID += 1 }
            body(&entry)
            stored.databases[name] = nil
            stored.databases[entry.name] = entry
        }
    }

    func remove(_ name: String) throws {
        try update { $0.databases[name] = nil }
    }

    private func update(_ body: (inout Stored) -> Void) throws {
        try stored.withLock { stored in
            body(&stored)
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JSONEncoder().encode(stored).write(to: file, options: .atomic)
        }
    }
}
