import Foundation
import Logging
import RedshiftSQL

/// A provisioned cluster or a serverless workgroup: what `ClusterIdentifier`/`WorkgroupName` name.
public struct Target: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable { case cluster, workgroup }
    public var kind: Kind
    public var name: String

    public init(kind: Kind, name: String) {
        self.kind = kind
        self.name = name
    }

    public var description: String { "\(kind.rawValue) \(name)" }
}

/// One cluster or workgroup: its databases and its query id counter.
final class Cluster: Sendable {
    let target: Target
    private let directory: URL
    private let durable: Bool
    private let pids: PidAllocator
    private let databases = Locked<[String: RedshiftDatabase]>([:])
    private let queryIds = Locked<Int64>(100_000)
    private let prepareDatabase: @Sendable (RedshiftDatabase) throws -> Void
    /// The cluster's data catalog (Spectrum), shared by its databases.
    let externalCatalog: ExternalCatalogStore
    /// Owners and CREATE DATABASE options.
    let directoryEntries: DatabaseDirectory

    /// - Parameter prepareDatabase: runs when a database is first opened in this process, before
    ///   anyone uses it (the configuration's `users:`).
    init(target: Target, directory: URL, durable: Bool, pids: PidAllocator,
         prepareDatabase: @escaping @Sendable (RedshiftDatabase) throws -> Void = { _ in }) {
        self.target = target
        self.directory = directory
        self.durable = durable
        self.pids = pids
        self.prepareDatabase = prepareDatabase
        externalCatalog = ExternalCatalogStore(file: durable ? directory.appendingPathComponent("external-catalog.json") : nil)
        self.directoryEntries = DatabaseDirectory(directory: directory)
    }

    /// The database, created on first use.
    func database(named name: String) throws -> RedshiftDatabase {
        try databases.withLock { databases in
            if let existing = databases[name] { return existing }
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = directory.appendingPathComponent("\(FileName.safe(name)).sqlite").path
            let database = try RedshiftDatabase(name: name, path: file, principalsPath: principalsPath, durable: durable, pids: pids)
            try prepareDatabase(database)
            databases[name] = database
            return database
        }
    }

    /// The cluster's users, groups and roles, shared by its databases (Redshift keeps them per
    /// cluster). Not `*.sqlite`, so it is never taken for a database.
    var principalsPath: String { directory.appendingPathComponent("principals.db").path }

    /// Names of the databases that exist (on disk or opened).
    func databaseNames() -> [String] {
        let opened = databases.withLock { Array($0.keys) }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let onDisk = files.filter { $0.hasSuffix(".sqlite") }.map { FileName.original(String($0.dropLast(7))) }
        return Array(Set(opened + onDisk)).sorted()
    }

    func hasDatabase(_ name: String) -> Bool { databaseNames().contains(name) }

    /// Closes a database's connections and deletes its file (DROP DATABASE; the caller checked
    /// that no session uses it).
    func removeDatabase(named name: String) throws {
        let opened = databases.withLock { $0.removeValue(forKey: name) }
        opened?.closeAll()
        let file = directory.appendingPathComponent("\(FileName.safe(name)).sqlite").path
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: file + suffix) {
            try FileManager.default.removeItem(atPath: file + suffix)
        }
    }

    /// Renames a database's file (ALTER DATABASE … RENAME TO; no session uses it).
    func renameDatabase(_ name: String, to newName: String) throws {
        let opened = databases.withLock { $0.removeValue(forKey: name) }
        opened?.closeAll()
        let from = directory.appendingPathComponent("\(FileName.safe(name)).sqlite").path
        let to = directory.appendingPathComponent("\(FileName.safe(newName)).sqlite").path
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: from + suffix) {
            try FileManager.default.moveItem(atPath: from + suffix, toPath: to + suffix)
        }
    }

    /// The next `query` id of the system tables (RedshiftQueryId).
    func nextQueryId() -> Int64 { queryIds.withLock { $0 += 1; return $0 } }

    func closeAll() { databases.withLock { $0.values.forEach { $0.closeAll() } } }
}

/// All clusters and workgroups: configured ones at start-up, unknown ones on first use (unless strict).
final class ClusterRegistry: Sendable {
    private let root: URL
    private let durable: Bool
    private let strict: Bool
    private let pids = PidAllocator()
    private let clusters = Locked<[Target: Cluster]>([:])
    private let provision: @Sendable (Cluster) throws -> Void
    private let prepareDatabase: @Sendable (RedshiftDatabase) throws -> Void
    private let logger: Logger

    /// - Parameter provision: runs once per new cluster, before its first statement (`--init-sql`).
    /// - Parameter prepareDatabase: runs on each database when first opened (the configuration's `users:`).
    init(root: URL, durable: Bool, strict: Bool, logger: Logger,
         prepareDatabase: @escaping @Sendable (RedshiftDatabase) throws -> Void = { _ in },
         provision: @escaping @Sendable (Cluster) throws -> Void) {
        self.root = root
        self.durable = durable
        self.strict = strict
        self.logger = logger
        self.prepareDatabase = prepareDatabase
        self.provision = provision
    }

    /// Creates a configured cluster/workgroup with its databases.
    func configure(_ target: Target, databases: [String]) throws {
        let cluster = try cluster(for: target, create: true)
        for name in Set(databases + ["dev"]) { _ = try cluster.database(named: name) }
    }

    /// The cluster a request names. Unknown ones are provisioned unless the configuration is strict,
    /// in which case the real service's error applies.
    func cluster(for target: Target, create: Bool? = nil) throws -> Cluster {
        let allowCreate = create ?? !strict
        return try clusters.withLock { clusters in
            if let existing = clusters[target] { return existing }
            let directory = root.appendingPathComponent("\(target.kind.rawValue)-\(FileName.safe(target.name))")
            let exists = FileManager.default.fileExists(atPath: directory.path)
            guard allowCreate || exists else {
                throw EngineError.invalid(target.kind == .cluster
                    ? "Redshift endpoint doesn't exist in this region."
                    : "Redshift Serverless workgroup \(target.name) doesn't exist in this region.")
            }
            let cluster = Cluster(target: target, directory: directory, durable: durable, pids: pids,
                                  prepareDatabase: prepareDatabase)
            _ = try cluster.database(named: "dev")
            if !exists {
                // Provisioning (--init-sql) finishes before anyone can use the cluster.
                logger.debug("provisioning \(target)")
                try provision(cluster)
            }
            clusters[target] = cluster
            return cluster
        }
    }

    /// The database of a request; in strict mode it must exist.
    func database(_ name: String, of cluster: Cluster) throws -> RedshiftDatabase {
        if strict && !cluster.hasDatabase(name) {
            throw EngineError.invalid("Database \(name) does not exist in \(cluster.target.kind.rawValue) \(cluster.target.name).")
        }
        return try cluster.database(named: name)
    }

    func allClusters() -> [Cluster] { clusters.withLock { Array($0.values) } }

    func closeAll() { allClusters().forEach { $0.closeAll() } }
}

/// Maps names to file names that are safe on every file system, reversibly.
enum FileName {
    static func safe(_ name: String) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII || scalar == "-" || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else {
                result += String(format: "%%%02X", scalar.value)
            }
        }
        return result
    }

    static func original(_ safe: String) -> String { safe.removingPercentEncoding ?? safe }
}
