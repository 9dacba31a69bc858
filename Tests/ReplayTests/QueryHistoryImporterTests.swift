import Foundation
import Testing
@testable import Replay

@Suite struct QueryHistoryImporterTests {
    @Test func sysQueryHistoryIsOrderedByStartWithOutcomes() throws {
        let out = temporaryPath("sys.jsonl")
        var job = ImportJob(format: .sysQueryHistory, inputs: [sample("sample-sys_query_history.csv")], output: out)
        job.queryTexts = [sample("sample-sys_query_text.csv")]
        let diagnostics = quietDiagnostics()
        let summary = try job.run(diagnostics: diagnostics)
        #expect(summary == ImportSummary(statements: 6, sessions: 0, malformedLines: 1, skippedStatements: 0))
        #expect(diagnostics.messages.first?.contains("sample-sys_query_history.csv:10: ") == true)
        let (header, lines) = try readAll(out)
        let events = statements(lines)
        #expect(header.source == .sysQueryHistory)
        #expect(events.map(\.eventId) == ["q9001", "q9002", "q9003", "q9005", "q9004", "q9006"])
        #expect(events.map(\.sequence) == [1, 1, 2, 3, 1, 2])
        #expect(events[0].submittedAt == time("2024-03-05T14:02:07.123456Z"))
        #expect(events[0].endedAt == time("2024-03-05T14:02:07.456789Z"))
        #expect(events[0].latencyMicros == 333_333)
        #expect(events[2].sql.contains("\nfrom   raw.orders o\n"))
        #expect(events[2].queryGroup == "etl" && events[2].transactionId == "2612690" && events[2].resultRows == 120)
        #expect(events[4].status == "FAILED" && events[4].error == #"ERROR: relation "salez" does not exist"#)
        #expect(events[5].status == "ABORTED")
        #expect(events[5].sql == "/* long query */ select * from sales s1 cross join sales s2")
    }

    @Test func stlQueryUsesQueryTextChunks() throws {
        let out = temporaryPath("stl.jsonl")
        var job = ImportJob(format: .stlQuery, inputs: [sample("sample-stl_query.csv")], output: out)
        job.queryTexts = [sample("sample-stl_querytext.csv")]
        _ = try job.run(diagnostics: quietDiagnostics())
        let events = statements(try readAll(out).1)
        #expect(events.map(\.user) == ["uid:104", "uid:112"])
        #expect(events[1].sql == "insert into t\nselect * from s")
        #expect(events.map(\.status) == ["FINISHED", "ABORTED"])
    }

    @Test func connectionLogAloneGivesSessions() throws {
        let out = temporaryPath("conn.jsonl")
        let summary = try ImportJob(format: .connectionlog, inputs: [sample("sample-connectionlog.txt")], output: out)
            .run(diagnostics: quietDiagnostics())
        #expect(summary.sessions == 3 && summary.malformedLines == 1 && summary.statements == 0)
        #expect(ConnectionLogImporter.parseTime("Tue, 05 Mar 2024 14:01:59:104") == time("2024-03-05T14:01:59.104Z"))
    }

    @Test func unreadableInputIsAnError() {
        #expect(throws: InputError.self) {
            try ImportJob(format: .useractivitylog, inputs: ["/nonexistent/file"], output: temporaryPath("x.jsonl")).run(diagnostics: quietDiagnostics())
        }
    }

    @Test func csvFieldsMayHoldQuotesCommasAndNewlines() throws {
        let path = temporaryPath("q.csv")
        try "a,b\n\"x, \"\"y\"\"\",\"1\n2\"\n3,4\n".write(toFile: path, atomically: true, encoding: .utf8)
        let csv = try CSVRecordReader(path: path)
        #expect(try csv.next()?.fields == ["a", "b"])
        #expect(try csv.next()?.fields == ["x, \"y\"", "1\n2"])
        #expect(csv.recordLine == 2)
        #expect(try csv.next()?.fields == ["3", "4"])
        #expect(csv.recordLine == 4)
    }

    @Test func s3FileNamesNameTheCluster() {
        #expect(ImportJob.clusterFromS3Names(["a/123456789012_redshift_us-east-1_mycluster_useractivitylog_2024-03-05T14:01.gz",
                                              "123456789012_redshift_us-east-1_mycluster_useractivitylog_2024-03-05T15:01.gz"]) == "mycluster")
        #expect(ImportJob.clusterFromS3Names(["useractivitylog.txt"]) == nil)
    }
}
