import Foundation
import HTTPTypes
import Hummingbird
import Testing
@testable import Console
@testable import Engine

/// The console's own state and rules: what it keeps of ended statements, how its list filters,
/// who it admits (issue 18, item 1).
@Suite struct ConsoleTests {
    private func event(_ id: String, user: String = "u", status: String = "FINISHED", sql: String = "select 1",
                       door: StatementDoor = .dataAPI) -> StatementEvent {
        let now = Date()
        return StatementEvent(
            statementId: id, batchId: nil, sessionId: nil, targetKind: "cluster", targetName: "c", database: "dev",
            dbUser: user, accessKeyId: "", sql: sql, parameters: [:], statementName: nil, queryGroup: nil, submittedAt: now,
            startedAt: now, endedAt: now.addingTimeInterval(0.002), status: status, error: nil, resultRows: 1, resultBytes: 1,
            redshiftQueryId: 1, redshiftPid: 1, door: door, queue: "Default queue")
    }

    @Test func keepsTheNewestStatementsUpToItsCapacity() {
        let activity = ConsoleActivity(capacity: 8)
        for index in 0..<30 { activity.statementEnded(event("s\(index)")) }
        let recent = activity.recent(limit: 100) { _ in true }
        #expect(recent.first?.event.statementId == "s29")
        #expect(recent.count >= 8 && recent.count <= 10)
        #expect(recent.map(\.sequence) == recent.map(\.sequence).sorted(by: >))
        #expect(activity.ended(id: "s0") == nil)
        #expect(activity.ended(id: "s29")?.statementId == "s29")
    }

    @Test func dropsTheRowsOfResults() {
        let activity = ConsoleActivity()
        activity.statementEnded(event("s1"))
        #expect(activity.ended(id: "s1")?.result == nil)
    }

    @Test func filtersByEveryFieldAndText() {
        let rows = [event("a", user: "alice", sql: "select * from Orders"),
                    event("b", user: "bob", status: "FAILED", sql: "select 2", door: .postgresql)].map(ConsoleViews.row)
        #expect(rows.filter(StatementFilter(user: "ALICE").accepts).map(\.id) == ["a"])
        #expect(rows.filter(StatementFilter(status: "failed").accepts).map(\.id) == ["b"])
        #expect(rows.filter(StatementFilter(door: "postgresql").accepts).map(\.id) == ["b"])
        #expect(rows.filter(StatementFilter(text: "orders").accepts).map(\.id) == ["a"])
        #expect(rows.filter(StatementFilter(user: "").accepts).count == 2)
        #expect(rows.filter(StatementFilter(queue: "Default queue", text: "select").accepts).count == 2)
    }

    private func request(_ target: String, headers: HTTPFields = [:]) -> Request {
        Request(head: HTTPRequest(method: .get, scheme: "http", authority: "x", path: target, headerFields: headers),
                body: RequestBody(buffer: ByteBuffer()))
    }

    @Test func withATokenOnlyRequestsCarryingItAreAdmitted() {
        let access = ConsoleAccess(token: "abc123")
        #expect(!access.admits(request("/console")))
        #expect(!access.admits(request("/console?token=nope")))
        #expect(access.admits(request("/console?token=abc123")))
        #expect(access.admits(request("/console/api/x", headers: [.authorization: "Bearer abc123"])))
        #expect(access.admits(request("/console/api/x", headers: [.cookie: "a=b; emulatord_console=abc123"])))
        #expect(!access.admits(request("/console/api/x", headers: [.cookie: "emulatord_console=abc1234"])))
        #expect(ConsoleAccess(token: nil).admits(request("/console")))
    }

    @Test func assetsAreShippedAndSmall() throws {
        for name in ConsoleAssets.names { #expect(ConsoleAssets.files[name] != nil, "\(name)") }
        #expect(ConsoleAssets.pageWeight < 100_000)
        #expect(throws: HTTPError.self) { try ConsoleAssets.response(named: "../Package.swift") }
    }
}
