import Foundation
import RedshiftSQL
import Testing
@testable import Engine

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
        store.add(session, for: "abc")
        #expect(session.status(at: start) == .busy)                 // reserved for its first statement
        #expect(session.currentStatementId == "abc")
        store.release(session, now: start.addingTimeInterval(5))
        #expect(session.status(at: start.addingTimeInterval(14)) == .available)
        #expect(session.status(at: start.addingTimeInterval(15)) == .closed)
        #expect(throws: EngineError.invalid("Session is not available")) {
            _ = try store.reserve("s1", for: "q", now: start.addingTimeInterval(16))
        }
        #expect(throws: EngineError.invalid("Session with Id: nope is invalid")) {
            _ = try store.reserve("nope", for: "q", now: start)
        }
    }

    @Test func aBusySessionRefusesASecondStatement() throws {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let store = SessionStore()
        let session = try Self.session(keepAlive: 60, createdAt: start)
        store.add(session, for: "first")
        #expect(throws: EngineError.self) { _ = try store.reserve("s1", for: "q", now: start) }
        store.release(session, now: start)
        #expect(try store.reserve("s1", for: "q", now: start) === session)
    }
}
