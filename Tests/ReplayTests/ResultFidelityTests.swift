import DataAPI
import DataAPIModel
import Engine
import EmulatorServer
import Foundation
import Testing
@testable import Replay

/// Result fingerprints (`resultFingerprint`) and replay drift (format 1.2) from the replayer to
/// `compare`'s report.
@Suite struct ResultFidelityTests {
    static func fingerprint(_ rows: [[Field]]) -> String {
        var hasher = ResultFingerprint()
        for row in rows { hasher.add(row) }
        return hasher.value
    }

    @Test func fingerprintFollowsTheDocumentedEncoding() {
        // Expected values computed by an independent Python implementation of the encoding that
        // docs/recording-format.md defines (hashlib.sha256, struct.pack(">Q"/">d")).
        #expect(Self.fingerprint([]) == "sha256:a0bc252b390df211e4f52d18de9c48cb0a3d2bc2876729dbf96294bd4718f8b9")
        #expect(Self.fingerprint([
            [.longValue(1), .stringValue("a")],
            [.isNull(true), .doubleValue(1.5), .booleanValue(true), .blobValue(Data([0, 255])), .longValue(-2)],
        ]) == "sha256:9bcb6556e3900e0f61270b7742075fe0ddaeafcbcee0849d65221858d8301da9")
    }

    @Test func fingerprintIgnoresRowOrderButNotTypesValuesOrBoundaries() {
        let a: [Field] = [.longValue(1), .stringValue("x")], b: [Field] = [.longValue(2), .stringValue("y")]
        #expect(Self.fingerprint([a, b]) == Self.fingerprint([b, a]))
        #expect(Self.fingerprint([a, b]) != Self.fingerprint([a, a]))
        #expect(Self.fingerprint([a]) != Self.fingerprint([a, a]))   // a duplicate row counts
        #expect(Self.fingerprint([[.longValue(1)]]) != Self.fingerprint([[.stringValue("1")]]))
        #expect(Self.fingerprint([[.longValue(1)]]) != Self.fingerprint([[.doubleValue(1)]]))
        #expect(Self.fingerprint([[.stringValue("ab")], []]) != Self.fingerprint([[.stringValue("a"), .stringValue("b")]]))
        #expect(Self.fingerprint([[.isNull(true)]]) != Self.fingerprint([[.stringValue("")]]))
    }

    /// A target whose statements return `rows`, two rows per GetStatementResult page.
    final class PagingTarget: DataAPICalling, @unchecked Sendable {
        let rows: [[Field]]
        let lock = NSLock()
        var resultCalls: [[String: Any]] = []
        init(rows: [[Field]]) { self.rows = rows }

        func executeStatement(_ input: ExecuteStatementInput) throws -> ExecuteStatementOutput {
            ExecuteStatementOutput(id: "q1", sessionId: "s1")
        }

        func batchExecuteStatement(_ input: BatchExecuteStatementInput) throws -> BatchExecuteStatementOutput {
            throw DataAPIError(.unknownOperation, "BatchExecuteStatement")
        }

        func describeStatement(_ input: DescribeStatementRequest) throws -> DescribeStatementResponse {
            DescribeStatementResponse(duration: 1_000_000, hasResultSet: true, id: "q1", resultRows: Int64(rows.count), status: .finished)
        }

        func getStatementResult(_ input: GetStatementResultRequest) throws -> GetStatementResultResponse {
            lock.lock(); resultCalls.append(jsonObject(input)); lock.unlock()
            let start = Int(input.nextToken ?? "0") ?? 0
            let next = start + 2 < rows.count ? String(start + 2) : nil
            return GetStatementResultResponse(nextToken: next, records: Array(rows[start..<min(rows.count, start + 2)]),
                                              totalNumRows: Int64(rows.count))
        }
    }

    func replay(_ target: PagingTarget, fingerprints: Bool) throws -> [RecordedStatement] {
        let plan = try ReplayPlan(statements: [statement("a1", session: "A", seq: 1, at: 0)], options: ReplayOptions())
        let lock = NSLock()
        var out: [RecordedStatement] = []
        let replayer = Replayer(plan: plan, concurrency: 1, clock: ManualReplayClock(), makeClient: { target }, sink: { s in
            lock.lock(); out.append(s); lock.unlock()
        })
        replayer.fetchResultFingerprints = fingerprints
        _ = replayer.run()
        return out
    }

    @Test func replayPagesTheResultAndHashesItOnlyWhenAsked() throws {
        let rows: [[Field]] = [
            [.longValue(1), .stringValue("ann"), .doubleValue(0.1)],
            [.longValue(2), .isNull(true), .booleanValue(false)],
            [.longValue(3), .blobValue(Data([0, 255])), .doubleValue(2.5)],
        ]
        let target = PagingTarget(rows: rows)
        let plain = try replay(target, fingerprints: false)
        #expect(plain.count == 1 && plain[0].resultFingerprint == nil && target.resultCalls.isEmpty)
        #expect(plain[0].driftMicros == 0)   // the manual clock is never late

        let out = try replay(target, fingerprints: true)
        #expect(target.resultCalls.count == 2 && target.resultCalls[1]["NextToken"] as? String == "2")
        #expect(out[0].resultFingerprint == Self.fingerprint([
            [.longValue(1), .stringValue("ann"), .doubleValue(0.1)],
            [.longValue(2), .isNull(true), .booleanValue(false)],
            [.longValue(3), .blobValue(Data([0, 255])), .doubleValue(2.5)],
        ]))
    }

    func entry(_ id: String, status: String = "FINISHED", fingerprint: String?, drift: Int64? = nil) -> ComparisonEntry {
        ComparisonEntry(eventId: id, sessionId: "s", user: "u", queryGroup: nil, type: StatementType(sql: "select 1"),
                        fingerprint: "select ?", submitted: 0, ended: 1_000, status: status, error: nil, rows: 1,
                        resultFingerprint: fingerprint, driftMicros: drift)
    }

    @Test func compareCountsResultMismatchesOfFinishedStatementsWithTheSameScheme() {
        let base = [entry("same", fingerprint: "sha256:aa"), entry("diff", fingerprint: "sha256:aa"),
                    entry("scheme", fingerprint: "md5:aa"), entry("failed", fingerprint: "sha256:aa"),
                    entry("none", fingerprint: nil)]
        let rep = [entry("same", fingerprint: "sha256:aa", drift: 100), entry("diff", fingerprint: "sha256:bb", drift: 300),
                   entry("scheme", fingerprint: "sha256:cc", drift: 200), entry("failed", status: "FAILED", fingerprint: "sha256:dd"),
                   entry("none", fingerprint: "sha256:ee")]
        let report = ComparisonBuilder().build(
            baseline: ComparisonInput(path: "b", header: RecordingHeader(source: .serve), entries: base),
            replay: ComparisonInput(path: "r", header: RecordingHeader(source: .replay), entries: rep))
        #expect(report.resultsCompared == 2)
        #expect(report.resultMismatches.map(\.eventId) == ["diff"])
        // No drift summary in the header: computed from the statements' drift (100, 200, 300 µs).
        let drift = report.replayDrift
        #expect(drift?.basis == "statements" && drift?.statements == 3)
        #expect(drift?.p50Ms == 0.2 && drift?.maxMs == 0.3)
    }

    @Test func compareTakesTheHeaderDriftAndReportsNoneForOldReplays() throws {
        var header = RecordingHeader(source: .replay)
        header.replaySpeed = 0
        header.driftP50Micros = 1_500
        header.driftP99Micros = 9_000
        header.driftMaxMicros = 12_000
        let base = ComparisonInput(path: "b", header: RecordingHeader(source: .serve), entries: [entry("a", fingerprint: nil)])
        let report = ComparisonBuilder().build(
            baseline: base, replay: ComparisonInput(path: "r", header: header, entries: [entry("a", fingerprint: nil, drift: 5)]))
        let json = try JSONSerialization.jsonObject(with: Data(ReportFormat.json.render(report).utf8)) as? [String: Any]
        let drift = json?["replayDrift"] as? [String: Any]
        #expect(drift?["basis"] as? String == "calls" && drift?["p99Ms"] as? Double == 9 && drift?["speed"] as? Double == 0)
        #expect(ReportFormat.text.render(report).contains("p99 9.00 ms"))
        #expect(ReportFormat.text.render(report).contains("queueing"))

        let old = ComparisonBuilder().build(
            baseline: base, replay: ComparisonInput(path: "r", header: RecordingHeader(source: .replay), entries: [entry("a", fingerprint: nil)]))
        #expect(old.replayDrift == nil)
        #expect(ReportFormat.text.render(old).contains("replay start-time drift: not recorded"))
    }

    @Test func driftMakesTheRecordingVersion12AndRoundTrips() throws {
        let path = temporaryPath("drift.jsonl")
        let writer = try RecordingWriter(path: path, header: RecordingHeader(source: .replay))
        var s = statement("a1", session: "A", seq: 1, at: 0)
        s.driftMicros = 42
        s.resultFingerprint = "sha256:00"
        writer.write(.statement(s))
        writer.updateHeader { $0.replaySpeed = 2.5; $0.driftP50Micros = 1; $0.driftP99Micros = 2; $0.driftMaxMicros = 3 }
        try writer.close()
        let (header, lines) = try readAll(path)
        #expect(header.version == "1.2" && header.replaySpeed == 2.5 && header.driftP99Micros == 2 && header.driftMaxMicros == 3)
        #expect(statements(lines) == [s])

        let plain = temporaryPath("nodrift.jsonl")
        let other = try RecordingWriter(path: plain, header: RecordingHeader(source: .replay))
        other.write(.statement(statement("a1", session: "A", seq: 1, at: 0)))
        try other.close()
        #expect(try readAll(plain).0.version == "1.0")
    }
}
