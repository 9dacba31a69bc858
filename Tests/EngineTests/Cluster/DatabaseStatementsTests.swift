import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine

/// CREATE/DROP/ALTER DATABASE carried out against the cluster (r_CREATE_DATABASE, r_DROP_DATABASE,
/// r_ALTER_DATABASE): the new database is listed and usable at once; refusals leave everything as it was.
@Suite struct DatabaseStatementsTests {
    private let target = Target(kind: .cluster, name: "db-test")

    private func run(_ engine: RedshiftEngine, _ sql: String, database: String = "dev",
                     session: String? = nil) async throws -> StatementSnapshot {
        let placement: StatementRequest.Placement = session.map { .session(id: $0, database: nil, keepAliveSeconds: nil) }
            ?? .new(target: target, database: database, user: "awsuser", keepAliveSeconds: nil)
        let request = StatementRequest(statements: [Translator.parse(sql)], isBatch: false, placement: placement,
                                       caller: .anonymous, operation: "ExecuteStatement")
        let id = try engine.submit(request).id
        while try !engine.statement(id).status.isTerminal { try await engine.waitForEnd(id, seconds: 10) }
        return try engine.statement(id)
    }

    private func makeEngine(strict: Bool = false, directory: String? = nil) throws -> RedshiftEngine {
        var configuration = EngineConfiguration()
        configuration.strict = strict
        configuration.dataDirectory = directory
        if strict { configuration.targets = [(target, ["dev"])] }
        return try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
    }

    @Test func aCreatedDatabaseIsListedAndUsableAndDropRemovesIt() async throws {
        let engine = try makeEngine()
        defer { engine.shutdown() }
        #expect(try await run(engine, "create database tickit connection limit 5").status == .finished)
        #expect(try engine.databaseNames(of: target) == ["dev", "tickit"])
        #expect(try await run(engine, "create table t (a int)", database: "tickit").status == .finished)
        let duplicate = try await run(engine, "create database tickit")
        #expect(duplicate.status == .failed)
        #expect(duplicate.error == #"ERROR: database "tickit" already exists"#)

        // Not while a session uses it; not the current database (r_DROP_DATABASE).
        let session = try engine.openSession(target: target, database: "tickit", user: "awsuser", caller: .anonymous)
        let busy = try await run(engine, "drop database tickit")
        #expect(busy.errorCode == "55006")
        let current = try await run(engine, "drop database tickit", session: session.id)
        #expect(current.error == "ERROR: cannot drop the currently open database")
        await engine.closeSession(session.id)
        #expect(try await run(engine, "drop database tickit").status == .finished)
        #expect(try engine.databaseNames(of: target) == ["dev"])
        #expect(try await run(engine, "drop database if exists tickit").status == .finished)
        #expect(try await run(engine, "drop database tickit").errorCode == "3D000")
    }

    /// r_DROP_DATABASE: "When you specify FORCE, DROP DATABASE attempts to terminate active connections
    /// prior to dropping the database."
    @Test func dropDatabaseForceEndsTheSessionsUsingIt() async throws {
        let engine = try makeEngine()
        defer { engine.shutdown() }
        #expect(try await run(engine, "create database doomed").status == .finished)
        let session = try engine.openSession(target: target, database: "doomed", user: "awsuser", caller: .anonymous)
        #expect(try await run(engine, "drop database doomed force").status == .finished)
        #expect(try engine.databaseNames(of: target) == ["dev"])
        #expect(engine.sessionSnapshots().first { $0.id == session.id }?.status == .closed)
    }

    /// r_CREATE_DATABASE: CONNECTION LIMIT "isn't enforced for superusers".
    @Test func connectionLimitOfADatabase() async throws {
        let engine = try makeEngine()
        defer { engine.shutdown() }
        #expect(try await run(engine, "create user app password disable").status == .finished)
        #expect(try await run(engine, "create database limited connection limit 1").status == .finished)
        // Users are the cluster's (r_Users-creatingaltering-and-deleting-users): app exists in `limited` already.
        #expect(try await run(engine, "create user app password disable", database: "limited").error == #"ERROR: user "app" already exists"#)
        let first = try engine.openSession(target: target, database: "limited", user: "app", caller: .anonymous)
        #expect(throws: EngineError.self) { _ = try engine.openSession(target: target, database: "limited", user: "app", caller: .anonymous) }
        let admin = try engine.openSession(target: target, database: "limited", user: "awsuser", caller: .anonymous)
        await engine.closeSession(admin.id)
        await engine.closeSession(first.id)
        #expect(try await run(engine, "alter database limited connection limit unlimited").status == .finished)
        let again = try engine.openSession(target: target, database: "limited", user: "app", caller: .anonymous)
        let another = try engine.openSession(target: target, database: "limited", user: "app", caller: .anonymous)
        await engine.closeSession(again.id)
        await engine.closeSession(another.id)
    }

    /// `--init-sql` runs as the superuser in `dev`: a seed may create the databases a test suite uses.
    @Test func initSQLMayCreateDatabases() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("seed-\(UUID().uuidString).sql")
        try "create database seeded;".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var configuration = EngineConfiguration()
        configuration.initSQL = [file.path]
        let engine = try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
        defer { engine.shutdown() }
        #expect(try engine.databaseNames(of: target) == ["dev", "seeded"])
    }

    /// PostgreSQL's rule (and text), as the pages say: not inside a transaction block.
    @Test func createDatabaseIsRefusedInATransactionBlock() async throws {
        let engine = try makeEngine()
        defer { engine.shutdown() }
        let session = try engine.openSession(target: target, database: "dev", user: "awsuser", caller: .anonymous)
        _ = try await run(engine, "begin", session: session.id)
        let refused = try await run(engine, "create database inside", session: session.id)
        #expect(refused.errorCode == "25001")
        #expect(refused.error == "ERROR: CREATE DATABASE cannot run inside a transaction block")
        _ = try await run(engine, "rollback", session: session.id)
        #expect(try engine.databaseNames(of: target) == ["dev"])
        await engine.closeSession(session.id)
    }

    @Test func strictModeAcceptsACreatedDatabaseAndRenameKeepsItsData() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dbs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let engine = try makeEngine(strict: true, directory: directory)
        defer { engine.shutdown() }
        #expect(throws: EngineError.self) { _ = try engine.openSession(target: target, database: "sandbox", user: "awsuser", caller: .anonymous) }
        #expect(try await run(engine, "create database sandbox owner awsuser isolation level snapshot").status == .finished)
        #expect(try await run(engine, "create table t as select 42 as answer", database: "sandbox").status == .finished)
        #expect(try await run(engine, "alter database sandbox rename to tickit").status == .finished)
        #expect(try engine.databaseNames(of: target) == ["dev", "tickit"])
        let rows = try await run(engine, "select database_name, database_isolation_level from svv_redshift_databases where database_name = 'tickit'")
        #expect(rows.status == .finished)
        #expect(rows.resultRows == 1)
        let answer = try await run(engine, "select answer from t", database: "tickit")
        #expect(answer.resultRows == 1)
        await #expect(throws: EngineError.self) { _ = try await run(engine, "select 1", database: "sandbox") }
    }
}
