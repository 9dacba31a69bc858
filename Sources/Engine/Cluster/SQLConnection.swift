import Foundation
import GRDB
import GRDBSQLite
import RedshiftSQL

/// One SQLite connection to a Redshift database file: a Redshift backend process.
///
/// Session connections live as long as their Data API session; pooled connections serve statements
/// sent without a session and are reset after each one (temp tables dropped, settings forgotten),
/// since every such statement runs in its own Redshift session.
final class SQLConnection: @unchecked Sendable {   // `state` is touched only on the connection's serial queue
    /// The fake backend pid reported as RedshiftPid and by PG_BACKEND_PID().
    let pid: Int64
    let databaseName: String
    private let queue: DatabaseQueue
    /// Connection-scoped state; only touched on the connection's own serial queue.
    private(set) var state = ConnectionState()
    /// True once the engine installed PG_CANCEL/TERMINATE_BACKEND's function (serial queue only).
    var backendSignalsInstalled = false
    /// A cancel that stays set until the next statement starts (`sqlite3_interrupt` alone is lost
    /// when it lands between two SQL statements of one Redshift statement, e.g. during translation).
    private let pendingInterrupt = InterruptFlag()

    /// - Parameter principalsPath: the cluster's principals file (users, groups, roles), ATTACHed as
    ///   `SecurityLayout.principalsSchema` so that every database of the cluster shares them; nil: none.
    init(path: String, databaseName: String, pid: Int64, durable: Bool, principalsPath: String? = nil) throws {
        self.pid = pid
        self.databaseName = databaseName
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.allowsUnsafeTransactions = true
        configuration.installRedshiftFunctions()
        let synchronous = durable ? "NORMAL" : "OFF"
        let interrupt = pendingInterrupt
        configuration.prepareDatabase { db in
            // Every 1,000 VM steps SQLite asks whether to stop: a pending cancel interrupts. The flag
            // lives as long as the connection, which owns it.
            sqlite3_progress_handler(db.sqliteConnection, 1_000, { flag in
                Unmanaged<InterruptFlag>.fromOpaque(flag!).takeUnretainedValue().isSet ? 1 : 0
            }, Unmanaged.passUnretained(interrupt).toOpaque())
            // A large page cache and memory-mapped reads: analytical queries re-read the same pages.
            try db.execute(sql: """
                PRAGMA synchronous = \(synchronous); PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -65536; PRAGMA mmap_size = 1073741824
                """)
            if let principalsPath {
                // Shares the connection's transactions: a CREATE USER that rolls back leaves no user.
                try db.execute(sql: "ATTACH DATABASE ? AS \(SecurityLayout.principalsSchema)", arguments: [principalsPath])
                try db.execute(sql: "PRAGMA \(SecurityLayout.principalsSchema).synchronous = \(synchronous)")
            }
        }
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The session's WLM settings as of its last statement, readable from any thread
    /// (`query_group`, `wlm_query_slot_count`): routing happens before the statement reaches the connection.
    private let wlmSettings = Locked<(queryGroup: String?, slotCount: Int, statementTimeout: Int)>((nil, 1, 0))
    var queryGroup: String? { wlmSettings.withLock { $0.queryGroup } }
    var slotCount: Int { wlmSettings.withLock { $0.slotCount } }
    /// `statement_timeout` in ms (0: none): its clock starts before the statement reaches the connection.
    var statementTimeoutMillis: Int { wlmSettings.withLock { $0.statementTimeout } }
    /// The transaction status as of the end of the last access, readable from any thread (a
    /// connection's ReadyForQuery reads it after every statement without a trip to the queue).
    private let lastTransactionStatus = Locked<SessionTransactionStatus>(.idle)
    var transactionStatus: SessionTransactionStatus { lastTransactionStatus.withLock { $0 } }

    /// Runs `body` on the connection's serial queue, outside any implicit transaction.
    ///
    /// On a thread marked by `ConnectionThread` the body runs synchronously on the calling thread
    /// (the serial queue still orders it with other accesses): no thread switch there and back.
    func access<T: Sendable>(_ body: @escaping (Database, inout ConnectionState) throws -> T) async throws -> T {
        if let observer = ConnectionThread.current {
            observer.sqlWillRun()
            defer { observer.sqlDidRun() }
            return try accessInPlace(body)
        }
        // The body runs once, on the connection's serial queue, while this call awaits it: it is
        // never run concurrently with anything that shares its captures.
        let body = UncheckedTransfer(body)
        return try await queue.writeWithoutTransaction { db in
            try self.publishingStatus(db) { try body.value(db, &self.state) }
        }
    }

    /// `access` on a `ConnectionThread`: the serial queue runs the body on the calling thread.
    private func accessInPlace<T>(_ body: (Database, inout ConnectionState) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in try self.publishingStatus(db) { try body(db, &self.state) } }
    }

    /// Runs `body` (on the serial queue), then publishes the WLM settings and transaction status
    /// that other threads read.
    private func publishingStatus<T>(_ db: Database, _ body: () throws -> T) rethrows -> T {
        defer {
            let settings = self.state.effectiveSettings
            self.wlmSettings.withLock {
                $0 = (settings["query_group"], settings["wlm_query_slot_count"].flatMap { Int($0) } ?? 1,
                      settings["statement_timeout"].flatMap(StatementTimeouts.millis) ?? 0)
            }
            let transaction: SessionTransactionStatus = self.state.transactionFailed ? .failed
                : self.state.inExplicitTransaction || db.isInsideTransaction ? .inTransaction : .idle
            self.lastTransactionStatus.withLock { $0 = transaction }
        }
        DataQuota.capCurrent(db)
        return try body()
    }

    /// Same as `access`, blocking the calling thread: for start-up work such as `--init-sql`.
    func accessSync<T>(_ body: (Database, inout ConnectionState) throws -> T) throws -> T {
        try queue.writeWithoutTransaction { db in try body(db, &self.state) }
    }

    /// Ends the Redshift session this connection served: rolls back an open transaction, drops
    /// temp tables and forgets SET values. Runs on the connection's queue (inside `access`).
    static func resetSession(_ db: Database, _ state: inout ConnectionState) {
        if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
        if let temps = try? String.fetchAll(db, sql: "SELECT name FROM temp.sqlite_master WHERE type = 'table'") {
            for table in temps { try? db.execute(sql: "DROP TABLE temp.\(table.quotedDatabaseIdentifier)") }
        }
        state = ConnectionState()
    }

    /// Stops the statement running on this connection: SQLite `interrupt` now, and a pending flag
    /// that interrupts its next SQL step if none is running at this instant.
    func interrupt() {
        pendingInterrupt.set(true)
        queue.interrupt()
    }

    /// True once a cancel or timeout is pending: long loops outside SQLite (a COPY rejecting every
    /// row runs no INSERT, so SQLite's progress handler never sees it) poll this to stop.
    var interruptRequested: Bool { pendingInterrupt.isSet }

    /// Forgets a cancel aimed at an earlier statement; called as a statement starts on the connection.
    func clearInterrupt() { pendingInterrupt.set(false) }

    func close() {
        // Cached statements are finalized first: an unfinalized one keeps SQLite from closing.
        queue.inDatabase { _ in state.preparedStatements.removeAll() }
        try? queue.close()
    }
}

/// What a Redshift session remembers between statements.
struct ConnectionState {
    /// Values of SET, by lower-cased name.
    var settings: [String: String] = [:]
    /// The user's ALTER USER … SET defaults, read when the session's first statement starts
    /// (r_ALTER_USER: they take effect at the user's next session); nil before that.
    var userDefaults: [String: String]?
    /// What the session sees: the user's defaults overridden by its own SET values.
    var effectiveSettings: [String: String] {
        guard let userDefaults, !userDefaults.isEmpty else { return settings }
        return userDefaults.merging(settings) { $1 }
    }
    /// True after a statement failed inside an explicit transaction: Redshift then ignores
    /// every command until ROLLBACK (or END/COMMIT, which roll back).
    var transactionFailed = false
    /// True while a transaction opened by BEGIN (or by a batch) is open.
    var inExplicitTransaction = false
    /// The session's open cursor (one at a time; closed when the transaction block ends).
    var cursor: SessionCursor?
    /// PG_LAST_UNLOAD_COUNT() and PG_LAST_UNLOAD_ID() of the session.
    var lastUnloadCount: Int64 = 0
    var lastUnloadId: Int64 = -1
    /// The session's last COPY that began loading: its rows (0 when it failed) and query id
    /// (PG_LAST_COPY_COUNT, PG_LAST_COPY_ID; -1 before any).
    var lastCopyCount: Int64 = 0
    var lastCopyId: Int64 = -1
    /// SQLite statements kept prepared for translated SQL that runs again.
    var preparedStatements = PreparedStatements()
    /// When the connection last read the principal log (`PrincipalCatchUp`): the `WriteGeneration`
    /// then, and the uptime in nanoseconds.
    var principalLogRead: (writes: UInt64, at: UInt64)?
    /// The last statement described (`RedshiftEngine.describeColumns`), while no write happened since.
    var lastDescribed: DescribedStatement?
    /// Translations of queries run again, while no write happened since.
    var translations = TranslationCache()
    /// CALLs running on the connection (nested calls count: at most 16, stored-procedure-constraints).
    var procedureDepth = 0
    /// The RAISE INFO/NOTICE messages of a CALL that then failed: the statement's end reports them
    /// before its error (PostgreSQL door: NoticeResponse before ErrorResponse).
    var noticesOfFailedCall: [StatementNotice] = []
    /// Set while a procedure runs: what the calls it makes inherit (nil at top level).
    var procedureChain: ProcedureChain?
}

/// A flag read by SQLite's progress handler on the connection's thread and set from any thread.
final class InterruptFlag: @unchecked Sendable {   // `value` is read and written under `lock`
    private let lock = NSLock()
    private var value = false

    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }

    func set(_ newValue: Bool) { lock.lock(); value = newValue; lock.unlock() }
}

/// Hands a value to a closure that must be `@Sendable` when the caller knows it is used by one
/// thread at a time (see each use).
struct UncheckedTransfer<Value>: @unchecked Sendable {   // see the doc comment: one thread at a time
    let value: Value
    init(_ value: Value) { self.value = value }
}
