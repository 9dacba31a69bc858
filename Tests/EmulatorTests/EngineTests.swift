import Foundation
import RedshiftSQL
import Testing
@testable import DataAPI
@testable import DataAPIModel
@testable import Engine
@testable import EmulatorServer

@Suite struct ResultSetTests {
    static func spill() throws -> ResultSpill {
        try ResultSpill(path: FileManager.default.temporaryDirectory
            .appendingPathComponent("spill-\(UUID().uuidString).sqlite").path)
    }

    @Test func smallResultsStayInMemoryLargeOnesSpillAndReadBackInOrder() throws {
        let columns = [ResultColumn(name: "n", type: .integer), ResultColumn(name: "s", type: .varchar(length: 10))]
        for count in [0, 3, ResultSetBuilder.memoryRowLimit + 1, 12_345] {
            var builder = ResultSetBuilder(columns: columns, spill: try Self.spill())
            for i in 0..<count { try builder.append([.integer(Int64(i)), i % 7 == 0 ? .null : .text("r\(i)")]) }
            let result = try builder.finish()
            #expect(result.rowCount == count)
            var seen = 0
            while seen < count {
                let page = try result.rows(offset: seen, limit: 1000)
                for (k, row) in page.enumerated() {
                    let i = seen + k
                    #expect(row[0] == .integer(Int64(i)))
                    #expect(row[1] == (i % 7 == 0 ? .null : .text("r\(i)")))
                }
                seen += page.count
                if page.isEmpty { break }
            }
            #expect(seen == count)
            #expect(try result.rows(offset: count, limit: 10).isEmpty)
        }
    }
}

@Suite struct SessionTests {
    static func session(keepAlive: Int, createdAt: Date) throws -> EngineSession {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("s-\(UUID().uuidString).sqlite").path
        let connection = try SQLConnection(path: path, databaseName: "dev", pid: 1, durable: false)
        return EngineSession(id: "s1", target: Target(kind: .cluster, name: "c"), database: "dev", dbUser: "u",
                              secretArn: nil, caller: .anonymous, createdAt: createdAt, keepAliveSeconds: keepAlive,
                              connection: connection)
    }

    /// Keep-alive is an idle timer refreshed by each use (reference data-api.md §9).
    @Test func statusFollowsUseAndIdleTime() throws {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let store = SessionStore()
        let session = try Self.session(keepAlive: 10, createdAt: start)
        store.add(session)
        #expect(session.status(at: start) == .busy)                 // reserved for its first statement
        store.claim(session, statementId: "abc")
        #expect(session.currentStatementId == "abc")
        store.release(session, now: start.addingTimeInterval(5))
        #expect(session.status(at: start.addingTimeInterval(14)) == .available)
        #expect(session.status(at: start.addingTimeInterval(15)) == .closed)
        #expect(throws: EngineError.invalid("Session is not available")) {
            _ = try store.reserve("s1", now: start.addingTimeInterval(16))
        }
        #expect(throws: EngineError.invalid("Session with Id: nope is invalid")) {
            _ = try store.reserve("nope", now: start)
        }
    }

    @Test func aBusySessionRefusesASecondStatement() throws {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let store = SessionStore()
        let session = try Self.session(keepAlive: 60, createdAt: start)
        store.add(session)
        store.claim(session, statementId: "first")
        #expect(throws: EngineError.self) { _ = try store.reserve("s1", now: start) }
        store.release(session, now: start)
        #expect(try store.reserve("s1", now: start) === session)
    }
}

@Suite struct InitSQLTests {
    @Test func directoriesRunTheirSQLFilesInLexicalOrder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try "insert into t values (1);".write(to: directory.appendingPathComponent("b.sql"), atomically: true, encoding: .utf8)
        try "create table t (a int); -- first".write(to: directory.appendingPathComponent("a.sql"), atomically: true, encoding: .utf8)
        try "ignored".write(to: directory.appendingPathComponent("readme.txt"), atomically: true, encoding: .utf8)
        let initSQL = try InitSQL(paths: [directory.path])
        #expect(initSQL.scripts.map { ($0.path as NSString).lastPathComponent } == ["a.sql", "b.sql"])
        #expect(initSQL.scripts.flatMap(\.statements).count == 2)
        #expect(throws: ConfigError.self) { _ = try InitSQL(paths: ["/no/such/file.sql"]) }
    }
}
