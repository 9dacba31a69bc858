import Foundation
import RedshiftSQL
import Testing
@testable import Engine

/// Closed sessions are remembered (ListSessions shows them CLOSED; a later ExecuteStatement gets
/// `Session is not available`, data-api.md §9), but at most `maxClosed` of them, the least recently
/// used forgotten first: each holds its closed connection.
@Suite struct ClosedSessionBoundTests {
    private func session(_ id: String, keepAlive: Int, createdAt: Date) throws -> EngineSession {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("s-\(UUID().uuidString).sqlite").path
        let connection = try SQLConnection(path: path, databaseName: "dev", pid: 1, durable: false)
        return EngineSession(id: id, target: Target(kind: .cluster, name: "c"), database: "dev", dbUser: "u",
                             secretArn: nil, caller: .anonymous, createdAt: createdAt, keepAliveSeconds: keepAlive,
                             connection: connection)
    }

    @Test func pastTheBoundTheLeastRecentlyUsedClosedSessionsAreForgotten() throws {
        let start = Date(timeIntervalSince1970: 1_000_000)
        let store = SessionStore(maxClosed: 2)
        for n in 1...4 {
            let session = try session("s\(n)", keepAlive: 1, createdAt: start.addingTimeInterval(Double(n)))
            store.add(session, for: "q")
            store.release(session, now: start.addingTimeInterval(Double(n)))
        }
        let open = try session("open", keepAlive: 3600, createdAt: start)
        store.add(open, for: "q")
        store.release(open, now: start)
        store.closeExpired(now: start.addingTimeInterval(10))   // s1 … s4 expire; `open` does not
        let kept = store.state.withLock { Set($0.keys) }
        #expect(kept == ["s3", "s4", "open"])
        #expect(throws: EngineError.invalid("Session is not available")) {
            _ = try store.reserve("s4", for: "q", now: start.addingTimeInterval(11))
        }
        #expect(throws: EngineError.invalid("Session with Id: s1 is invalid")) {
            _ = try store.reserve("s1", for: "q", now: start.addingTimeInterval(11))
        }
    }
}
