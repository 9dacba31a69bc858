import Foundation
import GRDB
import RedshiftSQL

/// One Redshift database of a cluster or workgroup: one SQLite file and its connections.
///
/// Statements sent without a session borrow a pooled connection; each session owns one.
final class RedshiftDatabase: Sendable {
    let name: String
    let path: String
    private let durable: Bool
    /// The cluster's principals file, ATTACHed to every connection.
    private let principalsPath: String
    private let pids: PidAllocator
    private let pool: ConnectionPool

    init(name: String, path: String, principalsPath: String, durable: Bool, pids: PidAllocator, poolSize: Int = 4) throws {
        self.name = name
        self.path = path
        self.principalsPath = principalsPath
        self.durable = durable
        self.pids = pids
        // The first connection creates the file, switches it (and the principals file) to WAL and
        // lays out the catalog.
        let first = try SQLConnection(path: path, databaseName: name, pid: pids.next(), durable: durable, principalsPath: principalsPath)
        try first.accessSync { db, _ in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA \(SecurityLayout.principalsSchema).journal_mode = WAL")
            try db.inTransaction {
                for statement in PhysicalLayout.bootstrap(principals: SecurityLayout.principalsSchema) {
                    try db.execute(sql: statement.sql, arguments: statement.statementArguments)
                }
                return .commit
            }
        }
        self.pool = ConnectionPool(size: poolSize, first: first) { [durable] in
            try SQLConnection(path: path, databaseName: name, pid: pids.next(), durable: durable, principalsPath: principalsPath)
        }
    }

    /// Runs `body` on a pooled connection. A statement run this way is a session of its own: the
    /// caller resets the connection (`SQLConnection.resetSession`) before giving it back.
    func withPooledConnection<T>(_ body: (SQLConnection) async throws -> T) async throws -> T {
        let connection = try await pool.acquire()
        defer { pool.release(connection) }
        return try await body(connection)
    }

    /// A dedicated connection for a Data API session.
    func openSessionConnection() throws -> SQLConnection {
        try SQLConnection(path: path, databaseName: name, pid: pids.next(), durable: durable, principalsPath: principalsPath)
    }

    func closeAll() { pool.closeAll() }
}

/// Hands out fake backend process ids, unique per server.
final class PidAllocator: Sendable {
    private let counter: Locked<Int64>
    init(start: Int64 = 1_073_741_000) { counter = Locked(start) }
    func next() -> Int64 { counter.withLock { $0 += 1; return $0 } }
}
