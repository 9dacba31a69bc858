import Testing
@testable import PGWire

/// WARNINGs for transaction control with nothing to do (PostgreSQL's 25001 and 25P01).
@Suite struct TransactionNoticesTests {
    @Test func controlStatements() {
        #expect(TransactionNotices.control(of: "BEGIN") == .begin)
        #expect(TransactionNotices.control(of: "  start transaction") == .begin)
        #expect(TransactionNotices.control(of: "/* c */ commit") == .end)
        #expect(TransactionNotices.control(of: "end") == .end)
        #expect(TransactionNotices.control(of: "select 1") == nil)
        #expect(TransactionNotices.control(of: "create table begin_x (a int)") == nil)
    }

    @Test func warnings() {
        #expect(TransactionNotices.warning(.begin, status: .inTransaction)?.code == "25001")
        #expect(TransactionNotices.warning(.end, status: .idle)?.code == "25P01")
        #expect(TransactionNotices.warning(.begin, status: .idle) == nil)
        #expect(TransactionNotices.warning(.end, status: .inTransaction) == nil)
    }
}
