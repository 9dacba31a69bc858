import Foundation
import GRDB
import RedshiftSQL

/// Carries out CREATE, DROP and ALTER DATABASE against the cluster a statement runs in, and lists
/// the cluster's databases for pg_database and SVV_REDSHIFT_DATABASES.
///
/// - Redshift: r_CREATE_DATABASE, r_DROP_DATABASE ("you can't drop the dev … databases, and you
///   can't drop the current database"), r_ALTER_DATABASE. Texts of refusals are PostgreSQL's where
///   Redshift's are not documented.
struct DatabaseAdministration: Sendable {
    let cluster: Cluster
    /// How many sessions (Data API sessions and PostgreSQL connections) use a database of the cluster.
    let sessionCount: @Sendable (_ database: String) -> Int
    /// Ends the sessions that use a database of the cluster (DROP DATABASE … FORCE); they end soon after.
    var terminateSessions: @Sendable (_ database: String) -> Void = { _ in }

    /// The cluster's databases, as the catalog views list them.
    func list() -> [ClusterDatabase] {
        cluster.directoryEntries.entries(for: cluster.databaseNames())
    }

    /// Performs `command` for `identity` (whose privileges the Analyzer checked: superuser or CREATEDB).
    /// `userExists` tells whether a user name is known (OWNER).
    func perform(_ command: DatabaseCommand, identity: StatementIdentity, userExists: (String) throws -> Bool) throws {
        switch command {
        case .create(let name, let options):
            guard !cluster.hasDatabase(name) else {
                throw SQLError(code: "42P04", message: "database \"\(name)\" already exists")
            }
            let owner = options.owner ?? identity.user
            if options.owner != nil, try !userExists(owner) {
                throw SQLError(code: "42704", message: "user \"\(owner)\" does not exist")
            }
            try cluster.directoryEntries.record(name, owner: owner, options: options)
            do {
                _ = try cluster.database(named: name)
            } catch {
                try? cluster.directoryEntries.remove(name)
                throw error
            }
        case .drop(let name, let ifExists, let force):
            guard cluster.hasDatabase(name) else {
                if ifExists { return }
                throw SQLError(code: "3D000", message: "database \"\(name)\" does not exist")
            }
            try checkOwner(name, identity: identity)
            if name == identity.database {
                throw SQLError(code: "55006", message: "cannot drop the currently open database")
            }
            if Self.undroppable.contains(name) {
                throw SQLError(code: "55006", message: "cannot drop database \"\(name)\"")
            }
            if force { terminateSessions(name) }
            try checkUnused(name)
            try cluster.removeDatabase(named: name)
            try cluster.directoryEntries.remove(name)
        case .alter(let name, let change):
            guard cluster.hasDatabase(name) else {
                throw SQLError(code: "3D000", message: "database \"\(name)\" does not exist")
            }
            try checkOwner(name, identity: identity)
            try alter(name, change, identity: identity, userExists: userExists)
        }
    }

    private func alter(_ name: String, _ change: DatabaseChange, identity: StatementIdentity,
                       userExists: (String) throws -> Bool) throws {
        switch change {
        case .rename(let newName):
            if name == identity.database {
                throw SQLError(code: "0A000", message: "current database cannot be renamed")
            }
            guard !cluster.hasDatabase(newName) else {
                throw SQLError(code: "42P04", message: "database \"\(newName)\" already exists")
            }
            try checkUnused(name)
            try cluster.renameDatabase(name, to: newName)
            try cluster.directoryEntries.change(name) { $0.name = newName }
        case .owner(let owner):
            guard try userExists(owner) else { throw SQLError(code: "42704", message: "user \"\(owner)\" does not exist") }
            try cluster.directoryEntries.change(name) { $0.owner = owner }
        case .connectionLimit(let limit):
            try cluster.directoryEntries.change(name) { $0.options.connectionLimit = limit }
        case .collate(let collation):
            try cluster.directoryEntries.change(name) { $0.options.collation = collation }
        case .isolation(let isolation):
            try cluster.directoryEntries.change(name) { $0.options.isolation = isolation }
        }
    }

    /// r_DROP_DATABASE: these cannot be dropped.
    static let undroppable: Set<String> = ["dev", "padb_harvest", "template0", "template1", "sys:internal"]

    /// A user who is not a superuser may change only a database they own.
    private func checkOwner(_ name: String, identity: StatementIdentity) throws {
        guard !identity.isSuperuser else { return }
        let owner = cluster.directoryEntries.entry(name)?.owner ?? "rdsdb"
        if owner != identity.user {
            throw SQLError(code: "42501", message: "must be owner of database \(name)")
        }
    }

    /// Like PostgreSQL, waits up to 5 seconds for the other sessions to end (a client that just
    /// closed its connection may not be gone yet) before refusing.
    private func checkUnused(_ name: String) throws {
        var attempts = 0
        while sessionCount(name) > 0 && attempts < 50 {
            Thread.sleep(forTimeInterval: 0.1)
            attempts += 1
        }
        if sessionCount(name) > 0 {
            throw SQLError(code: "55006", message: "database \"\(name)\" is being accessed by other users")
        }
    }
}

extension RedshiftEngine {
    /// The administration of `cluster`'s databases for the statements that run in it.
    func databaseAdministration(_ cluster: Cluster) -> DatabaseAdministration {
        let target = cluster.target
        let sessions = self.sessions
        let clock = self.clock
        let using = { @Sendable (database: String) -> [String] in
            let now = clock.now()
            return sessions.state.withLock { sessions in
                sessions.values.filter { $0.target == target && $0.database == database && $0.status(at: now) != .closed }.map(\.id)
            }
        }
        var administration = DatabaseAdministration(cluster: cluster) { using($0).count }
        administration.terminateSessions = { [weak self] database in
            let ids = using(database)
            Task { for id in ids { await self?.endSession(id, terminated: true) } }
        }
        return administration
    }
}

/// StatementRunner's part of CREATE/DROP/ALTER DATABASE: the transaction-block rule, then the
/// administration.
enum DatabaseStatementRunner {
    static func perform(_ command: DatabaseCommand, administration: DatabaseAdministration?, identity: StatementIdentity,
                        db: Database, state: ConnectionState) throws {
        if state.inExplicitTransaction {
            // r_CREATE_DATABASE / r_DROP_DATABASE: not inside a transaction block; PostgreSQL's text.
            throw SQLError(code: "25001", message: "\(command.tag) cannot run inside a transaction block")
        }
        guard let administration else {
            throw SQLError(code: "0A000", message: "\(command.tag) is not supported by the Redshift emulator yet")
        }
        try administration.perform(command, identity: identity) { user in
            if user == identity.bootstrapSuperuser || user == "rdsdb" { return true }
            return try SecurityCatalog(executor: GRDBExecutor(db: db)).state().users[user] != nil
        }
    }
}

extension RedshiftEngine {
    /// CREATE/ALTER DATABASE … CONNECTION LIMIT n: "the maximum number of database connections users
    /// are permitted to have open concurrently. The limit isn't enforced for superusers"
    /// (r_CREATE_DATABASE). Counts cluster-endpoint connections, like the user limit; PostgreSQL's text.
    func checkDatabaseConnectionLimit(_ database: String, of cluster: Cluster, user: String, connection: SQLConnection,
                                      now: Date) throws {
        guard let limit = cluster.directoryEntries.entry(database)?.options.connectionLimit, !isSuperuser(user) else { return }
        let superuser: Bool = try connection.accessSync { db, _ in
            try SecurityCatalog(executor: GRDBExecutor(db: db)).state().users[user]?.isSuperuser ?? false
        }
        guard !superuser else { return }
        let open = sessions.state.withLock { sessions in
            sessions.values.filter {
                $0.target == cluster.target && $0.database == database && $0.isConnection && $0.status(at: now) != .closed
            }.count
        }
        if open >= limit {
            throw EngineError(.tooManyConnections, "too many connections for database \"\(database)\"")
        }
    }
}
