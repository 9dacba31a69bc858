import Foundation
import Testing
import RedshiftSQL
@testable import Replay

@Suite struct ComparisonTests {
    func entry(_ id: String, _ sql: String, at: Int64, latencyMs: Double, status: String = "FINISHED", rows: Int64? = 1,
               user: String = "u") -> ComparisonEntry {
        ComparisonEntry(eventId: id, sessionId: "s", user: user, queryGroup: nil, type: StatementType(sql: sql),
                        fingerprint: SQLFingerprint.of(sql), submitted: at, ended: at + Int64(latencyMs * 1000),
                        status: status, error: status == "FAILED" ? "ERROR: boom" : nil, rows: rows, resultFingerprint: nil)
    }

    func input(_ entries: [ComparisonEntry], _ name: String) -> ComparisonInput {
        ComparisonInput(path: name, header: RecordingHeader(source: .serve), entries: entries)
    }

    @Test func percentilesInterpolate() {
        #expect(Percentiles.value([1, 2, 3, 4], 50) == 2.5)
        #expect(Percentiles.value([10], 99) == 10)
        #expect(Percentiles.value([], 50) == 0)
        #expect(abs(Percentiles.value((1...100).map(Double.init), 95) - 95.05) < 1e-9)
    }

    /// Compare groups by the SQL front end's fingerprint (`SQLFingerprint.of`, the query log's and
    /// WLM's); these were Replay's own normalization's expectations and still hold.
    @Test func fingerprintsNormaliseLiterals() {
        #expect(SQLFingerprint.of("SELECT  *\nFROM t WHERE id = 42 AND name = 'x''y' -- c\n;") == "select * from t where id = ? and name = ?")
        #expect(SQLFingerprint.of("select * from t where id in (1, 2, 3)") == SQLFingerprint.of("select * from t where id in (4)"))
        #expect(SQLFingerprint.of("insert into t values (1,'a'), (2,'b')") == "insert into t values (?)")
        #expect(SQLFingerprint.of("select \"MixedCase\" from t") == "select \"MixedCase\" from t")
        #expect(fingerprintId("x").count == 16)
        #expect(fingerprintId(SQLFingerprint.of("select 1")) == fingerprintId(SQLFingerprint.of("SELECT 2 -- c")))
    }

    func report() -> ComparisonReport {
        var base: [ComparisonEntry] = [], rep: [ComparisonEntry] = []
        for i in 0..<10 {
            let t = Int64(i) * 100_000
            base.append(entry("s\(i)", "select * from slow where id = \(i)", at: t, latencyMs: 2))
            rep.append(entry("s\(i)", "select * from slow where id = \(i)", at: t, latencyMs: 52))
            base.append(entry("f\(i)", "select * from fast where id = \(i)", at: t, latencyMs: 2))
            rep.append(entry("f\(i)", "select * from fast where id = \(i)", at: t, latencyMs: 2.5))
            base.append(entry("b\(i)", "select * from better", at: t, latencyMs: 40, user: "v"))
            rep.append(entry("b\(i)", "select * from better", at: t, latencyMs: 10, user: "v"))
        }
        base.append(entry("e1", "select 1", at: 0, latencyMs: 1))
        rep.append(entry("e1", "select 1", at: 0, latencyMs: 1, status: "FAILED"))
        base.append(entry("r1", "select 2", at: 0, latencyMs: 1, rows: 3))
        rep.append(entry("r1", "select 2", at: 0, latencyMs: 1, rows: 4))
        base.append(entry("gone", "select 3", at: 0, latencyMs: 1))
        return ComparisonBuilder().build(baseline: input(base, "base.jsonl"), replay: input(rep, "rep.jsonl"))
    }

    @Test func pairsByEventIdAndFindsRegressions() {
        let r = report()
        #expect(r.paired == 32 && r.onlyInBaseline == 1 && r.onlyInReplay == 0)
        #expect(r.topRegressions.count == 1 && r.topRegressions[0].text == "select * from slow where id = ?")
        #expect(r.topImprovements.map(\.text) == ["select * from better"])
        #expect(r.byFingerprint.first { $0.text == "select * from fast where id = ?" }?.verdict == "unchanged")
        #expect(r.errorsAppeared.map(\.eventId) == ["e1"])
        #expect(r.rowCountMismatches.map(\.eventId) == ["r1"])
        #expect(r.byUser.map(\.key) == ["u", "v"])
        #expect(r.byStatementType.map(\.key) == ["SELECT"])
        #expect(r.baselineQuantilesMs.count == 101 && !r.throughput.isEmpty)
    }

    @Test func gateExitCodes() {
        var r = report()
        #expect(r.exitCode == 0)
        r.applyGate(percent: 10)
        #expect(r.failed && r.exitCode == 3)
        r.applyGate(percent: 100_000)
        #expect(!r.failed && r.exitCode == 0)
    }

    @Test func renderersShowTheSameFacts() throws {
        var r = report()
        r.applyGate(percent: 10)
        let text = ReportFormat.text.render(r)
        #expect(text.contains("top regressions\n1. select * from slow where id = ?") && text.contains("exit 3"))
        let json = try JSONSerialization.jsonObject(with: Data(ReportFormat.json.render(r).utf8)) as! [String: Any]
        #expect(json["paired"] as? Int == 32 && json["failed"] as? Bool == true)
        let markdown = ReportFormat.markdown.render(r)
        #expect(markdown.hasPrefix("## emulatord compare") && markdown.contains("| all | 32 |"))
        let html = ReportFormat.html.render(r)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("<polyline") && html.contains("class=\"bar\"") && !html.contains("<script"))
    }
}
