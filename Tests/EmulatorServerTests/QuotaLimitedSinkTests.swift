import Foundation
import Logging
import Testing
@testable import Engine
@testable import EmulatorServer

/// The recording counts against the data quota: once the quota is used up, its events are dropped.
@Suite struct QuotaLimitedSinkTests {
    final class Counting: StatementEventSink, @unchecked Sendable {
        private let lock = NSLock()
        private var ended = 0
        var count: Int { lock.withLock { ended } }
        func statementEnded(_ event: StatementEvent) { lock.withLock { ended += 1 } }
        func connectionChanged(_ event: ConnectionEvent) {}
    }

    private func event() -> StatementEvent {
        let now = Date()
        return StatementEvent(
            statementId: UUID().uuidString, batchId: nil, sessionId: nil, targetKind: "cluster", targetName: "c", database: "dev",
            dbUser: "u", accessKeyId: "", sql: "select 1", parameters: [:], statementName: nil, queryGroup: nil, submittedAt: now,
            startedAt: now, endedAt: now, status: "FINISHED", error: nil, resultRows: 1, resultBytes: 1, redshiftQueryId: 1,
            redshiftPid: 1, door: .dataAPI, statementClass: .query, queue: "q")
    }

    @Test func eventsPassWhileTheQuotaHasRoom() {
        let inner = Counting()
        let sink = QuotaLimitedSink(inner, logger: Logger(label: "test"), isExhausted: { false })
        for _ in 0..<3 { sink.statementEnded(event()) }
        #expect(inner.count == 3)
    }

    @Test func eventsAreDroppedOnceTheQuotaIsUsedUp() {
        let inner = Counting()
        let sink = QuotaLimitedSink(inner, logger: Logger(label: "test"), isExhausted: { true })
        for _ in 0..<3 { sink.statementEnded(event()) }
        #expect(inner.count == 0)
    }
}
