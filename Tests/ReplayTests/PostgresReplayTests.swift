import DataAPIModel
import Foundation
import PGClient
import Testing
@testable import Replay

/// The pure parts of recording and replaying cluster-endpoint connections.
@Suite struct PostgresReplayTests {
    /// PostgreSQL docs › SQL Commands › BEGIN / COMMIT / ROLLBACK (Redshift's Developer Guide ›
    /// BEGIN: START TRANSACTION is a synonym; END is COMMIT, ABORT is ROLLBACK).
    @Test func transactionBlocksSpanRoundTrips() {
        var tracker = TransactionTracker()
        #expect(tracker.statement("select 1", status: "FINISHED") == nil)
        #expect(tracker.statement("BEGIN", status: "FINISHED") == 1)
        #expect(tracker.statement("insert into t values (1)", status: "FINISHED") == 1)
        #expect(tracker.statement("select nope", status: "FAILED") == 1)
        #expect(tracker.statement("ROLLBACK", status: "FINISHED") == 1)
        #expect(tracker.open == nil)
        #expect(tracker.statement("/* c */ start transaction", status: "FINISHED") == 2)
        #expect(tracker.statement("savepoint s", status: "FINISHED") == 2)
        #expect(tracker.statement("rollback to savepoint s", status: "FINISHED") == 2)
        #expect(tracker.statement("end", status: "FINISHED") == 2)
        #expect(tracker.statement("commit", status: "FINISHED") == nil)
        #expect(tracker.statement("begin", status: "FAILED") == nil)
        #expect(tracker.blocks == 2)
    }

    @Test func namedParametersBecomePositionalAndAreNeverSpliced() {
        let parameters = [RecordedParameter(name: "id", value: "1' or '1'='1"), RecordedParameter(name: "v", value: "x")]
        let sql = "select ':id', \"a:b\", x::int from t where id = :id and v = :v or id = :id -- :v"
        let rewritten = PositionalRewrite.rewrite(sql, parameters: parameters)
        #expect(rewritten.sql == "select ':id', \"a:b\", x::int from t where id = $1 and v = $2 or id = $1 -- :v")
        #expect(rewritten.values == ["1' or '1'='1", "x"])
        #expect(PositionalRewrite.rewrite("select :missing", parameters: parameters).sql == "select :missing")
    }

    @Test func recordedConnectionsBoundTheirSessionsSchedule() throws {
        let statements = [
            statement("a1", session: "A", seq: 1, at: 1_000_000, cluster: nil),
            statement("a2", session: "A", seq: 2, at: 2_000_000, cluster: nil),
        ]
        var connect = RecordedSession(sessionId: "A", user: "u", database: "dev")
        connect.event = "connect"
        connect.startedAt = RecordingTime(microsecondsSinceEpoch: 1_700_000_000_000_000 + 500_000)
        var disconnect = connect
        disconnect.event = "disconnect"
        disconnect.endedAt = RecordingTime(microsecondsSinceEpoch: 1_700_000_000_000_000 + 3_000_000)
        var options = ReplayOptions()
        #expect(throws: ReplayError.self) { try ReplayPlan(statements: statements, options: options) }
        options.requiresTarget = false
        options.userMap = ["*": "replayer"]
        let plan = try ReplayPlan(statements: statements, recordedSessions: ["A": connect.merging(disconnect)], options: options)
        #expect(plan.sessions[0].connectOffsetMicros == 0)   // before the first statement: clamped to the origin
        #expect(plan.sessions[0].disconnectOffsetMicros == 2_000_000)
        #expect(plan.sessions[0].user == "replayer")
    }

    /// `recordings/sample-pg.jsonl`: two psycopg2 connections, each with a connect and a disconnect line.
    @Test func sampleConnectionsPlanWithTheirLifetimes() throws {
        let (header, lines) = try readAll(sample("sample-pg.jsonl"))
        #expect(header.version == RecordingHeader.connectionsVersion)
        let sessionLines = lines.compactMap { line -> RecordedSession? in
            if case .session(let session) = line { return session } else { return nil }
        }
        #expect(sessionLines.map(\.event) == ["connect", "connect", "disconnect", "disconnect"])
        var options = ReplayOptions()
        options.speed = 1
        options.requiresTarget = false
        let (_, plan) = try ReplayPlan.load(path: sample("sample-pg.jsonl"), options: options)
        #expect(plan.sessions.count == 2 && plan.statementCount == 10)
        for schedule in plan.sessions {
            let connect = try #require(schedule.connectOffsetMicros)
            let disconnect = try #require(schedule.disconnectOffsetMicros)
            #expect(connect <= schedule.firstOffsetMicros && disconnect > schedule.lastOffsetMicros)
        }
        let blocks = Set(statements(lines).compactMap(\.transactionId))
        #expect(blocks.count == 3)
    }

    @Test func textRowsFingerprintAsTypedFields() {
        let columns = [PGColumn(name: "a", typeOID: 23), PGColumn(name: "b", typeOID: 1043), PGColumn(name: "c", typeOID: 16),
                       PGColumn(name: "d", typeOID: 701)]
        let fields = Replayer.fields(columns: columns, values: [ArraySlice("42".utf8), ArraySlice("a".utf8), ArraySlice("t".utf8), nil])
        #expect(fields == [.longValue(42), .stringValue("a"), .booleanValue(true), .isNull(true)])
    }
}
