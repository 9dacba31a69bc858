import Foundation
import Testing
@testable import RedshiftSQL

/// `TranslationContext` (API/TranslationContext.swift): the statement clock and the backend pid.
struct TranslationContextTests {
    @Test func clockFunctionsReadTheStatementClock() throws {
        let db = try TestDatabase()
        db.now = utcDate("2021-12-31 23:59:58.250000")
        let rows = try db.run("select to_char(sysdate, 'YYYY-MM-DD HH24:MI:SS.US'), to_char(getdate(), 'HH24:MI:SS'), current_date::varchar")
        #expect(rows == [[.text("2021-12-31 23:59:58.250000"), .text("23:59:58"), .text("2021-12-31")]])
    }

    @Test func clockIsRoundedToTheMicrosecond() {
        var context = TranslationContext.empty
        context.now = Date(timeIntervalSince1970: 1_645_524_672.345_678_4)
        #expect(context.clockText == "2022-02-22 10:11:12.345678")
        context.now = nil
        #expect(context.clockText == "")
    }

    @Test func backendPidIsTheConnections() throws {
        let db = try TestDatabase()
        db.backendPid = 1_073_741_824
        #expect(try db.run("select pg_backend_pid()") == [[.integer(1_073_741_824)]])
        db.backendPid = nil
        #expect(throws: SQLError.self) { try db.run("select pg_backend_pid()") }
    }
}
