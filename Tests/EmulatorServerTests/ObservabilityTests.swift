import Foundation
import Logging
import RedshiftSQL
import Testing
@testable import Engine
@testable import EmulatorServer

/// `--log-format json`'s lines and the metrics' counting (issue 18, items 2 and 4).
@Suite struct ObservabilityTests {
    /// Collects the lines a handler writes.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        var all: [String] { lock.withLock { stored } }
        func append(_ line: String) { lock.withLock { stored.append(line) } }
    }

    private func logger(_ lines: Lines) -> Logger {
        Logger(label: "test") { label in JSONLogHandler(label: label, output: .init { lines.append($0) }) }
    }

    private func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func eachEventIsOneLineOfJSONWithTypedFields() throws {
        let lines = Lines()
        logger(lines).info("say \"hi\"\n\tthere \u{1}", metadata: [
            "count": .stringConvertible(42), "ratio": .stringConvertible(0.5), "ok": .stringConvertible(true),
            "text": "ünïcode", "list": .array(["a", .stringConvertible(1)]), "nested": .dictionary(["k": "v"]),
        ])
        #expect(lines.all.count == 1)
        #expect(!lines.all[0].contains("\n"))
        let fields = try object(lines.all[0])
        #expect(fields["message"] as? String == "say \"hi\"\n\tthere \u{1}")
        #expect(fields["level"] as? String == "info")
        #expect(fields["logger"] as? String == "test")
        #expect(fields["count"] as? Int == 42)
        #expect(fields["ratio"] as? Double == 0.5)
        #expect(fields["ok"] as? Bool == true)
        #expect(fields["text"] as? String == "ünïcode")
        #expect((fields["list"] as? [Any])?.count == 2)
        #expect((fields["nested"] as? [String: String]) == ["k": "v"])
        let time = try #require(fields["time"] as? String)
        #expect(try Date(time, strategy: .iso8601.year().month().day().time(includingFractionalSeconds: true)) <= Date())
    }

    @Test func levelsBelowTheLoggersAreNotWritten() {
        let lines = Lines()
        var logger = logger(lines)
        logger.logLevel = .warning
        logger.info("hidden")
        logger.warning("shown")
        #expect(lines.all.count == 1)
    }

    @Test func aStatementEventBecomesOneStatementLine() throws {
        let lines = Lines()
        var logger = logger(lines)
        logger.logLevel = .info
        let started = Date(timeIntervalSince1970: 1_000)
        let event = StatementEvent(
            statementId: "s-1", batchId: nil, sessionId: "sess", targetKind: "cluster", targetName: "c1", database: "dev",
            dbUser: "alice", accessKeyId: "AKID", sql: "select 1", parameters: [:], statementName: nil, queryGroup: nil,
            submittedAt: started, startedAt: started, endedAt: started.addingTimeInterval(0.25), status: "FAILED",
            error: "boom", resultRows: -1, resultBytes: -1, redshiftQueryId: 7, redshiftPid: 9,
            door: .postgresql, statementClass: .query, queue: "Default queue", queueWaitMicros: 1500)
        StatementLog(logger: logger).statementEnded(event)
        let fields = try object(try #require(lines.all.first))
        #expect(fields["event"] as? String == "statement")
        #expect(fields["statement_id"] as? String == "s-1")
        #expect(fields["cluster"] as? String == "c1")
        #expect(fields["user"] as? String == "alice")
        #expect(fields["door"] as? String == "postgresql")
        #expect(fields["status"] as? String == "FAILED")
        #expect(fields["error"] as? String == "boom")
        #expect(fields["duration_ms"] as? Double == 250)
        #expect(fields["queue_wait_ms"] as? Double == 1.5)
        #expect(fields["session_id"] as? String == "sess")
    }

    @Test func metricsCountStatementsByDoorAndStatus() {
        let metrics = ServerMetrics()
        let now = Date()
        func event(_ status: String, door: StatementDoor, statementClass: StatementClass = .query, rows: Int64 = 1) -> StatementEvent {
            StatementEvent(
                statementId: UUID().uuidString, batchId: nil, sessionId: nil, targetKind: "cluster", targetName: "c", database: "dev",
                dbUser: "u", accessKeyId: "", sql: "", parameters: [:], statementName: nil, queryGroup: nil, submittedAt: now,
                startedAt: now, endedAt: now, status: status, error: nil, resultRows: rows, resultBytes: 10, redshiftQueryId: 1,
                redshiftPid: 1, door: door, statementClass: statementClass, queue: "q")
        }
        metrics.statementEnded(event("FINISHED", door: .dataAPI))
        metrics.statementEnded(event("FINISHED", door: .dataAPI))
        metrics.statementEnded(event("FAILED", door: .postgresql))
        metrics.statementEnded(event("FINISHED", door: .postgresql, statementClass: .copy, rows: 500))
        let text = metrics.registry.emitToString()
        #expect(text.contains(#"emulatord_statements_total{door="data-api",status="finished",queue="q"} 2"#))
        #expect(text.contains(#"emulatord_statements_total{door="postgresql",status="failed",queue="q"} 1"#))
        #expect(text.contains("emulatord_rows_loaded_total 500"))
        #expect(text.contains(#"emulatord_statement_duration_seconds_count{service_class="q"} 4"#))
    }

    @Test func requestOperationsAreBoundedToTheModels() {
        #expect(DataAPIOperationName.known("RedshiftData.ExecuteStatement") == "ExecuteStatement")
        #expect(DataAPIOperationName.known("RedshiftData.Nonsense") == "unknown")
        #expect(DataAPIOperationName.known(nil) == "other")
    }
}
