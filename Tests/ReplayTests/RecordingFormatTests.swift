import Foundation
import Testing
@testable import Replay

@Suite struct RecordingFormatTests {
    static func statement(_ n: Int) -> RecordedStatement {
        var s = RecordedStatement(eventId: "e\(n)", sessionId: "s\(n % 3)", sequence: n, user: "alice", database: "dev",
                                  sql: "select \(n) as \"q\"\n-- tab\there \\ ünïcödé", submittedAt: time("2024-03-05T14:02:07.000001Z").adding(microseconds: Int64(n)))
        s.clusterIdentifier = "c1"
        s.queryGroup = n.isMultiple(of: 2) ? "etl" : nil
        s.transactionId = "x\(n)"
        s.parameters = [RecordedParameter(name: "p1", value: "it's \"quoted\"")]
        s.startedAt = s.submittedAt.adding(microseconds: 10)
        s.endedAt = s.submittedAt.adding(microseconds: 1_234_567)
        s.durationMicros = 1_234_567
        s.status = n == 3 ? "FAILED" : "FINISHED"
        s.error = n == 3 ? "ERROR: relation \"x\" does not exist" : nil
        s.resultRows = Int64(n)
        s.resultBytes = 8
        s.resultFingerprint = "sha256:abc"
        s.redshiftQueryId = 100_000 + Int64(n)
        s.redshiftPid = 1_073_741_001
        return s
    }

    @Test func roundTripKeepsEveryField() throws {
        let path = temporaryPath("round.jsonl")
        var header = RecordingHeader(source: .serve)
        header.cluster = "c1"
        let writer = try RecordingWriter(path: path, header: header)
        var session = RecordedSession(sessionId: "s0", user: "alice", database: "dev")
        session.startedAt = time("2024-03-05T14:00:00.5Z")
        writer.write(.session(session))
        let written = (1...50).map(Self.statement)
        for s in written { writer.write(.statement(s)) }
        writer.updateHeader { $0.malformedLines = 2 }
        try writer.close()

        let (readHeader, lines) = try readAll(path)
        #expect(readHeader.version == "1.0")
        #expect(readHeader.source == .serve)
        #expect(readHeader.statements == 50)
        #expect(readHeader.malformedLines == 2)
        #expect(readHeader.captureStart == written.first!.submittedAt)
        #expect(readHeader.captureEnd == written.last!.endedAt)
        #expect(lines.first == .session(session))
        #expect(statements(lines) == written)
    }

    @Test func timesHaveSixFractionDigitsInUTC() throws {
        #expect(time("2024-03-05T14:02:07Z").iso8601 == "2024-03-05T14:02:07.000000Z")
        #expect(time("2024-03-05 14:02:07.1234567").iso8601 == "2024-03-05T14:02:07.123456Z")
        #expect(time("2024-03-05 16:02:07.5+02:00").iso8601 == "2024-03-05T14:02:07.500000Z")
        #expect(time("1969-12-31T23:59:59.999999Z").microsecondsSinceEpoch == -1)
        #expect(time("2024-02-29T00:00:00Z").microsecondsSinceEpoch == 1_709_164_800_000_000)
        #expect(RecordingTime(iso8601: "yesterday") == nil)
    }

    @Test func readerRejectsAnotherMajorVersion() throws {
        let path = temporaryPath("v2.jsonl")
        try #"{"format":"redshift-emulator-recording","version":"2.0","source":"serve","tool":"x"}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RecordingError.unsupportedVersion(path: path, version: "2.0")) { try RecordingReader(path: path) }
        let message = "\(RecordingError.unsupportedVersion(path: path, version: "2.0"))"
        #expect(message.contains("version 2.0 is not supported"))
    }

    @Test func readerIgnoresUnknownFieldsAndKinds() throws {
        let path = temporaryPath("v1-1.jsonl")
        let text = """
            {"format":"redshift-emulator-recording","version":"1.7","source":"proxy","tool":"future","newField":{"a":1}}
            {"kind":"annotation","text":"from a future minor version"}
            {"kind":"statement","eventId":"a","sessionId":"s","sequence":1,"user":"u","database":"dev","sql":"select 1","submittedAt":"2024-03-05T14:02:07.000000Z","futureField":[1,2]}

            """
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let (header, lines) = try readAll(path)
        #expect(header.version == "1.7")
        #expect(statements(lines).map(\.sql) == ["select 1"])
    }

    @Test func readerRejectsWhatIsNotARecording() throws {
        let path = temporaryPath("not.jsonl")
        try "hello\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RecordingError.self) { try RecordingReader(path: path) }
    }

    @Test func headerGrowsBeyondItsReservedRoom() throws {
        let path = temporaryPath("big-header.jsonl")
        let writer = try RecordingWriter(path: path, header: RecordingHeader(source: .useractivitylog))
        writer.write(.statement(Self.statement(1)))
        writer.updateHeader { $0.inputs = (1...40).map { "/very/long/path/to/an/input/file-\($0).gz" } }
        try writer.close()
        let (header, lines) = try readAll(path)
        #expect(header.inputs?.count == 40)
        #expect(statements(lines) == [Self.statement(1)])
    }

    @Test func writerAppliesBackPressureWithoutLosingLines() throws {
        let path = temporaryPath("many.jsonl")
        let writer = try RecordingWriter(path: path, header: RecordingHeader(source: .serve), capacity: 16)
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for n in 0..<500 { writer.write(.statement(Self.statement(worker * 1000 + n))) }
        }
        try writer.close()
        let (header, lines) = try readAll(path)
        #expect(header.statements == 2000)
        #expect(Set(statements(lines).map(\.eventId)).count == 2000)
    }

    @Test(arguments: ["sample-serve.jsonl", "sample-useractivitylog.jsonl", "sample-pg.jsonl"])
    func sampleRecordingsRead(_ name: String) throws {
        let (header, lines) = try readAll(sample(name))
        let events = statements(lines)
        #expect(header.statements == events.count)
        #expect(!events.isEmpty)
        var sequences: [String: Int] = [:]
        for event in events.sorted(by: { ($0.submittedAt, $0.sequence) < ($1.submittedAt, $1.sequence) }) {
            #expect(event.sequence == (sequences[event.sessionId] ?? 0) + 1)
            sequences[event.sessionId] = event.sequence
        }
    }
}
