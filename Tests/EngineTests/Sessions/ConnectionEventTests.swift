import Foundation
import Logging
import Testing
@testable import Engine

/// Connection sessions tell the event sinks (recordings) when they open and close.
@Suite struct ConnectionEventTests {
    final class Collector: StatementEventSink, @unchecked Sendable {   // its array is read after the engine is idle
        private let lock = NSLock()
        private var events: [ConnectionEvent] = []
        var connections: [ConnectionEvent] { lock.lock(); defer { lock.unlock() }; return events }
        func statementEnded(_ event: StatementEvent) {}
        func connectionChanged(_ event: ConnectionEvent) { lock.lock(); events.append(event); lock.unlock() }
    }

    @Test func openAndCloseAreReportedWithUserDatabaseAndPid() async throws {
        let collector = Collector()
        var configuration = EngineConfiguration()
        configuration.eventSinks = [collector]
        let engine = try RedshiftEngine.make(configuration, logger: Logger(label: "test"))
        defer { engine.shutdown() }
        let target = Target(kind: .cluster, name: "pg-events")
        let session = try engine.openSession(target: target, database: "dev", user: "alice", caller: .anonymous)
        await engine.closeSession(session.id)
        await engine.closeSession(session.id)   // a second close reports nothing
        let events = collector.connections
        #expect(events.map(\.kind) == [.connect, .disconnect])
        for event in events {
            #expect(event.sessionId == session.id && event.dbUser == "alice" && event.database == "dev")
            #expect(event.targetKind == "cluster" && event.targetName == "pg-events")
            #expect(event.redshiftPid == session.redshiftPid)
            #expect(event.openedAt == session.createdAt)
        }
        #expect(events[1].time >= events[0].time)
    }
}
