import Foundation
import Testing
@testable import Replay

/// Expected values are read off `recordings/sample-useractivitylog.txt` by hand.
@Suite struct UserActivityLogImporterTests {
    /// (session, user, database, submitted, first line of SQL) in file order.
    static let expected: [(String, String, String, String, String)] = [
        ("pid-1073815778", "alice", "dev", "2024-03-05T14:02:07Z", "select count(*) from sales where region = 'EU';"),
        ("pid-1073877001", "etl_svc", "dev", "2024-03-05T14:02:08Z", "BEGIN;"),
        ("pid-1073877001", "etl_svc", "dev", "2024-03-05T14:02:08Z", "insert into stage.orders"),
        ("pid-1073877001", "etl_svc", "dev", "2024-03-05T14:02:09Z", "COMMIT;"),
        ("pid-1073900120", "IAM:bob", "dev", "2024-03-05T14:02:10Z", "/* dash:revenue */ SELECT sum(amount) FROM sales;"),
        ("pid-1073815778", "alice", "dev", "2024-03-05T14:02:10Z", "select region,"),
        ("pid-1073877001", "etl_svc", "dev", "2024-03-05T14:02:11Z", "copy stage.orders from 's3://bkt/orders/2024-03-05/' iam_role '' format as parquet;"),
        ("pid-1073801000", "admin", "dev", "2024-03-05T14:02:12Z", "create user carol password '***';"),
        ("pid-1073900120", "IAM:bob", "dev", "2024-03-05T14:02:13Z", "select * from sales where sale_id in (1, 2, 3) and note = 'it''s late';"),
        ("pid-1073815778.2", "alice", "analytics", "2024-03-05T14:02:14Z", "select 1;"),
    ]

    func importSample(_ name: String, connectionLog: Bool = false, redact: Bool = false) throws -> (RecordingHeader, [RecordingLine], ImportDiagnostics) {
        let out = temporaryPath("ual.jsonl")
        var job = ImportJob(format: .useractivitylog, inputs: [sample(name)], output: out)
        if connectionLog { job.connectionLogs = [sample("sample-connectionlog.txt")] }
        job.options.redactLiterals = redact
        let diagnostics = quietDiagnostics()
        _ = try job.run(diagnostics: diagnostics)
        let (header, lines) = try readAll(out)
        return (header, lines, diagnostics)
    }

    @Test(arguments: ["sample-useractivitylog.txt", "sample-useractivitylog.txt.gz"])
    func importsEveryStatementWithItsSessionUserAndTime(_ name: String) throws {
        let (header, lines, diagnostics) = try importSample(name)
        let events = statements(lines)
        #expect(events.count == Self.expected.count)
        for (event, expected) in zip(events, Self.expected) {
            #expect(event.sessionId == expected.0)
            #expect(event.user == expected.1)
            #expect(event.database == expected.2)
            #expect(event.submittedAt == time(expected.3))
            #expect(event.sql.split(separator: "\n").first.map(String.init) == expected.4)
            #expect(event.eventId == "\(event.sessionId)#\(event.sequence)")
        }
        #expect(events.filter { $0.sessionId == "pid-1073877001" }.map(\.sequence) == [1, 2, 3, 4])
        #expect(events[2].sql == "insert into stage.orders\nselect o.*\nfrom   raw.orders o\nwhere  o.loaded_at > '2024-03-05 13:00';")
        #expect(events[1...3].allSatisfy { $0.transactionId == "2612690" })
        #expect(header.source == .useractivitylog)
        #expect(header.statements == 10)
        #expect(header.malformedLines == 1)
        #expect(header.skippedStatements == 2)          // rdsdb and DEALLOCATE pdo_stmt_
        #expect(header.captureStart == time("2024-03-05T14:02:07Z"))
        #expect(header.captureEnd == time("2024-03-05T14:02:14Z"))
        #expect(diagnostics.messages.count == 1)
        #expect(diagnostics.messages[0].hasSuffix("sample-useractivitylog.txt:17: malformed line skipped: a record's first line does not match '<time>Z UTC [ db= user= pid= userid= xid= ]' LOG: <sql>") || name.hasSuffix(".gz"))
        #expect(diagnostics.messages[0].contains(":17: "))
    }

    @Test func connectionLogNamesTheSessions() throws {
        let (_, lines, diagnostics) = try importSample("sample-useractivitylog.txt", connectionLog: true)
        let sessions = lines.compactMap { if case .session(let s) = $0 { return s } else { return nil } }
        #expect(sessions.map(\.sessionId) == ["1073877001@2024-03-05T14:01:59.118000Z", "1073815778@2024-03-05T14:02:05.001000Z",
                                              "1073900120@2024-03-05T14:02:09.500000Z"])
        #expect(sessions[0].applicationName == "redshift_connector")
        #expect(sessions[0].endedAt == time("2024-03-05T14:05:44.901Z"))
        let events = statements(lines)
        #expect(events[1].sessionId == "1073877001@2024-03-05T14:01:59.118000Z")
        #expect(events[7].sessionId == "pid-1073801000")   // admin: not in the connection log
        #expect(diagnostics.malformedLines == 2)            // one in each file
    }

    @Test func redactionMovesLiteralsIntoParameters() throws {
        let (header, lines, _) = try importSample("sample-useractivitylog.txt", redact: true)
        let events = statements(lines)
        #expect(header.redactedLiterals == true)
        #expect(events[0].sql == "select count(*) from sales where region = :p1;")
        #expect(events[0].parameters == [RecordedParameter(name: "p1", value: "EU")])
        #expect(events[5].parameters == nil)                               // group by 1 / limit 10 stay
        #expect(events[6].sql.hasPrefix("copy stage.orders from 's3://"))  // COPY takes no parameters
    }

    @Test func gzipWithSeveralMembersIsReadToTheEnd() throws {
        let plain = try String(contentsOfFile: sample("sample-useractivitylog.txt"), encoding: .utf8)
        let gz = try Data(contentsOf: URL(fileURLWithPath: sample("sample-useractivitylog.txt.gz")))
        let path = temporaryPath("two-members.gz")
        try (gz + gz).write(to: URL(fileURLWithPath: path))
        let lines = LineReader(try openInput(path: path))
        var count = 0
        while try lines.next() != nil { count += 1 }
        #expect(count == 2 * plain.split(separator: "\n", omittingEmptySubsequences: false).dropLast().count)
    }

    @Test func truncatedGzipIsAnError() throws {
        let gz = try Data(contentsOf: URL(fileURLWithPath: sample("sample-useractivitylog.txt.gz")))
        let path = temporaryPath("truncated.gz")
        try gz.prefix(gz.count / 2).write(to: URL(fileURLWithPath: path))
        let lines = LineReader(try openInput(path: path))
        #expect(throws: InputError.self) { while try lines.next() != nil {} }
    }

    @Test func filterDropsInternalStatements() {
        let filter = ActivityLogFilter()
        #expect(!filter.keeps(user: "rdsdb", sql: "select 1"))
        #expect(!filter.keeps(user: "a", sql: "/* INTERNAL QUERY */ select 1"))
        #expect(!filter.keeps(user: "a", sql: "select * from t where id = $1"))
        #expect(filter.keeps(user: "a", sql: "select '$1' from t -- $2"))
        #expect(filter.keeps(user: "a", sql: "select $$ $1 $$, \"$2\" from t /* $3 */"))
        #expect(!filter.keeps(user: "a", sql: "update t set a = $12 where b = 'x'"))
        #expect(!filter.keeps(user: "a", sql: "BIND"))
        #expect(filter.keeps(user: "a", sql: "select binding from t"))
        #expect(ActivityLogFilter.isDuplicate(previous: "select 1;", current: "select 1"))
        #expect(!ActivityLogFilter.isDuplicate(previous: "begin;", current: "begin;"))
    }
}
