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
    private let queryIds: Locked<Int64>
    private let prepareDatabase: @Sendable (RedshiftDatabase) throws -> Void
    /// The cluster's data catalog (Spectrum), shared by its databases.
    let externalCatalog: ExternalCatalogStore
    /// Owners and CREATE DATABASE options.
    let directoryEntries: DatabaseDirectory

    /// - Parameter prepareDatabase: runs when a database is first opened in this process, before
    ///   anyone uses it (the configuration's `users:`).
    /// - Parameter lastQueryId: the last query id handed out (a restore keeps them increasing).
    init(target: Target, directory: URL, durable: Bool, pids: PidAllocator, lastQueryId: Int64 = 100_000,
         prepareDatabase: @escaping @Sendable (RedshiftDatabase) throws -> Void = { _ in }) {
        self.target = target
        self.queryIds = Locked(lastQueryId)
        self.directory = directory
        self.durable = durable
        self.pids = pids
        self.prepareDatabase = prepareDatabase
        let catalogFile = directory.appendingPathComponent(Self.externalCatalogFileName)
        externalCatalog = ExternalCatalogStore(file: durable ? catalogFile : nil, loadingFrom: catalogFile)
        self.directoryEntries = DatabaseDirectory(directory: directory)
        self.fileListing = DirectoryListing(path: directory.path)
    }

    /// The database, created on first use.
    ///
    /// - Throws: `EngineError.invalid` for a name that cannot be a database's: longer than
    ///   Redshift's 127 bytes (r_names), or one whose file name would exceed the file system's
    ///   255 bytes once escaped (found by the door fuzzer: SQLite's "unable to open database file"
    ///   surfaced as an InternalServerException).
    func database(named name: String) throws -> RedshiftDatabase {
        if let opened = databases.withLock({ $0[name] }) { return opened }
        if isFull(forNew: name) {
            throw SQLError(code: "53400", message: "cannot create database \"\(name.prefix(127))\": the \(target.kind.rawValue) already has \(databaseQuota) databases, the most it may hold")
        }
        return try databases.withLock { databases in
            if let existing = databases[name] { return existing }
            guard name.utf8.count <= Self.maximumNameBytes,
                  FileName.safe(name).utf8.count + ".sqlite-journal".utf8.count <= 255 else {
                throw EngineError.invalid("database name \"\(name.prefix(64))…\" is not a valid name: longer than \(Self.maximumNameBytes) bytes or made of too many characters that need escaping")
            }
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let file = directory.appendingPathComponent("\(FileName.safe(name)).sqlite").path
            let database = try RedshiftDatabase(name: name, path: file, principalsPath: principalsPath, durable: durable, pids: pids)
            try prepareDatabase(database)
            databases[name] = database
            fileListing.forget()
            return database
        }
    }

    /// The longest identifier Redshift accepts (r_names: 1 to 127 bytes).
    static let maximumNameBytes = 127

    /// How many databases the cluster may hold: the "User-defined databases in a cluster" quota
    /// (60) and Serverless's "Number of databases" (100), on the management guide's quotas page
    /// (amazon-redshift-limits). Also what bounds the files a client can make the server open by
    /// naming databases that do not exist yet.
    var databaseQuota: Int { target.kind == .cluster ? 60 : 100 }

    /// Whether `name` names no database and the cluster has no room for another.
    func isFull(forNew name: String) -> Bool {
        if databases.withLock({ $0[name] != nil }) { return false }
        let names = databaseNames()
        return !names.contains(name) && names.count >= databaseQuota
    }

    /// The cluster's users, groups and roles, shared by its databases (Redshift keeps them per
    /// cluster). Not `*.sqlite`, so it is never taken for a database.
    var principalsPath: String { directory.appendingPathComponent("principals.db").path }

    /// Names of the databases that exist (on disk or opened).
    func databaseNames() -> [String] {
        let opened = databases.withLock { Array($0.keys) }
        let onDisk = fileListing.names {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return files.filter { $0.hasSuffix(".sqlite") }.map { FileName.original(String($0.dropLast(7))) }
        }
        return Array(Set(opened + onDisk)).sorted()
    }

    /// The database files found in the directory, listed again only when it changed (every
    /// statement's translation asks for the databases).
    private let fileListing: DirectoryListing

    func hasDatabase(_ name: String) -> Bool { databaseNames().contains(name) }

    /// Closes a database's connections and deletes its file (DROP DATABASE; the caller checked
    /// that no session uses it).
    func removeDatabase(named name: String) throws {
        let opened = databases.withLock { $0.removeValue(forKey: name) }
        opened?.closeAll()
        defer { fileListing.forget() }
        let file = directory.appendingPathComponent("\(FileName.safe(name)).sqlite").path
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: file + suffix) {
            try FileManager.default.removeItem(atPath: file + suffix)
        }
    }

    /// Renames a database's file (ALTER DATABASE … RENAME TO; no session uses it).
    func renameDatabase(_ name: String, to newName: String) throws {
        let opened = databases.withLock { $0.removeValue(forKey: name) }
        opened?.closeAll()
        defer { fileListing.forget() }
        let from = directory.appendingPathComponent("\(FileName.safe(name)).sqlite").path
        let to = directory.appendingPathComponent("\(FileName.safe(newName)).sqlite").path
        for suffix in ["", "-wal", "-shm", "-journal"] where FileManager.default.fileExists(atPath: from + suffix) {
            try FileManager.default.moveItem(atPath: from + suffix, toPath: to + suffix)
        }
    }

    /// The next `query` id of the system tables (RedshiftQueryId).
    func nextQueryId() -> Int64 { queryIds.withLock { $0 += 1; return $0 } }

    /// The last `query` id handed out.
    var lastQueryId: Int64 { queryIds.withLock { $0 } }

    /// Where the data catalog is kept (always read at start, written only when durable; a restore
    /// puts the snapshot's here).
    static let externalCatalogFileName = "external-catalog.json"

    func closeAll() { databases.withLock { $0.values.forEach { $0.closeAll() } } }
}

/// All clusters and workgroups: configured ones at start-up, unknown ones on first use (unless strict).
final class ClusterRegistry: Sendable {
    let root: URL
    private let durable: Bool
    private let strict: Bool
    /// Clusters and workgroups open at most; past it an unknown name is refused as in strict mode.
    private let maxClusters: Int
    private let pids = PidAllocator()
    private let clusters = Locked<[Target: Cluster]>([:])
    /// The configured clusters/workgroups and their databases (re-opened after a restore).
    private let configured = Locked<[Target: [String]]>([:])
    /// Query ids of clusters unloaded by a restore, so that new ones keep increasing.
    private let lastQueryIds = Locked<[Target: Int64]>([:])
    private let provision: @Sendable (Cluster) throws -> Void
    private let prepareDatabase: @Sendable (RedshiftDatabase) throws -> Void
    private let logger: Logger

    /// - Parameter provision: runs once per new cluster, before its first statement (`--init-sql`).
    /// - Parameter prepareDatabase: runs on each database when first opened (the configuration's `users:`).
    init(root: URL, durable: Bool, strict: Bool, maxClusters: Int = Int.max, logger: Logger,
         prepareDatabase: @escaping @Sendable (RedshiftDatabase) throws -> Void = { _ in },
         provision: @escaping @Sendable (Cluster) throws -> Void) {
        self.root = root
        self.durable = durable
        self.strict = strict
        self.maxClusters = maxClusters
        self.logger = logger
        self.prepareDatabase = prepareDatabase
        self.provision = provision
    }

    /// Creates a configured cluster/workgroup with its databases.
    func configure(_ target: Target, databases: [String]) throws {
        configured.withLock { $0[target] = databases }
        let cluster = try cluster(for: target, create: true)
        for name in Set(databases + ["dev"]) { _ = try cluster.database(named: name) }
    }

    /// The cluster a request names. Unknown ones are provisioned unless the configuration is strict
    /// or `maxClusters` are open, in which case the real service's error for an unknown one applies.
    func cluster(for target: Target, create: Bool? = nil) throws -> Cluster {
        return try clusters.withLock { clusters in
            if let existing = clusters[target] { return existing }
            let directory = directory(of: target)
            let exists = FileManager.default.fileExists(atPath: directory.path)
            let allowCreate = create ?? (!strict && clusters.count < maxClusters)
            guard allowCreate || exists else {
                throw EngineError.invalid(target.kind == .cluster
                    ? "Redshift endpoint doesn't exist in this region."
                    : "Redshift Serverless workgroup \(target.name) doesn't exist in this region.")
            }
            let lastQueryId = lastQueryIds.withLock { $0[target] } ?? 100_000
            let cluster = Cluster(target: target, directory: directory, durable: durable, pids: pids,
                                  lastQueryId: lastQueryId, prepareDatabase: prepareDatabase)
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
        // Past the quota an unknown database is not provisioned: the real service's answer for a
        // database that does not exist, as in strict mode.
        if strict && !cluster.hasDatabase(name) || cluster.isFull(forNew: name) {
            throw EngineError.invalid("Database \(name) does not exist in \(cluster.target.kind.rawValue) \(cluster.target.name).")
        }
        return try cluster.database(named: name)
    }

    func allClusters() -> [Cluster] { clusters.withLock { Array($0.values) } }

    /// The configured clusters/workgroups with their databases.
    var configuredTargets: [Target: [String]] { configured.withLock { $0 } }

    /// The directory of a cluster/workgroup under the root.
    func directory(of target: Target) -> URL {
        root.appendingPathComponent("\(target.kind.rawValue)-\(FileName.safe(target.name))")
    }

    /// Closes every cluster's connections, forgets the clusters (their query ids are kept) and runs
    /// `install` (a restore replacing their directories) while no request can open one; the next
    /// use opens them again from their directories.
    func replacingAll(_ install: () throws -> Void) throws {
        try clusters.withLock { clusters in
            for cluster in clusters.values {
                cluster.closeAll()
                lastQueryIds.withLock { $0[cluster.target] = cluster.lastQueryId }
            }
            clusters = [:]
            defer { WriteGeneration.bump() }
            try install()
        }
    }

    /// Opens the configured clusters/workgroups again (after a restore).
    func reopenConfigured() throws {
        for (target, databases) in configuredTargets { try configure(target, databases: databases) }
    }

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
