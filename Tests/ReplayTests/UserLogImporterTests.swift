import Foundation
import Testing
@testable import Replay

/// Expected lines are written by hand from `recordings/sample_userlog.txt`.
@Suite struct UserLogImporterTests {
    static let expectedLines = [
        #"{"kind":"user","time":"2024-03-05T13:58:12.337000Z","userId":104,"user":"alice","action":"create","createdb":false,"superuser":false,"catupdate":false,"pid":1073801000,"xid":2611950}"#,
        #"{"kind":"user","time":"2024-03-05T14:02:09.498000Z","userId":130,"user":"IAM:bob","action":"create","createdb":false,"superuser":false,"catupdate":false,"pid":1073900120,"xid":2612700}"#,
        #"{"kind":"user","time":"2024-03-05T14:02:12.040000Z","userId":116,"user":"carol","action":"create","createdb":false,"superuser":false,"catupdate":false,"pid":1073801000,"xid":2612711}"#,
        #"{"kind":"user","time":"2024-03-05T14:06:30.871000Z","userId":112,"user":"etl_svc","action":"alter","createdb":true,"superuser":false,"catupdate":false,"validUntil":"2024-06-30T00:00:00.000000Z","pid":1073801000,"xid":2612760}"#,
        #"{"kind":"user","time":"2024-03-05T14:10:00.001000Z","userId":108,"user":"userlog1","action":"create","createdb":false,"superuser":false,"catupdate":false,"pid":1073815778,"xid":2612800}"#,
        #"{"kind":"user","time":"2024-03-05T14:10:30.118000Z","userId":108,"user":"report_reader","oldUser":"userlog1","action":"rename","createdb":false,"superuser":false,"catupdate":false,"pid":1073801000,"xid":2612811}"#,
        #"{"kind":"user","time":"2024-03-05T14:10:41.500000Z","userId":117,"user":"tmp_loader","action":"create","createdb":true,"superuser":false,"catupdate":false,"pid":1073801000,"xid":2612815}"#,
        #"{"kind":"user","time":"2024-03-05T14:11:05.902000Z","userId":112,"user":"etl_svc","action":"alter","createdb":true,"superuser":true,"catupdate":false,"validUntil":"2024-06-30T00:00:00.000000Z","pid":1073801000,"xid":2612822}"#,
        #"{"kind":"user","time":"2024-03-05T14:12:44.016000Z","userId":117,"user":"tmp_loader","action":"drop","createdb":true,"superuser":false,"catupdate":false,"pid":1073801000,"xid":2612840}"#,
    ]

    func run(_ job: ImportJob) throws -> (ImportSummary, [String], ImportDiagnostics) {
        let diagnostics = quietDiagnostics()
        let summary = try job.run(diagnostics: diagnostics)
        let text = try String(contentsOfFile: job.output, encoding: .utf8)
        return (summary, text.split(separator: "\n").map(String.init), diagnostics)
    }

    @Test func importsTheSampleAsExactUserLines() throws {
        let out = temporaryPath("userlog.jsonl")
        let (summary, lines, diagnostics) = try run(ImportJob(format: .userlog, inputs: [sample("sample_userlog.txt")], output: out))
        #expect(Array(lines.dropFirst()) == Self.expectedLines)
        #expect(summary == ImportSummary(statements: 0, sessions: 0, malformedLines: 1, skippedStatements: 0, users: 9))
        #expect(diagnostics.messages.count == 1)
        #expect(diagnostics.messages[0].hasSuffix("sample_userlog.txt:8: malformed line skipped: expected 11 '|'-separated fields (userid|username|oldusername|action|usecreatedb|usesuper|usecatupd|valuntil|pid|xid|recordtime), found 4"))

        let (header, read) = try readAll(out)
        #expect(header.source == .userlog)
        #expect(header.version == "1.1")              // user lines are new in 1.1
        #expect(header.statements == 0 && header.malformedLines == 1)
        #expect(header.inputs == [sample("sample_userlog.txt")])
        let users = read.compactMap { if case .user(let u) = $0 { return u } else { return nil } }
        #expect(users.count == 9 && read.count == 9)
        #expect(users == (try UserLogImporter().read(paths: [sample("sample_userlog.txt")], diagnostics: quietDiagnostics())))
        #expect(users[5].oldUser == "userlog1" && users[5].user == "report_reader" && users[5].action == "rename")
        #expect(try RecordingReader(path: out).nextStatement() == nil)     // statement readers skip user lines
    }

    @Test func userLinesRoundTripAndOtherRecordingsStayVersion1_0() throws {
        var event = RecordedUserEvent(time: time("2024-03-05T14:10:00.001Z"), userId: 7, user: "a \"quoted\" name",
                                      action: "rename", createdb: true, superuser: false, catupdate: true)
        event.oldUser = "old\\name"
        event.validUntil = time("2030-01-01T00:00:00Z")
        event.pid = 42
        event.xid = 43
        let path = temporaryPath("users.jsonl")
        let writer = try RecordingWriter(path: path, header: RecordingHeader(source: .userlog))
        writer.write(.user(event))
        writer.write(.user(RecordedUserEvent(time: time("2024-03-05T14:11:00Z"), userId: 8, user: "b", action: "drop")))
        try writer.close()
        let (header, lines) = try readAll(path)
        #expect(header.version == "1.1" && header.statements == 0)
        #expect(lines == [.user(event), .user(RecordedUserEvent(time: time("2024-03-05T14:11:00Z"), userId: 8, user: "b", action: "drop"))])

        let plain = temporaryPath("plain.jsonl")
        let other = try RecordingWriter(path: plain, header: RecordingHeader(source: .serve))
        other.write(.statement(RecordingFormatTests.statement(1)))
        try other.close()
        #expect(try readAll(plain).0.version == "1.0")
    }

    @Test func severalFilesComeOutInTimeOrder() throws {
        let late = temporaryPath("late.txt"), early = temporaryPath("early.txt")
        try """
            201 |dave | |create |f|f|f|infinity|1073800001|3000001|2024-03-05 15:00:00
            200 |erin | |ALTER |t|t|t|2025-01-01 00:00:00|| |Tue, 05 Mar 2024 14:30:00:5

            """.write(toFile: late, atomically: true, encoding: .utf8)
        try "202 |frank | |drop |0|0|0| |1073800002|3000003|Tue, 05 Mar 2024 14:45:00:000\n"
            .write(toFile: early, atomically: true, encoding: .utf8)
        let events = try UserLogImporter().read(paths: [late, early], diagnostics: quietDiagnostics())
        #expect(events.map(\.user) == ["erin", "frank", "dave"])
        #expect(events[0].action == "alter" && events[0].superuser && events[0].catupdate && events[0].createdb)
        #expect(events[0].time == time("2024-03-05T14:30:00.5Z"))
        #expect(events[0].validUntil == time("2025-01-01T00:00:00Z"))
        #expect(events[0].pid == nil && events[0].xid == nil)
        #expect(events[2].validUntil == nil && !events[2].createdb)     // infinity: no expiry
    }

    @Test func malformedLinesAreCountedWithTheirNumbersAndNeverFatal() throws {
        let path = temporaryPath("bad.txt")
        try """
            x |a | |create |0|0|0| |1|2|Tue, 05 Mar 2024 14:10:00:001
            1 | | |create |0|0|0| |1|2|Tue, 05 Mar 2024 14:10:00:001
            1 |a | |grant |0|0|0| |1|2|Tue, 05 Mar 2024 14:10:00:001
            1 |a | |create |2|0|0| |1|2|Tue, 05 Mar 2024 14:10:00:001
            1 |a | |create |0|0|0|soon|1|2|Tue, 05 Mar 2024 14:10:00:001
            1 |a | |create |0|0|0| |p1|2|Tue, 05 Mar 2024 14:10:00:001

            1 |a | |create |0|0|0| |1|2|Tue, 35 Mar 2024 14:10:00:001
            1 |a | |create |0|0|0| |1|2|Tue, 05 Mar 2024 14:10:00:001
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let diagnostics = quietDiagnostics()
        let events = try UserLogImporter().read(paths: [path], diagnostics: diagnostics)
        #expect(events.count == 1)
        #expect(diagnostics.malformedLines == 7)
        #expect(diagnostics.messages.map { $0.replacingOccurrences(of: path, with: "F") } == [
            "F:1: malformed line skipped: userid 'x' is not a number",
            "F:2: malformed line skipped: username is empty",
            "F:3: malformed line skipped: action 'grant' is not one of create, alter, drop, rename",
            "F:4: malformed line skipped: usecreatedb '2' is not 0 or 1",
            "F:5: malformed line skipped: valuntil 'soon' is not a time",
            "F:6: malformed line skipped: pid 'p1' is not a number",
            "F:8: malformed line skipped: record time 'Tue, 35 Mar 2024 14:10:00:001' is not like 'Tue, 05 Mar 2024 14:10:00:001'",
        ])
    }

    @Test func userLogNextToTheActivityLogGoesBeforeTheStatements() throws {
        let out = temporaryPath("ual-users.jsonl")
        var job = ImportJob(format: .useractivitylog, inputs: [sample("sample-useractivitylog.txt")], output: out)
        job.connectionLogs = [sample("sample-connectionlog.txt")]
        job.userLogs = [sample("sample_userlog.txt")]
        let (summary, _, diagnostics) = try run(job)
        #expect(summary.statements == 10 && summary.sessions == 3 && summary.users == 9)
        #expect(diagnostics.malformedLines == 3)           // one in each file
        let (header, lines) = try readAll(out)
        #expect(header.inputs?.last == sample("sample_userlog.txt"))
        let kinds = lines.map { line -> String in
            switch line {
            case .session: return "session"
            case .user: return "user"
            case .statement: return "statement"
            }
        }
        #expect(kinds == Array(repeating: "session", count: 3) + Array(repeating: "user", count: 9)
                + Array(repeating: "statement", count: 10))
    }

    @Test func s3NamedUserLogsAreOrderedByTheirTime() {
        let names = ["123456789012_redshift_us-east-1_c1_userlog_2024-03-05T15:00.gz",
                     "123456789012_redshift_us-east-1_c1_userlog_2024-03-05T14:00.gz"]
        #expect(UserActivityLogImporter.orderedPaths(names) == names.reversed())
        #expect(ImportJob.clusterFromS3Names(names) == "c1")
    }
}
