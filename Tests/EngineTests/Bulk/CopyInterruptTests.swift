import Foundation
import GRDB
import ObjectStore
import RedshiftSQL
import Testing
@testable import Engine

/// A cancel or statement timeout stops a COPY even when it runs no INSERT (every row rejected under
/// IGNOREALLERRORS): SQLite's progress handler never runs then, so the COPY loop polls the
/// connection's interrupt flag itself, and the statement's savepoint leaves nothing loaded
/// (r_COPY: COPY is transactional; PG_CANCEL_BACKEND, statement_timeout).
@Suite struct CopyInterruptTests {
    private static func run(_ sql: String, db: Database, state: inout ConnectionState, store: MemoryObjectStore,
                            interrupted: @escaping @Sendable () -> Bool) throws -> StatementOutcome {
        let spill = try ResultSpill(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("spill-\(UUID().uuidString).sqlite").path)
        return try StatementRunner.run(Translator.parse(sql), parameters: nil,
                                       identity: StatementIdentity(database: "dev", user: "awsuser", isSuperuser: true),
                                       db: db, state: &state, spill: spill, now: Date(),
                                       bulk: BulkContext(objectStore: store, isInterrupted: interrupted))
    }

    private static func database() throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.installRedshiftFunctions()
        let queue = try DatabaseQueue(configuration: configuration)
        try queue.writeWithoutTransaction { db in
            for statement in PhysicalLayout.bootstrap { try db.execute(sql: statement.sql, arguments: statement.statementArguments) }
        }
        return queue
    }

    @Test func aPendingInterruptStopsACopyThatRejectsEveryRow() throws {
        let store = MemoryObjectStore(buckets: ["bucket"])
        store.put(S3Location(bucket: "bucket", key: "bad.txt"), Array(String(repeating: "not a number\n", count: 5_000).utf8))
        let queue = try Self.database()
        try queue.writeWithoutTransaction { db in
            var state = ConnectionState()
            _ = try Self.run("create table t (n int)", db: db, state: &state, store: store, interrupted: { false })
            let copy = "copy t from 's3://bucket/bad.txt' iam_role 'arn:aws:iam::123456789012:role/R' ignoreallerrors"
            // Without a cancel, the same COPY completes (every row skipped).
            #expect(try Self.run(copy, db: db, state: &state, store: store, interrupted: { false }).resultRows == 0)
            #expect(throws: DatabaseError.self) {
                try Self.run(copy, db: db, state: &state, store: store, interrupted: { true })
            }
            do {
                _ = try Self.run(copy, db: db, state: &state, store: store, interrupted: { true })
            } catch {
                #expect(ErrorMapping.isInterrupt(error))
            }
        }
    }

    @Test func aPendingInterruptStopsALoadingCopyAndLeavesNothingLoaded() throws {
        let store = MemoryObjectStore(buckets: ["bucket"])
        store.put(S3Location(bucket: "bucket", key: "good.txt"), Array((1...5_000).map { "\($0)\n" }.joined().utf8))
        let queue = try Self.database()
        try queue.writeWithoutTransaction { db in
            var state = ConnectionState()
            _ = try Self.run("create table t (n int)", db: db, state: &state, store: store, interrupted: { false })
            let polls = Locked(0)
            // The interrupt arrives after the first poll: some rows were inserted by then.
            let interrupted: @Sendable () -> Bool = { polls.withLock { $0 += 1; return $0 > 1 } }
            #expect(throws: DatabaseError.self) {
                try Self.run("copy t from 's3://bucket/good.txt' iam_role 'arn:aws:iam::123456789012:role/R'",
                             db: db, state: &state, store: store, interrupted: interrupted)
            }
            let count = try Self.run("select count(*) from t", db: db, state: &state, store: store, interrupted: { false })
            #expect(try count.result?.rows(offset: 0, limit: 10) == [[.integer(0)]])
        }
    }
}
